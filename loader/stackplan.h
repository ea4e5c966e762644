/* stackplan.h - the storage stack under a block device, for the capture
 * initramfs: the layers kdump-init must set up (layer.h), the kernel
 * modules they need, and the plain disks and partitions at the bottom,
 * whose drivers go into the image too.
 *
 * LVM logical volumes (linear and striped segments) and MD RAID arrays,
 * also LVM on MD, are described with the same code kdump-init uses to
 * set them up; everything else kdump-init cannot do is refused with the
 * reason (stack.h). */
#ifndef KD_STACKPLAN_H
#define KD_STACKPLAN_H

#include <stddef.h>
#include "error.h"

#define KD_STACK_MAX_LEAVES 16

struct kd_stack_plan {
	char lines[2048];		/* the layers, bottom up, "\n" after each */
	char modules[512];		/* space-separated */
	char leaves[KD_STACK_MAX_LEAVES][64];	/* /dev/NAME of the plain devices */
	int nleaves;
	char mapper[300];		/* /dev/mapper/<vg>-<lv> when the top is
					 * an LV, else "" */
};

/* Add the stack under block device `dev` (a /dev path, links resolved) to
 * sp (which the caller zeroed: several devices may share one plan); 0, or
 * -1 with the reason. */
int kd_stack_plan(const char *dev, struct kd_stack_plan *sp, struct kd_error *e);

#endif
