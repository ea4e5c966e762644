/* md.c - MD arrays in sysfs: describe a running one (first kernel), find
 * the members of one to assemble (capture kernel; md_start.c starts it). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "md.h"
#include "readfile.h"
#include "stack.h"

/* Attribute `attr` of block device `name` under sysfs `sys`. */
static int attr_line(const char *sys, const char *name, const char *attr,
		     char *buf, size_t size)
{
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/class/block/%s/%s", sys, name, attr);
	return kd_read_line(path, buf, size);
}

/* The superblock of block device `name`: its size from sysfs, its
 * contents from the node in devdir, opened read-only. */
int kd_md_read_member(const char *sys, const char *devdir, const char *name,
		      struct kd_md_member *m)
{
	char line[32], path[PATH_MAX], *end;
	unsigned long long sectors;
	int fd, ret;

	if (attr_line(sys, name, "size", line, sizeof line))
		return -1;
	errno = 0;
	sectors = strtoull(line, &end, 10);
	if (errno || *end || end == line || sectors > UINT64_MAX / 512)
		return -1;
	snprintf(path, sizeof path, "%s/%s", devdir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = kd_md_read_super(kd_probe_fd_read, &fd, sectors * 512, m);
	close(fd);
	return ret;
}

int kd_md_same_uuid(const char *a, const char *b)
{
	for (;; a++, b++) {
		while (*a && !isxdigit((unsigned char)*a))
			a++;
		while (*b && !isxdigit((unsigned char)*b))
			b++;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		if (!*a)
			return 1;
	}
}

/* Why a member the capture kernel's scan would not find, or NULL:
 * kd_md_scan reads only plain disks and partitions. */
static const char *member_refusal(const char *sys, const char *member)
{
	enum kd_stack kind = kd_stack_of(sys, member);

	if (kind == KD_STACK_MD)
		return "itself an MD array (nested arrays are not assembled)";
	if (kind == KD_STACK_LVM)
		return "an LVM volume (arrays on LVM are not assembled)";
	return kd_stack_refusal(kind);
}

/* Each member's name (md/dev-X/block links to it); the first active one
 * that has a superblock in *m.  -1 with the reason on a member that the
 * capture kernel would not see. */
static int describe_members(const char *sys, const char *devdir,
			    const char *name, struct kd_md_member *m,
			    struct kd_error *e)
{
	char path[PATH_MAX], link[PATH_MAX], *member;
	const char *why;
	struct kd_md_member got;
	struct dirent *de;
	int found = 0;
	ssize_t len;
	DIR *d;

	snprintf(path, sizeof path, "%s/class/block/%s/md", sys, name);
	d = opendir(path);
	if (!d)
		return kd_fail(e, errno, "%s: cannot read %s: %s", name, path,
			       strerror(errno));
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "dev-", 4))
			continue;
		snprintf(path, sizeof path, "%s/class/block/%s/md/%s/block", sys,
			 name, de->d_name);
		len = readlink(path, link, sizeof link - 1);
		if (len <= 0)
			continue;
		link[len] = '\0';
		member = strrchr(link, '/') ? strrchr(link, '/') + 1 : link;
		why = member_refusal(sys, member);
		if (why) {
			closedir(d);
			return kd_fail(e, ENOTSUP, "%s: member %s is %s", name,
				       member, why);
		}
		if (!found && kd_md_read_member(sys, devdir, member, &got) == 0 &&
		    got.role >= 0) {
			*m = got;
			found = 1;
		}
	}
	closedir(d);
	return found ? 0 : kd_fail(e, ENOENT, "%s: no active member with a "
				   "readable superblock", name);
}

