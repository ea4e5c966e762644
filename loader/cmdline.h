/* cmdline.h - the capture kernel's command line.
 *
 * Built from the running kernel's command line (or KDUMP_COMMANDLINE):
 * parameters are removed by name (crashkernel, root-device assembly that
 * does not apply in the capture initramfs, and KDUMP_COMMANDLINE_REMOVE),
 * root=/rootfstype=/rootflags= are carried over as kdump.root=,
 * kdump.rootfstype= and kdump.rootflags= for dump_to_rootfs and for a
 * dump without a target (kdump.root= as the capture kernel can find the
 * root filesystem, when the caller knows it), then
 * KDUMP_COMMANDLINE_APPEND and any extra words are appended.  Words are
 * split as the kernel splits them: on spaces, with double quotes
 * protecting spaces inside a value. */
#ifndef KD_CMDLINE_H
#define KD_CMDLINE_H

#include <stddef.h>
#include "error.h"

#define KD_CMDLINE_MAX 2048	/* x86 COMMAND_LINE_SIZE, including the NUL */

/* Build the capture command line into out[outsize].  `remove` is a
 * space-separated list of parameter names; `append` and `extra` are
 * appended verbatim word by word (either may be NULL); `root`, when not
 * NULL, is kdump.root='s value instead of root='s ("UUID=...": the
 * capture kernel has no udev to make /dev/disk/by-uuid or /dev/VG/LV). */
int kd_capture_cmdline(const char *base, const char *remove,
		       const char *append, const char *extra, const char *root,
		       char *out, size_t outsize, struct kd_error *e);

/* kexec-tools' --reuse-cmdline: the base without BOOT_IMAGE= (and without
 * crashkernel= when `for_crash`), followed by `append`. */
int kd_reuse_cmdline(const char *base, const char *append, int for_crash,
		     char *out, size_t outsize, struct kd_error *e);

#endif
