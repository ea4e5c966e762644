/* md_start.c - start an MD array in the capture kernel: a new md device,
 * then SET_ARRAY_INFO (the superblock format only: the kernel reads the
 * rest from the members), ADD_NEW_DISK for each chosen member, RUN_ARRAY
 * (include/uapi/linux/raid/md_u.h; drivers/md/md.c md_ioctl).  On any
 * failure the half-built array is stopped again, which releases its
 * members for the next try.  Nothing here writes to a member. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <linux/major.h>
#include <linux/raid/md_u.h>
#include "log.h"
#include "md.h"

#define MAX_CANDIDATES 64
/* "mdNNN" written here creates that array (Linux 4.2 and later) without
 * relying on create-on-open of a /dev node */
#define NEW_ARRAY "/sys/module/md_mod/parameters/new_array"

/* An array already running with these members (a retry after success,
 * or one the kernel autodetected): its /dev path. */
static int running(const char *uuid, char *dev, size_t size)
{
	struct kd_md_array a;
	struct kd_error e;
	struct dirent *de;
	DIR *d = opendir("/sys/class/block");
	int found = 0;

	if (!d)
		return 0;
	while (!found && (de = readdir(d)))
		if (!strncmp(de->d_name, "md", 2) &&
		    kd_md_describe(de->d_name, &a, &e) == 0 &&
		    kd_md_same_uuid(a.uuid, uuid)) {
			snprintf(dev, size, "/dev/%s", de->d_name);
			found = 1;
		}
	closedir(d);
	return found;
}

/* Ask md for array mdN: 0 created, 1 taken (try another), -1 when there
 * is no new_array parameter (then opening the node creates it). */
static int new_array(int n)
{
	char name[16];
	int fd = open(NEW_ARRAY, O_WRONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return -1;
	snprintf(name, sizeof name, "md%d", n);
	if (write(fd, name, strlen(name)) < 0)
		ret = errno == EEXIST ? 1 : -1;
	close(fd);
	return ret;
}

/* A new, empty md device, opened; its minor in *minor.  Minors from 127
 * down, as mdadm picks them, skipping those in use. */
static int open_new_md(int *minor, struct kd_error *e)
{
	char path[64];
	int n, fd, made = 0;

	for (n = 127; n >= 0; n--) {
		snprintf(path, sizeof path, "/sys/class/block/md%d", n);
		if (access(path, F_OK) == 0 || (made = new_array(n)) == 1)
			continue;
		/* devtmpfs made the node when the array was created; without
		 * devtmpfs (or new_array) it is made here */
		snprintf(path, sizeof path, "/dev/md%d", n);
		if (mknod(path, S_IFBLK | 0600, makedev(MD_MAJOR, n)) &&
		    errno != EEXIST)
			return kd_fail(e, errno, "cannot create %s: %s", path,
				       strerror(errno));
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			return kd_fail(e, errno, "cannot open %s: %s%s", path,
				       strerror(errno), made < 0 ?
				       " (is the md_mod module loaded?)" : "");
		*minor = n;
		return fd;
	}
	return kd_fail(e, EBUSY, "no free md device number");
}

/* Give up on the half-built array: STOP_ARRAY releases its members. */
static int stop_failed(int fd, struct kd_error *e)
{
	if (ioctl(fd, STOP_ARRAY, NULL))
		kd_warn("could not stop the half-assembled MD array: %s",
			strerror(errno));
	close(fd);
	return -1;
}

static int add_members(int fd, const struct kd_md_candidate *c, size_t n,
		       struct kd_error *e)
{
	mdu_disk_info_t disk;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!c[i].chosen)
			continue;
		/* only major:minor count before RUN_ARRAY: the kernel reads
		 * the slot and state from the member's superblock */
		memset(&disk, 0, sizeof disk);
		disk.major = (int)c[i].major;
		disk.minor = (int)c[i].minor;
		if (ioctl(fd, ADD_NEW_DISK, &disk))
			return kd_fail(e, errno, "the kernel refused member %s "
				       "(ADD_NEW_DISK: %s)", c[i].name,
				       strerror(errno));
	}
	return 0;
}

static int start(const struct kd_md_candidate *c, size_t n,
		 const struct kd_md_member *ref, char *dev, size_t size,
		 struct kd_error *e)
{
	mdu_array_info_t info;
	int fd, minor = -1;

	fd = open_new_md(&minor, e);
	if (fd < 0)
		return -1;
	memset(&info, 0, sizeof info);	/* raid_disks 0: the format only */
	info.major_version = ref->sb_major;
	info.minor_version = ref->sb_minor;
	if (ioctl(fd, SET_ARRAY_INFO, &info)) {
		kd_fail(e, errno, "md%d: SET_ARRAY_INFO %s: %s", minor,
			ref->metadata, strerror(errno));
		return stop_failed(fd, e);
	}
	if (add_members(fd, c, n, e)) {
		kd_prefix(e, "md%d", minor);
		return stop_failed(fd, e);
	}
	if (ioctl(fd, RUN_ARRAY, NULL)) {
		kd_fail(e, errno, "md%d: the kernel would not start MD array "
			"%s (RUN_ARRAY: %s; is the module of its RAID level "
			"loaded? the kernel log says why)", minor, ref->uuid,
			strerror(errno));
		return stop_failed(fd, e);
	}
	close(fd);
	snprintf(dev, size, "/dev/md%d", minor);
	return 0;
}

/* Say which devices stay out, and why: a degraded start is a choice. */
static void report(const struct kd_md_candidate *c, size_t n,
		   const struct kd_md_member *ref, int chosen)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!c[i].chosen)
			kd_info("MD array %s: %s left out: %s", ref->uuid,
				c[i].name, c[i].left_out);
	kd_info("MD array %s: starting with %d member%s of %d", ref->uuid,
		chosen, chosen == 1 ? "" : "s", ref->raid_disks);
}

int kd_md_assemble(const char *uuid, int degraded, char *dev, size_t size,
		   struct kd_error *e)
{
	struct kd_md_candidate c[MAX_CANDIDATES];
	size_t i;
	int n, chosen;

	if (running(uuid, dev, size))
		return 0;
	n = kd_md_scan("/sys", "/dev", uuid, c, MAX_CANDIDATES, e);
	if (n < 0)
		return -1;
	if (n == 0)
		return kd_fail(e, EAGAIN, "no member of MD array %s yet", uuid);
	chosen = kd_md_choose(c, (size_t)n, degraded, e);
	if (chosen < 0)
		return -1;
	for (i = 0; !c[i].chosen; i++)	/* chosen > 0: one is */
		;
	report(c, (size_t)n, &c[i].m, chosen);
	return start(c, (size_t)n, &c[i].m, dev, size, e);
}
