/* kmodules.c - look a module name up in a kernel's modules.dep and
 * modules.builtin, the lists depmod writes. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kmodules.h"
#include "modname.h"
#include "readfile.h"

#define LIST_MAX (16 << 20)

/* Does a line of the list ("kernel/fs/ext4/ext4.ko.xz: deps" or
 * "kernel/lib/crc32c.ko") name the module? */
static int line_names(const char *line, size_t len, const char *name)
{
	const char *end = memchr(line, ':', len), *base, *dot;

	if (!end)
		end = line + len;
	for (base = end; base > line && base[-1] != '/'; base--)
		;
	dot = memchr(base, '.', (size_t)(end - base));
	if (!dot || strncmp(dot, ".ko", 3))
		return 0;
	return kd_module_name_is(name, base, (size_t)(dot - base));
}

/* 1, 0, or -1 when the list cannot be read. */
static int list_has(const char *kmoddir, const char *list, const char *name)
{
	char path[PATH_MAX];
	size_t len, at = 0;
	char *text;
	int found = 0;

	snprintf(path, sizeof path, "%s/%s", kmoddir, list);
	text = kd_read_file(path, LIST_MAX, &len);
	if (!text)
		return -1;
	while (at < len && !found) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t n = nl ? (size_t)(nl - (text + at)) : len - at;

		found = line_names(text + at, n, name);
		at += n + 1;
	}
	free(text);
	return found;
}

int kd_kernel_has_module(const char *kmoddir, const char *name)
{
	int dep = list_has(kmoddir, "modules.dep", name);

	if (dep == 1)
		return 1;
	if (list_has(kmoddir, "modules.builtin", name) == 1)
		return 1;
	return dep;
}
