/* lvm_table.h - the device-mapper table that maps an LV, as lvm2's
 * lib/activate/dev_manager.c builds it for striped segments. */
#ifndef KD_LVM_TABLE_H
#define KD_LVM_TABLE_H

#include "error.h"
#include "lvm_vg.h"

/* LV lv's table, a line per segment as dmsetup prints it, in sectors:
 *
 *	<start> <length> linear <major>:<minor> <offset>
 *	<start> <length> striped <stripes> <chunk> <major>:<minor> <offset> ...
 *
 * where a stripe's offset is its PV's pe_start plus its first extent
 * times extent_size.  Each PV the LV uses must have been found on one
 * device (vg->pv[].found, major, minor) big enough for the extents used.
 * A new string (free() it), or NULL with e->code ENODEV (a PV is not
 * there), EEXIST (on two devices) or EINVAL (a device is too small). */
char *kd_lvm_table(const struct kd_lvm_vg *vg, const struct kd_lvm_lv *lv,
		   struct kd_error *e);

#endif
