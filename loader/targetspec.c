/* targetspec.c - the target as the capture kernel finds it (see
 * targetspec.h). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "blockdev.h"
#include "mountinfo.h"
#include "stack.h"
#include "stackplan.h"
#include "targetspec.h"

/* /dev/NAME itself, not a link to it: devtmpfs makes the same node in the
 * capture kernel. */
static int is_kernel_name(const char *path, const char *real)
{
	struct stat st;

	return !lstat(path, &st) && S_ISBLK(st.st_mode) && !strcmp(path, real) &&
	       !strncmp(path, "/dev/", 5) && !strchr(path + 5, '/');
}

/* A raw target on an LV: the /dev/mapper name kdump-init gives it when it
 * activates it (an MD array's number is the kernel's choice: refused). */
static int stacked_raw(const struct kdump_conf *conf, const char *real,
		       enum kd_stack kind, char *out, size_t size,
		       struct kd_error *e)
{
	struct kd_stack_plan *sp;
	int ret;

	if (kind != KD_STACK_LVM)
		return kd_fail(e, ENOTSUP, "raw target %s is on MD RAID (%s): the "
			       "capture kernel cannot name it; put a filesystem "
			       "on it, or use an LVM volume or a partition",
			       conf->target, real);
	sp = calloc(1, sizeof *sp);
	if (!sp)
		return kd_fail(e, ENOMEM, "out of memory");
	ret = kd_stack_plan(real, sp, e);
	if (!ret)
		snprintf(out, size, "%s", sp->mapper);
	free(sp);
	return ret;
}

int kd_target_spec(const struct kdump_conf *conf, char *out, size_t size,
		   struct kd_error *e)
{
	int raw = conf->target_kind == KD_TARGET_RAW;
	char real[PATH_MAX];
	enum kd_stack kind;

	if (conf->target[0] != '/') {
		snprintf(out, size, "%s", conf->target);
		return 0;
	}
	if (kd_blockdev_find(conf->target, real, sizeof real))
		return kd_fail(e, ENODEV, "%s: no such block device", conf->target);
	/* an array or volume gets its number from the capture kernel */
	kind = kd_stack_of("/sys", strrchr(real, '/') + 1);
	if (kind != KD_STACK_PLAIN && raw)
		return stacked_raw(conf, real, kind, out, size, e);
	if (kind == KD_STACK_PLAIN && is_kernel_name(conf->target, real)) {
		snprintf(out, size, "%s", conf->target);
		return 0;
	}
	if (kd_blockdev_identity(real, raw, out, size))
		return kd_fail(e, ENODEV, "%s target %s is %s, which the capture "
			       "kernel (no udev) cannot find by that name, and it "
			       "has no %sPARTUUID or serial number to find it "
			       "by: name it by a tag or its kernel name",
			       conf->target_fstype, conf->target, real,
			       raw ? "" : "filesystem UUID, ");
	return 0;
}

int kd_root_spec(char *out, size_t size)
{
	char dev[PATH_MAX];
	struct kd_mount m;

	if (kd_mount_of("/", &m) || m.dev[0] != '/' ||
	    kd_blockdev_find(m.dev, dev, sizeof dev) ||
	    kd_blockdev_identity(dev, 0, out, size))
		return -1;
	return strncmp(out, "UUID=", 5) ? -1 : 0;
}
