/* diag.h - diagnostics from the configuration parsers.
 *
 * Every problem is reported as one line "FILE:LINE: reason" (errors) or
 * "FILE:LINE: warning: reason".  The parsers keep going after an error so a
 * user sees all of them at once; `errors` tells the caller whether the input
 * is usable.  `first` keeps the first error line for callers and tests.
 * With quiet set nothing is printed (tests, fuzzing). */
#ifndef KD_DIAG_H
#define KD_DIAG_H

struct kd_diag {
	const char *file;	/* name used in messages */
	int errors;
	int warnings;
	int quiet;
	char first[512];	/* first error line, "" when none */
	char first_warning[512];
};

void kd_diag_init(struct kd_diag *d, const char *file);
void kd_diag_error(struct kd_diag *d, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void kd_diag_warn(struct kd_diag *d, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
