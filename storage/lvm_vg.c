/* lvm_vg.c - the VG, its PVs and one LV's segments from a metadata tree;
 * what cannot be mapped as plain linear or striped is refused. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lvm_names.h"
#include "lvm_vg.h"

/* The VG is the first section of the text; lvm also checks the text's
 * own header entries (import_vsn1.c's _vsn1_check_version). */
static const struct kd_lvm_node *vg_section(const struct kd_lvm_tree *t,
					    struct kd_error *e)
{
	const struct kd_lvm_node *root = kd_lvm_root(t), *n;
	const char *contents = kd_lvm_str(t, root, "contents");
	uint64_t version;

	if (!contents || strcmp(contents, "Text Format Volume Group") ||
	    kd_lvm_u64(t, root, "version", &version) || version != 1) {
		kd_fail(e, EINVAL, "not LVM2 metadata (contents, version 1)");
		return NULL;
	}
	for (n = kd_lvm_first(t, root); n; n = kd_lvm_next(t, n))
		if (n->type == KD_LVM_SECTION)
			return n;
	kd_fail(e, EINVAL, "the metadata describes no VG");
	return NULL;
}

static int pv_read(const struct kd_lvm_tree *t, const struct kd_lvm_node *n,
		   struct kd_lvm_pv *pv, struct kd_error *e)
{
	const char *id = kd_lvm_str(t, n, "id"), *device = kd_lvm_str(t, n, "device");

	if (n->type != KD_LVM_SECTION || strlen(n->key) >= sizeof pv->name)
		return kd_fail(e, EINVAL, "bad physical volume entry %.64s", n->key);
	snprintf(pv->name, sizeof pv->name, "%s", n->key);
	if (!id || kd_lvm_id_parse(id, pv->id, sizeof pv->id))
		return kd_fail(e, EINVAL, "PV %s has no valid id", pv->name);
	if (kd_lvm_u64(t, n, "pe_start", &pv->pe_start) ||
	    kd_lvm_u64(t, n, "pe_count", &pv->pe_count))
		return kd_fail(e, EINVAL, "PV %s has no pe_start or pe_count", pv->name);
	snprintf(pv->device, sizeof pv->device, "%s", device ? device : "?");
	pv->missing = kd_lvm_flag(t, n, "flags", "MISSING");
	return 0;
}

static int pvs_read(const struct kd_lvm_tree *t, struct kd_lvm_vg *vg,
		    struct kd_error *e)
{
	const struct kd_lvm_node *list = kd_lvm_find(t, vg->sec, "physical_volumes"), *n;
	size_t i = 0;

	for (n = kd_lvm_first(t, list); n; n = kd_lvm_next(t, n))
		vg->pv_count++;
	if (!vg->pv_count)
		return kd_fail(e, EINVAL, "VG %s lists no physical volumes", vg->name);
	vg->pv = calloc(vg->pv_count, sizeof *vg->pv);
	if (!vg->pv)
		return kd_fail(e, ENOMEM, "no memory for %zu PVs", vg->pv_count);
	for (n = kd_lvm_first(t, list); n; n = kd_lvm_next(t, n))
		if (pv_read(t, n, &vg->pv[i++], e))
			return kd_prefix(e, "VG %s", vg->name);
	return 0;
}

int kd_lvm_vg_read(const struct kd_lvm_tree *t, struct kd_lvm_vg *vg,
		   struct kd_error *e)
{
	const char *id, *lock;

	memset(vg, 0, sizeof *vg);
	vg->tree = t;
	vg->sec = vg_section(t, e);
	if (!vg->sec)
		return -1;
	if (!kd_lvm_name_ok(vg->sec->key))
		return kd_fail(e, EINVAL, "bad VG name %.128s", vg->sec->key);
	snprintf(vg->name, sizeof vg->name, "%s", vg->sec->key);
	id = kd_lvm_str(t, vg->sec, "id");
	if (!id || kd_lvm_id_parse(id, vg->id, sizeof vg->id))
		return kd_fail(e, EINVAL, "VG %s has no valid id", vg->name);
	if (kd_lvm_u64(t, vg->sec, "seqno", &vg->seqno) ||
	    kd_lvm_u64(t, vg->sec, "extent_size", &vg->extent_size) || !vg->extent_size)
		return kd_fail(e, EINVAL, "VG %s has no seqno or extent_size", vg->name);
	vg->exported = kd_lvm_flag(t, vg->sec, "status", "EXPORTED");
	lock = kd_lvm_str(t, vg->sec, "lock_type");
	snprintf(vg->lock_type, sizeof vg->lock_type, "%s",
		 lock && strcmp(lock, "none") ? lock : "");
	return pvs_read(t, vg, e);
}

