/* image.h - the capture initramfs: what goes into it, whether it must be
 * rebuilt, and building it with dracut and the kdump module.
 *
 * Everything the capture kernel needs is decided here, in the first
 * kernel: the dump target (worked out from `path` when kdump.conf names
 * none), the kernel modules for its filesystem and block devices, the
 * hooks and extra programs.  kdump.conf goes into the image as kdumpctl
 * validated it, with the target made explicit. */
#ifndef KD_IMAGE_H
#define KD_IMAGE_H

#include <limits.h>
#include "bootfiles.h"
#include "error.h"
#include "kdump_conf.h"
#include "netplan.h"
#include "stackplan.h"
#include "sysconfig.h"

#define KD_IMAGE_MAX_LIST 4096

struct kd_image_plan {
	char conf_text[16384];		/* kdump.conf for the image */
	char modules[KD_IMAGE_MAX_LIST];	/* space-separated, load order */
	char files[KD_IMAGE_MAX_LIST];	/* hooks, extra_bins, the collector */
	char target[512];		/* the target as the capture kernel
					 * finds it (targetspec.h), or "" */
	char collector[KD_IMAGE_MAX_LIST];	/* core_collector with the
						 * program's full path, or "" */
	char kver[256];
	char kernel[PATH_MAX];
	char kmoddir[PATH_MAX];
	char output[PATH_MAX];
	char stamp[PATH_MAX];		/* output + ".stamp" */
	struct kd_netplan net;		/* network targets, fence_kdump */
	struct kd_stack_plan stack;	/* LVM and MD under the target */
	int busybox;			/* a shell or udhcpc is needed */
	char watchdog[64];		/* "timeout N" for /etc/kdump/watchdog
					 * when the running kernel has an
					 * active hardware watchdog, or "" */
};

/* Work out the plan; fails with a reason when a file it needs is missing. */
int kd_image_plan(struct kd_image_plan *p, const struct kdump_conf *conf,
		  const struct kdump_sysconfig *sc, const struct kd_bootfiles *bf, const char *kmoddir,
		  struct kd_error *e);

/* 1 when the image must be (re)built, with the reason in why. */
int kd_image_stale(const struct kd_image_plan *p, const struct kdump_conf *conf,
		   char *why, size_t size);

/* Build it: dracut -m kdump, output mode 0600, then the stamp. */
int kd_image_build(const struct kd_image_plan *p, const struct kdump_conf *conf,
		   struct kd_error *e);

/* Record what the image was built from (done by kd_image_build). */
int kd_image_write_stamp(const struct kd_image_plan *p, struct kd_error *e);

#endif
