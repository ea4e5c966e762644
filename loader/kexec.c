/* kexec.c - kexec_file_load(2), with kexec-tools as the ENOSYS fallback. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include "command.h"
#include "kexec.h"
#include "kexec_args.h"
#include "log.h"

#ifndef SYS_kexec_file_load
#define SYS_kexec_file_load 320		/* x86_64 */
#endif
#define KEXEC_FILE_UNLOAD	0x1
#define KEXEC_FILE_ON_CRASH	0x2
#define KEXEC_FILE_NO_INITRAMFS	0x4
#define KEXEC_FILE_DEBUG	0x8	/* Linux 6.7 and later */
#ifndef RB_KEXEC
#define RB_KEXEC 0x45584543
#endif
#ifndef EKEYREJECTED
#define EKEYREJECTED 129
#endif

const char *kd_kexec_strerror(int err, int crash)
{
	switch (err) {
	case EPERM:
		return geteuid() ? "permission denied: kdumpctl must be run as root"
				 : "the kernel refused the image: kernel lockdown "
				   "or the kexec signature policy forbids it "
				   "(use a kernel signed with a trusted key)";
	case EKEYREJECTED:
	case ENOKEY:
	case EBADMSG:
	case EMSGSIZE:
		return "the kernel image was rejected by signature verification "
		       "(use a kernel signed with a key the running kernel trusts)";
	case ENOEXEC:
		return "the kernel image is not in a format kexec_file_load "
		       "accepts (an x86 bzImage is needed)";
	case ENOMEM:
	case EADDRNOTAVAIL:
		return crash ? "the kernel and initramfs do not fit in the memory "
			       "reserved for the crash kernel: reserve more with "
			       "crashkernel= or make the initramfs smaller"
			     : "not enough memory to load the kernel";
	case EBUSY:
		return "another kexec operation is in progress, try again";
	case ENOSYS:
		return "this kernel has no kexec_file_load(2) and kexec-tools' "
		       "kexec is not installed";
	default:
		return strerror(err);
	}
}

static int open_image(const char *path, const char *what, struct kd_error *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		kd_fail(e, errno, "cannot open the %s %s: %s", what, path,
			strerror(errno));
	return fd;
}

/* kexec-tools' kexec with the same request and the KEXEC_ARGS that apply:
 * exec argv, no shell.  -c (kexec_load) when an option needs it. */
static int kexec_tools_load(const struct kd_kexec_image *img,
			    const struct kd_kexec_args *a, struct kd_error *e)
{
	char initrd[4096 + 16], cmdline[4096 + 32];
	const char *argv[8 + KD_KEXEC_ARGS_MAX];
	int argc = 0, status, i;

	argv[argc++] = "kexec";
	argv[argc++] = img->crash ? "-p" : "-l";
	if (a->legacy)
		argv[argc++] = "-c";
	for (i = 0; i < a->argc; i++)
		argv[argc++] = a->argv[i];
	if (img->initrd) {
		snprintf(initrd, sizeof initrd, "--initrd=%s", img->initrd);
		argv[argc++] = initrd;
	}
	snprintf(cmdline, sizeof cmdline, "--command-line=%s", img->cmdline);
	argv[argc++] = cmdline;
	argv[argc++] = img->kernel;
	argv[argc] = NULL;

	status = kd_spawn_wait((char *const *)argv, NULL, e);
	if (status < 0)
		return -1;
	if (status == 127)
		return kd_fail(e, ENOSYS, "%s", kd_kexec_strerror(ENOSYS, img->crash));
	if (status)
		return kd_fail(e, EIO, "kexec-tools' kexec failed to load %s",
			       img->kernel);
	return 0;
}

static long file_load(int kfd, int ifd, const char *cmdline, unsigned long flags)
{
	return syscall(SYS_kexec_file_load, kfd, ifd,
		       (unsigned long)strlen(cmdline) + 1, cmdline, flags);
}

/* kexec_file_load(2); 0 or an errno.  A kernel older than the debug flag
 * refuses it (EINVAL): loaded again without, with a warning. */
static int file_load_images(const struct kd_kexec_image *img,
			    const struct kd_kexec_args *a, struct kd_error *e)
{
	unsigned long flags = (img->crash ? KEXEC_FILE_ON_CRASH : 0) |
			      (a->debug ? KEXEC_FILE_DEBUG : 0);
	int kfd, ifd = -1, err = 0;

	kfd = open_image(img->kernel, "kernel", e);
	if (kfd < 0)
		return -1;
	if (img->initrd) {
		ifd = open_image(img->initrd, "initramfs", e);
		if (ifd < 0) {
			close(kfd);
			return -1;
		}
	} else {
		flags |= KEXEC_FILE_NO_INITRAMFS;
	}
	if (file_load(kfd, ifd, img->cmdline, flags) < 0)
		err = errno;
	if (err == EINVAL && a->debug) {
		kd_warn("KEXEC_ARGS -d: this kernel's kexec_file_load has no "
			"debug flag (Linux 6.7 and later): loading without it");
		err = file_load(kfd, ifd, img->cmdline, flags & ~KEXEC_FILE_DEBUG) < 0 ?
		      errno : 0;
	}
	close(kfd);
	if (ifd >= 0)
		close(ifd);
	return err;
}

int kd_kexec_load(const struct kd_kexec_image *img, struct kd_error *e)
{
	struct kd_kexec_args a;
	char why[256];
	int err;

	if (kd_kexec_args_parse(img->kexec_args, &a, why, sizeof why))
		return kd_fail(e, EINVAL, "%s", why);
	if (a.legacy) {
		kd_info("KEXEC_ARGS %s: loading with kexec-tools' kexec",
			a.first_legacy);
		return kexec_tools_load(img, &a, e);
	}
	err = file_load_images(img, &a, e);
	if (err < 0)
		return -1;
	if (!err)
		return 0;
	if (err == ENOSYS) {
		kd_warn("kexec_file_load(2) is not available, trying kexec-tools");
		return kexec_tools_load(img, &a, e);
	}
	return kd_fail(e, err, "cannot load %s: %s", img->kernel,
		       kd_kexec_strerror(err, img->crash));
}

int kd_kexec_unload(int crash, struct kd_error *e)
{
	unsigned long flags = KEXEC_FILE_UNLOAD | (crash ? KEXEC_FILE_ON_CRASH : 0);

	if (syscall(SYS_kexec_file_load, -1, -1, 0UL, NULL, flags) < 0)
		return kd_fail(e, errno, "cannot unload the %s kernel: %s",
			       crash ? "crash" : "kexec",
			       kd_kexec_strerror(errno, crash));
	return 0;
}

int kd_kexec_exec(struct kd_error *e)
{
	sync();
	reboot(RB_KEXEC);
	/* reboot() returns only on failure; EINVAL means nothing is loaded. */
	if (errno == EINVAL)
		return kd_fail(e, errno, "no kernel is loaded for kexec: run "
			       "kdumpctl load --kernel FILE first");
	return kd_fail(e, errno, "kexec reboot failed: %s",
		       kd_kexec_strerror(errno, 0));
}
