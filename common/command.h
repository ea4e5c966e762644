/* command.h - run a program with an argv, never through a shell. */
#ifndef KD_COMMAND_H
#define KD_COMMAND_H

#include <stddef.h>
#include <sys/types.h>
#include "error.h"

/* Start argv[0] (searched in PATH when it has no "/") with stdin from
 * in_fd and stdout to out_fd (-1: inherited); every other descriptor the
 * child gets is close-on-exec.  Returns the pid, or -1. */
pid_t kd_spawn(char *const argv[], int in_fd, int out_fd, struct kd_error *e);

/* The same with the environment envp (NULL: ours). */
pid_t kd_spawn_env(char *const argv[], char *const envp[], int in_fd,
		   int out_fd, struct kd_error *e);

/* Wait for pid: its exit status, 128+N when killed by signal N; -1 with
 * errno set when it cannot be waited for. */
int kd_wait(pid_t pid);

/* kd_spawn_env with our stdin and stdout, then kd_wait: the exit status
 * (127: it could not be executed), or -1 with e set. */
int kd_spawn_wait(char *const argv[], char *const envp[], struct kd_error *e);

/* Run argv with `input` (may be NULL) on its stdin and its stdout in out
 * (at most size-1 bytes kept, NUL-terminated; out may be NULL when size
 * is 0: the output is read and dropped).  Returns the exit status,
 * or -1 with e set when it could not run. */
int kd_capture(char *const argv[], const char *input, char *out, size_t size,
	       struct kd_error *e);

#endif
