/* memmap.c - decode the SPARSEMEM mem_section tree. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "byteorder.h"
#include "log.h"
#include "memmap.h"

#define SECTION_MAP_MASK (~0x1fULL)	/* low bits are flags */
#define SECTION_PRESENT 0x1ULL
#define KERNEL_SPACE (1ULL << 63)
#define ROOT_BYTES 4096			/* the sections of one root */

struct tree {
	uint64_t root;		/* address of the root pointer array */
	uint64_t per_root;	/* sections per root */
	uint64_t nroots;
	uint64_t size;		/* SIZE(mem_section) */
	uint64_t off_map;	/* OFFSET(mem_section.section_mem_map) */
};

static int add(struct kd_memmap *m, uint64_t nr, uint64_t map)
{
	if (m->count == m->cap) {
		uint64_t cap = m->cap ? m->cap * 2 : 64;
		struct kd_section *s = realloc(m->sec, (size_t)cap * sizeof *s);

		if (!s)
			return -1;
		m->sec = s;
		m->cap = cap;
	}
	m->sec[m->count].nr = nr;
	m->sec[m->count++].map = map;
	m->end_pfn = (nr + 1) << m->pfn_shift;
	return 0;
}

/* Bytes of l the file holds: only they are RAM that was saved, so a
 * PT_LOAD claiming more than the file (a corrupt or truncated vmcore)
 * costs nothing where no page is. */
static uint64_t saved_bytes(const struct kd_elf *el, const struct kd_load *l)
{
	if (el->file_size == UINT64_MAX)
		return l->filesz;
	if (l->offset >= el->file_size)
		return 0;
	return l->filesz < el->file_size - l->offset ? l->filesz :
	       el->file_size - l->offset;
}

struct span {
	uint64_t first, end;	/* roots [first, end) */
};

static int by_first(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->first < y->first ? -1 : x->first > y->first;
}

/* The roots whose sections describe saved RAM, sorted; how many spans. */
static int spans(const struct kd_memmap *m, const struct kd_x86 *x,
		 const struct tree *t, struct span *s)
{
	uint64_t roots = (m->nsections + t->per_root - 1) / t->per_root;
	int i, n = 0;

	if (roots > t->nroots)
		roots = t->nroots;
	for (i = 0; i < x->el->nloads; i++) {
		const struct kd_load *l = &x->el->loads[i];
		uint64_t bytes = saved_bytes(x->el, l), first, last;

		if (!bytes)
			continue;
		first = (l->paddr >> 12 >> m->pfn_shift) / t->per_root;
		last = ((l->paddr + bytes - 1) >> 12 >> m->pfn_shift) / t->per_root;
		if (first >= roots)
			continue;
		s[n].first = first;
		s[n++].end = last < roots ? last + 1 : roots;
	}
	qsort(s, (size_t)n, sizeof *s, by_first);
	return n;
}

/* Keep the sections of root r that have a mem_map. */
static int read_root(struct kd_memmap *m, struct kd_x86 *x, const struct tree *t,
		     uint64_t r, uint8_t *buf)
{
	uint64_t root, i, first = r * t->per_root;

	if (kd_x86_read(x, t->root + r * 8, &root, 8)) {
		m->complete = 0;
		return 0;
	}
	if (!root)
		return 0;
	if (kd_x86_read(x, root, buf, (size_t)(t->per_root * t->size))) {
		m->complete = 0;
		return 0;
	}
	for (i = 0; i < t->per_root && first + i < m->nsections; i++) {
		uint64_t map = kd_get_le64(buf + i * t->size + t->off_map);

		if (!(map & SECTION_PRESENT) || !(map & SECTION_MAP_MASK & KERNEL_SPACE))
			continue;
		if (add(m, first + i, map & SECTION_MAP_MASK))
			return -1;
	}
	return 0;
}

/* Read the roots that describe saved RAM, each once and in order, so
 * the work is bounded by the vmcore's size whatever its tree claims;
 * returns how many sections have a mem_map, -1 when out of memory. */
static int64_t read_tree(struct kd_memmap *m, struct kd_x86 *x,
			 const struct tree *t)
{
	uint8_t buf[ROOT_BYTES];
	struct span *s = malloc(((size_t)x->el->nloads + 1) * sizeof *s);
	uint64_t r, next = 0;
	int i, n, ret = 0;

	if (!s)
		return -1;
	m->count = 0;
	m->end_pfn = 0;
	m->complete = 1;
	n = spans(m, x, t, s);
	for (i = 0; i < n && !ret; i++) {
		for (r = s[i].first > next ? s[i].first : next;
		     r < s[i].end && !ret; r++)
			ret = read_root(m, x, t, r, buf);
		if (s[i].end > next)
			next = s[i].end;
	}
	free(s);
	return ret ? -1 : (int64_t)m->count;
}

