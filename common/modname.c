/* modname.c - see modname.h. */
#include <string.h>
#include "modname.h"

void kd_module_name(const char *path, size_t len, char *out, size_t size)
{
	const char *base = path, *p;
	size_t n, i;

	for (p = path; p < path + len; p++)
		if (*p == '/')
			base = p + 1;
	n = (size_t)(path + len - base);
	p = memchr(base, '.', n);
	if (p)
		n = (size_t)(p - base);
	if (n >= size)
		n = size - 1;
	for (i = 0; i < n; i++)
		out[i] = base[i] == '-' ? '_' : base[i];
	out[n] = '\0';
}

int kd_module_name_is(const char *name, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char x = name[i] == '-' ? '_' : name[i], y = s[i] == '-' ? '_' : s[i];

		if (!x || x != y)
			return 0;
	}
	return !name[n];
}
