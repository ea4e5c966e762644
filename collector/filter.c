/* filter.c - the dumpable bitmap of a window of pfns. */
#include <stdlib.h>
#include <string.h>
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

static void set_range(uint8_t *bits, uint64_t from, uint64_t to)
{
	while (from < to && (from & 7))
		bits[from >> 3] |= (uint8_t)(1 << (from & 7)), from++;
	if (to - from >= 8) {
		memset(bits + (from >> 3), 0xff, (to - from) >> 3);
		from += (to - from) & ~7ULL;
	}
	while (from < to)
		bits[from >> 3] |= (uint8_t)(1 << (from & 7)), from++;
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
			set_range(bits, a - start, b - start);
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
	uint64_t pfn;

	if (to > end) {
		f->pend_start = end;
		f->pend_end = to;
		f->pend_class = c;
		to = end;
	}
	for (pfn = from; pfn < to; pfn++)
		bits[(pfn - start) >> 3] &= (uint8_t)~(1 << ((pfn - start) & 7));
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
		if (!vaddr || kd_x86_read(f->x, vaddr, f->batch, KD_BATCH * size)) {
			if (!f->warned++)
				kd_warn("cannot read the struct pages of pfn %#llx: "
					"keeping those pages",
					(unsigned long long)first);
			return NULL;
		}
		f->batch_pfn = first;
	}
	return f->batch + (pfn - first) * size;
}

/* Scan [from, to) (one section's part of the window). */
static void scan(struct kd_filter *f, uint64_t from, uint64_t to,
		 uint64_t start, uint64_t end, uint8_t *bits,
		 struct kd_stats *stats)
{
	uint64_t pfn, nr;

	for (pfn = from; pfn < to; pfn += nr) {
		const uint8_t *page, *next = NULL;
		enum kd_class c;

		nr = 1;
		if (!kd_elf_find(f->el, pfn << KD_PAGE_SHIFT))
			continue;
		page = struct_page(f, pfn);
		if (!page)
			continue;
		if ((pfn & (KD_BATCH - 1)) != KD_BATCH - 1)
			next = page + f->rules->size;
		c = kd_classify(f->rules, page, next, f->dump_level, pfn, &nr);
		if (c == KD_KEEP || c == KD_TAIL) {
			nr = 1;
			continue;
		}
		exclude(f, pfn, pfn + nr, c, start, end, bits, stats);
	}
}

void kd_filter_window(struct kd_filter *f, uint64_t start, uint64_t end,
		      uint8_t *bits, struct kd_stats *stats)
{
	uint64_t pfn = start;

	if (start == 0)
		f->pend_start = f->pend_end = 0;
	kd_ram_bits(f->el, start, end, bits);
	if (!f->scan)
		return;
	if (f->pend_end > start && f->pend_start == start) {
		exclude(f, start, f->pend_end, f->pend_class, start, end, bits, stats);
		pfn = f->pend_end < end ? f->pend_end : end;
		if (f->pend_start == start)
			f->pend_start = f->pend_end = 0;
	}
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
