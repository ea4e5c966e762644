/* lvm.h - an LVM logical volume as the dump target, without lvm2's tools
 * (too big for the capture initramfs) and without udev.
 *
 * The first kernel (kdumpctl) describes the LV a target is on, by ids;
 * the capture kernel (kdump-init) finds the VG's PVs, reads the current
 * metadata from them and maps the LV with device-mapper as lvm would,
 * through one and the same code path (kd_lvm_plan).  Linear, striped,
 * thin and raid1 LVs are mapped (lvm_vg.h says what is refused and
 * why). */
#ifndef KD_LVM_H
#define KD_LVM_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"

struct kd_lv_ref {
	char vg_uuid[40], lv_uuid[40];	/* as lvm prints them, with dashes */
	char vg_name[128], lv_name[128];
	uint64_t seqno;			/* of the metadata the first kernel saw */
	char modules[64];		/* the targets' modules ("dm_raid raid1"),
					 * not in the layer line */
};

/* First kernel: device-mapper device dm_name ("dm-0") is an LV: its ref,
 * from sysfs (dm/uuid, "LVM-<vg id><lv id>") and the metadata on the PVs
 * found in /sys/class/block, read as the capture kernel will.  -1 with
 * a one-line reason when the capture kernel could not activate it: not
 * a top-level LV, a segment type it does not map, an LV something else
 * in the VG uses, a PV missing, metadata unreadable. */
int kd_lvm_describe(const char *dm_name, struct kd_lv_ref *ref, struct kd_error *e);

/* Capture kernel: map the LV of ref from the current metadata on its PVs
 * (an LV extended or moved since the image was made maps as it is now;
 * a different seqno is logged) and make /dev/mapper/<vg>-<lv> (dashes
 * doubled), with lvm's device-mapper uuid, and before it the devices of
 * the LVs it is built on, as lvm names them (a thin pool's status must
 * show the transaction the metadata records, writable).  0 and that
 * path in dev, or -1; e->code ENODEV says some PV is not there (yet):
 * the caller may retry until its timeout (nothing here waits).  A
 * partial LV is never mapped; with degraded, a raid1 LV is mapped
 * without the images whose PVs are not there (as lvm's activation_mode
 * "degraded"), when one image at least is whole. */
int kd_lvm_activate(const struct kd_lv_ref *ref, int degraded, char *dev, size_t size,
		    struct kd_error *e);

/* A device-mapper device to make: tables name the devices made before
 * it as "@N" (lvm_table.h). */
struct kd_lvm_dmdev {
	char name[128];
	char uuid[129];
	char *table;
	int pool;				/* a thin pool */
};

/* a raid1 LV of KD_LVM_MAX_LEGS images and itself */
#define KD_LVM_PLAN_DEVS 9

/* What activating would do, without doing it. */
struct kd_lvm_plan {
	char vg_name[128], lv_name[128];	/* now */
	char vg_uuid[40], lv_uuid[40];		/* with dashes */
	uint64_t seqno;				/* of the metadata used */
	uint64_t transaction_id;		/* a thin LV's pool's */
	char modules[64];			/* the targets' kernel modules */
	size_t ndev;				/* the LV's own device last */
	struct kd_lvm_dmdev dev[KD_LVM_PLAN_DEVS];
};

/* The plan for the LV of ids vg_id and lv_id (with or without dashes),
 * scanning the sysfs tree at sys for PVs opened in devdir ("/sys" and
 * "/dev" but in tests).  kd_lvm_plan_free(p) in both cases. */
int kd_lvm_plan(const char *sys, const char *devdir, const char *vg_id,
		const char *lv_id, int degraded, struct kd_lvm_plan *p,
		struct kd_error *e);
void kd_lvm_plan_free(struct kd_lvm_plan *p);

/* kd_lvm_describe on the sysfs tree at sys, PVs opened in devdir. */
int kd_lvm_describe_at(const char *sys, const char *devdir, const char *dm_name,
		       struct kd_lv_ref *ref, struct kd_error *e);

#endif
