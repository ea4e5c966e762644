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

static int digit_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return 99;
}

/* "0x" and a hex digit: hex; a leading "0": octal; else decimal. */
static unsigned number_base(const char **p)
{
	const char *s = *p;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
		*p += 2;
		return 16;
	}
	return s[0] == '0' ? 8 : 10;
}

static unsigned suffix_shift(char ch)
{
	switch (ch) {
	case 'K': case 'k': return 10;
	case 'M': case 'm': return 20;
	case 'G': case 'g': return 30;
	case 'T': case 't': return 40;
	case 'P': case 'p': return 50;
	case 'E': case 'e': return 60;
	default: return 0;
	}
}

int kd_parse_size(const char *s, uint64_t *out, const char **end)
{
	const char *p = s;
	unsigned base = number_base(&p), shift;
	uint64_t v = 0;
	const char *digits = p;

	for (; digit_value(*p) < (int)base; p++) {
		unsigned d = (unsigned)digit_value(*p);

		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	if (p == digits)
		return -1;
	shift = suffix_shift(*p);
	if (shift) {
		if (v > (UINT64_MAX >> shift))
			return -1;
		v <<= shift;
		p++;
	}
	*out = v;
	if (end)
		*end = p;
	return 0;
}
