/* STUB for integration; replaced by the lvm branch */
#ifndef KD_LVM_H
#define KD_LVM_H
#include <stddef.h>
#include <stdint.h>
#include "error.h"
struct kd_lv_ref {
	char vg_uuid[40], lv_uuid[40];
	char vg_name[128], lv_name[128];
	uint64_t seqno;
};
int kd_lvm_describe(const char *dm_name, struct kd_lv_ref *ref, struct kd_error *e);
int kd_lvm_activate(const struct kd_lv_ref *ref, char *dev, size_t size, struct kd_error *e);
#endif
