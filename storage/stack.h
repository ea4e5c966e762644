/* stack.h - what a block device is built on, from sysfs: a plain disk or
 * partition, or a device kdump-init cannot set up (yet): an LVM logical
 * volume, dm-crypt (LUKS), multipath or another device-mapper target, an
 * MD RAID array, an iSCSI disk. */
#ifndef KD_STACK_H
#define KD_STACK_H

enum kd_stack {
	KD_STACK_PLAIN, KD_STACK_LVM, KD_STACK_CRYPT, KD_STACK_MULTIPATH,
	KD_STACK_DM, KD_STACK_MD, KD_STACK_ISCSI,
};

/* The kind of block device `name` (sda1, dm-0) under the sysfs tree at
 * sys ("/sys" on a live system). */
enum kd_stack kd_stack_of(const char *sys, const char *name);

/* One line for kdumpctl: why the capture kernel cannot use it; NULL for
 * the kinds it sets up (plain, LVM and MD: lvm.h and md.h say which of
 * those it can). */
const char *kd_stack_refusal(enum kd_stack kind);

#endif
