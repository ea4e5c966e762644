/* dm.c - create and resume a device-mapper device with its ioctls, and
 * read its status. */
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <linux/dm-ioctl.h>
#include "dm.h"
#include "readfile.h"

#define CONTROL "/dev/mapper/control"

/* A request with no data after the struct; name only, as the kernel
 * wants one of name or uuid for everything but DM_DEV_CREATE. */
static void request(struct dm_ioctl *io, size_t size, const char *name)
{
	memset(io, 0, sizeof *io);
	io->version[0] = DM_VERSION_MAJOR;	/* 4; minor 0: anything newer */
	io->data_size = (uint32_t)size;
	io->data_start = sizeof *io;
	if (name)
		snprintf(io->name, sizeof io->name, "%s", name);
}

static int dm_call(int fd, unsigned long cmd, struct dm_ioctl *io, const char *what,
		   struct kd_error *e)
{
	int r;

	do
		r = ioctl(fd, cmd, io);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return kd_fail(e, errno, "device-mapper %s %s: %s", what, io->name,
			       strerror(errno));
	return 0;
}

/* devtmpfs makes mapper/control when dm-mod registers; make it from
 * sysfs when /dev was populated otherwise. */
static int control_open(struct kd_error *e)
{
	char line[32];
	unsigned maj, min;
	int fd = open(CONTROL, O_RDWR | O_CLOEXEC);

	if (fd >= 0 || errno != ENOENT)
		goto out;
	if (kd_read_line("/sys/class/misc/device-mapper/dev", line, sizeof line) ||
	    sscanf(line, "%u:%u", &maj, &min) != 2)
		return kd_fail(e, ENODEV, "no device-mapper in this kernel (dm-mod "
			       "not loaded?)");
	if ((mkdir("/dev/mapper", 0755) && errno != EEXIST) ||
	    mknod(CONTROL, S_IFCHR | 0600, makedev(maj, min)))
		return kd_fail(e, errno, "cannot make " CONTROL ": %s", strerror(errno));
	fd = open(CONTROL, O_RDWR | O_CLOEXEC);
out:
	if (fd < 0)
		return kd_fail(e, errno, "cannot open " CONTROL ": %s", strerror(errno));
	return fd;
}

/* Device-mapper interface 4 in this kernel (the kernel fills in its
 * version even when it refuses ours). */
static int check_version(int fd, struct kd_error *e)
{
	struct dm_ioctl io;

	request(&io, sizeof io, NULL);
	if (dm_call(fd, DM_VERSION, &io, "version", e))
		return -1;
	if (io.version[0] != DM_VERSION_MAJOR)
		return kd_fail(e, ENOTSUP, "device-mapper interface %u.%u, not %u.x",
			       io.version[0], io.version[1], DM_VERSION_MAJOR);
	return 0;
}

/* One table line: "<start> <length> <target> <parameters>" into spec
 * and, after it, the parameters; the bytes used (8-byte aligned, as the
 * kernel finds the next spec there), or 0 for a malformed line. */
static size_t target(char *line, struct dm_target_spec *spec)
{
	unsigned long long start, len;
	char type[DM_MAX_TYPE_NAME + 1], *params;
	size_t n;
	int at = -1;

	/* one character more than fits, to tell a long name from a short */
	if (sscanf(line, "%llu %llu %16s %n", &start, &len, type, &at) != 3 || at < 0 ||
	    !len || strlen(type) >= DM_MAX_TYPE_NAME)
		return 0;
	memcpy(spec->target_type, type, strlen(type) + 1);
	params = line + at;
	n = strlen(params);
	while (n && params[n - 1] == ' ')
		n--;
	spec->sector_start = start;
	spec->length = len;
	memcpy(spec + 1, params, n);
	((char *)(spec + 1))[n] = '\0';
	n = (sizeof *spec + n + 1 + 7) & ~(size_t)7;
	spec->next = (uint32_t)n;
	return n;
}

struct dm_ioctl *kd_dm_table_request(const char *name, const char *table,
				     struct kd_error *e)
{
	size_t lines = 1, size, at = sizeof(struct dm_ioctl), n;
	char *copy = strdup(table), *line, *end;
	struct dm_ioctl *io;
	const char *p;

	for (p = table; *p; p++)
		lines += *p == '\n';
	/* each line takes at most its spec, its own text and 8 of padding */
	size = sizeof *io + lines * (sizeof(struct dm_target_spec) + 8) + strlen(table) + 1;
	io = size <= UINT32_MAX ? calloc(1, size) : NULL;
	if (!copy || !io) {
		free(copy);
		free(io);
		kd_fail(e, ENOMEM, "no memory for a table of %zu lines", lines);
		return NULL;
	}
	request(io, size, name);
	for (line = copy; *line; line = end) {
		end = line + strcspn(line, "\n");
		if (*end)
			*end++ = '\0';
		if (!line[strspn(line, " ")])
			continue;		/* a blank line */
		n = target(line, (struct dm_target_spec *)((char *)io + at));
		if (!n) {
			kd_fail(e, EINVAL, "bad table line \"%.80s\"", line);
			free(copy);
			free(io);
			return NULL;
		}
		at += n;
		io->target_count++;
	}
	free(copy);
	io->data_size = (uint32_t)at;
	return io;
}

