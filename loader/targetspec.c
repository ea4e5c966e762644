/* targetspec.c - the target as the capture kernel finds it (see
 * targetspec.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "blockdev.h"
#include "targetspec.h"

/* /dev/NAME itself, not a link to it: devtmpfs makes the same node in the
 * capture kernel. */
static int is_kernel_name(const char *path, const char *real)
{
	struct stat st;

	return !lstat(path, &st) && S_ISBLK(st.st_mode) && !strcmp(path, real) &&
	       !strncmp(path, "/dev/", 5) && !strchr(path + 5, '/');
}

int kd_target_spec(const struct kdump_conf *conf, char *out, size_t size,
		   struct kd_error *e)
{
	int raw = conf->target_kind == KD_TARGET_RAW;
	char real[PATH_MAX];

	if (conf->target[0] != '/' ||
	    (realpath(conf->target, real) && is_kernel_name(conf->target, real))) {
		snprintf(out, size, "%s", conf->target);
		return 0;
	}
	if (!realpath(conf->target, real))
		return kd_fail(e, errno, "%s: %s", conf->target, strerror(errno));
	if (kd_blockdev_identity(real, raw, out, size))
		return kd_fail(e, ENODEV, "%s target %s is %s, which the capture "
			       "kernel (no udev) cannot find by that name, and it "
			       "has no %sPARTUUID or serial number to find it "
			       "by: name it by a tag or its kernel name",
			       conf->target_fstype, conf->target, real,
			       raw ? "" : "filesystem UUID, ");
	return 0;
}