void kd_lvm_vg_free(struct kd_lvm_vg *vg)
{
	free(vg->pv);
	vg->pv = NULL;
	vg->pv_count = 0;
}

static const struct kd_lvm_node *lv_by_id(const struct kd_lvm_vg *vg, const char *lv_id)
{
	const struct kd_lvm_tree *t = vg->tree;
	const struct kd_lvm_node *n = kd_lvm_find(t, vg->sec, "logical_volumes");
	char id[KD_LVM_ID_LEN + 1];
	const char *text;

	for (n = kd_lvm_first(t, n); n; n = kd_lvm_next(t, n)) {
		text = kd_lvm_str(t, n, "id");
		if (text && !kd_lvm_id_parse(text, id, sizeof id) && !strcmp(id, lv_id))
			return n;
	}
	return NULL;
}

const struct kd_lvm_node *kd_lvm_lv_by_name(const struct kd_lvm_vg *vg, const char *name)
{
	const struct kd_lvm_node *lvs = kd_lvm_find(vg->tree, vg->sec, "logical_volumes");
	const struct kd_lvm_node *n = kd_lvm_find(vg->tree, lvs, name);

	return n && n->type == KD_LVM_SECTION ? n : NULL;
}

static long pv_index(const struct kd_lvm_vg *vg, const char *name)
{
	size_t i;

	for (i = 0; i < vg->pv_count; i++)
		if (!strcmp(vg->pv[i].name, name))
			return (long)i;
	return -1;
}

/* The "stripes" array: a PV name and its first extent per stripe. */
static int areas_read(const struct kd_lvm_vg *vg, const char *lv,
		      const struct kd_lvm_node *sn, struct kd_lvm_seg *seg,
		      struct kd_error *e)
{
	const struct kd_lvm_tree *t = vg->tree;
	const struct kd_lvm_node *n = kd_lvm_first(t, kd_lvm_find(t, sn, "stripes"));
	uint64_t len = seg->extent_count / seg->stripe_count;
	unsigned s;
	long pv;

	for (s = 0; s < seg->stripe_count; s++, n = kd_lvm_next(t, kd_lvm_next(t, n))) {
		const struct kd_lvm_node *pe = kd_lvm_next(t, n);

		if (!n || n->type != KD_LVM_STRING || !pe || pe->type != KD_LVM_INT || pe->num < 0)
			return kd_fail(e, EINVAL, "%s/%s %s: stripes do not match stripe_count",
				       vg->name, lv, sn->key);
		pv = pv_index(vg, n->str);
		if (pv < 0)
			return kd_fail(e, EINVAL, kd_lvm_lv_by_name(vg, n->str) ?
				       "%s/%s is built on LV %s (a pvmove in progress, or a "
				       "stacked LV): the capture kernel maps only LVs on PVs" :
				       "%s/%s names an unknown PV %s", vg->name, lv, n->str);
		if ((uint64_t)pe->num > vg->pv[pv].pe_count ||
		    len > vg->pv[pv].pe_count - (uint64_t)pe->num)
			return kd_fail(e, EINVAL, "%s/%s %s: extents past the end of %s",
				       vg->name, lv, sn->key, n->str);
		seg->area[s].pv = (size_t)pv;
		seg->area[s].pe = (uint64_t)pe->num;
	}
	if (n)
		return kd_fail(e, EINVAL, "%s/%s %s: more stripes than stripe_count",
			       vg->name, lv, sn->key);
	return 0;
}

