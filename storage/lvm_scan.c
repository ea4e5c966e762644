/* lvm_scan.c - PV labels and VG metadata copies on the block devices in
 * sysfs. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "log.h"
#include "lvm_scan.h"
#include "probe.h"
#include "readfile.h"

/* A device that is not a PV candidate: a device-mapper device, one of
 * no size (an empty loop or CD drive), or a member of an MD array (its
 * holders/ names the md device; lvm skips MD members too). */
static int skipped(const char *sys, const char *name, struct kd_lvm_pvdev *d)
{
	char path[PATH_MAX], line[64];
	unsigned long long sectors;
	struct dirent *de;
	DIR *dir;
	int md = 0;

	if (!strncmp(name, "dm-", 3) || strlen(name) >= sizeof d->name)
		return 1;
	snprintf(path, sizeof path, "%s/class/block/%s/dev", sys, name);
	if (kd_read_line(path, line, sizeof line) ||
	    sscanf(line, "%u:%u", &d->major, &d->minor) != 2)
		return 1;
	snprintf(path, sizeof path, "%s/class/block/%s/size", sys, name);
	if (kd_read_line(path, line, sizeof line) || sscanf(line, "%llu", &sectors) != 1 ||
	    !sectors)
		return 1;
	d->sectors = sectors;
	snprintf(d->name, sizeof d->name, "%s", name);
	snprintf(path, sizeof path, "%s/class/block/%s/holders", sys, name);
	dir = opendir(path);
	while (dir && (de = readdir(dir)))
		md |= !strncmp(de->d_name, "md", 2);
	if (dir)
		closedir(dir);
	return md;
}

/* An MD member whose array is not assembled: with metadata 0.90 or 1.0
 * the superblock is at the end and the array's data (a PV label too)
 * starts at sector 0 of every member, where writing would desynchronise
 * the array.  Their magic is 0xa92b4efc, little-endian. */
static int md_member(int fd, uint64_t sectors)
{
	static const unsigned char magic[4] = { 0xfc, 0x4e, 0x2b, 0xa9 };
	uint64_t at[2] = { 0, 0 };
	unsigned char buf[4];
	int i;

	if (sectors >= 256)			/* 0.90: the last 64 KiB block */
		at[0] = ((sectors * 512) & ~(uint64_t)0xffff) - 0x10000;
	if (sectors >= 24)			/* 1.0: 8 KiB from the end, 4 KiB aligned */
		at[1] = ((sectors - 16) & ~(uint64_t)7) * 512;
	for (i = 0; i < 2; i++)
		if (at[i] && kd_probe_fd_read(&fd, at[i], buf, sizeof buf) == 0 &&
		    !memcmp(buf, magic, sizeof magic))
			return 1;
	return 0;
}

static void record_copy(struct kd_lvm_found *f, const char *dev, char *text,
			size_t len, const struct kd_lvm_locn *loc, uint64_t seqno)
{
	if (!f->copies++ || seqno < f->oldest) {
		f->oldest = seqno;
		snprintf(f->oldest_dev, sizeof f->oldest_dev, "%s", dev);
	}
	if (f->text && seqno == f->seqno &&
	    (loc->checksum != f->checksum || len != f->len))
		snprintf(f->conflict_dev, sizeof f->conflict_dev, "%s", dev);
	if (f->text && seqno <= f->seqno) {
		free(text);
		return;
	}
	free(f->text);
	f->text = text;
	f->len = len;
	f->seqno = seqno;
	f->checksum = loc->checksum;
	f->conflict_dev[0] = '\0';
	snprintf(f->text_dev, sizeof f->text_dev, "%s", dev);
}

/* The metadata in area i of a PV's label, kept when it is the VG's. */
static void read_copy(int fd, const struct kd_lvm_label *l, unsigned i,
		      const char *dev, const char *vg_id, struct kd_lvm_found *f)
{
	struct kd_lvm_locn loc;
	struct kd_lvm_tree t;
	struct kd_lvm_vg vg;
	struct kd_error e;
	char *text = NULL;
	size_t len;

	memset(&vg, 0, sizeof vg);
	if (kd_lvm_read_mda(kd_probe_fd_read, &fd, l->mda[i].offset, &loc, &e) ||
	    kd_lvm_read_text(kd_probe_fd_read, &fd, &loc, &text, &len, &e)) {
		if (e.code != ENOENT)
			kd_debug("%s: metadata area %u: %s", dev, i + 1, e.msg);
		return;
	}
	if (kd_lvm_parse(text, len, &t, &e) || kd_lvm_vg_read(&t, &vg, &e))
		kd_debug("%s: metadata area %u: %s", dev, i + 1, e.msg);
	else if (!strcmp(vg.id, vg_id)) {
		record_copy(f, dev, text, len, &loc, vg.seqno);
		text = NULL;		/* f owns it now */
	}
	kd_lvm_vg_free(&vg);
	kd_lvm_tree_free(&t);
	free(text);
}

