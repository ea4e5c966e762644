/* targetspec.h - the dump target as kdump-init will look for it.
 *
 * The capture kernel has devtmpfs but no udev: a tag (UUID=, LABEL=,
 * PARTUUID=, PARTLABEL=, SERIAL=) and a kernel device name (/dev/sdb1)
 * are looked for as written; any other path (/dev/disk/by-id/..., by-path,
 * by-partlabel, a symlink of one's own) is resolved here, in the first
 * kernel, to what identifies its device: the filesystem's UUID, the
 * partition's PARTUUID, or the disk's serial number. */
#ifndef KD_TARGETSPEC_H
#define KD_TARGETSPEC_H

#include <stddef.h>
#include "error.h"
#include "kdump_conf.h"

/* The spec for the image's kdump.conf in out (the target as written when
 * nothing needs resolving), for a target that is present (validate.c
 * checked).  -1 with the reason when it cannot be identified. */
int kd_target_spec(const struct kdump_conf *conf, char *out, size_t size,
		   struct kd_error *e);

/* The root filesystem as the capture kernel finds it (for kdump.root=):
 * the UUID= of the filesystem mounted on /, whatever root= named it by
 * (/dev/mapper/vg-root, /dev/vg/root, /dev/md0, /dev/disk/by-uuid/...:
 * names only udev makes).  -1 when / is not on a block device with a
 * filesystem UUID: then root= is passed on as it is. */
int kd_root_spec(char *out, size_t size);

#endif
