/* memmap.h - where the struct page of each pfn is (SPARSEMEM, EXTREME and
 * VMEMMAP): the mem_section tree read from SYMBOL(mem_section). */
#ifndef KD_MEMMAP_H
#define KD_MEMMAP_H

#include <stdint.h>
#include "error.h"
#include "vmcoreinfo.h"
#include "x86_64.h"

struct kd_memmap {
	uint64_t *section;	/* encoded mem_map per section, 0 when none */
	uint64_t nsections;
	int pfn_shift;		/* log2 of pfns per section */
	uint64_t page_size;	/* SIZE(page) */
};

int kd_memmap_init(struct kd_memmap *m, struct kd_x86 *x,
		   const struct kd_vmcoreinfo *v, uint64_t max_mapnr,
		   struct kd_error *e);
void kd_memmap_free(struct kd_memmap *m);

/* Virtual address of the struct page of pfn, or 0 when it has none. */
uint64_t kd_memmap_page(const struct kd_memmap *m, uint64_t pfn);

/* The pfn range [*start, *end) of the section holding pfn. */
void kd_memmap_section_range(const struct kd_memmap *m, uint64_t pfn,
			     uint64_t *start, uint64_t *end);

#endif
