/* What kdumpctl's verbs share: the options, the configuration as read
 * once for a verb, and the verbs themselves. */
#ifndef KDUMPCTL_H
#define KDUMPCTL_H

#include "bootfiles.h"
#include "crashmem.h"
#include "error.h"
#include "kdump_conf.h"
#include "sysconfig.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_NOT_LOADED = 3 };

struct options {
	const char *config;
	const char *sysconfig;
	const char *kernel;
	const char *initrd;
	const char *append;
	const char *kmoddir;
	int reuse_cmdline;
	int crash;
	int force;
};

/* The configuration as read once for a verb. */
struct setup {
	struct kdump_conf conf;
	struct kdump_sysconfig sc;
	struct kd_crashmem mem;
	int valid;		/* both files parsed without error */
};

/* Print the error; EXIT_FAIL. */
int kdumpctl_report(const struct kd_error *e);
/* 0 as root; otherwise an error is printed and -1 returned. */
int kdumpctl_need_root(void);
/* Read kdump.conf alone (the defaults when the default file is missing);
 * its diagnostics through d. */
void kdumpctl_read_conf(struct kdump_conf *conf, const struct options *o,
			struct kd_diag *d);
/* Read both configuration files and the reservation; prints the
 * "FILE:LINE: reason" diagnostics.  Returns 0 when both files are valid. */
int kdumpctl_read_setup(struct setup *s, const struct options *o,
			struct kd_error *e);
void kdumpctl_free_setup(struct setup *s);
/* The kernel, and where the capture initramfs kdumpctl builds goes
 * (KDUMP_INITRD, or KDUMP_IMAGE_DIR/initramfs-<version>.img). */
int kdumpctl_image_paths(struct kd_bootfiles *bf, const struct options *o,
			 const struct setup *s, struct kd_error *e);

/* verbs_service.c */
int kdumpctl_verb_check(const struct options *o);
int kdumpctl_verb_status(const struct options *o);
int kdumpctl_verb_start(const struct options *o);
int kdumpctl_verb_stop(const struct options *o);
int kdumpctl_verb_restart(const struct options *o);
int kdumpctl_verb_reload(const struct options *o);
int kdumpctl_verb_rebuild(const struct options *o);
int kdumpctl_verb_load(const struct options *o);
int kdumpctl_verb_unload(const struct options *o);
int kdumpctl_verb_exec(const struct options *o);
int kdumpctl_verb_propagate(const struct options *o);

/* verbs_memory.c */
int kdumpctl_verb_showmem(const struct options *o);
int kdumpctl_verb_estimate(const struct options *o);
int kdumpctl_verb_get_default_crashkernel(const struct options *o);
int kdumpctl_verb_reset_crashkernel(const struct options *o);
int kdumpctl_verb_test(const struct options *o);

/* verbs_dumps.c */
int kdumpctl_verb_list(const struct options *o);

#endif