/* The metadata and state in sysfs: what kdump-init can assemble at all. */
static int describe_sysfs(const char *sys, const char *name, char *meta,
			  size_t size, struct kd_error *e)
{
	char state[32];

	if (attr_line(sys, name, "md/metadata_version", meta, size))
		return kd_fail(e, ENODEV, "%s is not an MD array", name);
	if (!strncmp(meta, "external:", 9))
		return kd_fail(e, ENOTSUP, "%s has external metadata (%s): an "
			       "IMSM or DDF array, which needs mdadm and mdmon; "
			       "the capture kernel cannot assemble it", name,
			       meta + 9);
	if (strcmp(meta, "0.90") && strcmp(meta, "1.0") && strcmp(meta, "1.1") &&
	    strcmp(meta, "1.2"))
		return kd_fail(e, ENOTSUP, "%s has no RAID superblock (metadata "
			       "\"%s\", e.g. made by mdadm --build): its members "
			       "cannot be found", name, meta);
	if (attr_line(sys, name, "md/array_state", state, sizeof state) ||
	    !strcmp(state, "clear") || !strcmp(state, "inactive"))
		return kd_fail(e, ENODEV, "MD array %s is not running", name);
	return 0;
}

int kd_md_describe_at(const char *sys, const char *devdir, const char *name,
		      struct kd_md_array *a, struct kd_error *e)
{
	struct kd_md_candidate c;
	char meta[64];

	memset(a, 0, sizeof *a);
	memset(&c, 0, sizeof c);
	if (describe_sysfs(sys, name, meta, sizeof meta, e) ||
	    describe_members(sys, devdir, name, &c.m, e))
		return -1;
	if (strcmp(c.m.metadata, meta))
		return kd_fail(e, EINVAL, "%s: sysfs says metadata %s, its member "
			       "has a %s superblock", name, meta, c.m.metadata);
	/* what the capture kernel will decide, with this member alone:
	 * only a refusal for good (not "members missing") counts here */
	if (kd_md_choose(&c, 1, 1, e) < 0 && e->code != EAGAIN)
		return kd_prefix(e, "%s", name);
	snprintf(a->uuid, sizeof a->uuid, "%s", c.m.uuid);
	snprintf(a->metadata, sizeof a->metadata, "%s", c.m.metadata);
	a->level = c.m.level;
	a->raid_disks = c.m.raid_disks;
	return 0;
}

int kd_md_describe(const char *name, struct kd_md_array *a, struct kd_error *e)
{
	return kd_md_describe_at("/sys", "/dev", name, a, e);
}

/* Fill candidate c for block device `name` when it is a member of uuid. */
static int scan_one(const char *sys, const char *devdir, const char *name,
		    const char *uuid, struct kd_md_candidate *c)
{
	char line[32], path[PATH_MAX];
	enum kd_stack kind = kd_stack_of(sys, name);

	/* arrays and device-mapper maps are built on members, not members */
	if (kind != KD_STACK_PLAIN && kind != KD_STACK_ISCSI)
		return -1;
	memset(c, 0, sizeof *c);
	if (kd_md_read_member(sys, devdir, name, &c->m) || !kd_md_same_uuid(c->m.uuid, uuid))
		return -1;
	if (attr_line(sys, name, "dev", line, sizeof line) ||
	    sscanf(line, "%u:%u", &c->major, &c->minor) != 2)
		return -1;
	snprintf(c->name, sizeof c->name, "%s", name);
	snprintf(path, sizeof path, "%s/class/block/%s/partition", sys, name);
	c->partition = access(path, F_OK) == 0;
	return 0;
}

int kd_md_scan(const char *sys, const char *devdir, const char *uuid,
	       struct kd_md_candidate *c, size_t max, struct kd_error *e)
{
	char path[PATH_MAX];
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	snprintf(path, sizeof path, "%s/class/block", sys);
	d = opendir(path);
	if (!d)
		return kd_fail(e, errno, "cannot read %s: %s", path, strerror(errno));
	while (n < max && (de = readdir(d)))
		if (de->d_name[0] != '.' && strlen(de->d_name) < sizeof c->name &&
		    scan_one(sys, devdir, de->d_name, uuid, &c[n]) == 0)
			n++;
	closedir(d);
	return (int)n;
}