static int seg_read(const struct kd_lvm_vg *vg, const char *lv,
		    const struct kd_lvm_node *sn, struct kd_lvm_seg *seg,
		    struct kd_error *e)
{
	const struct kd_lvm_tree *t = vg->tree;
	const char *type = kd_lvm_str(t, sn, "type");
	uint64_t count;

	if (kd_lvm_u64(t, sn, "start_extent", &seg->start_extent) ||
	    kd_lvm_u64(t, sn, "extent_count", &seg->extent_count) || !seg->extent_count ||
	    !type)
		return kd_fail(e, EINVAL, "%s/%s %s: no start_extent, extent_count or type",
			       vg->name, lv, sn->key);
	if (!strcmp(type, "mirror"))
		return kd_fail(e, EINVAL, "%s/%s has a mirror segment (lvm's old mirror "
			       "type): the capture kernel maps raid1, not mirror "
			       "(lvconvert --type raid1 %s/%s)", vg->name, lv, vg->name, lv);
	if (strcmp(type, "striped") && strcmp(type, "linear"))
		return kd_fail(e, EINVAL, "%s/%s has a %.32s segment: the capture kernel "
			       "maps only linear, striped, thin and raid1 LVs", vg->name,
			       lv, type);
	if (kd_lvm_u64(t, sn, "stripe_count", &count) || !count ||
	    count > KD_LVM_MAX_STRIPES || seg->extent_count % count)
		return kd_fail(e, EINVAL, "%s/%s %s: bad stripe_count", vg->name, lv, sn->key);
	seg->stripe_count = (unsigned)count;
	if (count > 1 && (kd_lvm_u64(t, sn, "stripe_size", &seg->stripe_size) ||
			  !seg->stripe_size))
		return kd_fail(e, EINVAL, "%s/%s %s: no stripe_size", vg->name, lv, sn->key);
	seg->area = calloc(count, sizeof *seg->area);
	if (!seg->area)
		return kd_fail(e, ENOMEM, "no memory for %llu stripes",
			       (unsigned long long)count);
	return areas_read(vg, lv, sn, seg, e);
}

/* Segment entries that name another LV: snapshots, thin and cache
 * volumes, pools, raid and mirror images, and the area lists. */
static int names_lv(const struct kd_lvm_tree *t, const struct kd_lvm_node *n,
		    const char *lv)
{
	static const char *const keys[] = { "origin", "cow_store", "merging_store",
		"external_origin", "merge", "thin_pool", "pool", "metadata", "data",
		"cache_pool", "mirror_log", "writecache", "vdo_pool", "meta_dev",
		"stripes", "mirrors", "raids", "raid0_lvs", NULL };
	const struct kd_lvm_node *v;
	int i;

	for (i = 0; keys[i] && strcmp(keys[i], n->key); i++)
		;
	if (!keys[i])
		return 0;
	if (n->type == KD_LVM_STRING)
		return !strcmp(n->str, lv);
	for (v = kd_lvm_first(t, n); v; v = kd_lvm_next(t, v))
		if (v->type == KD_LVM_STRING && !strcmp(v->str, lv))
			return 1;
	return 0;
}

/* The entry of segment section s that names LV lv, or NULL. */
static const struct kd_lvm_node *refers(const struct kd_lvm_tree *t,
					const struct kd_lvm_node *s, const char *lv)
{
	const struct kd_lvm_node *n;

	if (s->type != KD_LVM_SECTION)
		return NULL;
	for (n = kd_lvm_first(t, s); n; n = kd_lvm_next(t, n))
		if (names_lv(t, n, lv))
			return n;
	return NULL;
}

/* The entry of another LV's segment that names LV lv, with that LV
 * (*user) and segment (*seg); NULL when nothing refers to lv. */
static const struct kd_lvm_node *user_of(const struct kd_lvm_vg *vg, const char *lv,
					 const struct kd_lvm_node **user,
					 const struct kd_lvm_node **seg)
{
	const struct kd_lvm_tree *t = vg->tree;
	const struct kd_lvm_node *o, *s, *n;

	o = kd_lvm_first(t, kd_lvm_find(t, vg->sec, "logical_volumes"));
	for (; o; o = kd_lvm_next(t, o)) {
		if (!strcmp(o->key, lv))
			continue;
		for (s = kd_lvm_first(t, o); s; s = kd_lvm_next(t, s)) {
			n = refers(t, s, lv);
			if (n) {
				*user = o;
				*seg = s;
				return n;
			}
		}
	}
	return NULL;
}

