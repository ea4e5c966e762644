/* kexec_args.h - KEXEC_ARGS of /etc/sysconfig/kdump: kexec-tools options.
 *
 * kdumpctl loads the crash kernel with kexec_file_load(2) itself, so of
 * kexec-tools' options only some can apply:
 *   -s, --kexec-file-syscall, -a, --kexec-syscall-auto
 *                 what kdumpctl does anyway: accepted, nothing to do;
 *   -d, --debug   KEXEC_FILE_DEBUG (Linux 6.7 and later: the kernel logs
 *                 the segments), and kexec -d when kexec-tools loads;
 *   -c, --kexec-syscall, and the x86 options only kexec_load(2) honours
 *   (--reset-vga, --console-vga, --console-serial, --serial=PORT,
 *   --serial-baud=N, --elf32-core-headers, --elf64-core-headers,
 *   --noefi, --pass-memmap-cmdline, --mem-min=A, --mem-max=A)
 *                 the kernel is loaded by kexec-tools' kexec -c with them.
 * What kdumpctl sets itself (-p, -l, --initrd, --command-line, ...) and
 * every other option are errors with the reason. */
#ifndef KD_KEXEC_ARGS_H
#define KD_KEXEC_ARGS_H

#include <stddef.h>

#define KD_KEXEC_ARGS_MAX 32	/* words */

struct kd_kexec_args {
	int debug;			/* -d */
	int legacy;			/* load with kexec-tools' kexec -c */
	char first_legacy[64];		/* the option that asked for it */
	/* the words to pass to kexec-tools ("-s" and "-a" left out) */
	char buf[1024];
	char *argv[KD_KEXEC_ARGS_MAX + 1];
	int argc;
};

/* Parse `text` (NULL or "": no options).  0, or -1 with a one-line reason
 * in why. */
int kd_kexec_args_parse(const char *text, struct kd_kexec_args *a, char *why,
			size_t size);

#endif
