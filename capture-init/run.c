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
#include "watch.h"

/* 0 until kd_run_watched: then PID 1 watches what it runs (watch.h). */
static int stall_seconds;

void kd_run_watched(int stall)
{
	stall_seconds = stall;
}

static int spawn_wait(void *arg)
{
	char *const *argv = arg;
	struct kd_error e;
	int status = kd_spawn_wait(argv, NULL, &e);

	if (status < 0) {
		kd_err("%s", e.msg);
		return 127;
	}
	return status;
}

/* In PID 1, in a watched child; elsewhere (inside a dump attempt, which
 * PID 1 watches already) directly. */
static int run(char *const argv[], int stall)
{
	struct kd_watch_limits l = { stall, 0, 0, 0 };
	struct kd_error e;
	int status;

	if (getpid() != 1 || !stall_seconds)
		return spawn_wait((void *)argv);
	status = kd_watch_call(argv[0], spawn_wait, (void *)argv, &l, &e);
	if (status < 0)
		kd_err("%s", e.msg);
	return status;
}

int kd_run(char *const argv[])
{
	return run(argv, stall_seconds);
}

int kd_run_interactive(char *const argv[])
{
	return run(argv, 0);
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
