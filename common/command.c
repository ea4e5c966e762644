/* command.c - fork, exec, pipes. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include "fdio.h"
#include "command.h"

extern char **environ;

pid_t kd_spawn_env(char *const argv[], char *const envp[], int in_fd,
		   int out_fd, struct kd_error *e)
{
	pid_t pid = fork();

	if (pid < 0) {
		kd_fail(e, errno, "cannot start %s: %s", argv[0], strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if ((in_fd >= 0 && dup2(in_fd, 0) < 0) ||
		    (out_fd >= 0 && dup2(out_fd, 1) < 0))
			_exit(127);
		signal(SIGPIPE, SIG_DFL);
		execvpe(argv[0], argv, envp ? envp : environ);
		fprintf(stderr, "kdump: error: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	return pid;
}

pid_t kd_spawn(char *const argv[], int in_fd, int out_fd, struct kd_error *e)
{
	return kd_spawn_env(argv, NULL, in_fd, out_fd, e);
}

int kd_wait(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* kd_wait, with e set when it fails. */
static int reap(pid_t pid, const char *name, struct kd_error *e)
{
	int status = kd_wait(pid);

	if (status < 0)
		return kd_fail(e, errno, "waiting for %s: %s", name,
			       strerror(errno));
	return status;
}

int kd_spawn_wait(char *const argv[], char *const envp[], struct kd_error *e)
{
	pid_t pid = kd_spawn_env(argv, envp, -1, -1, e);

	return pid < 0 ? -1 : reap(pid, argv[0], e);
}

/* Read fd to its end into out; what does not fit is drained. */
static void read_all(int fd, char *out, size_t size)
{
	size_t len = 0;
	char sink[4096];

	for (;;) {
		char *at = len + 1 < size ? out + len : sink;
		size_t room = len + 1 < size ? size - 1 - len : sizeof sink;
		ssize_t n = read(fd, at, room);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (at != sink)
			len += (size_t)n;
	}
	if (size)
		out[len] = '\0';
}

int kd_capture(char *const argv[], const char *input, char *out, size_t size,
	       struct kd_error *e)
{
	int in[2] = { -1, -1 }, res[2];
	pid_t pid;
	void (*old)(int);

	if (pipe2(res, O_CLOEXEC))
		return kd_fail(e, errno, "pipe: %s", strerror(errno));
	if (input && pipe2(in, O_CLOEXEC)) {
		kd_fail(e, errno, "pipe: %s", strerror(errno));
		close(res[0]);
		close(res[1]);
		return -1;
	}
	pid = kd_spawn(argv, in[0], res[1], e);
	close(res[1]);
	if (in[0] >= 0)
		close(in[0]);
	if (pid < 0) {
		close(res[0]);
		if (in[1] >= 0)
			close(in[1]);
		return -1;
	}
	old = signal(SIGPIPE, SIG_IGN);
	if (input) {
		/* small inputs: the pipe buffer holds them */
		kd_write_full(in[1], input, strlen(input));
		close(in[1]);
	}
	read_all(res[0], out, size);
	close(res[0]);
	signal(SIGPIPE, old);
	return reap(pid, argv[0], e);
}
