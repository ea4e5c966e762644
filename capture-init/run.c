/* run.c - run hooks and programs through command.h, no shell. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "command.h"
#include "log.h"
#include "run.h"

int kd_run(char *const argv[])
{
	struct kd_error e;
	int status = kd_spawn_wait(argv, NULL, &e);

	if (status < 0)
		kd_err("%s", e.msg);
	return status;
}

static int is_executable_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

int kd_run_dir(const char *dir, const char *arg)
{
	struct dirent **names;
	int n, i, failed = 0;

	n = scandir(dir, &names, NULL, alphasort);
	if (n < 0)
		return 0;
	for (i = 0; i < n; i++) {
		char path[1024];
		char *argv[3];
		int status;

		snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
		if (names[i]->d_name[0] != '.' && is_executable_file(path)) {
			argv[0] = path;
			argv[1] = (char *)arg;
			argv[2] = NULL;
			kd_info("running %s", path);
			status = kd_run(argv);
			if (status) {
				kd_warn("%s exited with status %d", path, status);
				failed++;
			}
		}
		free(names[i]);
	}
	free(names);
	return failed;
}
