/* memmap.h - where the struct page of each pfn is (SPARSEMEM, EXTREME and
 * VMEMMAP): the mem_section tree read from SYMBOL(mem_section), with
 * SIZE/LENGTH(mem_section), OFFSET(mem_section.section_mem_map),
 * NUMBER(SECTION_SIZE_BITS) (else 27) and NUMBER(MAX_PHYSMEM_BITS) (else
 * 46, or 52 with 5-level paging).  Only the sections that have a mem_map
 * are kept, two words each. */
#ifndef KD_MEMMAP_H
#define KD_MEMMAP_H

#include <stdint.h>
#include "error.h"
#include "vmcoreinfo.h"
#include "x86_64.h"

struct kd_section {
	uint64_t nr;		/* section number */
	uint64_t map;		/* decoded: struct page of pfn p at map + p * size */
};

struct kd_memmap {
	struct kd_section *sec;	/* by increasing nr */
	uint64_t count, cap;
	uint64_t nsections;	/* sections up to max_mapnr */
	int pfn_shift;		/* log2 of pfns per section */
	uint64_t page_size;	/* SIZE(page) */
	uint64_t end_pfn;	/* end of the last section with a mem_map */
	int complete;		/* every part of the tree could be read */
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
