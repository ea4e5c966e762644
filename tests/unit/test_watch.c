/* test_watch.c - the capture's deadlines (capture-init/watch.h), the
 * active watchdog's discovery (loader/watchdogfind.h) and the record's
 * panic line (capture-init/dumprecord.h). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "clock.h"
#include "dumprecord.h"
#include "scratch.h"
#include "unit.h"
#include "watch.h"
#include "watchdog.h"
#include "watchdogfind.h"

TEST(overdue_rules)
{
	struct kd_watch_limits l = { 10, 100, 0, 0 };
	char why[160];

	/* no bound on the step: the stall rule */
	CHECK(!kd_watch_overdue(&l, 0, 5, 14, 0, 0, 0, why, sizeof why));
	CHECK(kd_watch_overdue(&l, 0, 5, 16, 0, 0, 0, why, sizeof why));
	CHECK_STR(why, "nothing was written for 10 s (dump_stall_timeout)");
	/* a bounded step is not a stall, however quiet */
	CHECK(!kd_watch_overdue(&l, 0, 0, 50, 60, 0, 0, why, sizeof why));
	CHECK(kd_watch_overdue(&l, 0, 0, 61, 60, 0, 0, why, sizeof why));
	CHECK_STR(why, "it did not finish in 60 s");
	/* the total holds whatever the progress */
	CHECK(kd_watch_overdue(&l, 0, 100.5, 101, 0, 0, 0, why, sizeof why));
	CHECK_STR(why, "the capture took longer than 100 s (dump_timeout)");
	/* auto: base + expected bytes at the minimum rate */
	l.total = -1;
	l.base = 300;
	CHECK(!kd_watch_overdue(&l, 0, 400, 400, 0, 0,
				(uint64_t)KD_WATCH_MIN_RATE * 200, why, sizeof why));
	CHECK(kd_watch_overdue(&l, 0, 501, 501, 0, 0,
			       (uint64_t)KD_WATCH_MIN_RATE * 200, why, sizeof why));
	CHECK_STR(why, "the capture took longer than 500 s (dump_timeout auto)");
	/* 0: none */
	l.stall = 0;
	l.total = 0;
	CHECK(!kd_watch_overdue(&l, 0, 0, 1e6, 0, 0, 0, why, sizeof why));
}

static int sleeper(void *arg)
{
	kd_watch_step("sleeping", 0);
	sleep(30);
	return 0;
}

static int writer(void *arg)
{
	int fd = open("/dev/null", O_WRONLY), i;

	for (i = 0; i < 25; i++) {
		if (write(fd, "x", 1) != 1)
			return 9;
		usleep(100 * 1000);
	}
	close(fd);
	return 7;
}

static int bounded(void *arg)
{
	int i;

	kd_watch_step("waiting for a disk", 1);
	for (i = 0; i < 300; i++) {
		/* progress does not extend a bounded step */
		kd_watch_progress(1);
		usleep(100 * 1000);
	}
	return 0;
}

static int counter(void *arg)
{
	int i;

	kd_watch_step("counting", 0);
	for (i = 0; i < 25; i++) {
		kd_watch_progress(1);
		usleep(100 * 1000);
	}
	return 3;
}

TEST(stopped_or_not)
{
	struct kd_watch_limits stall = { 1, 0, 0, 0 }, total = { 0, 1, 0, 0 };
	struct kd_error e;
	double t;

	t = kd_clock_seconds();
	CHECK_INT(kd_watch_call("a sleeper", sleeper, NULL, &stall, &e), -1);
	CHECK_INT(e.code, ETIMEDOUT);
	CHECK_STR(e.msg, "sleeping stopped: nothing was written for 1 s "
		  "(dump_stall_timeout)");
	CHECK(kd_clock_seconds() - t < 5);
	/* bytes written keep a step alive past the stall time */
	CHECK_INT(kd_watch_call("a writer", writer, NULL, &stall, &e), 7);
	CHECK_INT(kd_watch_call("a counter", counter, NULL, &stall, &e), 3);
	CHECK_INT(kd_watch_call("a disk", bounded, NULL, &stall, &e), -1);
	CHECK_STR(e.msg, "waiting for a disk stopped: it did not finish in 1 s");
	CHECK_INT(kd_watch_call("a writer", writer, NULL, &total, &e), -1);
	CHECK_STR(e.msg, "a writer stopped: the capture took longer than 1 s "
		  "(dump_timeout)");
}

static int quick(void *arg)
{
	usleep(50 * 1000);
	return 5;
}

/* PID 1 sees a child's end at once, not at its next 250 ms tick (which
 * would make it 0.25 s at least). */
