/* printable.c - control bytes as \xNN (see printable.h). */
#include <stdio.h>
#include "printable.h"

void kd_printable(const char *in, char *out, size_t size)
{
	size_t n = 0;

	if (!size)
		return;
	for (; *in; in++) {
		unsigned char ch = (unsigned char)*in;

		if (ch < 0x20 || ch == 0x7f) {
			if (n + 4 >= size)
				break;
			n += (size_t)snprintf(out + n, size - n, "\\x%02x", ch);
		} else {
			if (n + 1 >= size)
				break;
			out[n++] = (char)ch;
		}
	}
	out[n] = '\0';
}
