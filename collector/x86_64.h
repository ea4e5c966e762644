/* x86_64.h - the crashed kernel's virtual addresses, translated to
 * physical ones: the kernel text mapping (phys_base), the direct map
 * (page_offset from the PT_LOADs, for the RAM they cover) and everything
 * else by walking the page tables from SYMBOL(init_top_pgt), with 4 or 5
 * levels, 2 MiB and 1 GiB pages, and the AMD SME mask removed.  The last
 * table page read at each level is kept. */
#ifndef KD_X86_64_H
#define KD_X86_64_H

#include <stddef.h>
#include <stdint.h>
#include "elf_vmcore.h"
#include "error.h"
#include "vmcoreinfo.h"

struct kd_pt_cache {
	uint64_t paddr;		/* of the cached table page, 1 when empty */
	uint64_t entry[512];
};

struct kd_x86 {
	struct kd_elf *el;
	uint64_t phys_base;
	uint64_t page_offset;
	uint64_t kernel_image_size;	/* of the text mapping */
	uint64_t pgd;			/* physical address of the top table */
	uint64_t sme_mask;
	int levels;			/* 4 or 5 */
	struct kd_pt_cache cache[5];	/* one table page per level */
};

int kd_x86_init(struct kd_x86 *x, struct kd_elf *el,
		const struct kd_vmcoreinfo *v, struct kd_error *e);

/* 0 and the physical address, or -1 when the address is not mapped. */
int kd_x86_vtop(struct kd_x86 *x, uint64_t vaddr, uint64_t *paddr);

/* Read len bytes of virtual memory; 0 when every byte was mapped and read. */
int kd_x86_read(struct kd_x86 *x, uint64_t vaddr, void *buf, size_t len);

/* The same without a copy (kd_elf_view): when the len bytes are
 * physically contiguous and in one window of the input; NULL: read them. */
const uint8_t *kd_x86_view(struct kd_x86 *x, uint64_t vaddr, size_t len);

#endif
