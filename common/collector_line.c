/* collector_line.c - split and classify a core_collector line. */
#include <stdio.h>
#include <string.h>
#include "collector_line.h"

int kd_collector_split(char *line, char **argv)
{
	char *save = NULL, *w;
	int n = 0;

	for (w = strtok_r(line, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		if (n == KD_COLLECTOR_MAX_WORDS)
			return -1;
		argv[n++] = w;
	}
	argv[n] = NULL;
	return n;
}

const char *kd_collector_name(const char *line, size_t *len)
{
	size_t n = strcspn(line, " \t");
	const char *name = line, *p;

	for (p = line; p < line + n; p++)
		if (*p == '/')
			name = p + 1;
	*len = n - (size_t)(name - line);
	return name;
}

enum kd_collector_kind kd_collector_kind(const char *line)
{
	size_t n;
	const char *name = kd_collector_name(line, &n);

#define IS(s) (n == strlen(s) && !strncmp(name, s, n))
	if (IS("makedumpfile") || IS("kdump-collect"))
		return KD_COLLECTOR_BUILTIN;
	if (IS("cp") || IS("cat") || IS("dd"))
		return KD_COLLECTOR_COPY;
	if (IS("scp"))
		return KD_COLLECTOR_SCP;
#undef IS
	return KD_COLLECTOR_PROGRAM;
}