/* Drop the sections whose struct pages are not mapped; how many are left. */
static uint64_t mapped(struct kd_memmap *m, struct kd_x86 *x)
{
	uint64_t i, kept = 0, paddr;

	for (i = 0; i < m->count; i++) {
		const struct kd_section *s = &m->sec[i];

		if (kd_x86_vtop(x, s->map + (s->nr << m->pfn_shift) * m->page_size,
				&paddr) == 0)
			m->sec[kept++] = *s;
	}
	if (kept && kept < m->count) {
		kd_warn("the struct pages of %llu memory sections are not mapped: "
			"keeping their pages", (unsigned long long)(m->count - kept));
		m->complete = 0;
	}
	m->count = kept;
	return kept;
}

static int64_t number_or(const struct kd_vmcoreinfo *v, const char *name,
			 int64_t dflt)
{
	int64_t n;

	return kd_vmci_get(v, "NUMBER", name, &n) ? dflt : n;
}

/* Sizes of the tree; m->nsections covers max_mapnr and no more sections
 * than MAX_PHYSMEM_BITS allows. */
static int layout(struct kd_memmap *m, struct tree *t,
		  const struct kd_vmcoreinfo *v, uint64_t max_mapnr,
		  struct kd_error *e)
{
	int64_t size, off = 0, len, page_size;
	int64_t bits = number_or(v, "SECTION_SIZE_BITS", 27);
	int64_t l5 = number_or(v, "pgtable_l5_enabled", 0);
	int64_t phys_bits = number_or(v, "MAX_PHYSMEM_BITS", l5 ? 52 : 46);
	uint64_t max_sections;

	if (kd_vmci_get(v, "SIZE", "mem_section", &size) || size <= 0 ||
	    size > ROOT_BYTES || kd_vmci_get(v, "SIZE", "page", &page_size) ||
	    page_size <= 0 || page_size > 4096)
		return kd_fail(e, ENOENT, "VMCOREINFO lacks the mem_section data");
	kd_vmci_get(v, "OFFSET", "mem_section.section_mem_map", &off);
	if (bits <= 12 || bits > 40 || phys_bits < bits || phys_bits > 52 ||
	    off < 0 || off + 8 > size)
		return kd_fail(e, EINVAL, "implausible mem_section layout");
	m->pfn_shift = (int)bits - 12;
	m->page_size = (uint64_t)page_size;
	max_sections = 1ULL << (phys_bits - bits);
	m->nsections = (max_mapnr + (1ULL << m->pfn_shift) - 1) >> m->pfn_shift;
	if (m->nsections > max_sections)
		m->nsections = max_sections;
	t->size = (uint64_t)size;
	t->off_map = (uint64_t)off;
	t->per_root = ROOT_BYTES / t->size;
	t->nroots = kd_vmci_get(v, "LENGTH", "mem_section", &len) || len <= 0 ?
		    (max_sections + t->per_root - 1) / t->per_root : (uint64_t)len;
	return 0;
}

int kd_memmap_init(struct kd_memmap *m, struct kd_x86 *x,
		   const struct kd_vmcoreinfo *v, uint64_t max_mapnr,
		   struct kd_error *e)
{
	int64_t sym, found;
	struct tree t;

	memset(m, 0, sizeof *m);
	if (kd_vmci_get(v, "SYMBOL", "mem_section", &sym))
		return kd_fail(e, ENOENT, "VMCOREINFO lacks SYMBOL(mem_section)");
	if (layout(m, &t, v, max_mapnr, e))
		return -1;
	t.root = (uint64_t)sym;
	found = read_tree(m, x, &t);
	/* older kernels export the address of the pointer, not its value */
	if (found == 0 && kd_x86_read(x, (uint64_t)sym, &t.root, 8) == 0)
		found = read_tree(m, x, &t);
	if (found > 0 && mapped(m, x))
		return 0;
	kd_memmap_free(m);
	if (found < 0)
		return kd_fail(e, ENOMEM, "out of memory");
	return kd_fail(e, EINVAL, "no usable mem_section found");
}

void kd_memmap_free(struct kd_memmap *m)
{
	free(m->sec);
	memset(m, 0, sizeof *m);
}

uint64_t kd_memmap_page(const struct kd_memmap *m, uint64_t pfn)
{
	uint64_t nr = pfn >> m->pfn_shift, lo = 0, hi = m->count;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (m->sec[mid].nr < nr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == m->count || m->sec[lo].nr != nr)
		return 0;
	return m->sec[lo].map + pfn * m->page_size;
}

void kd_memmap_section_range(const struct kd_memmap *m, uint64_t pfn,
			     uint64_t *start, uint64_t *end)
{
	*start = pfn >> m->pfn_shift << m->pfn_shift;
	*end = *start + (1ULL << m->pfn_shift);
}
