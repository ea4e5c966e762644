/* lvm_scan.h - find a VG's PVs among the block devices sysfs lists, and
 * the newest copy of its metadata, as lvm's label scan does, without
 * udev: the same code in the first kernel (kdumpctl) and in the capture
 * kernel.
 *
 * Disks, partitions, MD arrays and loop devices are read; device-mapper
 * devices are not (an LV is no PV here, and a PV on multipath or
 * dm-crypt cannot be opened by the capture kernel), nor the members of
 * an MD array (the array is read instead). */
#ifndef KD_LVM_SCAN_H
#define KD_LVM_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "lvm_label.h"
#include "lvm_vg.h"

#define KD_LVM_MAX_DEVS 4096

struct kd_lvm_pvdev {
	char name[64];			/* "sdb1" */
	unsigned major, minor;
	uint64_t sectors;
	char pv_id[KD_LVM_ID_LEN + 1];
};

struct kd_lvm_found {
	struct kd_lvm_pvdev *dev;	/* every PV seen, of any VG */
	size_t dev_count, dev_cap;
	char *text;			/* the newest copy of the VG's metadata */
	size_t len;
	uint64_t seqno;
	uint32_t checksum;
	char text_dev[64];		/* where it was read */
	unsigned copies;		/* copies of the VG's metadata read */
	uint64_t oldest;		/* the lowest seqno among them, */
	char oldest_dev[64];		/* and where */
	char conflict_dev[64];		/* a different text of the same seqno */
};

/* Scan the block devices of the sysfs tree at sys ("/sys"), opened in
 * devdir ("/dev"), for the PVs and metadata of the VG of id vg_id (32
 * characters).  0 with the newest metadata in f (the newest wins, as in
 * lvm; two different copies of the same seqno are refused, as lvm
 * refuses to activate such a VG), or -1: ENODEV when no copy was found
 * (no PV of the VG there yet, or none of its copies readable), EINVAL
 * for a conflict.  kd_lvm_found_free(f) in both cases. */
int kd_lvm_scan(const char *sys, const char *devdir, const char *vg_id,
		struct kd_lvm_found *f, struct kd_error *e);
void kd_lvm_found_free(struct kd_lvm_found *f);

/* Where each PV of vg is: vg->pv[].found (how many devices hold it),
 * dev, major, minor and sectors, from the devices f saw. */
void kd_lvm_match_pvs(const struct kd_lvm_found *f, struct kd_lvm_vg *vg);

#endif
