/* error.h - an error travelling up as a value: a code and one line of text.
 *
 *	if (open_thing(&e) < 0) return kd_fail(&e, errno, "cannot ...: %s", ...);
 *
 * Only main() decides what to print and whether to exit. */
#ifndef KD_ERROR_H
#define KD_ERROR_H

struct kd_error {
	int code;		/* errno value or a program-specific code */
	char msg[512];
};

/* Record an error and return -1. */
int kd_fail(struct kd_error *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Put "<what>: " before the recorded message; returns -1. */
int kd_prefix(struct kd_error *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
