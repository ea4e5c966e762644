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

/* Wait for pid: its exit status, 128+N when killed by signal N. */
int kd_wait(pid_t pid);

/* Run argv with `input` (may be NULL) on its stdin and its stdout in out
 * (at most size-1 bytes kept, NUL-terminated).  Returns the exit status,
 * or -1 with e set when it could not run. */
int kd_capture(char *const argv[], const char *input, char *out, size_t size,
	       struct kd_error *e);

#endif
