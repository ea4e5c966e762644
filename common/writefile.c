/* writefile.c - whole files, replaced atomically (see writefile.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "fdio.h"
#include "writefile.h"

/* Write, set the mode and sync fd; 0 or -1 with errno set.  A file that
 * cannot be synced (EINVAL: the filesystem has no fsync) is written all
 * the same. */
static int fill(int fd, const void *buf, size_t len, mode_t mode)
{
	if (kd_write_full(fd, buf, len) || fchmod(fd, mode))
		return -1;
	return fsync(fd) && errno != EINVAL ? -1 : 0;
}

int kd_write_file(const char *path, const void *buf, size_t len, mode_t mode,
		  struct kd_error *e)
{
	char tmp[PATH_MAX];
	int fd, err;

	if (snprintf(tmp, sizeof tmp, "%s.XXXXXX", path) >= (int)sizeof tmp)
		return kd_fail(e, ENAMETOOLONG, "cannot create %s: %s", path,
			       strerror(ENAMETOOLONG));
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return kd_fail(e, errno, "cannot create %s: %s", path,
			       strerror(errno));
	if (fill(fd, buf, len, mode)) {
		err = errno;
		close(fd);
	} else if (close(fd) || rename(tmp, path)) {
		err = errno;
	} else {
		return 0;
	}
	unlink(tmp);
	return kd_fail(e, err, "cannot write %s: %s", path, strerror(err));
}

int kd_write_text(const char *path, const char *text, mode_t mode,
		  struct kd_error *e)
{
	return kd_write_file(path, text, strlen(text), mode, e);
}

int kd_write_kernel_file(const char *path, const char *text,
			 struct kd_error *e)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return kd_fail(e, errno, "cannot open %s: %s", path,
			       strerror(errno));
	if (kd_write_full(fd, text, strlen(text))) {
		kd_fail(e, errno, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd))
		return kd_fail(e, errno, "cannot write %s: %s", path,
			       strerror(errno));
	return 0;
}
