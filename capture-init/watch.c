/* watch.c - run a step in a child, feed the watchdog, stop it when late. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "clock.h"
#include "log.h"
#include "readfile.h"
#include "watch.h"
#include "watchdog.h"

#define REGION (256 << 10)	/* the state below and kd_watch_shared's */
#define TICK_US (250 * 1000)
#define KILL_WAIT 5		/* seconds for a killed child to go */

/* What the running child tells PID 1; one child runs at a time. */
struct state {
	volatile uint64_t progress;
	volatile int step_seconds;
	volatile double step_start;
	char step[128];
};

static struct state *state;
static size_t used = sizeof(struct state);
static void (*on_tick)(void);

void kd_watch_on_tick(void (*fn)(void))
{
	on_tick = fn;
}

static void tick(void)
{
	kd_watchdog_feed();
	if (on_tick)
		on_tick();
}

static volatile sig_atomic_t child_end;

static void child_ended(int sig)
{
	(void)sig;
	child_end = 1;
}

/* A child's end cuts PID 1's tick short: usleep() returns early on a
 * handled signal, and SA_RESTART lets every other call go on.  The
 * children forked here put the default back; exec does it for programs. */
static void wake_on_child_end(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = child_ended;
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGCHLD, &sa, NULL))
		kd_debug("SIGCHLD: %s: waiting in ticks", strerror(errno));
}

/* One tick, or none when a child ended during the last one's work (the
 * signal did not find PID 1 asleep).  An end between the test and the
 * sleep still waits the tick out. */
static void sleep_tick(void)
{
	if (!child_end)
		usleep(TICK_US);
	child_end = 0;
}

int kd_watch_setup(struct kd_error *e)
{
	void *p;

	if (state)
		return 0;
	wake_on_child_end();
	p = mmap(NULL, REGION, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED)
		return kd_fail(e, errno, "no shared memory for the capture's "
			       "deadlines: %s", strerror(errno));
	state = p;
	return 0;
}

void *kd_watch_shared(size_t size)
{
	char *p;

	size = (size + 15) & ~(size_t)15;
	if (!state || size > REGION - used)
		return NULL;
	p = (char *)state + used;
	used += size;
	return p;
}

void kd_watch_step(const char *what, int seconds)
{
	if (!state)
		return;
	snprintf(state->step, sizeof state->step, "%s", what);
	state->step_start = kd_clock_seconds();
	state->step_seconds = seconds;
	state->progress++;
}

void kd_watch_progress(uint64_t units)
{
	if (state)
		__atomic_add_fetch(&state->progress, units, __ATOMIC_RELAXED);
}

const char *kd_watch_overdue(const struct kd_watch_limits *l, double start,
			     double last, double now, int step_seconds,
			     double step_start, uint64_t expected,
			     char *why, size_t size)
{
	double total = l->total;

	if (step_seconds > 0) {
		if (now - step_start > step_seconds) {
			snprintf(why, size, "it did not finish in %d s",
				 step_seconds);
			return why;
		}
	} else if (l->stall > 0 && now - last > l->stall) {
		snprintf(why, size, "nothing was written for %d s "
			 "(dump_stall_timeout)", l->stall);
		return why;
	}
	if (l->total < 0)
		total = l->base + (double)expected / KD_WATCH_MIN_RATE;
	if (total > 0 && now - start > total) {
		snprintf(why, size, "the capture took longer than %.0f s "
			 "(dump_timeout%s)", total, l->total < 0 ? " auto" : "");
		return why;
	}
	return NULL;
}

/* The CPU time (ticks) of process pid when it is in group pgid and its
 * work is the dump's, else -1.  Not ssh's: it writes keepalives while the
 * far end reads nothing; the dump's bytes count where they enter ssh (the
 * collector's pipe, scp).  After the command in parentheses: field 5 is
 * the group, 14 and 15 the user and system time. */
