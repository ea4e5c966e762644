/* raw.c - restore a flattened dump from a raw device. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "fdio.h"
#include "flat_reader.h"
#include "log.h"
#include "raw.h"

#define MARK "makedumpfile"

static int has_dump(int fd)
{
	char head[16] = "";

	return pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head &&
	       !memcmp(head, MARK, sizeof MARK);
}

/* The flattened header is what marks a dump: zero it once restored. */
static int clear_mark(int fd, struct kd_error *e)
{
	static const char zeros[4096];

	if (kd_pwrite_full(fd, zeros, sizeof zeros, 0, NULL) || fsync(fd))
		return kd_fail(e, errno, "cannot clear the dump mark: %s",
			       strerror(errno));
	return 0;
}

static int make_dir(const char *path, char *dir, size_t size, struct kd_error *e)
{
	time_t now = time(NULL);
	struct tm tm;
	char stamp[32];

	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d-%H:%M", &tm);
	snprintf(dir, size, "%s/%s", path, stamp);
	if (mkdir(path, 0700) && errno != EEXIST)
		return kd_fail(e, errno, "cannot create %s: %s", path, strerror(errno));
	if (mkdir(dir, 0700) && errno != EEXIST)
		return kd_fail(e, errno, "cannot create %s: %s", dir, strerror(errno));
	return 0;
}

int kd_raw_restore(const char *device, const char *path, char *dir,
		   size_t size, struct kd_error *e)
{
	char file[4200];
	int in = open(device, O_RDWR | O_CLOEXEC), out, ret;

	if (in < 0)
		return kd_fail(e, errno, "cannot open the raw target %s: %s", device,
			       strerror(errno));
	if (!has_dump(in)) {
		close(in);
		return 0;
	}
	kd_info("a dump is waiting on %s: restoring it", device);
	if (make_dir(path, dir, size, e)) {
		close(in);
		return -1;
	}
	snprintf(file, sizeof file, "%s/vmcore-incomplete", dir);
	out = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (out < 0) {
		close(in);
		return kd_fail(e, errno, "cannot create %s: %s", file, strerror(errno));
	}
	ret = kd_flat_rearrange(in, out, e);
	if (close(out) && !ret)
		ret = kd_fail(e, errno, "%s: %s", file, strerror(errno));
	if (!ret) {
		char done[4200];

		snprintf(done, sizeof done, "%s/vmcore", dir);
		if (rename(file, done))
			ret = kd_fail(e, errno, "rename %s: %s", file, strerror(errno));
	}
	/* a partial stream is kept as vmcore-incomplete; either way the
	 * device is not restored twice */
	if (clear_mark(in, e) && !ret)
		ret = -1;
	close(in);
	return ret ? -1 : 1;
}
