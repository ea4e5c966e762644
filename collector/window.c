/* window.c - the writers' pfn windows. */
#include "window.h"

void kd_window_init(struct kd_window *w, uint64_t cycle_pfns,
		    uint64_t max_mapnr)
{
	w->max = max_mapnr;
	w->size = cycle_pfns ? (cycle_pfns + 7) & ~7ULL : KD_DEFAULT_WINDOW;
	if (w->size >= max_mapnr)
		w->size = (max_mapnr + 7) & ~7ULL;
	if (!w->size)
		w->size = 8;
}

uint64_t kd_window_end(const struct kd_window *w, uint64_t start)
{
	return start + w->size < w->max ? start + w->size : w->max;
}

size_t kd_window_bytes(const struct kd_window *w, uint64_t start)
{
	return (size_t)((kd_window_end(w, start) - start + 7) / 8);
}

int kd_window_single(const struct kd_window *w)
{
	return w->size >= w->max;
}
