/* layer.h - one layer of the storage stack under a dump target.
 *
 * kdumpctl records the layers in the capture initramfs, one line each,
 * bottom up (/etc/kdump/stack), and kdump-init sets them up in that order
 * as their devices appear:
 *
 *	md <array uuid>
 *	lvm <vg uuid> <lv uuid> <vg name> <lv name> <metadata seqno>
 *
 * Names and UUIDs hold no blanks (lvm and mdadm allow none). */
#ifndef KD_LAYER_H
#define KD_LAYER_H

#include <stddef.h>
#include "lvm.h"

#define KD_STACK_FILE "/etc/kdump/stack"

enum kd_layer_kind { KD_LAYER_MD, KD_LAYER_LVM };

struct kd_layer {
	enum kd_layer_kind kind;
	char md_uuid[40];		/* md */
	struct kd_lv_ref lv;		/* lvm */
};

/* 0 and the layer, or -1 when the line is not one of the two forms. */
int kd_layer_parse(const char *line, struct kd_layer *l);

/* The line for l (no newline); -1 when it does not fit. */
int kd_layer_format(const struct kd_layer *l, char *out, size_t size);

#endif