/* -1 when another LV uses LV lv: writing to lv alone would bypass that
 * LV (a snapshot's copy-on-write, a cache, a mirror's resync, ...). */
static int used_by(const struct kd_lvm_vg *vg, const char *lv, struct kd_error *e)
{
	const struct kd_lvm_node *o, *s, *n = user_of(vg, lv, &o, &s);
	const char *type, *cow, *origin;

	if (!n)
		return 0;
	type = kd_lvm_str(vg->tree, s, "type");
	/* a thin snapshot shares the pool's blocks, not the origin's */
	if (type && !strcmp(type, "thin") && !strcmp(n->key, "origin"))
		return 0;
	cow = kd_lvm_str(vg->tree, s, "cow_store");
	origin = kd_lvm_str(vg->tree, s, "origin");
	if (type && !strcmp(type, "snapshot") && !strcmp(n->key, "origin"))
		return kd_fail(e, EINVAL, "%s/%s is the origin of snapshot %s/%s: the "
			       "capture kernel maps only plain LVs", vg->name, lv, vg->name,
			       cow ? cow : o->key);
	/* lvm shows a snapshot by the name of its exception store */
	if (type && !strcmp(type, "snapshot"))
		return kd_fail(e, EINVAL, "%s/%s is a snapshot of %s/%s: the capture "
			       "kernel maps only plain LVs", vg->name, lv, vg->name,
			       origin ? origin : "?");
	return kd_fail(e, EINVAL, "%s/%s is used by %s/%s (%s %s): the capture kernel "
		       "maps only plain LVs", vg->name, lv, vg->name, o->key,
		       type ? type : "?", n->key);
}

/* What makes an LV with mappable segments unusable for a dump: its VG,
 * another LV using it (checked before visibility: lvm hides a snapshot's
 * exception store and the images of a raid, and says whose they are),
 * or its status. */
static int lv_usable(const struct kd_lvm_vg *vg, const struct kd_lvm_node *n,
		     struct kd_error *e)
{
	const struct kd_lvm_tree *t = vg->tree;

	if (used_by(vg, n->key, e))
		return -1;
	if (!kd_lvm_flag(t, n, "status", "VISIBLE"))
		return kd_fail(e, EINVAL, "%s/%s is a hidden LV, part of another one",
			       vg->name, n->key);
	if (!kd_lvm_flag(t, n, "status", "WRITE"))
		return kd_fail(e, EINVAL, "%s/%s is read-only", vg->name, n->key);
	return 0;
}

static int by_start(const void *a, const void *b)
{
	const struct kd_lvm_seg *x = a, *y = b;

	return x->start_extent < y->start_extent ? -1 : x->start_extent > y->start_extent;
}

/* Every subsection of an LV is a segment (as in lvm); together they
 * must cover the LV from extent 0 with neither gap nor overlap. */
int kd_lvm_segs_read(const struct kd_lvm_vg *vg, const struct kd_lvm_node *ln,
		     struct kd_lvm_lv *lv, struct kd_error *e)
{
	const struct kd_lvm_tree *t = vg->tree;
	const struct kd_lvm_node *n;
	uint64_t count, next = 0;
	size_t i = 0;

