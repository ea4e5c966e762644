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
