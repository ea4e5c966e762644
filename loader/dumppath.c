/* dumppath.c - find the dump directory from the running system. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "dumppath.h"
#include "readfile.h"

/* The device node a target names, below root; -1 for an unknown form. */
static int device_path(const char *root, const char *spec, char *out,
		       size_t size)
{
	static const struct { const char *tag, *dir; } tags[] = {
		{ "UUID=", "by-uuid" }, { "LABEL=", "by-label" },
		{ "PARTUUID=", "by-partuuid" },
	};
	size_t i;

	if (spec[0] == '/')
		return snprintf(out, size, "%s%s", root, spec) < (int)size ? 0 : -1;
	for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		size_t len = strlen(tags[i].tag);

		if (!strncmp(spec, tags[i].tag, len))
			return snprintf(out, size, "%s/dev/disk/%s/%s", root,
					tags[i].dir, spec + len) < (int)size ? 0 : -1;
	}
	return -1;
}

/* mountinfo escapes blanks, tabs, newlines and backslashes as \ooo. */
static void unescape(char *s)
{
	char *out = s;

	for (; *s; s++) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*out++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
					(s[3] - '0'));
			s += 3;
		} else {
			*out++ = *s;
		}
	}
	*out = '\0';
}

/* What a target is, to compare with mountinfo's entries. */
struct wanted {
	const char *tag;	/* virtiofs: the tag; else NULL */
	char real[PATH_MAX];	/* the device node, symlinks resolved */
	dev_t rdev;		/* 0 when it is not a block device */
};

/* One mountinfo line: "id parent maj:min root mountpoint ... - fstype
 * source options".  1 when it is the wanted filesystem, mounted at its
 * root, with the mount point in dir. */
static int matches(char *line, const struct wanted *w, const char *root,
		   char *dir, size_t size)
{
	char fsroot[PATH_MAX], mnt[PATH_MAX], fstype[64], source[PATH_MAX];
	char path[PATH_MAX], real[PATH_MAX];
	const char *sep = strstr(line, " - ");
	unsigned maj, min;

	if (!sep || sscanf(line, "%*s %*s %u:%u %4095s %4095s", &maj, &min,
			   fsroot, mnt) != 4 ||
	    sscanf(sep + 3, "%63s %4095s", fstype, source) != 2)
		return 0;
	unescape(fsroot);
	unescape(mnt);
	unescape(source);
	if (strcmp(fsroot, "/"))
		return 0;
	if (w->tag) {
		if (strcmp(fstype, "virtiofs") || strcmp(source, w->tag))
			return 0;
	} else if (!(w->rdev && makedev(maj, min) == w->rdev)) {
		if (source[0] != '/' ||
		    snprintf(path, sizeof path, "%s%s", root, source) >= (int)sizeof path ||
		    !realpath(path, real) || strcmp(real, w->real))
			return 0;
	}
	return snprintf(dir, size, "%s", mnt) < (int)size;
}

/* The mount point of the wanted filesystem; 0, or -1 when not mounted. */
static int mount_point(const struct wanted *w, const char *root, char *dir,
		       size_t size)
{
	char path[PATH_MAX], *info, *line, *save = NULL;
	int found = -1;

	snprintf(path, sizeof path, "%s/proc/self/mountinfo", root);
	info = kd_read_file(path, 4 << 20, NULL);
	for (line = info ? strtok_r(info, "\n", &save) : NULL; line && found;
	     line = strtok_r(NULL, "\n", &save))
		if (matches(line, w, root, dir, size))
			found = 0;
	free(info);
	return found;
}

static int target_mount(const struct kdump_conf *conf, const char *root,
			char *mnt, size_t size, struct kd_error *e)
{
	struct wanted w = { 0 };
	char node[PATH_MAX];
	struct stat st;

	if (conf->target_fstype && !strcmp(conf->target_fstype, "virtiofs")) {
		w.tag = conf->target;
	} else {
		if (device_path(root, conf->target, node, sizeof node))
			return kd_fail(e, EINVAL, "the dump target %s is not a "
				       "device this system can name", conf->target);
		if (!realpath(node, w.real)) {
			kd_fail(e, errno, "the dump target %s is not present "
				"here (%s): its dumps were not looked at",
				conf->target, strerror(errno));
			return 1;
		}
		if (!stat(w.real, &st) && S_ISBLK(st.st_mode))
			w.rdev = st.st_rdev;
	}
	if (mount_point(&w, root, mnt, size)) {
		kd_fail(e, ENOENT, "the dump target %s is not mounted: its "
			"dumps were not looked at", conf->target);
		return 1;
	}
	return 0;
}

int kd_dump_path(const struct kdump_conf *conf, const char *root, char *out,
		 size_t size, struct kd_error *e)
{
	const char *path = conf->path ? conf->path : KDUMP_DEFAULT_DUMP_PATH;
	char mnt[PATH_MAX];
	int ret;

	switch (conf->target_kind) {
	case KD_TARGET_NONE:
		snprintf(mnt, sizeof mnt, "/");
		break;
	case KD_TARGET_FS:
		ret = target_mount(conf, root, mnt, sizeof mnt, e);
		if (ret)
			return ret;
		break;
	default:
		kd_fail(e, EREMOTE, "the dumps on the %s target %s are not "
			"looked at from here", kd_target_kind_name(conf->target_kind),
			conf->target ? conf->target : "");
		return 1;
	}
	path += strspn(path, "/");
	if (snprintf(out, size, "%s%s%s", mnt, strcmp(mnt, "/") && *path ? "/" : "",
		     path) >= (int)size)
		return kd_fail(e, ENAMETOOLONG, "the dump path %s/%s is too long",
			       mnt, path);
	return 0;
}
