/* utf8.c - recognise, encode and cut UTF-8 (see utf8.h). */
#include "utf8.h"

static int cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

size_t kd_utf8_char(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (!n)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		len = 2;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		len = 3;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		len = 4;
	else
		return 0;	/* a continuation byte, an overlong C0/C1, F5.. */
	/* the second byte's range rules out overlong forms (E0, F0),
	 * surrogates (ED) and code points past U+10FFFF (F4) */
	if (u[0] == 0xe0)
		lo = 0xa0;
	else if (u[0] == 0xed)
		hi = 0x9f;
	else if (u[0] == 0xf0)
		lo = 0x90;
	else if (u[0] == 0xf4)
		hi = 0x8f;
	if (n < len || u[1] < lo || u[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if (!cont(u[i]))
			return 0;
	return len;
}

size_t kd_utf8_put(uint32_t cp, char *out)
{
	unsigned char *u = (unsigned char *)out;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	u[0] = (unsigned char)(0xf0 | cp >> 18);
	u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	u[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}

size_t kd_utf8_cut(const char *s, size_t len, size_t max)
{
	size_t cut, back;

	if (len <= max)
		return len;
	/* step back over at most 3 continuation bytes to the lead byte; text
	 * that is not UTF-8 is cut where it must be */
	for (cut = max, back = 0; cut > 0 && back < 3 &&
	     cont((unsigned char)s[cut]); cut--, back++)
		;
	return cont((unsigned char)s[cut]) ? max : cut;
}
