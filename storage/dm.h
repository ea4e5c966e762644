/* dm.h - make a device-mapper device through the kernel's ioctls on
 * /dev/mapper/control (include/uapi/linux/dm-ioctl.h), as dmsetup create
 * does, without libdevmapper and without udev. */
#ifndef KD_DM_H
#define KD_DM_H

#include <stddef.h>
#include "error.h"

struct dm_ioctl;

/* The DM_TABLE_LOAD request for device name and a table as dmsetup
 * takes it ("<start> <length> <target> <parameters>" a line): a struct
 * dm_ioctl followed by one struct dm_target_spec per line, each followed
 * by its NUL-terminated parameters padded to 8 bytes.  A new buffer
 * (free() it), or NULL for a malformed line. */
struct dm_ioctl *kd_dm_table_request(const char *name, const char *table,
				     struct kd_error *e);

/* Create device name with uuid and table, and make the table live
 * (DM_DEV_CREATE, DM_TABLE_LOAD, DM_DEV_SUSPEND to resume); its device
 * number in *major and *minor.  The kernel's device-mapper interface
 * must be version 4 (DM_VERSION, checked first).  A device already
 * there with the same uuid and a live table is taken as it is; after a
 * failure nothing is left behind. */
int kd_dm_create(const char *name, const char *uuid, const char *table,
		 unsigned *major, unsigned *minor, struct kd_error *e);

/* Remove device name, if it is there and unused (a best effort). */
void kd_dm_remove(const char *name);

/* The status line of device name's first target (DM_TABLE_STATUS, as
 * dmsetup status prints it after the target's name) into out. */
int kd_dm_status(const char *name, char *out, size_t size, struct kd_error *e);

/* The block device node /dev/mapper/<name> for major:minor, which udev
 * would make: its path in out (devtmpfs makes only /dev/dm-N). */
int kd_dm_node(const char *name, unsigned major, unsigned minor,
	       char *out, size_t size, struct kd_error *e);

#endif
