/* stackplan.c - walk a block device's stack down through sysfs "slaves"
 * (see stackplan.h). */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "layer.h"
#include "lvm.h"
#include "md.h"
#include "stack.h"
#include "stackplan.h"

#define MAX_DEPTH 6	/* a thin LV on MD on partitions is five */

/* Append word to a space-separated list unless it is there. */
static void add_word(char *list, size_t size, const char *word)
{
	size_t len = strlen(word), used = strlen(list);
	const char *p;

	for (p = list; *p; p += strcspn(p, " "), p += *p == ' ')
		if (strcspn(p, " ") == len && !strncmp(p, word, len))
			return;
	snprintf(list + used, size - used, "%s%s", used ? " " : "", word);
}

static int add_line(struct kd_stack_plan *sp, const struct kd_layer *l,
		    struct kd_error *e)
{
	char line[512];
	size_t used = strlen(sp->lines);

	if (kd_layer_format(l, line, sizeof line) ||
	    used + strlen(line) + 2 > sizeof sp->lines)
		return kd_fail(e, ENOSPC, "the storage stack is too deep");
	if (!strstr(sp->lines, line))
		snprintf(sp->lines + used, sizeof sp->lines - used, "%s\n", line);
	return 0;
}

static const char *raid_module(int level)
{
	switch (level) {
	case -1: return "linear";
	case 0: return "raid0";
	case 1: return "raid1";
	case 10: return "raid10";
	default: return "raid456";
	}
}

/* lvm's /dev/mapper name: VG "-" LV, each "-" inside doubled. */
static void mapper_name(const struct kd_lv_ref *lv, char *out, size_t size)
{
	const char *parts[2] = { lv->vg_name, lv->lv_name }, *p;
	size_t n = 0;
	int i;

	for (i = 0; i < 2; i++) {
		if (i && n + 1 < size)
			out[n++] = '-';
		for (p = parts[i]; *p && n + 2 < size; p++) {
			if (*p == '-')
				out[n++] = '-';
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

static int walk(const char *name, int depth, enum kd_stack above,
		struct kd_stack_plan *sp, struct kd_error *e);

/* Every device under `name` (of kind `kind`) first. */
static int walk_slaves(const char *name, int depth, enum kd_stack kind,
		       struct kd_stack_plan *sp, struct kd_error *e)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;
	int ret = 0, n = 0;

	snprintf(path, sizeof path, "/sys/class/block/%s/slaves", name);
	d = opendir(path);
	if (!d)
		return kd_fail(e, errno, "%s: %s", path, strerror(errno));
	while (!ret && (de = readdir(d)))
		if (de->d_name[0] != '.') {
			ret = walk(de->d_name, depth + 1, kind, sp, e);
			n++;
		}
	closedir(d);
	if (!ret && !n)
		ret = kd_fail(e, ENODEV, "/dev/%s is built on no device", name);
	return ret;
}

static int add_lvm(const char *name, struct kd_stack_plan *sp, struct kd_error *e)
{
	struct kd_layer l = { .kind = KD_LAYER_LVM };
	char mapper[256], *m, *save = NULL;

	if (kd_lvm_describe(name, &l.lv, e))
		return kd_prefix(e, "/dev/%s", name);
	add_word(sp->modules, sizeof sp->modules, "dm_mod");
	for (m = strtok_r(l.lv.modules, " ", &save); m; m = strtok_r(NULL, " ", &save))
		add_word(sp->modules, sizeof sp->modules, m);
	mapper_name(&l.lv, mapper, sizeof mapper);
	snprintf(sp->mapper, sizeof sp->mapper, "/dev/mapper/%s", mapper);
	return add_line(sp, &l, e);
}

static int add_md(const char *name, struct kd_stack_plan *sp, struct kd_error *e)
{
	struct kd_layer l = { .kind = KD_LAYER_MD };
	struct kd_md_array a;

	if (kd_md_describe(name, &a, e))
		return kd_prefix(e, "/dev/%s", name);
	snprintf(l.md_uuid, sizeof l.md_uuid, "%s", a.uuid);
	add_word(sp->modules, sizeof sp->modules, "md_mod");
	add_word(sp->modules, sizeof sp->modules, raid_module(a.level));
	sp->mapper[0] = '\0';
	return add_line(sp, &l, e);
}

/* The disk a partition is on ("" when name is not a partition). */
static void parent_disk(const char *name, char *out, size_t size)
{
	char path[PATH_MAX], real[PATH_MAX], *slash;

	out[0] = '\0';
	snprintf(path, sizeof path, "/sys/class/block/%s/partition", name);
	if (access(path, F_OK))
		return;
	snprintf(path, sizeof path, "/sys/class/block/%s", name);
	if (!realpath(path, real) || !(slash = strrchr(real, '/')))
		return;
	*slash = '\0';
	slash = strrchr(real, '/');
	snprintf(out, size, "%s", slash ? slash + 1 : real);
}

/* An LV under an LV (a thin pool's data, a raid1 image) is part of the
 * one above: that one's plan maps it; only the PVs below are walked. */
static int walk(const char *name, int depth, enum kd_stack above,
		struct kd_stack_plan *sp, struct kd_error *e)
{
	enum kd_stack kind = kd_stack_of("/sys", name);
	char disk[64];

	parent_disk(name, disk, sizeof disk);
	if (kind == KD_STACK_PLAIN && disk[0] &&
	    kd_stack_of("/sys", disk) != KD_STACK_PLAIN)
		return walk(disk, depth, above, sp, e);	/* a partition of an array */
	if (depth > MAX_DEPTH)
		return kd_fail(e, ELOOP, "/dev/%s: the storage stack is deeper "
			       "than %d layers", name, MAX_DEPTH);
	if (kind == KD_STACK_PLAIN) {
		if (sp->nleaves == KD_STACK_MAX_LEAVES)
			return kd_fail(e, ENOSPC, "more than %d devices under the "
				       "target", KD_STACK_MAX_LEAVES);
		snprintf(sp->leaves[sp->nleaves++], sizeof sp->leaves[0],
			 "/dev/%s", name);
		return 0;
	}
	if (kind != KD_STACK_LVM && kind != KD_STACK_MD)
		return kd_fail(e, ENOTSUP, "/dev/%s is %s", name,
			       kd_stack_refusal(kind));
	if (walk_slaves(name, depth, kind, sp, e))
		return -1;
	if (kind == KD_STACK_LVM && above == KD_STACK_LVM)
		return 0;
	return kind == KD_STACK_LVM ? add_lvm(name, sp, e) : add_md(name, sp, e);
}

int kd_stack_plan(const char *dev, struct kd_stack_plan *sp, struct kd_error *e)
{
	const char *name = strrchr(dev, '/');

	return walk(name ? name + 1 : dev, 0, KD_STACK_PLAIN, sp, e);
}
