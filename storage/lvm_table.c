/* lvm_table.c - an LV's segments as device-mapper linear and striped
 * targets, and those of the thin and raid1 LVs built on them. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static char *printed(const char *what, const char *lv, struct kd_error *e,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A new string of fmt's output. */
static char *printed(const char *what, const char *lv, struct kd_error *e,
		     const char *fmt, ...)
{
	va_list ap;
	char *out = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&out, fmt, ap);
	va_end(ap);
	if (n < 0) {
		kd_fail(e, ENOMEM, "no memory for the %s table of %s", what, lv);
		return NULL;
	}
	return out;
}

char *kd_lvm_pool_table(const struct kd_lvm_vg *vg, const struct kd_lvm_lv *thin,
			unsigned meta, unsigned data, struct kd_error *e)
{
	static const char *const names[] = { "skip_block_zeroing", "ignore_discard",
		"no_discard_passdown", "error_if_no_space" };
	char features[96] = "";
	unsigned i, count = 0;
	size_t at = 0;

	for (i = 0; i < 4; i++)
		if (thin->pool_features & (1u << i)) {
			at += (size_t)snprintf(features + at, sizeof features - at, " %s",
					       names[i]);
			count++;
		}
	return printed("thin-pool", thin->pool, e, "0 %llu thin-pool @%u @%u %llu 0 %u%s\n",
		       (unsigned long long)(thin->pool_extents * vg->extent_size), meta,
		       data, (unsigned long long)thin->chunk_size, count, features);
}

char *kd_lvm_thin_table(const struct kd_lvm_vg *vg, const struct kd_lvm_lv *thin,
			unsigned pool, struct kd_error *e)
{
	return printed("thin", thin->name, e, "0 %llu thin @%u %llu\n",
		       (unsigned long long)(thin->extent_count * vg->extent_size), pool,
		       (unsigned long long)thin->device_id);
}

char *kd_lvm_raid1_table(const struct kd_lvm_vg *vg, const struct kd_lvm_lv *lv,
			 const int *place, struct kd_error *e)
{
	char legs[2 * KD_LVM_MAX_LEGS * 12] = "";
	size_t i, at = 0;

	for (i = 0; i < lv->sub_count && i < 2 * KD_LVM_MAX_LEGS; i++)
		at += (size_t)(place[i] < 0 ?
			       snprintf(legs + at, sizeof legs - at, " -") :
			       snprintf(legs + at, sizeof legs - at, " @%d", place[i]));
	return printed("raid1", lv->name, e,
		       "0 %llu raid raid1 3 0 region_size %llu %zu%s\n",
		       (unsigned long long)(lv->extent_count * vg->extent_size),
		       (unsigned long long)lv->region_size, lv->sub_count / 2, legs);
}

char *kd_lvm_table_resolve(const char *table, const unsigned (*num)[2], size_t n,
			   struct kd_error *e)
{
	size_t size = strlen(table) + 1, at = 0;
	const char *p;
	char *out, *end;
	unsigned long i;

	for (p = table; (p = strchr(p, '@')); p++)
		size += 24;		/* "4294967295:4294967295" for "@N" */
	out = malloc(size);
	if (!out) {
		kd_fail(e, ENOMEM, "no memory for a table");
		return NULL;
	}
	for (p = table; *p; ) {
		if (*p != '@') {
			out[at++] = *p++;
			continue;
		}
		errno = 0;
		i = strtoul(p + 1, &end, 10);
		if (p[1] < '0' || p[1] > '9' || errno || i >= n) {
			free(out);
			kd_fail(e, EINVAL, "a table names device \"%.*s\", which is not "
				"there", (int)strcspn(p, " \n"), p);
			return NULL;
		}
		at += (size_t)snprintf(out + at, size - at, "%u:%u", num[i][0], num[i][1]);
		p = end;
	}
	out[at] = '\0';
	return out;
}
