/* lvm_layered.c - LVs built from other LVs, as lvm2's lib/thin/thin.c
 * and lib/raid/raid.c read them: a thin volume (its pool's metadata and
 * data LVs) and a raid1 LV (a metadata LV and an image LV per leg).
 * The LVs below must be striped: they are mapped as plain LVs are. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lvm_names.h"
#include "lvm_vg.h"

/* Sub-LV number i of lv: the LV named by entry key (or the string node
 * ref) of lv's segment, hidden and used by lv, with striped segments. */
static int sub_read(const struct kd_lvm_vg *vg, struct kd_lvm_lv *lv, size_t i,
		    const char *name, struct kd_error *e)
{
	const struct kd_lvm_node *n = name ? kd_lvm_lv_by_name(vg, name) : NULL;
	struct kd_lvm_lv *sub = &lv->sub[i];
	const char *id;

	if (!n)
		return kd_fail(e, EINVAL, "%s/%s is built on LV %.128s, which is not "
			       "in the metadata", vg->name, lv->name, name ? name : "?");
	id = kd_lvm_str(vg->tree, n, "id");
	snprintf(sub->name, sizeof sub->name, "%s", n->key);
	if (!id || kd_lvm_id_parse(id, sub->id, sizeof sub->id))
		return kd_fail(e, EINVAL, "%s/%s has no valid id", vg->name, sub->name);
	if (!kd_lvm_flag(vg->tree, n, "status", "WRITE"))
		return kd_fail(e, EINVAL, "%s/%s (under %s) is read-only", vg->name,
			       sub->name, lv->name);
	if (kd_lvm_segs_read(vg, n, sub, e))
		return kd_prefix(e, "under %s/%s", vg->name, lv->name);
	return 0;
}

static int subs_alloc(struct kd_lvm_lv *lv, size_t count, struct kd_error *e)
{
	lv->sub = calloc(count, sizeof *lv->sub);
	if (!lv->sub)
		return kd_fail(e, ENOMEM, "no memory for %zu LVs", count);
	lv->sub_count = count;
	return 0;
}

static int u64_of(const struct kd_lvm_vg *vg, const struct kd_lvm_node *seg,
		  const char *key, const char *lv, uint64_t *v, struct kd_error *e)
{
	if (kd_lvm_u64(vg->tree, seg, key, v))
		return kd_fail(e, EINVAL, "%s/%s %s: no %s", vg->name, lv, seg->key, key);
	return 0;
}

/* The pool's thin-pool segment: its LVs, block size and features. */
static int pool_read(const struct kd_lvm_vg *vg, struct kd_lvm_lv *lv,
		     struct kd_error *e)
{
	const struct kd_lvm_tree *t = vg->tree;
	const struct kd_lvm_node *pn = kd_lvm_lv_by_name(vg, lv->pool), *seg = NULL;
	const char *type = NULL, *discards, *id;
	uint64_t zero = 1, full = 0, start;

	if (pn)
		seg = kd_lvm_only_segment(t, pn, &type);
	if (!seg || strcmp(type, "thin-pool"))
		return kd_fail(e, EINVAL, "%s/%s: its pool %s is not one thin-pool "
			       "segment", vg->name, lv->name, lv->pool);
	id = kd_lvm_str(t, pn, "id");
	if (!id || kd_lvm_id_parse(id, lv->pool_id, sizeof lv->pool_id))
		return kd_fail(e, EINVAL, "%s/%s has no valid id", vg->name, lv->pool);
	if (u64_of(vg, seg, "start_extent", lv->pool, &start, e) ||
	    u64_of(vg, seg, "extent_count", lv->pool, &lv->pool_extents, e) ||
	    u64_of(vg, seg, "chunk_size", lv->pool, &lv->chunk_size, e) ||
	    u64_of(vg, seg, "transaction_id", lv->pool, &lv->transaction_id, e))
		return -1;
	if (start || !lv->pool_extents || !lv->chunk_size)
		return kd_fail(e, EINVAL, "%s/%s: bad thin-pool segment", vg->name, lv->pool);
	kd_lvm_u64(t, seg, "zero_new_blocks", &zero);
	kd_lvm_u64(t, seg, "error_when_full", &full);
	discards = kd_lvm_str(t, seg, "discards");
	lv->pool_features = (zero ? 0 : KD_LVM_SKIP_ZEROING) |
			    (full ? KD_LVM_ERROR_IF_FULL : 0);
	if (discards && !strcmp(discards, "ignore"))
		lv->pool_features |= KD_LVM_IGNORE_DISCARD;
	else if (discards && !strcmp(discards, "nopassdown"))
		lv->pool_features |= KD_LVM_NO_PASSDOWN;
	else if (discards && strcmp(discards, "passdown"))
		return kd_fail(e, EINVAL, "%s/%s: unknown discards \"%.32s\"", vg->name,
			       lv->pool, discards);
	if (subs_alloc(lv, 2, e) ||
	    sub_read(vg, lv, 0, kd_lvm_str(t, seg, "metadata"), e) ||
	    sub_read(vg, lv, 1, kd_lvm_str(t, seg, "pool"), e))
		return -1;
	if (lv->sub[1].extent_count != lv->pool_extents)
		return kd_fail(e, EINVAL, "%s/%s: its data LV is not the pool's size",
			       vg->name, lv->pool);
	return 0;
}

