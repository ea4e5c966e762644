/* diag.c - "FILE:LINE: reason" diagnostics for the configuration parsers. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "diag.h"
#include "printable.h"

void kd_diag_init(struct kd_diag *d, const char *file)
{
	memset(d, 0, sizeof *d);
	d->file = file;
}

static void emit(struct kd_diag *d, int line, const char *kind, char *keep,
		 size_t keep_size, const char *fmt, va_list ap)
{
	char raw[400], msg[400], out[512];

	/* control bytes from the file are never sent to the terminal */
	vsnprintf(raw, sizeof raw, fmt, ap);
	kd_printable(raw, msg, sizeof msg);
	if (line > 0)
		snprintf(out, sizeof out, "%s:%d: %s%s", d->file, line, kind, msg);
	else
		snprintf(out, sizeof out, "%s: %s%s", d->file, kind, msg);
	if (!keep[0])
		snprintf(keep, keep_size, "%s", out);
	if (!d->quiet)
		fprintf(stderr, "%s\n", out);
}

void kd_diag_error(struct kd_diag *d, int line, const char *fmt, ...)
{
	va_list ap;

	d->errors++;
	va_start(ap, fmt);
	emit(d, line, "", d->first, sizeof d->first, fmt, ap);
	va_end(ap);
}

void kd_diag_warn(struct kd_diag *d, int line, const char *fmt, ...)
{
	va_list ap;

	d->warnings++;
	va_start(ap, fmt);
	emit(d, line, "warning: ", d->first_warning, sizeof d->first_warning,
	     fmt, ap);
	va_end(ap);
}
