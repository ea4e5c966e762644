/* grub.h - put crashkernel= into the boot loader configuration.
 *
 * With grubby (Fedora, RHEL): grubby --update-kernel KERNEL --args
 * crashkernel=VALUE.  Otherwise GRUB as Debian configures it: a drop-in
 * <dir>/kdump-crashkernel.cfg, which grub-mkconfig sources after
 * /etc/default/grub, appending crashkernel=VALUE to
 * GRUB_CMDLINE_LINUX_DEFAULT; then update-grub.  Both only take effect at
 * the next boot. */
#ifndef KD_GRUB_H
#define KD_GRUB_H

#include <limits.h>
#include "error.h"

#define KD_GRUB_DIR "/etc/default/grub.d"
#define KD_GRUB_DROPIN "kdump-crashkernel.cfg"

struct kd_grub {
	char grubby[PATH_MAX];		/* "" when not used */
	char dir[PATH_MAX];		/* the drop-in directory */
	char update[PATH_MAX];		/* "" when not run */
	int dir_given;			/* KDUMP_GRUB_DIR: a test's directory */
};

/* From the environment: KDUMP_GRUB_DIR replaces /etc/default/grub.d, and
 * then grubby and update-grub are used only when KDUMP_GRUBBY and
 * KDUMP_UPDATE_GRUB name them.  Otherwise these name the programs, ""
 * turns one off, and unset means grubby and update-grub in PATH. */
void kd_grub_from_env(struct kd_grub *g);

/* The drop-in's text for value (already checked by
 * kd_crashkernel_writable). */
int kd_grub_dropin_text(const char *value, char *out, size_t size);

/* Set crashkernel=value for `kernel` (grubby's --update-kernel: a path,
 * ALL or DEFAULT; the drop-in applies to every kernel).  `where` gets what
 * was changed, for the message.  0 when it was written, 1 when it was
 * already set (nothing changed), -1 on an error. */
int kd_grub_set_crashkernel(const struct kd_grub *g, const char *kernel,
			    const char *value, char *where, size_t size,
			    struct kd_error *e);

#endif
