/* blockdev.c - resolve device specs by scanning /sys/class/block. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "blockdev.h"
#include "log.h"
#include "number.h"
#include "probe.h"
#include "readfile.h"

/* PARTUUID of partition `name`: read its disk's partition table. */
static int partuuid_of(const char *name, char *out, size_t size)
{
	char path[512], link[512], disk[300], num[16];
	ssize_t n;
	int fd, ret, partno;
	char *base;

	snprintf(path, sizeof path, "/sys/class/block/%s/partition", name);
	if (kd_read_line(path, num, sizeof num) ||
	    kd_parse_int(num, 1, 1 << 20, &partno))
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
	snprintf(disk, sizeof disk, "/dev/%s", base ? base + 1 : link);
	fd = open(disk, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = kd_probe_partuuid(kd_probe_fd_read, &fd, (unsigned)partno, out, size);
	close(fd);
	return ret;
}

static int matches(const char *name, const char *key, const char *value)
{
	char dev[300], got[64];
	struct kd_fsinfo fs;

	if (!strcmp(key, "PARTUUID"))
		return partuuid_of(name, got, sizeof got) == 0 &&
		       !strcasecmp(got, value);
	snprintf(dev, sizeof dev, "/dev/%s", name);
	if (kd_probe_device(dev, &fs))
		return 0;
	if (!strcmp(key, "UUID"))
		return !strcasecmp(fs.uuid, value);
	return !strcmp(fs.label, value);
}

int kd_blockdev_find(const char *spec, char *out, size_t size)
{
	const char *eq = strchr(spec, '=');
	char key[16], value[256];
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (spec[0] == '/') {
		if (stat(spec, &st) || !S_ISBLK(st.st_mode))
			return -1;
		snprintf(out, size, "%s", spec);
		return 0;
	}
	if (!eq || (size_t)(eq - spec) >= sizeof key)
		return -1;
	snprintf(key, sizeof key, "%.*s", (int)(eq - spec), spec);
	snprintf(value, sizeof value, "%s", eq + 1);
	d = opendir("/sys/class/block");
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !matches(de->d_name, key, value))
			continue;
		snprintf(out, size, "/dev/%s", de->d_name);
		closedir(d);
		return 0;
	}
	closedir(d);
	return -1;
}

int kd_blockdev_wait(const char *spec, int timeout, char *out, size_t size,
		     struct kd_error *e)
{
	struct timespec start, now, pause = { 0, 250000000 };
	long waited = 0, last_said = -1;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
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