	for (n = kd_lvm_first(t, ln); n; n = kd_lvm_next(t, n))
		lv->seg_count += n->type == KD_LVM_SECTION;
	if (kd_lvm_u64(t, ln, "segment_count", &count) || count != lv->seg_count || !count)
		return kd_fail(e, EINVAL, "%s/%s: segment_count does not match its segments",
			       vg->name, lv->name);
	lv->seg = calloc(lv->seg_count, sizeof *lv->seg);
	if (!lv->seg)
		return kd_fail(e, ENOMEM, "no memory for %zu segments", lv->seg_count);
	for (n = kd_lvm_first(t, ln); n; n = kd_lvm_next(t, n))
		if (n->type == KD_LVM_SECTION && seg_read(vg, lv->name, n, &lv->seg[i++], e))
			return -1;
	qsort(lv->seg, lv->seg_count, sizeof *lv->seg, by_start);
	for (i = 0; i < lv->seg_count; i++) {
		if (lv->seg[i].start_extent != next)
			return kd_fail(e, EINVAL, "%s/%s: its segments leave a gap or overlap "
				       "at extent %llu", vg->name, lv->name, (unsigned long long)next);
		next += lv->seg[i].extent_count;
		/* the table is in sectors: the whole LV must fit in 63 bits */
		if (next > (UINT64_MAX >> 1) / vg->extent_size)
			return kd_fail(e, EINVAL, "%s/%s is too large", vg->name, lv->name);
	}
	lv->extent_count = next;
	return 0;
}

const struct kd_lvm_node *kd_lvm_only_segment(const struct kd_lvm_tree *t,
					      const struct kd_lvm_node *n,
					      const char **type)
{
	const struct kd_lvm_node *s, *seg = NULL;

	for (s = kd_lvm_first(t, n); s; s = kd_lvm_next(t, s))
		if (s->type == KD_LVM_SECTION) {
			if (seg)
				return NULL;
			seg = s;
		}
	*type = seg ? kd_lvm_str(t, seg, "type") : NULL;
	return *type ? seg : NULL;
}

/* Its segments: striped ones, or one thin or raid1 segment. */
static int lv_layout_read(const struct kd_lvm_vg *vg, const struct kd_lvm_node *n,
			  struct kd_lvm_lv *lv, struct kd_error *e)
{
	const char *type = NULL;
	const struct kd_lvm_node *seg = kd_lvm_only_segment(vg->tree, n, &type);

	if (seg && !strcmp(type, "thin"))
		return kd_lvm_thin_read(vg, seg, lv, e);
	if (seg && !strcmp(type, "raid1"))
		return kd_lvm_raid1_read(vg, seg, lv, e);
	if (seg && !strcmp(type, "thin-pool"))
		return kd_fail(e, EINVAL, "%s/%s is a thin pool, not a volume: name a "
			       "thin LV in it", vg->name, lv->name);
	return kd_lvm_segs_read(vg, n, lv, e);
}

int kd_lvm_lv_read(const struct kd_lvm_vg *vg, const char *lv_id,
		   struct kd_lvm_lv *lv, struct kd_error *e)
{
	const struct kd_lvm_node *n = lv_by_id(vg, lv_id);

	memset(lv, 0, sizeof *lv);
	if (!n)
		return kd_fail(e, ENOENT, "VG %s has no LV with id %s", vg->name, lv_id);
	if (n->type != KD_LVM_SECTION || !kd_lvm_name_ok(n->key))
		return kd_fail(e, EINVAL, "VG %s: bad LV name %.128s", vg->name, n->key);
	snprintf(lv->name, sizeof lv->name, "%s", n->key);
	snprintf(lv->id, sizeof lv->id, "%s", lv_id);
	if (vg->exported)
		return kd_fail(e, EINVAL, "VG %s is exported (vgexport)", vg->name);
	if (vg->lock_type[0])
		return kd_fail(e, EINVAL, "VG %s is shared (lock_type %s): activating it "
			       "needs lvmlockd", vg->name, vg->lock_type);
	/* its own segment types first: the most direct reason */
	if (lv_layout_read(vg, n, lv, e))
		return -1;
	return lv_usable(vg, n, e);
}

void kd_lvm_lv_free(struct kd_lvm_lv *lv)
{
	size_t i;

	for (i = 0; i < lv->seg_count && lv->seg; i++)
		free(lv->seg[i].area);
	free(lv->seg);
	lv->seg = NULL;
	lv->seg_count = 0;
	for (i = 0; i < lv->sub_count && lv->sub; i++)
		kd_lvm_lv_free(&lv->sub[i]);
	free(lv->sub);
	lv->sub = NULL;
	lv->sub_count = 0;
}
