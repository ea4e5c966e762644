/* test_command.c - running programs (command.h): the environment a child
 * is given, exit statuses, output captured or dropped. */
#define UNIT_SUITE "command"
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "command.h"

/* What `sh -c script` prints when started with envp (NULL: ours); its
 * exit status in *status. */
static void run_sh(const char *script, char *const envp[], char *out,
		   size_t size, int *status)
{
	char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };
	struct kd_error e;
	size_t len = 0;
	ssize_t n;
	pid_t pid;
	int p[2];

	out[0] = '\0';
	*status = -1;
	CHECK_INT(pipe2(p, O_CLOEXEC), 0);
	pid = kd_spawn_env(argv, envp, -1, p[1], &e);
	close(p[1]);
	CHECK(pid > 0);
	while (len + 1 < size && (n = read(p[0], out + len, size - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(p[0]);
	if (pid > 0)
		*status = kd_wait(pid);
}

TEST(spawn_env_seen)
{
	char *envp[] = { "KD_UNIT_VAR=seen by the child", "PATH=/usr/bin:/bin",
			 NULL };
	char out[128];
	int status;

	run_sh("printf '%s' \"$KD_UNIT_VAR\"", envp, out, sizeof out, &status);
	CHECK_STR(out, "seen by the child");
	CHECK_INT(status, 0);
}

/* envp is the whole environment; NULL passes ours on. */
TEST(spawn_env_replaces)
{
	char *envp[] = { "KD_UNIT_OTHER=1", NULL };
	char out[128];
	int status;

	CHECK_INT(setenv("KD_UNIT_OURS", "ours", 1), 0);
	run_sh("printf '%s' \"${KD_UNIT_OURS-unset}\"", envp, out, sizeof out,
	       &status);
	CHECK_STR(out, "unset");
	run_sh("printf '%s' \"${KD_UNIT_OURS-unset}\"", NULL, out, sizeof out,
	       &status);
	CHECK_STR(out, "ours");
	CHECK_INT(status, 0);
	unsetenv("KD_UNIT_OURS");
}

/* The variable reaches a program found in PATH, as dracut is. */
TEST(spawn_wait_env)
{
	char *argv[] = { "sh", "-c", "[ \"$KD_UNIT_VAR\" = yes ]", NULL };
	char *yes[] = { "KD_UNIT_VAR=yes", "PATH=/usr/bin:/bin", NULL };
	char *no[] = { "KD_UNIT_VAR=no", "PATH=/usr/bin:/bin", NULL };
	struct kd_error e;

	CHECK_INT(kd_spawn_wait(argv, yes, &e), 0);
	CHECK_INT(kd_spawn_wait(argv, no, &e), 1);
}

TEST(spawn_wait_status)
{
	char *exit3[] = { "/bin/sh", "-c", "exit 3", NULL };
	char *killed[] = { "/bin/sh", "-c", "kill -9 $$", NULL };
	char *missing[] = { "/nonexistent/kd-unit-program", NULL };
	struct kd_error e;

	CHECK_INT(kd_spawn_wait(exit3, NULL, &e), 3);
	CHECK_INT(kd_spawn_wait(killed, NULL, &e), 128 + 9);
	CHECK_INT(kd_spawn_wait(missing, NULL, &e), 127);
}

TEST(capture_output)
{
	char *argv[] = { "/bin/sh", "-c", "read -r x; echo \"got $x\"", NULL };
	char out[64];
	struct kd_error e;

	CHECK_INT(kd_capture(argv, "input\n", out, sizeof out, &e), 0);
	CHECK_STR(out, "got input\n");
	/* no buffer: the output is read and dropped */
	CHECK_INT(kd_capture(argv, "input\n", NULL, 0, &e), 0);
}

int main(void)
{
	RUN(spawn_env_seen);
	RUN(spawn_env_replaces);
	RUN(spawn_wait_env);
	RUN(spawn_wait_status);
	RUN(capture_output);
	return unit_done();
}
