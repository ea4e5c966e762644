/* mountinfo.c - the mount that holds a path (see mountinfo.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mountinfo.h"
#include "readfile.h"

/* The /proc/self/mountinfo entry with the longest mount point under
 * which `path` lies. */
int kd_mount_of(const char *path, struct kd_mount *m)
{
	char *info = kd_read_file("/proc/self/mountinfo", 4 << 20, NULL), *line, *save = NULL;
	size_t best = 0;
	int found = -1;

	for (line = info ? strtok_r(info, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		char dir[PATH_MAX], fstype[32], dev[PATH_MAX];
		const char *sep = strstr(line, " - ");
		size_t len;

		if (!sep || sscanf(line, "%*s %*s %*s %*s %4095s", dir) != 1 ||
		    sscanf(sep + 3, "%31s %4095s", fstype, dev) != 2)
			continue;
		len = strlen(dir);
		if (strncmp(path, dir, len) || (len > 1 && path[len] && path[len] != '/') ||
		    len < best)
			continue;
		best = len;
		snprintf(m->dir, sizeof m->dir, "%s", dir);
		snprintf(m->fstype, sizeof m->fstype, "%s", fstype);
		snprintf(m->dev, sizeof m->dev, "%s", dev);
		found = 0;
	}
	free(info);
	return found;
}
