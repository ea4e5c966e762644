/* watchdogfind.c - find the active hardware watchdog in sysfs. */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "readfile.h"
#include "watchdogfind.h"

/* dir/name's first line into out ("" when unreadable). */
static void read_line(const char *dir, const char *name, char *out, size_t size)
{
	char path[PATH_MAX], *text;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	text = kd_read_file(path, 4096, NULL);
	snprintf(out, size, "%s", text ? text : "");
	out[strcspn(out, "\n")] = '\0';
	free(text);
}

/* The module of the device's driver: device/driver/module -> .../<name>. */
static void driver_module(const char *dir, char *out, size_t size)
{
	char path[PATH_MAX], target[PATH_MAX], *slash;
	ssize_t n;

	out[0] = '\0';
	snprintf(path, sizeof path, "%s/device/driver/module", dir);
	n = readlink(path, target, sizeof target - 1);
	if (n <= 0)
		return;
	target[n] = '\0';
	slash = strrchr(target, '/');
	snprintf(out, size, "%s", slash ? slash + 1 : target);
}

static int is_active_hardware(const char *dir, struct kd_watchdog_info *w)
{
	char state[32], timeout[32];

	read_line(dir, "state", state, sizeof state);
	if (strcmp(state, "active"))
		return 0;
	driver_module(dir, w->module, sizeof w->module);
	read_line(dir, "identity", w->identity, sizeof w->identity);
	if (!strcmp(w->module, "softdog") || !strcmp(w->identity, "Software Watchdog"))
		return 0;
	read_line(dir, "timeout", timeout, sizeof timeout);
	w->timeout = atoi(timeout);
	return 1;
}

int kd_watchdog_find(const char *sysfs, struct kd_watchdog_info *w)
{
	char base[PATH_MAX], dir[PATH_MAX * 2];
	struct dirent **names;
	int n, i, found = 0;

	memset(w, 0, sizeof *w);
	snprintf(base, sizeof base, "%s/class/watchdog", sysfs);
	n = scandir(base, &names, NULL, alphasort);
	if (n < 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (!found && !strncmp(names[i]->d_name, "watchdog", 8)) {
			snprintf(dir, sizeof dir, "%s/%s", base, names[i]->d_name);
			found = is_active_hardware(dir, w);
			if (found)
				snprintf(w->name, sizeof w->name, "%s",
					 names[i]->d_name);
		}
		free(names[i]);
	}
	free(names);
	if (!found)
		memset(w, 0, sizeof *w);
	return found;
}
