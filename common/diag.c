/* diag.c - "FILE:LINE: reason" diagnostics for the configuration parsers. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "diag.h"

void kd_diag_init(struct kd_diag *d, const char *file)
{
	memset(d, 0, sizeof *d);
	d->file = file;
}

/* Control bytes from the file (an escape sequence, a carriage return)
 * are shown as \xNN, never sent to the terminal; the end is cut short
 * when the message grows past size. */
static void escape_controls(char *msg, size_t size)
{
	char out[400];
	size_t i, n = 0;

	for (i = 0; msg[i] && n + 5 < sizeof out; i++) {
		unsigned char ch = (unsigned char)msg[i];

		if (ch < 0x20 || ch == 0x7f)
			n += (size_t)snprintf(out + n, sizeof out - n, "\\x%02x", ch);
		else
			out[n++] = (char)ch;
	}
	out[n] = '\0';
	snprintf(msg, size, "%s", out);
}

static void emit(struct kd_diag *d, int line, const char *kind, char *keep,
		 size_t keep_size, const char *fmt, va_list ap)
{
	char msg[400], out[512];

	vsnprintf(msg, sizeof msg, fmt, ap);
	escape_controls(msg, sizeof msg);
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
