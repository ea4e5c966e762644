/* program.c - look a program up in PATH (see program.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "program.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

int kd_find_program(const char *name, char *out, size_t size)
{
	const char *path = getenv("PATH"), *p;
	char dirs[8192];

	if (strchr(name, '/')) {
		if (snprintf(out, size, "%s", name) < (int)size &&
		    access(out, X_OK) == 0)
			return 0;
		out[0] = '\0';
		return -1;
	}
	snprintf(dirs, sizeof dirs, "%s:/usr/sbin:/sbin",
		 path && *path ? path : DEFAULT_PATH);
	for (p = dirs; *p; p += strcspn(p, ":"), p += *p == ':') {
		int len = (int)strcspn(p, ":");

		if (len && p[0] == '/' &&
		    snprintf(out, size, "%.*s/%s", len, p, name) < (int)size &&
		    access(out, X_OK) == 0)
			return 0;
	}
	out[0] = '\0';
	return -1;
}