/* Keep d in f's list (which grows up to KD_LVM_MAX_DEVS). */
static int add_dev(struct kd_lvm_found *f, const struct kd_lvm_pvdev *d)
{
	struct kd_lvm_pvdev *grown;
	size_t cap = f->dev_cap ? f->dev_cap * 2 : 16;

	if (f->dev_count == f->dev_cap) {
		if (cap > KD_LVM_MAX_DEVS)
			return -1;
		grown = realloc(f->dev, cap * sizeof *grown);
		if (!grown)
			return -1;
		f->dev = grown;
		f->dev_cap = cap;
	}
	f->dev[f->dev_count++] = *d;
	return 0;
}

/* Device name (in sysfs at sys, its node in devdir): record its PV
 * label, if any, and read its copies of the metadata. */
static void scan_one(const char *sys, const char *devdir, const char *name,
		     const char *vg_id, struct kd_lvm_found *f)
{
	struct kd_lvm_pvdev d;
	struct kd_lvm_label l;
	struct kd_error e;
	char path[PATH_MAX];
	unsigned i;
	int fd;

	memset(&d, 0, sizeof d);
	if (skipped(sys, name, &d))
		return;
	snprintf(path, sizeof path, "%s/%s", devdir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (kd_lvm_read_label(kd_probe_fd_read, &fd, &l, &e)) {
		if (e.code != ENOENT)
			kd_debug("%s: %s", name, e.msg);
	} else if (md_member(fd, d.sectors)) {
		kd_debug("%s: a member of an MD array not assembled: not read as a PV", name);
	} else {
		snprintf(d.pv_id, sizeof d.pv_id, "%s", l.pv_id);
		if (add_dev(f, &d))
			kd_warn("%s: more than %u PVs, or no memory: not counted", name,
				KD_LVM_MAX_DEVS);
		for (i = 0; i < l.mda_count; i++)
			read_copy(fd, &l, i, name, vg_id, f);
	}
	close(fd);
}

int kd_lvm_scan(const char *sys, const char *devdir, const char *vg_id,
		struct kd_lvm_found *f, struct kd_error *e)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *dir;

	memset(f, 0, sizeof *f);
	snprintf(path, sizeof path, "%s/class/block", sys);
	dir = opendir(path);
	if (!dir)
		return kd_fail(e, errno, "cannot list %s: %s", path, strerror(errno));
	while ((de = readdir(dir)))
		if (de->d_name[0] != '.')
			scan_one(sys, devdir, de->d_name, vg_id, f);
	closedir(dir);
	if (!f->text)
		return kd_fail(e, ENODEV, "no PV with readable metadata of VG %s (of %zu "
			       "PVs seen)", vg_id, f->dev_count);
	if (f->conflict_dev[0])
		return kd_fail(e, EINVAL, "VG %s: %s and %s hold different metadata of the "
			       "same seqno %llu (lvm will not activate it either)", vg_id,
			       f->text_dev, f->conflict_dev, (unsigned long long)f->seqno);
	return 0;
}

void kd_lvm_found_free(struct kd_lvm_found *f)
{
	free(f->dev);
	free(f->text);
	memset(f, 0, sizeof *f);
}

void kd_lvm_match_pvs(const struct kd_lvm_found *f, struct kd_lvm_vg *vg)
{
	size_t i, d;

	for (i = 0; i < vg->pv_count; i++) {
		struct kd_lvm_pv *pv = &vg->pv[i];

		pv->found = 0;
		for (d = 0; d < f->dev_count; d++) {
			if (strcmp(f->dev[d].pv_id, pv->id))
				continue;
			if (!pv->found++) {
				snprintf(pv->dev, sizeof pv->dev, "%s", f->dev[d].name);
				pv->major = f->dev[d].major;
				pv->minor = f->dev[d].minor;
				pv->sectors = f->dev[d].sectors;
			}
		}
	}
}
