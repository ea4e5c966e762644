/* lvm.c - describe an LV in the first kernel, activate it in the capture
 * kernel: both through kd_lvm_plan. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "dm.h"
#include "log.h"
#include "lvm.h"
#include "lvm_names.h"
#include "lvm_plan.h"
#include "lvm_scan.h"
#include "lvm_table.h"
#include "lvm_vg.h"
#include "readfile.h"

/* The plan from the newest metadata f found. */
static int plan_from(const struct kd_lvm_found *f, const char *lv_id, int degraded,
		     struct kd_lvm_plan *p, struct kd_error *e)
{
	struct kd_lvm_tree t;
	struct kd_lvm_vg vg;
	struct kd_lvm_lv lv;
	int r = -1;

	memset(&vg, 0, sizeof vg);
	memset(&lv, 0, sizeof lv);
	if (kd_lvm_parse(f->text, f->len, &t, e) || kd_lvm_vg_read(&t, &vg, e)) {
		kd_prefix(e, "metadata on %s", f->text_dev);
		goto out;
	}
	kd_lvm_match_pvs(f, &vg);
	if (kd_lvm_lv_read(&vg, lv_id, &lv, e) || kd_lvm_devices(&vg, &lv, degraded, p, e))
		goto out;
	snprintf(p->vg_name, sizeof p->vg_name, "%s", vg.name);
	snprintf(p->lv_name, sizeof p->lv_name, "%s", lv.name);
	kd_lvm_id_format(vg.id, p->vg_uuid, sizeof p->vg_uuid);
	kd_lvm_id_format(lv.id, p->lv_uuid, sizeof p->lv_uuid);
	p->seqno = vg.seqno;
	r = 0;
out:
	kd_lvm_lv_free(&lv);
	kd_lvm_vg_free(&vg);
	kd_lvm_tree_free(&t);
	return r;
}

int kd_lvm_plan(const char *sys, const char *devdir, const char *vg_id,
		const char *lv_id, int degraded, struct kd_lvm_plan *p,
		struct kd_error *e)
{
	char vg[KD_LVM_ID_LEN + 1], lv[KD_LVM_ID_LEN + 1];
	struct kd_lvm_found f;
	int r;

	memset(p, 0, sizeof *p);
	if (kd_lvm_id_parse(vg_id, vg, sizeof vg) || kd_lvm_id_parse(lv_id, lv, sizeof lv))
		return kd_fail(e, EINVAL, "bad VG or LV id %.40s/%.40s", vg_id, lv_id);
	r = kd_lvm_scan(sys, devdir, vg, &f, e);
	if (r == 0 && f.oldest < f.seqno)
		kd_warn("VG %s: %s holds older metadata (seqno %llu): using seqno %llu "
			"from %s, as lvm would", vg_id, f.oldest_dev,
			(unsigned long long)f.oldest, (unsigned long long)f.seqno, f.text_dev);
	if (r == 0)
		r = plan_from(&f, lv, degraded, p, e);
	kd_lvm_found_free(&f);
	return r;
}

void kd_lvm_plan_free(struct kd_lvm_plan *p)
{
	size_t i;

	for (i = 0; i < p->ndev; i++) {
		free(p->dev[i].table);
		p->dev[i].table = NULL;
	}
	p->ndev = 0;
}

int kd_lvm_describe_at(const char *sys, const char *devdir, const char *dm_name,
		       struct kd_lv_ref *ref, struct kd_error *e)
{
	char path[PATH_MAX], uuid[256], vg[KD_LVM_ID_LEN + 1], lv[KD_LVM_ID_LEN + 1];
	struct kd_lvm_plan p;
	int r;

	memset(ref, 0, sizeof *ref);
	snprintf(path, sizeof path, "%s/class/block/%s/dm/uuid", sys, dm_name);
	if (kd_read_line(path, uuid, sizeof uuid))
		return kd_fail(e, errno, "%s: no device-mapper uuid: %s", dm_name,
			       strerror(errno));
	/* lvm's uuid of a top-level LV is exactly "LVM-<vg id><lv id>"; its
	 * layers (-real, -cow, -tpool, ...) carry a suffix */
	if (strncmp(uuid, "LVM-", 4) || strlen(uuid) != 4 + 2 * KD_LVM_ID_LEN)
		return kd_fail(e, EINVAL, "%s (uuid %.80s) is not a top-level LVM logical "
			       "volume", dm_name, uuid);
	snprintf(vg, sizeof vg, "%.32s", uuid + 4);
	snprintf(lv, sizeof lv, "%.32s", uuid + 4 + KD_LVM_ID_LEN);
	r = kd_lvm_plan(sys, devdir, vg, lv, 0, &p, e);
	if (r == 0) {
		snprintf(ref->vg_uuid, sizeof ref->vg_uuid, "%s", p.vg_uuid);
		snprintf(ref->lv_uuid, sizeof ref->lv_uuid, "%s", p.lv_uuid);
		snprintf(ref->vg_name, sizeof ref->vg_name, "%s", p.vg_name);
		snprintf(ref->lv_name, sizeof ref->lv_name, "%s", p.lv_name);
		ref->seqno = p.seqno;
		snprintf(ref->modules, sizeof ref->modules, "%s", p.modules);
	}
	kd_lvm_plan_free(&p);
	return r;
}

