/* log.c - one-line messages with the "kdump: " prefix, on stderr. */
#include <stdarg.h>
#include <stdio.h>
#include "log.h"

static enum kd_level max_level = KD_LOG_INFO;

void kd_log_set_level(enum kd_level level)
{
	max_level = level;
}

void kd_log(enum kd_level level, const char *fmt, ...)
{
	static const char *const tag[] = { "error: ", "warning: ", "", "debug: " };
	char line[1024];
	va_list ap;

	if (level > max_level)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fprintf(stderr, "kdump: %s%s\n", tag[level], line);
}
