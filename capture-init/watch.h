/* watch.h - every step of a capture ends.
 *
 * PID 1 runs each step that can block (a dump attempt, a hook, the last
 * sync) in a child process with a process group of its own, and waits for
 * it here.  While it waits it feeds the hardware watchdog (watchdog.h), so
 * that only a hang of PID 1 or of the kernel lets the watchdog reset the
 * machine; and it stops the child (SIGKILL to its group) when
 *  - the step the child announced (kd_watch_step) has a bound, and the
 *    bound has passed (waiting for a disk: disk_timeout);
 *  - the step has none, and nothing progressed for `stall` seconds: no byte
 *    written by any process of the group (/proc/PID/io, wchar: the
 *    collector, cp, scp, an external core_collector alike; not ssh's own
 *    keepalives), no CPU time used by them (the collector's counting
 *    passes write nothing), and no work reported with kd_watch_progress;
 *  - the whole wait took longer than `total` seconds.
 * A child stuck in the kernel (a hard NFS mount, a disk that never answers)
 * may outlive SIGKILL: PID 1 waits a few seconds for it, then goes on. */
#ifndef KD_WATCH_H
#define KD_WATCH_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "error.h"

/* Bytes a second the whole capture is allowed at least, for the total
 * deadline of dump_timeout auto: far below any disk or network. */
#define KD_WATCH_MIN_RATE (2u << 20)

struct kd_watch_limits {
	int stall;		/* seconds without progress; 0: none */
	int total;		/* seconds; 0: none; < 0: auto, base + expected
				 * bytes / KD_WATCH_MIN_RATE */
	int base;		/* auto: seconds before the first byte */
	uint64_t expected;	/* auto: the bytes the dump may take */
};

/* Memory shared with the children forked after it: mmap'ed once, before
 * the first fork.  -1 with e when there is none.  It also installs a
 * SIGCHLD handler in the calling process (SA_RESTART), so that a child's
 * end wakes the wait: calls that never restart (nanosleep, poll, a recv
 * with a timeout) may then return EINTR in it; kd_watch_call's children
 * have the default back. */
int kd_watch_setup(struct kd_error *e);

/* size bytes of zeroed memory a child's writes to are seen by PID 1
 * (from the region kd_watch_setup made; NULL when it is used up). */
void *kd_watch_shared(size_t size);

/* In the child: the step it starts now, bounded by `seconds` (0: the stall
 * rule applies), shown in the message when it is stopped. */
void kd_watch_step(const char *what, int seconds);

/* In the child: `units` more work done (any unit: it only has to move). */
void kd_watch_progress(uint64_t units);

/* fn runs in PID 1 on every tick of a watched step (after the watchdog
 * is fed): kdump-init samples the memory with it. */
void kd_watch_on_tick(void (*fn)(void));

/* Run fn(arg) in a child and wait for it as above; `what` names it until
 * the child names its step.  Returns fn's value
 * (0..255: an exit status), 128+N when a signal N ended it, or -1 with e
 * set when it was stopped (ETIMEDOUT) or could not be started. */
int kd_watch_call(const char *what, int (*fn)(void *), void *arg,
		  const struct kd_watch_limits *l, struct kd_error *e);

/* The reason a wait with these times must stop, or NULL: now, started and
 * last progress in seconds, step as set by kd_watch_step.  (The rule
 * itself, for the unit tests.) */
const char *kd_watch_overdue(const struct kd_watch_limits *l, double start,
			     double last, double now, int step_seconds,
			     double step_start, uint64_t expected,
			     char *why, size_t size);

#endif
