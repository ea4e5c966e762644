/* lvm_plan.h - the device-mapper devices that map an LV (lvm.h's plan). */
#ifndef KD_LVM_PLAN_H
#define KD_LVM_PLAN_H

#include "error.h"
#include "lvm.h"
#include "lvm_vg.h"

/* Append LV lv's devices to p (p->dev[p->ndev] on), the LV's own last,
 * with the modules their targets need; with degraded, raid1 images whose
 * PVs are not there are left out (lvm.h, kd_lvm_activate).  -1 and e as
 * kd_lvm_table sets it. */
int kd_lvm_devices(const struct kd_lvm_vg *vg, const struct kd_lvm_lv *lv,
		   int degraded, struct kd_lvm_plan *p, struct kd_error *e);

#endif
