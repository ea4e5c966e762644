/* kexec.c - kexec_file_load(2), with kexec-tools as the ENOSYS fallback. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "kexec.h"
#include "log.h"

#ifndef SYS_kexec_file_load
#define SYS_kexec_file_load 320		/* x86_64 */
#endif
#define KEXEC_FILE_UNLOAD	0x1
#define KEXEC_FILE_ON_CRASH	0x2
#define KEXEC_FILE_NO_INITRAMFS	0x4
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

/* kexec-tools' kexec with the same request: exec argv, no shell. */
static int kexec_tools_load(const struct kd_kexec_image *img,
			    struct kd_error *e)
{
	char initrd[4096 + 16], cmdline[4096 + 32];
	const char *argv[8];
	int argc = 0, status;
	pid_t pid;

	argv[argc++] = "kexec";
	argv[argc++] = img->crash ? "-p" : "-l";
	if (img->initrd) {
		snprintf(initrd, sizeof initrd, "--initrd=%s", img->initrd);
		argv[argc++] = initrd;
	}
	snprintf(cmdline, sizeof cmdline, "--command-line=%s", img->cmdline);
	argv[argc++] = cmdline;
	argv[argc++] = img->kernel;
	argv[argc] = NULL;

	pid = fork();
	if (pid < 0)
		return kd_fail(e, errno, "fork: %s", strerror(errno));
	if (pid == 0) {
		execvp("kexec", (char *const *)argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return kd_fail(e, errno, "waitpid: %s", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return kd_fail(e, ENOSYS, "%s", kd_kexec_strerror(ENOSYS, img->crash));
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return kd_fail(e, EIO, "kexec-tools' kexec failed to load %s",
			       img->kernel);
	return 0;
}

int kd_kexec_load(const struct kd_kexec_image *img, struct kd_error *e)
{
	unsigned long flags = img->crash ? KEXEC_FILE_ON_CRASH : 0;
	int kfd, ifd = -1, err = 0;
	long ret;

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
	ret = syscall(SYS_kexec_file_load, kfd, ifd,
		      (unsigned long)strlen(img->cmdline) + 1, img->cmdline, flags);
	if (ret < 0)
		err = errno;
	close(kfd);
	if (ifd >= 0)
		close(ifd);
	if (!err)
		return 0;
	if (err == ENOSYS) {
		kd_warn("kexec_file_load(2) is not available, trying kexec-tools");
		return kexec_tools_load(img, e);
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
