/* blockdev.h - find a block device by path, LABEL=, UUID=, PARTUUID=,
 * PARTLABEL= (a GPT partition's name) or SERIAL= (a whole disk's serial
 * number, as sysfs shows it), waiting for it to appear.
 *
 * There is no udev in the capture initramfs: devtmpfs provides the nodes
 * and /sys/class/block lists them; tags are resolved by reading the
 * superblocks (probe.h).  Waiting prints what it waits for and gives up
 * after the timeout. */
#ifndef KD_BLOCKDEV_H
#define KD_BLOCKDEV_H

#include <stddef.h>
#include "error.h"

/* How many devices `spec` names now (a path: 1 when it is a block device),
 * the first one's /dev path in out, by its kernel name (/dev/dm-3 for
 * /dev/mapper/vg-lv or /dev/vg/lv, /dev/sdb1 for a by-id link) when
 * /dev has that node.  More than one for a tag means the
 * capture kernel could pick another device than meant. */
int kd_blockdev_count(const char *spec, char *out, size_t size);

/* What identifies block device dev (a /dev/NAME path) without udev: the
 * filesystem's UUID= (not for raw targets: a dump overwrites it), else the
 * partition's PARTUUID=, else a whole disk's SERIAL=.  0, or -1 when it
 * has none of them. */
int kd_blockdev_identity(const char *dev, int raw, char *out, size_t size);

/* Resolve `spec` once: 0 and the /dev path in out, or -1 (not there yet). */
int kd_blockdev_find(const char *spec, char *out, size_t size);

/* Resolve `spec`, polling until `timeout` seconds have passed. */
/* poll (when not NULL) runs before every look, with the seconds waited so
 * far: it sets up what the device is built on as its parts appear
 * (kdump-init's LVM and MD layers). */
typedef void (*kd_blockdev_poll)(void *ctx, int waited, int timeout);
int kd_blockdev_wait(const char *spec, int timeout, char *out, size_t size,
		     kd_blockdev_poll poll, void *ctx, struct kd_error *e);

#endif
