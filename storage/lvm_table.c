/* lvm_table.c - an LV's segments as device-mapper linear and striped
 * targets. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "lvm_names.h"
#include "lvm_table.h"

/* The device holding PV pv must be there once, and hold the extents
 * [pe, pe + len) the LV uses (lvm refuses a PV smaller than its
 * metadata says: the mapping would run past the device). */
static int pv_usable(const struct kd_lvm_vg *vg, const struct kd_lvm_pv *pv,
		     uint64_t pe, uint64_t len, struct kd_error *e)
{
	char id[40];

	kd_lvm_id_format(pv->id, id, sizeof id);
	if (pv->missing)
		return kd_fail(e, EINVAL, "VG %s: PV %s (%s) is marked MISSING in the "
			       "metadata", vg->name, pv->name, id);
	if (!pv->found)
		return kd_fail(e, ENODEV, "VG %s: PV %s (%s, last seen as %s) is not there",
			       vg->name, pv->name, id, pv->device);
	if (pv->found > 1)
		return kd_fail(e, EEXIST, "VG %s: PV %s (%s) is on more than one device "
			       "(%s and another): multipath legs, or a copied disk?",
			       vg->name, pv->name, id, pv->dev);
	if (pe + len > (UINT64_MAX - pv->pe_start) / vg->extent_size ||
	    pv->pe_start + (pe + len) * vg->extent_size > pv->sectors)
		return kd_fail(e, EINVAL, "VG %s: PV %s on %s is smaller than its metadata "
			       "says", vg->name, pv->name, pv->dev);
	return 0;
}

static int pvs_usable(const struct kd_lvm_vg *vg, const struct kd_lvm_lv *lv,
		      struct kd_error *e)
{
	size_t i;
	unsigned s;

	for (i = 0; i < lv->seg_count; i++) {
		const struct kd_lvm_seg *seg = &lv->seg[i];

		for (s = 0; s < seg->stripe_count; s++)
			if (pv_usable(vg, &vg->pv[seg->area[s].pv], seg->area[s].pe,
				      seg->extent_count / seg->stripe_count, e))
				return -1;
	}
	return 0;
}

/* One segment's line at out (room enough, see kd_lvm_table). */
static size_t line(const struct kd_lvm_vg *vg, const struct kd_lvm_seg *seg, char *out)
{
	const struct kd_lvm_pv *pv;
	size_t n;
	unsigned s;

	n = (size_t)sprintf(out, "%llu %llu %s",
			    (unsigned long long)(seg->start_extent * vg->extent_size),
			    (unsigned long long)(seg->extent_count * vg->extent_size),
			    seg->stripe_count == 1 ? "linear" : "striped");
	if (seg->stripe_count > 1)
		n += (size_t)sprintf(out + n, " %u %llu", seg->stripe_count,
				     (unsigned long long)seg->stripe_size);
	for (s = 0; s < seg->stripe_count; s++) {
		pv = &vg->pv[seg->area[s].pv];
		n += (size_t)sprintf(out + n, " %u:%u %llu", pv->major, pv->minor,
				     (unsigned long long)(pv->pe_start +
							  seg->area[s].pe * vg->extent_size));
	}
	out[n++] = '\n';
	out[n] = '\0';
	return n;
}

char *kd_lvm_table(const struct kd_lvm_vg *vg, const struct kd_lvm_lv *lv,
		   struct kd_error *e)
{
	size_t size = 1, at = 0, i;
	char *table;

	if (pvs_usable(vg, lv, e))
		return NULL;
	/* a line is at most 4 numbers of 20 digits, one of 3 and a word;
	 * a stripe two of 10 and one of 20, with separators */
	for (i = 0; i < lv->seg_count; i++)
		size += 96 + 48 * (size_t)lv->seg[i].stripe_count;
	table = malloc(size);
	if (!table) {
		kd_fail(e, ENOMEM, "no memory for the table of %s/%s", vg->name, lv->name);
		return NULL;
	}
	table[0] = '\0';
	for (i = 0; i < lv->seg_count; i++)
		at += line(vg, &lv->seg[i], table + at);
	return table;
}
