/* memmap.c - decode the SPARSEMEM mem_section tree. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "memmap.h"

#define SECTION_MAP_MASK (~0x1fULL)	/* low bits are flags */
#define SECTION_PRESENT 0x1ULL
#define KERNEL_SPACE (1ULL << 63)

struct tree {
	uint64_t root;		/* address of the root pointer array */
	uint64_t per_root;	/* sections per root */
	uint64_t nroots;
	uint64_t size;		/* SIZE(mem_section) */
	uint64_t off_map;	/* OFFSET(mem_section.section_mem_map) */
};

/* Fill m->section from the tree; returns how many sections have a map. */
static uint64_t read_tree(struct kd_memmap *m, struct kd_x86 *x,
			  const struct tree *t)
{
	uint64_t n, found = 0, root_ptr = 0, root_index = UINT64_MAX;

	for (n = 0; n < m->nsections; n++) {
		uint64_t r = n / t->per_root, map;

		m->section[n] = 0;
		if (r >= t->nroots)
			break;
		if (r != root_index) {
			root_index = r;
			if (kd_x86_read(x, t->root + r * 8, &root_ptr, 8))
				root_ptr = 0;
		}
		if (!root_ptr || kd_x86_read(x, root_ptr + (n % t->per_root) *
					     t->size + t->off_map, &map, 8))
			continue;
		if (!(map & SECTION_PRESENT) || !((map & SECTION_MAP_MASK) & KERNEL_SPACE))
			continue;
		m->section[n] = map & SECTION_MAP_MASK;
		found++;
	}
	return found;
}

int kd_memmap_init(struct kd_memmap *m, struct kd_x86 *x,
		   const struct kd_vmcoreinfo *v, uint64_t max_mapnr,
		   struct kd_error *e)
{
	int64_t sym, len, size, off = 0, bits = 27, page_size;
	struct tree t;

	memset(m, 0, sizeof *m);
	if (kd_vmci_get(v, "SYMBOL", "mem_section", &sym) ||
	    kd_vmci_get(v, "SIZE", "mem_section", &size) || size <= 0 ||
	    size > 4096 || kd_vmci_get(v, "SIZE", "page", &page_size) ||
	    page_size <= 0 || page_size > 4096)
		return kd_fail(e, ENOENT, "VMCOREINFO lacks the mem_section data");
	kd_vmci_get(v, "OFFSET", "mem_section.section_mem_map", &off);
	kd_vmci_get(v, "NUMBER", "SECTION_SIZE_BITS", &bits);
	if (bits <= 12 || bits > 40 || off < 0 || off + 8 > size)
		return kd_fail(e, EINVAL, "implausible mem_section layout");
	m->pfn_shift = (int)bits - 12;
	m->page_size = (uint64_t)page_size;
	m->nsections = (max_mapnr + (1ULL << m->pfn_shift) - 1) >> m->pfn_shift;
	m->section = calloc(m->nsections ? m->nsections : 1, sizeof *m->section);
	if (!m->section)
		return kd_fail(e, ENOMEM, "out of memory");
	t.root = (uint64_t)sym;
	t.size = (uint64_t)size;
	t.off_map = (uint64_t)off;
	t.per_root = 4096 / t.size;
	t.nroots = kd_vmci_get(v, "LENGTH", "mem_section", &len) || len <= 0 ?
		   UINT64_MAX : (uint64_t)len;
	if (read_tree(m, x, &t))
		return 0;
	/* older kernels export the address of the pointer, not its value */
	if (kd_x86_read(x, (uint64_t)sym, &t.root, 8) == 0 && read_tree(m, x, &t))
		return 0;
	kd_memmap_free(m);
	return kd_fail(e, EINVAL, "no usable mem_section found");
}

void kd_memmap_free(struct kd_memmap *m)
{
	free(m->section);
	memset(m, 0, sizeof *m);
}

uint64_t kd_memmap_page(const struct kd_memmap *m, uint64_t pfn)
{
	uint64_t n = pfn >> m->pfn_shift;

	if (n >= m->nsections || !m->section[n])
		return 0;
	return m->section[n] + pfn * m->page_size;
}

void kd_memmap_section_range(const struct kd_memmap *m, uint64_t pfn,
			     uint64_t *start, uint64_t *end)
{
	*start = pfn >> m->pfn_shift << m->pfn_shift;
	*end = *start + (1ULL << m->pfn_shift);
}
