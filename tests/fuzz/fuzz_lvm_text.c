/* fuzz_lvm_text.c - LVM2 metadata text from an untrusted PV: the parser,
 * the VG and LVs read from what parses, and each mappable LV's table.
 *
 * Besides not crashing and not leaking: every node of a tree is reached
 * within its bounds, and a table built for an LV always makes a valid
 * DM_TABLE_LOAD request (kdump-init would load it). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dm.h"
#include "lvm.h"
#include "lvm_names.h"
#include "lvm_plan.h"
#include "lvm_table.h"
#include "lvm_text.h"
#include "lvm_vg.h"

/* Walk a section or array; abort on a node out of the tree. */
static size_t walk(const struct kd_lvm_tree *t, const struct kd_lvm_node *n,
		   unsigned depth)
{
	size_t count = 1;

	if (n < t->node || n >= t->node + t->count || depth > KD_LVM_MAX_DEPTH + 1)
		abort();
	if (n->type == KD_LVM_STRING && strlen(n->str) >= t->used)
		abort();
	for (n = kd_lvm_first(t, n); n; n = kd_lvm_next(t, n))
		count += walk(t, n, depth + 1);
	return count;
}

/* Every PV present (with some_gone, those of odd index not), on
 * 8:<its index>, as large as can be. */
static void all_found(struct kd_lvm_vg *vg, int some_gone)
{
	size_t i;

	for (i = 0; i < vg->pv_count; i++) {
		vg->pv[i].found = !(some_gone && i % 2);
		vg->pv[i].major = 8;
		vg->pv[i].minor = (unsigned)i;
		vg->pv[i].sectors = UINT64_MAX;
	}
}

/* Every device of the LV's plan makes a table request the kernel
 * could parse (its "@N" resolved to made-up numbers). */
static void try_lv(struct kd_lvm_vg *vg, const struct kd_lvm_node *n, int degraded)
{
	static const unsigned num[KD_LVM_PLAN_DEVS][2] = { { 254, 0 } };
	char id[KD_LVM_ID_LEN + 1];
	const char *text = kd_lvm_str(vg->tree, n, "id");
	struct kd_lvm_plan p;
	struct kd_lvm_lv lv;
	struct kd_error e;
	char *table;
	void *request;
	size_t i;

	if (!text || kd_lvm_id_parse(text, id, sizeof id))
		return;
	memset(&p, 0, sizeof p);
	if (kd_lvm_lv_read(vg, id, &lv, &e) == 0 &&
	    kd_lvm_devices(vg, &lv, degraded, &p, &e) == 0) {
		for (i = 0; i < p.ndev; i++) {
			table = kd_lvm_table_resolve(p.dev[i].table, num, i, &e);
			request = table ? kd_dm_table_request("fuzz", table, &e) : NULL;
			if (!request)
				abort();
			free(request);
			free(table);
		}
	}
	kd_lvm_plan_free(&p);
	kd_lvm_lv_free(&lv);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct kd_lvm_node *n;
	struct kd_lvm_tree t;
	struct kd_lvm_vg vg;
	struct kd_error e;

	memset(&vg, 0, sizeof vg);
	if (kd_lvm_parse((const char *)data, size, &t, &e) == 0) {
		if (walk(&t, kd_lvm_root(&t), 0) != t.count)
			abort();
		if (kd_lvm_vg_read(&t, &vg, &e) == 0) {
			/* an odd size: some PVs gone, raid1 degraded */
			all_found(&vg, size & 1);
			n = kd_lvm_find(&t, vg.sec, "logical_volumes");
			for (n = kd_lvm_first(&t, n); n; n = kd_lvm_next(&t, n))
				try_lv(&vg, n, size & 1);
		}
	}
	kd_lvm_vg_free(&vg);
	kd_lvm_tree_free(&t);
	return 0;
}
