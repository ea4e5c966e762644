/* kparam.h - words of a kernel command line, split as the kernel splits
 * them: on blanks, with double quotes protecting blanks inside a value. */
#ifndef KD_KPARAM_H
#define KD_KPARAM_H

#include <stddef.h>

struct kd_kparam {
	const char *s;		/* the whole word, quotes included */
	size_t len;
	size_t name_len;	/* up to the first '=' or the end */
};

/* The next word after *p; 0 at the end. */
int kd_kparam_next(const char **p, struct kd_kparam *w);

/* 1 when w is the parameter `name`. */
int kd_kparam_is(const struct kd_kparam *w, const char *name);

/* The value of the last `name=` in cmdline, without quotes, in out;
 * 0 when found, -1 when absent. */
int kd_kparam_get(const char *cmdline, const char *name, char *out,
		  size_t size);

/* The same for the running kernel's /proc/cmdline. */
int kd_proc_cmdline_param(const char *name, char *out, size_t size);

#endif
