/* kexec.h - load, unload and execute kernels with kexec_file_load(2).
 *
 * A crash kernel is loaded with KEXEC_FILE_ON_CRASH into the memory the
 * running kernel reserved with crashkernel=; a kernel for fast reboot is
 * loaded without it and started with reboot(LINUX_REBOOT_CMD_KEXEC).  When
 * the kernel lacks kexec_file_load (ENOSYS) and kexec-tools' `kexec` is
 * installed, the same request is handed to it (argv, no shell); so it is
 * when KEXEC_ARGS has an option that only kexec_load(2) honours
 * (kexec_args.h). */
#ifndef KD_KEXEC_H
#define KD_KEXEC_H

#include "error.h"

struct kd_kexec_image {
	const char *kernel;	/* path of the bzImage */
	const char *initrd;	/* NULL: none */
	const char *cmdline;	/* "" allowed */
	int crash;		/* 1: arm as crash kernel */
	const char *kexec_args;	/* KEXEC_ARGS (checked already), or NULL */
};

int kd_kexec_load(const struct kd_kexec_image *img, struct kd_error *e);
int kd_kexec_unload(int crash, struct kd_error *e);
/* Only returns on failure. */
int kd_kexec_exec(struct kd_error *e);

/* Explain a kexec_file_load errno in one line, for the image `what`. */
const char *kd_kexec_strerror(int err, int crash);

#endif