int kd_lvm_describe(const char *dm_name, struct kd_lv_ref *ref, struct kd_error *e)
{
	return kd_lvm_describe_at("/sys", "/dev", dm_name, ref, e);
}

/* A thin pool's status ("<transaction id> <used>/<total> metadata,
 * <used>/<total> data, <held root> rw|ro|out_of_data_space ... needs_check|-",
 * or "Fail"): its transaction must be the one lvm's metadata records,
 * and it must take writes (dm-thin's Documentation). */
static int pool_ok(const struct kd_lvm_plan *p, const struct kd_lvm_dmdev *d,
		   struct kd_error *e)
{
	char status[512];
	unsigned long long txid;

	if (kd_dm_status(d->name, status, sizeof status, e))
		return -1;
	if (sscanf(status, "%llu", &txid) != 1)
		return kd_fail(e, EIO, "thin pool %s: %.80s", d->name, status);
	if (txid != p->transaction_id)
		return kd_fail(e, EINVAL, "thin pool %s is at transaction %llu, its VG's "
			       "metadata at %llu: not writing through it", d->name, txid,
			       (unsigned long long)p->transaction_id);
	if (!strstr(status, " rw ") || strstr(status, "needs_check"))
		return kd_fail(e, EIO, "thin pool %s does not take writes: %.120s",
			       d->name, status);
	return 0;
}

/* Make the plan's devices in order, their numbers in num.  After a
 * failure none is left: a raid1 image or a pool's data LV alone would
 * show the filesystem that is the LV's. */
static int make_devices(const struct kd_lvm_plan *p, unsigned (*num)[2],
			struct kd_error *e)
{
	size_t i;
	char *table;
	int r = 0;

	for (i = 0; i < p->ndev; i++) {
		const struct kd_lvm_dmdev *d = &p->dev[i];

		table = kd_lvm_table_resolve(d->table, (const unsigned (*)[2])num, i, e);
		r = table ? kd_dm_create(d->name, d->uuid, table, &num[i][0], &num[i][1], e) : -1;
		free(table);
		if (r)
			break;			/* device i was not made */
		if (d->pool && pool_ok(p, d, e)) {
			r = -1;
			i++;			/* it was: remove it too */
			break;
		}
	}
	while (r && i-- > 0)
		kd_dm_remove(p->dev[i].name);
	return r;
}

/* /dev/<vg>/<lv> -> ../mapper/<name>, as lvm and udev make it (root= may
 * name the LV so). */
static void vg_link(const struct kd_lvm_plan *p, const char *name)
{
	char dir[160], link[300], target[160];

	snprintf(dir, sizeof dir, "/dev/%s", p->vg_name);
	snprintf(link, sizeof link, "%s/%s", dir, p->lv_name);
	snprintf(target, sizeof target, "../mapper/%s", name);
	if ((mkdir(dir, 0755) && errno != EEXIST) ||
	    ((unlink(link) && errno != ENOENT) || symlink(target, link)))
		kd_warn("cannot make %s: %s", link, strerror(errno));
}

int kd_lvm_activate(const struct kd_lv_ref *ref, int degraded, char *dev, size_t size,
		    struct kd_error *e)
{
	struct kd_lvm_plan p;
	unsigned num[KD_LVM_PLAN_DEVS][2], *top;
	const struct kd_lvm_dmdev *d;
	int r;

	r = kd_lvm_plan("/sys", "/dev", ref->vg_uuid, ref->lv_uuid, degraded, &p, e);
	if (r)
		goto out;
	if (p.seqno != ref->seqno || strcmp(p.vg_name, ref->vg_name) ||
	    strcmp(p.lv_name, ref->lv_name))
		kd_info("LV %s/%s: its volume group changed since the image was "
			"built (metadata %llu then, as %s/%s; %llu now): mapping it "
			"as it is now", p.vg_name, p.lv_name,
			(unsigned long long)ref->seqno, ref->vg_name, ref->lv_name,
			(unsigned long long)p.seqno);
	/* the LV's own device is the last one */
	d = &p.dev[p.ndev - 1];
	top = num[p.ndev - 1];
	r = make_devices(&p, num, e);
	if (r == 0)
		r = kd_dm_node(d->name, top[0], top[1], dev, size, e);
	if (r == 0) {
		vg_link(&p, d->name);
		kd_info("LV %s/%s is %s (%u:%u)", p.vg_name, p.lv_name, dev, top[0], top[1]);
	}
out:
	kd_lvm_plan_free(&p);
	return r;
}
