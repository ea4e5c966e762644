/* progress.h - progress on stderr: percent and rate, at most a few lines
 * a second, one line each (readable on a serial console). */
#ifndef KD_PROGRESS_H
#define KD_PROGRESS_H

#include <stdint.h>

struct kd_progress {
	const char *what;	/* "Copying data" */
	uint64_t total;
	uint64_t done;
	uint64_t start_ns, last_ns;
	int enabled;
};

void kd_progress_start(struct kd_progress *p, const char *what,
		       uint64_t total, int enabled);
void kd_progress_update(struct kd_progress *p, uint64_t done);
void kd_progress_end(struct kd_progress *p);

#endif