TEST(child_end_seen_at_once)
{
	struct kd_watch_limits none = { 0, 0, 0, 0 };
	struct kd_error e;
	double t = kd_clock_seconds();

	CHECK_INT(kd_watch_call("a quick step", quick, NULL, &none, &e), 5);
	CHECK(kd_clock_seconds() - t < 0.24);
}

TEST(shared_memory)
{
	int *v;

	CHECK_INT(kd_watch_setup(NULL), 0);
	v = kd_watch_shared(sizeof *v);
	CHECK(v != NULL);
	CHECK(kd_watch_shared((size_t)1 << 30) == NULL);
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* class/watchdog/NAME with a state, identity, timeout and driver module */
static void fake_watchdog(const char *name, const char *state,
			  const char *identity, const char *module)
{
	char p[300], q[300];

	snprintf(p, sizeof p, "%s/class/watchdog/%s/device/driver", dir, name);
	snprintf(q, sizeof q, "%s/class", dir); mkdir(q, 0700);
	snprintf(q, sizeof q, "%s/class/watchdog", dir); mkdir(q, 0700);
	snprintf(q, sizeof q, "%s/class/watchdog/%s", dir, name); mkdir(q, 0700);
	snprintf(q, sizeof q, "%s/class/watchdog/%s/device", dir, name); mkdir(q, 0700);
	mkdir(p, 0700);
	snprintf(q, sizeof q, "%s/class/watchdog/%s/state", dir, name);
	put(q, state);
	snprintf(q, sizeof q, "%s/class/watchdog/%s/identity", dir, name);
	put(q, identity);
	snprintf(q, sizeof q, "%s/class/watchdog/%s/timeout", dir, name);
	put(q, "30\n");
	snprintf(q, sizeof q, "%s/module", p);
	snprintf(p, sizeof p, "../../../../module/%s", module);
	CHECK_INT(symlink(p, q), 0);
}

TEST(watchdog_found)
{
	struct kd_watchdog_info w;

	CHECK_INT(scratch_setup("watchdog"), 0);
	CHECK_INT(kd_watchdog_find(dir, &w), 0);
	fake_watchdog("watchdog0", "active\n", "Software Watchdog\n", "softdog");
	fake_watchdog("watchdog1", "inactive\n", "iTCO_wdt\n", "iTCO_wdt");
	CHECK_INT(kd_watchdog_find(dir, &w), 0);
	fake_watchdog("watchdog2", "active\n", "i6300ESB timer\n", "i6300esb");
	CHECK_INT(kd_watchdog_find(dir, &w), 1);
	CHECK_STR(w.name, "watchdog2");
	CHECK_STR(w.module, "i6300esb");
	CHECK_STR(w.identity, "i6300ESB timer");
	CHECK_INT(w.timeout, 30);
	CHECK_INT(kd_watchdog_parse_timeout("timeout 45\n"), 45);
	CHECK_INT(kd_watchdog_parse_timeout("timeout 0\n"), -1);
	CHECK_INT(kd_watchdog_parse_timeout("timeout 4x\n"), -1);
	CHECK_INT(kd_watchdog_parse_timeout("xtimeout 4\n"), -1);
	CHECK_INT(kd_watchdog_parse_timeout(NULL), -1);
	scratch_done();
}

TEST(panic_line)
{
	char out[256];

	kd_dumprecord_panic_line("[    1.000000] sysrq: Trigger a crash\n"
		"[    1.000001] Kernel panic - not syncing: sysrq triggered crash\n"
		"[    1.000002] CPU: 0 PID: 1\n", out, sizeof out);
	CHECK_STR(out, "Kernel panic - not syncing: sysrq triggered crash");
	kd_dumprecord_panic_line("BUG: kernel NULL pointer dereference, address: 0\n"
		"Oops: 0002 [#1] SMP\n", out, sizeof out);
	CHECK_STR(out, "Oops: 0002 [#1] SMP");
	kd_dumprecord_panic_line("[  1.5] [     T1] Kernel panic - not syncing: c\n",
				 out, sizeof out);
	CHECK_STR(out, "Kernel panic - not syncing: c");
	kd_dumprecord_panic_line("nothing here\n", out, sizeof out);
	CHECK_STR(out, "");
	kd_dumprecord_panic_line("[ 2.5] Kernel panic - not syncing: a\n"
		"[ 2.6] Kernel panic - not syncing: b", out, sizeof out);
	CHECK_STR(out, "Kernel panic - not syncing: b");
}

int main(void)
{
	RUN(overdue_rules);
	RUN(stopped_or_not);
	RUN(child_end_seen_at_once);
	RUN(shared_memory);
	RUN(watchdog_found);
	RUN(panic_line);
	return unit_done();
}
