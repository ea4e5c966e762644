/* blockdev.h - find a block device by path, LABEL=, UUID=, PARTUUID= or
 * PARTLABEL=, waiting for it to appear.
 *
 * There is no udev in the capture initramfs: devtmpfs provides the nodes
 * and /sys/class/block lists them; tags are resolved by reading the
 * superblocks (probe.h).  Waiting prints what it waits for and gives up
 * after the timeout. */
#ifndef KD_BLOCKDEV_H
#define KD_BLOCKDEV_H

#include <stddef.h>
#include "error.h"

/* Resolve `spec` once: 0 and the /dev path in out, or -1 (not there yet). */
int kd_blockdev_find(const char *spec, char *out, size_t size);

/* Resolve `spec`, polling until `timeout` seconds have passed. */
int kd_blockdev_wait(const char *spec, int timeout, char *out, size_t size,
		     struct kd_error *e);

#endif
