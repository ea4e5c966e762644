/* lvm_label.h - the binary part of an LVM2 physical volume: the label
 * ("LABELONE" in one of the first four sectors) with its PV header, and
 * the header of each metadata area, which says where in the area's
 * circular buffer the current metadata text is (lvm2's
 * lib/format_text/layout.h and lib/label/label.h).
 *
 * Everything is read through a kd_read_fn (probe.h), so that images in
 * memory can be tested and fuzzed.  Everything on disk is little-endian. */
#ifndef KD_LVM_LABEL_H
#define KD_LVM_LABEL_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "probe.h"

#define KD_LVM_ID_LEN 32		/* an lvm id without its dashes */
#define KD_LVM_MAX_MDA 2		/* pvcreate writes at most two */
/* The largest metadata text read: lvm keeps a text to at most half its
 * area, whose default is 1 MiB; the capture kernel may have less than
 * 100 MiB in all. */
#define KD_LVM_MAX_TEXT (4u << 20)
#define KD_LVM_INITIAL_CRC 0xf597a6cfu

struct kd_lvm_label {
	char pv_id[KD_LVM_ID_LEN + 1];	/* no dashes */
	uint64_t sector;		/* where the label is: 0 to 3 */
	uint64_t dev_size;		/* bytes, when pvcreate ran */
	uint64_t data_offset;		/* bytes: the first data area */
	unsigned mda_count;
	struct {
		uint64_t offset, size;	/* bytes from the device's start */
	} mda[KD_LVM_MAX_MDA];
};

/* Where the committed metadata text of one area is. */
struct kd_lvm_locn {
	uint64_t area;			/* the area's offset on the device */
	uint64_t area_size;		/* from its header: the buffer wraps there */
	uint64_t offset, size;		/* the text, relative to the area */
	uint32_t checksum;		/* lvm's crc of the whole text */
};

/* lvm's CRC-32 (reflected, polynomial 0xedb88320, no final inversion),
 * continued from crc; start with KD_LVM_INITIAL_CRC. */
uint32_t kd_lvm_crc(uint32_t crc, const void *buf, size_t len);

/* The PV label of a device: 0, or -1 with e->code ENOENT when there is
 * no label (not a PV), EINVAL when it is damaged, else the read error. */
int kd_lvm_read_label(kd_read_fn read, void *ctx, struct kd_lvm_label *l,
		      struct kd_error *e);

/* The header of the metadata area at offset: 0 and where its text is,
 * or -1 (ENOENT: the area holds no metadata, as on a PV in no VG, or
 * lvm was told to ignore it; EINVAL: damaged). */
int kd_lvm_read_mda(kd_read_fn read, void *ctx, uint64_t offset,
		    struct kd_lvm_locn *loc, struct kd_error *e);

/* The text at loc, joined when it wraps and checked against its crc:
 * a new NUL-terminated buffer (free() it) and its length without the
 * NUL bytes lvm ends it with. */
int kd_lvm_read_text(kd_read_fn read, void *ctx, const struct kd_lvm_locn *loc,
		     char **text, size_t *len, struct kd_error *e);

#endif
