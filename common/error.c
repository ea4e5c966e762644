/* error.c - record an error as a value. */
#include <stdarg.h>
#include <stdio.h>
#include "error.h"

int kd_fail(struct kd_error *e, int code, const char *fmt, ...)
{
	va_list ap;

	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int kd_prefix(struct kd_error *e, const char *fmt, ...)
{
	char old[sizeof e->msg], head[sizeof e->msg];
	va_list ap;

	snprintf(old, sizeof old, "%s", e->msg);
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	snprintf(e->msg, sizeof e->msg, "%s: %s", head, old);
	return -1;
}
