/* bootfiles.h - which kernel and capture initramfs to load.
 *
 * The kernel is <KDUMP_BOOTDIR>/<KDUMP_IMG>-<KDUMP_KERNELVER><KDUMP_IMG_EXT>
 * (defaults: the directory of BOOT_IMAGE= under /boot, else /boot, /boot/efi,
 * /efi and /; vmlinuz; the running kernel's release; no suffix).  The capture
 * initramfs is KDUMP_INITRD, or KDUMP_IMAGE_DIR/initramfs-<version>.img,
 * which `kdumpctl rebuild` writes. */
#ifndef KD_BOOTFILES_H
#define KD_BOOTFILES_H

#include <limits.h>
#include "error.h"
#include "sysconfig.h"

#define KDUMP_IMAGE_DIR "/var/lib/kdump"

struct kd_bootfiles {
	char kver[256];
	char kernel[PATH_MAX];
	char initrd[PATH_MAX];
};

/* Fill bf from the overrides (either may be NULL), sysconfig and the
 * running kernel's command line.  Fails with a reason naming what was
 * tried when a file is missing. */
int kd_bootfiles_find(struct kd_bootfiles *bf, const struct kdump_sysconfig *sc,
		      const char *proc_cmdline, const char *kernel,
		      const char *initrd, struct kd_error *e);

/* bf->kver: KDUMP_KERNELVER, else the running kernel's release. */
int kd_bootfiles_version(struct kd_bootfiles *bf, const struct kdump_sysconfig *sc,
			 struct kd_error *e);

/* The kernel only (for fast reboot); same search. */
int kd_bootfiles_kernel(struct kd_bootfiles *bf, const struct kdump_sysconfig *sc,
			const char *proc_cmdline, struct kd_error *e);

#endif
