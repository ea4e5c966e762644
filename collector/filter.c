/* filter.c - the dumpable bitmap of a window of pfns. */
#include <stdlib.h>
#include <string.h>
#include "bitmap.h"
#include "filter.h"
#include "log.h"

int kd_filter_init(struct kd_filter *f, struct kd_elf *el, struct kd_x86 *x,
		   struct kd_memmap *mm, const struct kd_page_rules *rules,
		   int dump_level)
{
	memset(f, 0, sizeof *f);
	f->el = el;
	f->x = x;
	f->mm = mm;
	f->rules = rules;
	f->dump_level = dump_level;
	f->batch_pfn = UINT64_MAX;
	f->scan = x && mm && rules &&
		  ((dump_level & (KD_DL_CACHE | KD_DL_CACHE_PRIVATE | KD_DL_USER |
				  KD_DL_FREE)) || rules->pg_hwpoison != KD_NO_NUMBER);
	if (f->scan) {
		f->batch = malloc(KD_BATCH * rules->size);
		if (!f->batch)
			return -1;
	}
	return 0;
}

void kd_filter_free(struct kd_filter *f)
{
	free(f->batch);
	f->batch = NULL;
}

void kd_ram_bits(const struct kd_elf *el, uint64_t start, uint64_t end,
		     uint8_t *bits)
{
	int i;

	memset(bits, 0, (size_t)((end - start + 7) / 8));
	for (i = 0; i < el->nloads; i++) {
		uint64_t a = el->loads[i].paddr >> KD_PAGE_SHIFT;
		uint64_t b = (el->loads[i].paddr + el->loads[i].memsz) >> KD_PAGE_SHIFT;

		if (a < start)
			a = start;
		if (b > end)
			b = end;
		if (a < b)
			kd_bits_fill(bits, a - start, b - start, 1);
	}
}

static uint64_t *counter(struct kd_stats *s, enum kd_class c)
{
	switch (c) {
	case KD_CACHE: return &s->cache;
	case KD_CACHE_PRIVATE: return &s->cache_private;
	case KD_USER: return &s->user;
	case KD_FREE: return &s->free;
	case KD_HWPOISON: return &s->hwpoison;
	case KD_OFFLINE: return &s->offline;
	default: return NULL;
	}
}

/* Clear [from, to) within the window; remember what runs past its end. */
static void exclude(struct kd_filter *f, uint64_t from, uint64_t to,
		    enum kd_class c, uint64_t start, uint64_t end,
		    uint8_t *bits, struct kd_stats *stats)
{
	if (to > end) {
		f->pend_start = end;
		f->pend_end = to;
		f->pend_class = c;
		to = end;
	}
	if (to > from)
		kd_bits_fill(bits, from - start, to - start, 0);
	if (stats && to > from)
		*counter(stats, c) += to - from;
}

/* The struct page of pfn, reading the aligned batch that holds it. */
static const uint8_t *struct_page(struct kd_filter *f, uint64_t pfn)
{
	uint64_t first = pfn & ~(uint64_t)(KD_BATCH - 1);
	size_t size = f->rules->size;

	if (f->batch_pfn != first) {
		uint64_t vaddr = kd_memmap_page(f->mm, first);

		f->batch_pfn = UINT64_MAX;
		f->pages = vaddr ? kd_x86_view(f->x, vaddr, KD_BATCH * size) : NULL;
		if (!f->pages && vaddr &&
		    kd_x86_read(f->x, vaddr, f->batch, KD_BATCH * size) == 0)
			f->pages = f->batch;
		if (!f->pages) {
			if (!f->warned)
				kd_warn("cannot read the struct pages of pfn %#llx: "
					"keeping those pages",
					(unsigned long long)first);
			f->warned = 1;
			return NULL;
		}
		f->batch_pfn = first;
	}
	return f->pages + (pfn - first) * size;
}

/* The first pfn at or after pfn that starts in a PT_LOAD, or `to`. */
static uint64_t next_in_load(struct kd_filter *f, uint64_t pfn, uint64_t to)
{
	uint64_t best = to;
	int i;

	if (kd_elf_find(f->el, pfn << KD_PAGE_SHIFT))
		return pfn;
	for (i = 0; i < f->el->nloads; i++) {
		/* the first page that starts inside it, as makedumpfile
		 * scans only those */
		uint64_t first = (f->el->loads[i].paddr + KD_PAGE_SIZE - 1) >>
				 KD_PAGE_SHIFT;

		if (first > pfn && first < best)
			best = first;
	}
	return best;
}

/* Scan [from, to) (one section's part of the window). */
static void scan(struct kd_filter *f, uint64_t from, uint64_t to,
		 uint64_t start, uint64_t end, uint8_t *bits,
		 struct kd_stats *stats)
{
	uint64_t pfn = from, nr;

	while ((pfn = next_in_load(f, pfn, to)) < to) {
		const uint8_t *page = struct_page(f, pfn), *next = NULL;
		enum kd_class c;

		if (!page) {		/* unreadable: keep the whole batch */
			pfn = (pfn | (KD_BATCH - 1)) + 1;
			continue;
		}
		/* the last of a batch is never a head: heads are aligned */
		if ((pfn & (KD_BATCH - 1)) != KD_BATCH - 1)
			next = page + f->rules->size;
		c = kd_classify(f->rules, page, next, f->dump_level, pfn, &nr);
		if (c == KD_KEEP || c == KD_TAIL) {
			pfn++;
			continue;
		}
		exclude(f, pfn, pfn + nr, c, start, end, bits, stats);
		pfn += nr;
	}
}

/* Finish an exclusion that ran past the previous window's end; returns
 * where the scan of this window starts. */
static uint64_t carried(struct kd_filter *f, uint64_t start, uint64_t end,
			uint8_t *bits, struct kd_stats *stats)
{
	uint64_t to = f->pend_end;

	if (start < f->pend_start || start >= to) {
		f->pend_start = f->pend_end = 0;
		return start;
	}
	f->pend_start = f->pend_end = 0;
	exclude(f, start, to, f->pend_class, start, end, bits, stats);
	return to < end ? to : end;
}

void kd_filter_window(struct kd_filter *f, uint64_t start, uint64_t end,
		      uint8_t *bits, struct kd_stats *stats)
{
	uint64_t pfn;

	if (start == 0)
		f->pend_start = f->pend_end = 0;
	/* a view from the last call may be stale: the pages were read since */
	f->batch_pfn = UINT64_MAX;
	if (!f->scan)
		return;
	pfn = carried(f, start, end, bits, stats);
	while (pfn < end) {
		uint64_t s, e;

		kd_memmap_section_range(f->mm, pfn, &s, &e);
		if (e > end)
			e = end;
		if (kd_memmap_page(f->mm, pfn))
			scan(f, pfn, e, start, end, bits, stats);
		pfn = e;
	}
}
