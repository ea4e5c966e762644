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

/* The tables of an LV built on others (lib/thin/thin.c, lib/raid/raid.c
 * and libdm's deptree), which name the devices below as "@N", N being
 * the device's place in the plan (lvm.h); kd_lvm_table_resolve puts
 * their numbers there once they exist:
 *
 *	0 <length> thin-pool @<meta> @<data> <chunk> 0 <#features> <feature>...
 *	0 <length> thin @<pool> <device id>
 *	0 <length> raid raid1 3 0 region_size <sectors> <legs> @<meta> @<image> ...
 *
 * (the pool's low water mark 0: no dm event; "- -" for a raid1 leg
 * whose place is -1, missing).  New strings, or NULL. */
char *kd_lvm_pool_table(const struct kd_lvm_vg *vg, const struct kd_lvm_lv *thin,
			unsigned meta, unsigned data, struct kd_error *e);
char *kd_lvm_thin_table(const struct kd_lvm_vg *vg, const struct kd_lvm_lv *thin,
			unsigned pool, struct kd_error *e);
char *kd_lvm_raid1_table(const struct kd_lvm_vg *vg, const struct kd_lvm_lv *lv,
			 const int *place, struct kd_error *e);

/* table with each "@N" replaced by "<major>:<minor>" of num[N] (N < n):
 * a new string, or NULL for an N out of range. */
char *kd_lvm_table_resolve(const char *table, const unsigned (*num)[2], size_t n,
			   struct kd_error *e);

#endif
