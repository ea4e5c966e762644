/* progress.c - "kdump: Copying data: 42% (1234 of 2938 MiB, 85 MiB/s)". */
#include <stdio.h>
#include <time.h>
#include "progress.h"

#define REPORT_INTERVAL_NS 1000000000ULL	/* at most one line a second */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void print_line(const struct kd_progress *p, uint64_t t)
{
	uint64_t elapsed = t - p->start_ns;
	unsigned pct = p->total ? (unsigned)(p->done * 100 / p->total) : 100;
	double mib = (double)p->done * 4096 / (1 << 20);
	double rate = elapsed ? mib * 1e9 / (double)elapsed : 0;

	fprintf(stderr, "kdump: %s: %3u%% (%.0f of %.0f MiB, %.0f MiB/s)\n",
		p->what, pct, mib, (double)p->total * 4096 / (1 << 20), rate);
}

void kd_progress_start(struct kd_progress *p, const char *what,
		       uint64_t total, int enabled)
{
	p->what = what;
	p->total = total;
	p->done = 0;
	p->enabled = enabled;
	p->start_ns = p->last_ns = now_ns();
}

/* `done` counts pages; cheap enough to call for every page. */
void kd_progress_update(struct kd_progress *p, uint64_t done)
{
	uint64_t t;

	if (!p)
		return;
	p->done = done;
	if (!p->enabled || (done & 255))
		return;
	t = now_ns();
	if (t - p->last_ns < REPORT_INTERVAL_NS)
		return;
	p->last_ns = t;
	print_line(p, t);
}

void kd_progress_end(struct kd_progress *p)
{
	if (p && p->enabled)
		print_line(p, now_ns());
}
