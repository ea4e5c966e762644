/* filter.h - which pfns of a window are dumpable at a dump level.
 *
 * A window [start, end) gets its bits from the PT_LOADs (kd_ram_bits: a
 * pfn in RAM is set, as makedumpfile's 1st bitmap), then
 * kd_filter_window() clears the pages the struct page scan excludes:
 * every pfn whose page starts in a PT_LOAD and whose
 * section has a mem_map, its struct page read in aligned batches of
 * KD_BATCH (seen in place in the input where it can, not copied).  An exclusion that runs past the window end (a free block or
 * a compound page) is carried into the next window, so counts do not
 * depend on window sizes.  Windows must be asked for in increasing order
 * (start a multiple of 8); asking for pfn 0 starts a new pass.  Memory
 * used: one batch, whatever the dump size. */
#ifndef KD_FILTER_H
#define KD_FILTER_H

#include <stdint.h>
#include "classify.h"
#include "elf_vmcore.h"
#include "input.h"
#include "memmap.h"
#include "x86_64.h"

#define KD_BATCH 512		/* struct pages read at once */

struct kd_filter {
	struct kd_elf *el;
	struct kd_x86 *x;		/* NULL: no struct page scan */
	struct kd_memmap *mm;
	const struct kd_page_rules *rules;
	int dump_level;
	int scan;			/* the struct page scan is needed */
	uint64_t pend_start, pend_end;	/* carried exclusion */
	enum kd_class pend_class;
	uint8_t *batch;			/* KD_BATCH struct pages */
	const uint8_t *pages;		/* those of batch_pfn: batch, or a view
					 * of the input (one window call) */
	uint64_t batch_pfn;		/* first pfn of pages, or UINT64_MAX */
	int warned;
};

int kd_filter_init(struct kd_filter *f, struct kd_elf *el, struct kd_x86 *x,
		   struct kd_memmap *mm, const struct kd_page_rules *rules,
		   int dump_level);
void kd_filter_free(struct kd_filter *f);

/* The 1st bitmap: pfns of every PT_LOAD, its last partial page left out. */
void kd_ram_bits(const struct kd_elf *el, uint64_t start, uint64_t end,
		 uint8_t *bits);

/* Clear from bits, the RAM bits of [start, end) (start a multiple of 8),
 * the excluded pages; they are added to stats unless stats is NULL. */
void kd_filter_window(struct kd_filter *f, uint64_t start, uint64_t end,
		      uint8_t *bits, struct kd_stats *stats);

#endif