int kd_lvm_thin_read(const struct kd_lvm_vg *vg, const struct kd_lvm_node *seg,
		     struct kd_lvm_lv *lv, struct kd_error *e)
{
	const struct kd_lvm_tree *t = vg->tree;
	const char *pool = kd_lvm_str(t, seg, "thin_pool");
	uint64_t start;

	lv->kind = KD_LVM_THIN;
	if (kd_lvm_find(t, seg, "external_origin"))
		return kd_fail(e, EINVAL, "%s/%s is a thin volume with an external origin: "
			       "the capture kernel does not map those", vg->name, lv->name);
	if (!pool || strlen(pool) >= sizeof lv->pool)
		return kd_fail(e, EINVAL, "%s/%s: no thin_pool", vg->name, lv->name);
	snprintf(lv->pool, sizeof lv->pool, "%s", pool);
	if (u64_of(vg, seg, "start_extent", lv->name, &start, e) ||
	    u64_of(vg, seg, "extent_count", lv->name, &lv->extent_count, e) ||
	    u64_of(vg, seg, "device_id", lv->name, &lv->device_id, e))
		return -1;
	/* dm-thin's device ids are 24 bits */
	if (start || !lv->extent_count || lv->device_id >= 1u << 24 ||
	    lv->extent_count > (UINT64_MAX >> 1) / vg->extent_size)
		return kd_fail(e, EINVAL, "%s/%s: bad thin segment", vg->name, lv->name);
	return pool_read(vg, lv, e);
}

/* The "raids" list: metadata LV and image LV, a pair per leg. */
int kd_lvm_raid1_read(const struct kd_lvm_vg *vg, const struct kd_lvm_node *seg,
		      struct kd_lvm_lv *lv, struct kd_error *e)
{
	const struct kd_lvm_tree *t = vg->tree;
	const struct kd_lvm_node *n = kd_lvm_first(t, kd_lvm_find(t, seg, "raids"));
	uint64_t legs, start;
	size_t i;

	lv->kind = KD_LVM_RAID1;
	if (u64_of(vg, seg, "start_extent", lv->name, &start, e) ||
	    u64_of(vg, seg, "extent_count", lv->name, &lv->extent_count, e) ||
	    u64_of(vg, seg, "device_count", lv->name, &legs, e) ||
	    u64_of(vg, seg, "region_size", lv->name, &lv->region_size, e))
		return -1;
	if (start || !lv->extent_count || legs < 2 || !lv->region_size ||
	    lv->extent_count > (UINT64_MAX >> 1) / vg->extent_size)
		return kd_fail(e, EINVAL, "%s/%s: bad raid1 segment", vg->name, lv->name);
	if (legs > KD_LVM_MAX_LEGS)
		return kd_fail(e, EINVAL, "%s/%s has %llu raid1 images: the capture kernel "
			       "maps at most %d", vg->name, lv->name,
			       (unsigned long long)legs, KD_LVM_MAX_LEGS);
	if (subs_alloc(lv, 2 * (size_t)legs, e))
		return -1;
	for (i = 0; i < lv->sub_count; i++, n = kd_lvm_next(t, n)) {
		if (!n || n->type != KD_LVM_STRING)
			return kd_fail(e, EINVAL, "%s/%s: raids does not match device_count",
				       vg->name, lv->name);
		if (sub_read(vg, lv, i, n->str, e))
			return -1;
		/* each image is the LV's size (its metadata LV is small) */
		if (i % 2 && lv->sub[i].extent_count != lv->extent_count)
			return kd_fail(e, EINVAL, "%s/%s: image %s is not the LV's size",
				       vg->name, lv->name, lv->sub[i].name);
	}
	if (n)
		return kd_fail(e, EINVAL, "%s/%s: raids does not match device_count",
			       vg->name, lv->name);
	return 0;
}
