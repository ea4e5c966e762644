/* blockdev.c - resolve device specs by scanning /sys/class/block. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "blockdev.h"
#include "log.h"
#include "md.h"
#include "number.h"
#include "probe.h"
#include "readfile.h"

/* Partition `name`'s number and its disk's /dev path; -1 when it is not a
 * partition. */
static int partition_of(const char *name, int *partno, char *disk, size_t size)
{
	char path[512], link[512], num[16];
	char *base;
	ssize_t n;

	snprintf(path, sizeof path, "/sys/class/block/%s/partition", name);
	if (kd_read_line(path, num, sizeof num) ||
	    kd_parse_int(num, 1, 1 << 20, partno))
		return -1;
	snprintf(path, sizeof path, "/sys/class/block/%s", name);
	n = readlink(path, link, sizeof link - 1);
	if (n <= 0)
		return -1;
	link[n] = '\0';
	base = strrchr(link, '/');
	if (!base)
		return -1;
	*base = '\0';				/* the parent: the disk */
	base = strrchr(link, '/');
	snprintf(disk, size, "/dev/%s", base ? base + 1 : link);
	return 0;
}

/* PARTUUID or PARTLABEL of partition `name`, from its disk's table. */
static int partition_tag(const char *name, int label, char *out, size_t size)
{
	char disk[300];
	int fd, ret, partno;

	if (partition_of(name, &partno, disk, sizeof disk))
		return -1;
	fd = open(disk, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = label ? kd_probe_partlabel(kd_probe_fd_read, &fd, (unsigned)partno, out, size)
		    : kd_probe_partuuid(kd_probe_fd_read, &fd, (unsigned)partno, out, size);
	close(fd);
	return ret;
}

/* The serial number a whole disk reports in sysfs (virtio-blk: serial,
 * NVMe and others: device/serial), blanks trimmed. */
static int serial_of(const char *name, char *out, size_t size)
{
	static const char *const where[] = { "serial", "device/serial", NULL };
	char path[512], line[256], *p;
	int i;

	for (i = 0; where[i]; i++) {
		snprintf(path, sizeof path, "/sys/class/block/%s/%s", name, where[i]);
		if (kd_read_line(path, line, sizeof line))
			continue;
		for (p = line; *p == ' '; p++)
			;
		while (*p && p[strlen(p) - 1] == ' ')
			p[strlen(p) - 1] = '\0';
		if (*p) {
			snprintf(out, size, "%s", p);
			return 0;
		}
	}
	return -1;
}

static int is_partition(const char *name)
{
	char path[512];

	snprintf(path, sizeof path, "/sys/class/block/%s/partition", name);
	return access(path, F_OK) == 0;
}

/* Part of another device: held by device-mapper or MD (an LVM physical
 * volume, a raid1 LV's image, an array's member), or an MD member not
 * assembled yet.  Its filesystem is the other device's: a tag must not
 * find it there, or the dump would bypass the array (0.90 and 1.0
 * superblocks sit at the end: a RAID1 member shows the filesystem at its
 * start). */
static int component(const char *name)
{
	struct kd_md_member m;
	char path[512];

	snprintf(path, sizeof path, "/sys/class/block/%s/holders", name);
	return kd_dir_has_entries(path) || kd_md_read_member("/sys", "/dev", name, &m) == 0;
}

static int matches(const char *name, const char *key, const char *value)
{
	char dev[300], got[256];
	struct kd_fsinfo fs;

	if (!strcmp(key, "PARTUUID") || !strcmp(key, "PARTLABEL"))
		return partition_tag(name, key[4] == 'L', got, sizeof got) == 0 &&
		       (key[4] == 'L' ? !strcmp(got, value) : !strcasecmp(got, value));
	if (!strcmp(key, "SERIAL"))
		return !is_partition(name) && serial_of(name, got, sizeof got) == 0 &&
		       !strcmp(got, value);
	snprintf(dev, sizeof dev, "/dev/%s", name);
	if (kd_probe_device(dev, &fs) ||
	    (strcmp(key, "UUID") ? strcmp(fs.label, value) : strcasecmp(fs.uuid, value)))
		return 0;
	/* only for a device that matches: it reads the MD superblocks */
	return !component(name);
}

/* /dev/<its kernel name> for block device node path (its number's
 * /sys/dev/block link): /dev/mapper/vg-lv, a node lvm made itself, is
 * /dev/dm-3, whose stack sysfs shows.  The path as given when that node
 * is not in /dev. */
static void kernel_name(const char *path, const struct stat *st, char *out, size_t size)
{
	char link[PATH_MAX], sys[64], *base;
	struct stat node;
	ssize_t n;

	snprintf(out, size, "%s", path);
	snprintf(sys, sizeof sys, "/sys/dev/block/%u:%u", major(st->st_rdev),
		 minor(st->st_rdev));
	n = readlink(sys, link, sizeof link - 1);
	if (n <= 0)
		return;
	link[n] = '\0';
	base = strrchr(link, '/');
	snprintf(sys, sizeof sys, "/dev/%s", base ? base + 1 : link);
	if (!stat(sys, &node) && S_ISBLK(node.st_mode) && node.st_rdev == st->st_rdev)
		snprintf(out, size, "%s", sys);
}

int kd_blockdev_count(const char *spec, char *out, size_t size)
{
	const char *eq = strchr(spec, '=');
	char key[16], value[256];
	struct dirent *de;
	struct stat st;
	int n = 0;
	DIR *d;

	if (spec[0] == '/') {
		if (stat(spec, &st) || !S_ISBLK(st.st_mode))
			return 0;
		kernel_name(spec, &st, out, size);
		return 1;
	}
	if (!eq || (size_t)(eq - spec) >= sizeof key)
		return 0;
	snprintf(key, sizeof key, "%.*s", (int)(eq - spec), spec);
	snprintf(value, sizeof value, "%s", eq + 1);
	d = opendir("/sys/class/block");
	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !matches(de->d_name, key, value))
			continue;
		if (!n++)
			snprintf(out, size, "/dev/%s", de->d_name);
	}
	closedir(d);
	return n;
}

