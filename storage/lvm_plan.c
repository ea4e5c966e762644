/* lvm_plan.c - the device-mapper devices an LV needs, in the order they
 * are made, named as lvm names them: a striped LV is one device; a thin
 * LV is the pool's metadata and data LVs, the pool ("<vg>-<pool>-tpool")
 * and the thin device; a raid1 LV is each image's metadata and image LV,
 * then the raid device. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "log.h"
#include "lvm_names.h"
#include "lvm_plan.h"
#include "lvm_table.h"

/* Add device LV name/id (with lvm's layer suffix, "" for none). */
static int add(struct kd_lvm_plan *p, const struct kd_lvm_vg *vg, const char *name,
	       const char *id, const char *layer, char *table, struct kd_error *e)
{
	struct kd_lvm_dmdev *d = &p->dev[p->ndev];
	size_t len;

	if (!table)
		return -1;
	if (p->ndev == KD_LVM_PLAN_DEVS) {
		free(table);
		return kd_fail(e, ENOSPC, "%s/%s needs more than %d devices", vg->name,
			       name, KD_LVM_PLAN_DEVS);
	}
	p->ndev++;
	d->table = table;
	len = strlen(layer);
	if (kd_lvm_dm_name(vg->name, name, d->name, sizeof d->name) ||
	    strlen(d->name) + len + 1 > sizeof d->name)
		return kd_fail(e, ENAMETOOLONG, "%s/%s: its device-mapper name is too "
			       "long", vg->name, name);
	strcat(d->name, layer);
	kd_lvm_dm_uuid(vg->id, id, d->uuid, sizeof d->uuid);
	strcat(d->uuid, layer);
	return 0;
}

static int striped(struct kd_lvm_plan *p, const struct kd_lvm_vg *vg,
		   const struct kd_lvm_lv *lv, struct kd_error *e)
{
	return add(p, vg, lv->name, lv->id, "", kd_lvm_table(vg, lv, e), e);
}

static int thin(struct kd_lvm_plan *p, const struct kd_lvm_vg *vg,
		const struct kd_lvm_lv *lv, struct kd_error *e)
{
	if (striped(p, vg, &lv->sub[0], e) || striped(p, vg, &lv->sub[1], e) ||
	    add(p, vg, lv->pool, lv->pool_id, "-tpool",
		kd_lvm_pool_table(vg, lv, 0, 1, e), e))
		return -1;
	p->dev[2].pool = 1;
	p->transaction_id = lv->transaction_id;
	snprintf(p->modules, sizeof p->modules, "dm_thin_pool");
	return add(p, vg, lv->name, lv->id, "", kd_lvm_thin_table(vg, lv, 2, e), e);
}

/* With degraded, an image whose PVs are not all there is left out. */
static int raid1(struct kd_lvm_plan *p, const struct kd_lvm_vg *vg,
		 const struct kd_lvm_lv *lv, int degraded, struct kd_error *e)
{
	int place[2 * KD_LVM_MAX_LEGS];
	size_t i, whole = 0;
	char *meta, *image;

	for (i = 0; i + 1 < lv->sub_count; i += 2) {
		place[i] = place[i + 1] = -1;
		meta = kd_lvm_table(vg, &lv->sub[i], e);
		image = meta ? kd_lvm_table(vg, &lv->sub[i + 1], e) : NULL;
		if (!image) {
			free(meta);
			if (!degraded || e->code != ENODEV)
				return -1;
			kd_warn("%s/%s: mapping it degraded, without image %s: %s",
				vg->name, lv->name, lv->sub[i + 1].name, e->msg);
			continue;
		}
		place[i] = (int)p->ndev;
		place[i + 1] = (int)p->ndev + 1;
		if (add(p, vg, lv->sub[i].name, lv->sub[i].id, "", meta, e) ||
		    add(p, vg, lv->sub[i + 1].name, lv->sub[i + 1].id, "", image, e))
			return -1;
		whole++;
	}
	if (!whole)
		return kd_fail(e, ENODEV, "%s/%s: no raid1 image has all its PVs",
			       vg->name, lv->name);
	snprintf(p->modules, sizeof p->modules, "dm_raid raid1");
	return add(p, vg, lv->name, lv->id, "", kd_lvm_raid1_table(vg, lv, place, e), e);
}

int kd_lvm_devices(const struct kd_lvm_vg *vg, const struct kd_lvm_lv *lv,
		   int degraded, struct kd_lvm_plan *p, struct kd_error *e)
{
	switch (lv->kind) {
	case KD_LVM_THIN:
		return thin(p, vg, lv, e);
	case KD_LVM_RAID1:
		return raid1(p, vg, lv, degraded, e);
	default:
		return striped(p, vg, lv, e);
	}
}
