/* window.h - the pfns a writer's bitmaps cover at a time.
 *
 * The writers make their bitmaps a window of pfns at a time, as
 * makedumpfile's cycles, so that memory does not grow with the machine:
 * by default 32 Mi pfns (a 4 MiB bitmap, 128 GiB of memory), or
 * --cyclic-buffer's size.  Windows start at pfn 0 and at multiples of the
 * window size, itself a multiple of 8, as kd_input_dumpable() needs. */
#ifndef KD_WINDOW_H
#define KD_WINDOW_H

#include <stddef.h>
#include <stdint.h>

#define KD_DEFAULT_WINDOW (32ULL << 20)

struct kd_window {
	uint64_t size;		/* pfns per window */
	uint64_t max;		/* max_mapnr: the end of the last window */
};

/* cycle_pfns 0: the default; never more than the machine needs. */
void kd_window_init(struct kd_window *w, uint64_t cycle_pfns,
		    uint64_t max_mapnr);

/* The end of the window that starts at start. */
uint64_t kd_window_end(const struct kd_window *w, uint64_t start);

/* Bytes of the bitmap of the window that starts at start. */
size_t kd_window_bytes(const struct kd_window *w, uint64_t start);

/* 1 when one window covers every pfn: what pass 1 found can be kept. */
int kd_window_single(const struct kd_window *w);

#endif