static long long cpu_of(const char *pid, pid_t pgid)
{
	char path[64], *text, *open, *close;
	unsigned long long utime = 0, stime = 0;
	int pgrp = -1, ssh;

	snprintf(path, sizeof path, "/proc/%s/stat", pid);
	text = kd_read_file(path, 4096, NULL);
	open = text ? strchr(text, '(') : NULL;
	close = text ? strrchr(text, ')') : NULL;
	if (!open || !close || close < open ||
	    sscanf(close + 1, " %*c %*d %d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
		   &pgrp, &utime, &stime) != 3)
		pgrp = -1;
	ssh = open && close && close - open == 4 && !strncmp(open + 1, "ssh", 3);
	free(text);
	return pgrp == pgid && !ssh ? (long long)(utime + stime) : -1;
}

static uint64_t wchar_of(const char *pid)
{
	char path[64], *text, *p;
	unsigned long long n = 0;

	snprintf(path, sizeof path, "/proc/%s/io", pid);
	text = kd_read_file(path, 4096, NULL);
	p = text ? strstr(text, "wchar: ") : NULL;
	if (p && sscanf(p + 7, "%llu", &n) != 1)
		n = 0;
	free(text);
	return n;
}

/* What moves while group pgid works: the bytes its processes wrote, the
 * CPU time they used (a collector counting pages before it writes), and
 * the progress reported.  A process blocked on a hung target has none. */
static uint64_t activity(pid_t pgid)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	uint64_t sum = state ? state->progress : 0;
	long long cpu;

	if (!d)
		return sum;
	while ((de = readdir(d)))
		if (isdigit((unsigned char)de->d_name[0]) &&
		    (cpu = cpu_of(de->d_name, pgid)) >= 0)
			sum += wchar_of(de->d_name) + (uint64_t)cpu;
	closedir(d);
	return sum;
}

/* The exit status, 128+N for signal N; -2 while it runs, -1 on error. */
static int poll_child(pid_t pid)
{
	int st;
	pid_t r = waitpid(pid, &st, WNOHANG);

	if (r == 0 || (r < 0 && errno == EINTR))
		return -2;
	if (r < 0)
		return -1;
	return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

static void stop(pid_t pid)
{
	double end = kd_clock_seconds() + KILL_WAIT;

	kill(-pid, SIGKILL);
	kill(pid, SIGKILL);
	while (poll_child(pid) == -2 && kd_clock_seconds() < end) {
		tick();
		sleep_tick();
	}
}

static int supervise(pid_t pid, const struct kd_watch_limits *l,
		     struct kd_error *e)
{
	double start = kd_clock_seconds(), last = start, now;
	uint64_t seen = activity(pid), a;
	char why[160];
	int status;

	for (;;) {
		status = poll_child(pid);
		if (status == -1)
			return kd_fail(e, errno, "waiting for pid %d: %s",
				       (int)pid, strerror(errno));
		if (status >= 0)
			return status;
		tick();
		now = kd_clock_seconds();
		a = activity(pid);
		if (a != seen) {
			seen = a;
			last = now;
		}
		if (kd_watch_overdue(l, start, last, now, state->step_seconds,
				     state->step_start, l->expected, why,
				     sizeof why)) {
			kd_fail(e, ETIMEDOUT, "%s stopped: %s", state->step, why);
			stop(pid);
			return -1;
		}
		sleep_tick();
	}
}

int kd_watch_call(const char *what, int (*fn)(void *), void *arg,
		  const struct kd_watch_limits *l, struct kd_error *e)
{
	pid_t pid;

	if (kd_watch_setup(e))
		return -1;
	kd_watch_step(what, 0);
	pid = fork();
	if (pid < 0)
		return kd_fail(e, errno, "fork: %s", strerror(errno));
	if (pid == 0) {
		signal(SIGCHLD, SIG_DFL);
		setpgid(0, 0);
		_exit(fn(arg) & 0xff);
	}
	/* both sides set it: whichever runs first */
	setpgid(pid, pid);
	return supervise(pid, l, e);
}