int kd_blockdev_find(const char *spec, char *out, size_t size)
{
	return kd_blockdev_count(spec, out, size) ? 0 : -1;
}

int kd_blockdev_identity(const char *dev, int raw, char *out, size_t size)
{
	const char *name = strrchr(dev, '/') ? strrchr(dev, '/') + 1 : dev;
	char tag[256];
	struct kd_fsinfo fs;

	if (!raw && kd_probe_device(dev, &fs) == 0 && fs.uuid[0]) {
		snprintf(out, size, "UUID=%s", fs.uuid);
		return 0;
	}
	if (partition_tag(name, 0, tag, sizeof tag) == 0) {
		snprintf(out, size, "PARTUUID=%s", tag);
		return 0;
	}
	if (!is_partition(name) && serial_of(name, tag, sizeof tag) == 0) {
		snprintf(out, size, "SERIAL=%s", tag);
		return 0;
	}
	return -1;
}

int kd_blockdev_wait(const char *spec, int timeout, char *out, size_t size,
		     kd_blockdev_poll poll, void *ctx, struct kd_error *e)
{
	struct timespec start, now, pause = { 0, 250000000 };
	long waited = 0, last_said = -1;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (poll)
			poll(ctx, (int)waited, timeout);
		if (kd_blockdev_find(spec, out, size) == 0)
			return 0;
		clock_gettime(CLOCK_MONOTONIC, &now);
		waited = now.tv_sec - start.tv_sec;
		if (waited >= timeout)
			return kd_fail(e, ENODEV, "%s did not appear within %d s "
				       "(disk_timeout)", spec, timeout);
		if (waited / 10 != last_said) {
			last_said = waited / 10;
			kd_info("waiting for %s (%ld of %d s)", spec, waited, timeout);
		}
		nanosleep(&pause, NULL);
	}
}