static void remove_dev(int fd, const char *name)
{
	struct dm_ioctl io;
	struct kd_error ignored;

	request(&io, sizeof io, name);
	dm_call(fd, DM_DEV_REMOVE, &io, "remove", &ignored);
}

/* DM_DEV_CREATE found the name or the uuid taken: fine when it is this
 * very LV, live (kdump-init asked twice); its number in *dev. */
static int existing(int fd, const char *name, const char *uuid, uint64_t *dev,
		    struct kd_error *e)
{
	struct dm_ioctl io;

	request(&io, sizeof io, name);
	if (dm_call(fd, DM_DEV_STATUS, &io, "status", e) || strcmp(io.uuid, uuid) ||
	    !(io.flags & DM_ACTIVE_PRESENT_FLAG))
		return kd_fail(e, EEXIST, "another device-mapper device is named %s or "
			       "has uuid %s", name, uuid);
	*dev = io.dev;
	return 0;
}

/* Load the table into the new device's inactive slot, then resume it:
 * DM_DEV_SUSPEND without DM_SUSPEND_FLAG makes that table live. */
static int load_and_resume(int fd, const char *name, const char *table,
			   struct kd_error *e)
{
	struct dm_ioctl *io = kd_dm_table_request(name, table, e), resume;
	int r;

	if (!io)
		return -1;
	r = dm_call(fd, DM_TABLE_LOAD, io, "table load", e);
	free(io);
	if (r)
		return -1;
	request(&resume, sizeof resume, name);
	return dm_call(fd, DM_DEV_SUSPEND, &resume, "resume", e);
}

int kd_dm_create(const char *name, const char *uuid, const char *table,
		 unsigned *major, unsigned *minor, struct kd_error *e)
{
	struct dm_ioctl io;
	uint64_t dev = 0;
	int fd = control_open(e), r = -1;

	if (fd < 0 || check_version(fd, e))
		goto out;
	request(&io, sizeof io, name);
	snprintf(io.uuid, sizeof io.uuid, "%s", uuid);
	if (dm_call(fd, DM_DEV_CREATE, &io, "create", e)) {
		if (e->code != EBUSY || existing(fd, name, uuid, &dev, e))
			goto out;
	} else {
		dev = io.dev;
		if (load_and_resume(fd, name, table, e)) {
			remove_dev(fd, name);	/* so that a retry starts afresh */
			goto out;
		}
	}
	/* the kernel encodes the number as new_encode_dev() does, which
	 * major() and minor() decode */
	*major = major(dev);
	*minor = minor(dev);
	r = 0;
out:
	if (fd >= 0)
		close(fd);
	return r;
}

void kd_dm_remove(const char *name)
{
	struct kd_error ignored;
	int fd = control_open(&ignored);

	if (fd >= 0) {
		remove_dev(fd, name);
		close(fd);
	}
}

int kd_dm_status(const char *name, char *out, size_t size, struct kd_error *e)
{
	union {
		struct dm_ioctl io;
		char bytes[16384];
	} buf;
	const struct dm_target_spec *spec;
	int fd = control_open(e), r = -1;

	if (fd < 0)
		return -1;
	request(&buf.io, sizeof buf, name);
	if (dm_call(fd, DM_TABLE_STATUS, &buf.io, "status", e))
		goto out;
	if (buf.io.flags & DM_BUFFER_FULL_FLAG || !buf.io.target_count ||
	    buf.io.data_start + sizeof *spec >= sizeof buf) {
		kd_fail(e, EIO, "device-mapper status of %s: no target in the answer", name);
		goto out;
	}
	spec = (const struct dm_target_spec *)(buf.bytes + buf.io.data_start);
	snprintf(out, size, "%.*s", (int)(sizeof buf - buf.io.data_start - sizeof *spec),
		 (const char *)(spec + 1));
	r = 0;
out:
	close(fd);
	return r;
}

int kd_dm_node(const char *name, unsigned major, unsigned minor,
	       char *out, size_t size, struct kd_error *e)
{
	struct stat st;

	snprintf(out, size, "/dev/mapper/%s", name);
	if (mkdir("/dev/mapper", 0755) && errno != EEXIST)
		return kd_fail(e, errno, "cannot make /dev/mapper: %s", strerror(errno));
	if (lstat(out, &st) == 0) {
		if (S_ISBLK(st.st_mode) && st.st_rdev == makedev(major, minor))
			return 0;
		if (unlink(out))		/* a stale node from an earlier try */
			return kd_fail(e, errno, "cannot remove %s: %s", out, strerror(errno));
	}
	if (mknod(out, S_IFBLK | 0600, makedev(major, minor)))
		return kd_fail(e, errno, "cannot make %s: %s", out, strerror(errno));
	return 0;
}
