/* number.c - see number.h. */
#include <errno.h>
#include <stdlib.h>
#include "number.h"

int kd_parse_int(const char *s, int min, int max, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (!*s || *end || errno || n < min || n > max)
		return -1;
	*out = (int)n;
	return 0;
}
