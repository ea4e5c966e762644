/* lvm_vg.h - a volume group, its physical volumes and one of its logical
 * volumes, read from the metadata tree (lvm_text.h) as lvm2's
 * lib/format_text/import_vsn1.c reads them.
 *
 * Only what the capture kernel can map is accepted: an LV made of
 * "striped" segments (a linear LV is one stripe) on PVs of its own VG,
 * a thin LV (its pool's metadata and data LVs striped), or a raid1 LV
 * (its metadata and image LVs striped); and nothing else in the VG may
 * use it but thin snapshots.  Everything else (raid0/4/5/6/10, the old
 * mirror type, cache, writecache, vdo, integrity, snapshots and their
 * origins, LVs stacked on LVs as pvmove makes them) is refused, with
 * its name: mapping such an LV as if it were plain would write past
 * what keeps it consistent. */
#ifndef KD_LVM_VG_H
#define KD_LVM_VG_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "lvm_label.h"
#include "lvm_text.h"

#define KD_LVM_MAX_STRIPES 128		/* lvm's own limit */
#define KD_LVM_MAX_LEGS 4		/* raid1 images mapped */

struct kd_lvm_pv {
	char name[64];			/* "pv0": how segments name it */
	char id[KD_LVM_ID_LEN + 1];
	char device[128];		/* where lvm last saw it (a hint) */
	uint64_t pe_start;		/* sectors */
	uint64_t pe_count;
	int missing;			/* lvm marked it MISSING */
	/* where it is now (kd_lvm_match_pvs, lvm_scan.h) */
	unsigned found;			/* how many devices hold it */
	char dev[64];			/* "sdb1" */
	unsigned major, minor;
	uint64_t sectors;		/* the device's size */
};

struct kd_lvm_area {
	size_t pv;			/* index in vg->pv */
	uint64_t pe;			/* first extent on that PV */
};

struct kd_lvm_seg {
	uint64_t start_extent, extent_count;	/* in the LV; all stripes */
	unsigned stripe_count;
	uint64_t stripe_size;		/* sectors; 0 with one stripe */
	struct kd_lvm_area *area;	/* stripe_count of them */
};

enum kd_lvm_kind { KD_LVM_STRIPED, KD_LVM_THIN, KD_LVM_RAID1 };

/* thin-pool features, as the device-mapper target names them */
#define KD_LVM_SKIP_ZEROING	1u	/* zero_new_blocks = 0 */
#define KD_LVM_IGNORE_DISCARD	2u	/* discards = "ignore" */
#define KD_LVM_NO_PASSDOWN	4u	/* discards = "nopassdown" */
#define KD_LVM_ERROR_IF_FULL	8u	/* error_when_full = 1 */

struct kd_lvm_lv {
	char name[128];
	char id[KD_LVM_ID_LEN + 1];
	enum kd_lvm_kind kind;
	uint64_t extent_count;		/* the LV's size */
	size_t seg_count;		/* striped: its segments */
	struct kd_lvm_seg *seg;		/* sorted, contiguous from extent 0 */
	/* thin and raid1: the striped LVs it is built from, in the order
	 * the table names them: thin: the pool's metadata and data LVs;
	 * raid1: each image's metadata LV, then the image */
	size_t sub_count;
	struct kd_lvm_lv *sub;
	/* thin: its id in the pool, and the pool (a thin-pool segment) */
	uint64_t device_id;
	char pool[128];
	char pool_id[KD_LVM_ID_LEN + 1];
	uint64_t pool_extents, chunk_size, transaction_id;
	unsigned pool_features;		/* KD_LVM_SKIP_ZEROING ... */
	/* raid1 */
	uint64_t region_size;		/* sectors */
};

struct kd_lvm_vg {
	char name[128];
	char id[KD_LVM_ID_LEN + 1];
	uint64_t seqno;
	uint64_t extent_size;		/* sectors */
	int exported;			/* vgexport: lvm will not activate it */
	char lock_type[16];		/* a shared VG: "sanlock", "dlm" */
	size_t pv_count;
	struct kd_lvm_pv *pv;
	const struct kd_lvm_tree *tree;	/* what it was read from */
	const struct kd_lvm_node *sec;	/* the VG's section */
};

/* The VG a metadata text describes, with its PVs; kd_lvm_vg_free(vg)
 * after.  vg keeps pointers into t: free t after vg. */
int kd_lvm_vg_read(const struct kd_lvm_tree *t, struct kd_lvm_vg *vg,
		   struct kd_error *e);
void kd_lvm_vg_free(struct kd_lvm_vg *vg);

/* The LV of id lv_id (32 characters) and its segments, refused when the
 * capture kernel could not map it (e->code ENOENT: no such LV; EINVAL:
 * it cannot be mapped, the message says why).  kd_lvm_lv_free(lv)
 * after. */
int kd_lvm_lv_read(const struct kd_lvm_vg *vg, const char *lv_id,
		   struct kd_lvm_lv *lv, struct kd_error *e);
void kd_lvm_lv_free(struct kd_lvm_lv *lv);

/* For lvm_layered.c: the section of LV name; an LV's striped segments
 * read from its section n; the one segment of LV section n and its type
 * (NULL when it has several or no type). */
const struct kd_lvm_node *kd_lvm_lv_by_name(const struct kd_lvm_vg *vg, const char *name);
int kd_lvm_segs_read(const struct kd_lvm_vg *vg, const struct kd_lvm_node *n,
		     struct kd_lvm_lv *lv, struct kd_error *e);
const struct kd_lvm_node *kd_lvm_only_segment(const struct kd_lvm_tree *t,
					      const struct kd_lvm_node *n,
					      const char **type);

/* lvm_layered.c: LV lv (name and id set) of section n, a "thin" or
 * "raid1" segment seg, with the LVs it is built from. */
int kd_lvm_thin_read(const struct kd_lvm_vg *vg, const struct kd_lvm_node *seg,
		     struct kd_lvm_lv *lv, struct kd_error *e);
int kd_lvm_raid1_read(const struct kd_lvm_vg *vg, const struct kd_lvm_node *seg,
		      struct kd_lvm_lv *lv, struct kd_error *e);

#endif
