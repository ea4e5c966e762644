/* stackup.h - bring up the storage layers the image lists (layer.h, in
 * /etc/kdump/stack): MD arrays and LVM volumes, bottom up, each as soon
 * as the devices it is built on are there.  kdump-init calls
 * kd_stack_step on every poll while it waits for the target, so the wait
 * stays bounded by disk_timeout. */
#ifndef KD_STACKUP_H
#define KD_STACKUP_H

#include "error.h"
#include "layer.h"

#define KD_STACK_MAX 8

struct kd_stack {
	struct kd_layer layer[KD_STACK_MAX];
	char dev[KD_STACK_MAX][300];	/* the device once it is up */
	int n, up;			/* layers, and how many are up */
	char why[512];			/* why the next one is not up yet */
};

/* Read the layers; a missing file is no layers.  -1 when a line is not
 * one of layer.h's (the image is then not kdumpctl's). */
int kd_stack_load(struct kd_stack *s, const char *file, struct kd_error *e);

/* Set up the layers that can be set up now, in order; a poll callback
 * for kd_blockdev_wait (ctx: the struct kd_stack).  An MD array missing a
 * member is started degraded only once half of the wait (at most 20 s)
 * has passed: a member that comes a moment later is not left behind. */
void kd_stack_step(void *ctx, int waited, int timeout);

#endif
