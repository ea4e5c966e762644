/* elf_writer.c - ELF output (makedumpfile -E).
 *
 * The input's ELF header, a PT_NOTE with the notes copied verbatim, and
 * PT_LOADs that follow the input's but leave out runs of 256 or more
 * excluded pages: such a run ends a segment, whose p_memsz still covers it
 * (it reads as zeros), and the next dumpable page starts a new one.
 * Shorter runs are written as zeros to keep segments long.
 *
 * The headers must be final before the data, so there are two passes
 * over the pfn windows (window.h), as makedumpfile's cycles: the first
 * makes each window's 2nd bitmap, with dump level bit 1 reads every
 * dumpable page to drop the zero ones (pages are read twice), and cuts
 * the segments of every input PT_LOAD as far as the window goes; the
 * second makes the bitmap again (kept when there is one window) and
 * writes the part of each segment that lies in the window.  The file
 * does not depend on the window size; with one window it is written in
 * file order. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bitmap.h"
#include "byteorder.h"
#include "log.h"
#include "progress.h"
#include "window.h"
#include "writer.h"

#define PHDR_SIZE 56
#define EHDR_SIZE 64
#define PT_LOAD 1
#define PT_NOTE 4
#define PN_XNUM 0xffff
#define MIN_HOLE 256		/* excluded pages that end a segment */
#define ELF_INCOMPLETE 0x1
#define CACHE (1 << 20)

struct segment {
	uint64_t paddr, vaddr, memsz, filesz, offset;
	int load;			/* the input PT_LOAD it comes from */
};

/* One input PT_LOAD: how far pass 1 has cut it into segments, and which
 * of its segments pass 2 writes next. */
struct plan {
	uint64_t p, end;		/* next byte to look at; the load's end */
	uint64_t run;			/* excluded pages just before p */
	uint64_t data_end;		/* end of the written part of s */
	struct segment s;		/* the segment being cut */
	size_t next, last;		/* pass 2: its segments [next, last) */
};

struct elf_out {
	struct kd_input *in;
	const struct kd_meta *meta;
	struct kd_sink *out;
	struct kd_write_result *result;
	struct kd_progress *progress;
	struct kd_window win;
	uint8_t *bits;			/* the 2nd bitmap of one window */
	uint64_t start, end;		/* that window */
	int read_before;		/* pass 1 read every dumpable page */
	int sizing;			/* pass 1 only, for kd_elf_size(): the
					 * input's counts are left alone */
	struct plan *plan;		/* one per input PT_LOAD */
	struct segment *seg;
	size_t nseg, cap;
	uint8_t *cache;
	size_t cache_len;
	uint64_t cache_off;
	uint64_t pending;		/* dumpable pages in the cache */
	uint64_t done;			/* pages written, for the progress */
};

static int dumpable(const struct elf_out *o, uint64_t pfn)
{
	return pfn >= o->start && pfn < o->end &&
	       kd_bit_test(o->bits, pfn - o->start);
}

/* Pass 1 reads the pages pass 2 reads again: a read error is counted
 * once. */
static int read_page(struct elf_out *o, uint64_t pfn, uint8_t *page)
{
	if (o->read_before)
		return kd_input_reread_page(o->in, pfn, page);
	return kd_input_read_page(o->in, pfn, page);
}

/* Clear the zero pages of the window from its bitmap, and count them.
 * Sizing reads them as a second pass would: a read error is counted by
 * the dump itself, not by its estimate. */
static void drop_zero_pages(struct elf_out *o)
{
	uint8_t page[KD_PAGE_SIZE];
	uint64_t pfn;
	int bad;

	for (pfn = o->start; pfn < o->end; pfn++) {
		if (!dumpable(o, pfn))
			continue;
		bad = o->sizing ? kd_input_reread_page(o->in, pfn, page) :
				  kd_input_read_page(o->in, pfn, page);
		if (bad)
			continue;
		if (kd_is_zero(page, sizeof page)) {
			kd_bit_clear(o->bits, pfn - o->start);
			o->result->zero++;
		}
	}
}

static int add_segment(struct elf_out *o, const struct segment *s,
		       struct kd_error *e)
{
	if (o->nseg == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 64;
		struct segment *n = realloc(o->seg, cap * sizeof *n);

		if (!n)
			return kd_fail(e, ENOMEM, "out of memory");
		o->seg = n;
		o->cap = cap;
	}
	o->seg[o->nseg++] = *s;
	return 0;
}

/* Cut one input PT_LOAD up to `limit` (a physical address): a run of
 * MIN_HOLE or more excluded pages ends a segment. */
static int cut(struct elf_out *o, struct plan *pl, uint64_t limit,
	       struct kd_error *e)
{
	struct segment *s = &pl->s;

	while (pl->p < pl->end && pl->p < limit) {
		uint64_t p = pl->p, next = ((p >> 12) + 1) << 12;

		if (next > pl->end)
			next = pl->end;
		if (!dumpable(o, p >> 12)) {
			pl->run++;
		} else {
			if (pl->run >= MIN_HOLE || pl->data_end == s->paddr) {
				if (pl->data_end > s->paddr) {
					s->filesz = pl->data_end - s->paddr;
					s->memsz = p - s->paddr;
					if (add_segment(o, s, e))
						return -1;
				}
				s->vaddr += p - s->paddr;
				s->paddr = p;
			}
			pl->run = 0;
			pl->data_end = next;
		}
		pl->p = next;
	}
	return 0;
}

/* Pass 1 on the window [o->start, o->end). */
static int plan_window(struct elf_out *o, struct kd_error *e)
{
	int i;

	if (kd_input_dumpable(o->in, o->start, o->end, o->bits, !o->sizing, e))
		return -1;
	if (o->meta->dump_level & KD_DL_ZERO)
		drop_zero_pages(o);
	for (i = 0; i < o->meta->nloads; i++)
		if (cut(o, &o->plan[i], o->end << 12, e))
			return -1;
	return 0;
}

/* Segments in the order of the input's PT_LOADs, each load's in address
 * order (pass 1 made them window by window). */
static int segment_order(const void *a, const void *b)
{
	const struct segment *x = a, *y = b;

	if (x->load != y->load)
		return x->load < y->load ? -1 : 1;
	return x->paddr < y->paddr ? -1 : x->paddr > y->paddr;
}

/* Pass 1 over every window, then the rest of each load (beyond
 * max_mapnr nothing is dumpable) ends its last segment. */
static int plan_segments(struct elf_out *o, struct kd_error *e)
{
	size_t n;
	int i;

	for (o->start = 0; o->start < o->win.max; o->start += o->win.size) {
		o->end = kd_window_end(&o->win, o->start);
		if (plan_window(o, e))
			return -1;
	}
	o->start = o->end = o->win.max;
	for (i = 0; i < o->meta->nloads; i++) {
		struct plan *pl = &o->plan[i];

		if (cut(o, pl, UINT64_MAX, e))
			return -1;
		pl->s.filesz = pl->data_end - pl->s.paddr;
		pl->s.memsz = pl->end - pl->s.paddr;
		if (add_segment(o, &pl->s, e))
			return -1;
	}
	qsort(o->seg, o->nseg, sizeof *o->seg, segment_order);
	for (n = 0, i = 0; i < o->meta->nloads; i++) {
		for (o->plan[i].next = n; n < o->nseg && o->seg[n].load == i; n++)
			;
		o->plan[i].last = n;
	}
	return 0;
}

static int cache_flush(struct elf_out *o)
{
	if (o->cache_len &&
	    kd_sink_write(o->out, o->cache_off, o->cache, o->cache_len))
		return -1;
	o->cache_off += o->cache_len;
	o->cache_len = 0;
	o->result->pages += o->pending;
	o->pending = 0;
	return 0;
}

/* Bytes for offset `off`; the cache holds one contiguous run of the
 * file (with one window, the data comes in file order). */
static int cache_at(struct elf_out *o, uint64_t off, const void *buf,
		    size_t len)
{
	if (o->cache_len && (off != o->cache_off + o->cache_len ||
			     o->cache_len + len > CACHE) && cache_flush(o))
		return -1;
	if (!o->cache_len)
		o->cache_off = off;
	memcpy(o->cache + o->cache_len, buf, len);
	o->cache_len += len;
	return 0;
}

static int cache_put(struct elf_out *o, const void *buf, size_t len)
{
	return cache_at(o, o->cache_off + o->cache_len, buf, len);
}

static void elf_header(const struct elf_out *o, uint32_t flags, uint8_t *h)
{
	size_t nph = o->nseg + 1;

	memcpy(h, o->meta->elf_header, EHDR_SIZE);
	kd_put_le64(h + 32, EHDR_SIZE);			/* e_phoff */
	kd_put_le64(h + 40, 0);				/* e_shoff */
	kd_put_le32(h + 48, flags);			/* e_flags */
	kd_put_le16(h + 54, PHDR_SIZE);
	kd_put_le16(h + 56, nph >= PN_XNUM ? PN_XNUM : (uint16_t)nph);
	kd_put_le16(h + 58, 64);			/* e_shentsize */
	kd_put_le16(h + 60, nph >= PN_XNUM ? 1 : 0);	/* e_shnum */
	kd_put_le16(h + 62, 0);
	if (nph >= PN_XNUM)
		kd_put_le64(h + 40, EHDR_SIZE + nph * PHDR_SIZE);
}

static void phdr(uint8_t *p, uint32_t type, uint64_t off, uint64_t vaddr,
		 uint64_t paddr, uint64_t filesz, uint64_t memsz)
{
	memset(p, 0, PHDR_SIZE);
	kd_put_le32(p, type);
	kd_put_le32(p + 4, 7);			/* RWX, as /proc/vmcore */
	kd_put_le64(p + 8, off);
	kd_put_le64(p + 16, vaddr);
	kd_put_le64(p + 24, paddr);
	kd_put_le64(p + 32, filesz);
	kd_put_le64(p + 40, memsz);
}

/* Where the notes go: after the ELF header, the program headers and,
 * with PN_XNUM or more of them, the section header that counts them. */
static uint64_t notes_offset(const struct elf_out *o)
{
	size_t nph = o->nseg + 1;

	return EHDR_SIZE + nph * PHDR_SIZE + (nph >= PN_XNUM ? 64 : 0);
}

static uint64_t file_size(const struct elf_out *o)
{
	uint64_t size = notes_offset(o) + o->meta->notes_size;
	size_t i;

	for (i = 0; i < o->nseg; i++)
		size += o->seg[i].filesz;
	return size;
}

static int write_headers(struct elf_out *o)
{
	size_t nph = o->nseg + 1, i;
	uint64_t notes_off = notes_offset(o);
	uint64_t data = notes_off + o->meta->notes_size;
	uint8_t h[EHDR_SIZE], p[PHDR_SIZE], sh[64];

	elf_header(o, 0, h);
	if (cache_put(o, h, sizeof h))
		return -1;
	phdr(p, PT_NOTE, notes_off, 0, 0, o->meta->notes_size, o->meta->notes_size);
	if (cache_put(o, p, sizeof p))
		return -1;
	for (i = 0; i < o->nseg; i++) {
		struct segment *s = &o->seg[i];

		s->offset = s->filesz ? data : 0;
		data += s->filesz;
		phdr(p, PT_LOAD, s->offset, s->vaddr, s->paddr, s->filesz, s->memsz);
		if (cache_put(o, p, sizeof p))
			return -1;
	}
	if (nph >= PN_XNUM) {
		memset(sh, 0, sizeof sh);
		kd_put_le32(sh + 44, (uint32_t)nph);	/* sh_info */
		if (cache_put(o, sh, sizeof sh))
			return -1;
	}
	return cache_put(o, o->meta->notes, o->meta->notes_size);
}

/* The bytes of s in [from, to): dumpable pages as read, the others (and
 * the part of a page outside the PT_LOAD) as zeros. */
static int write_part(struct elf_out *o, const struct segment *s,
		      uint64_t from, uint64_t to)
{
	uint8_t page[KD_PAGE_SIZE];
	uint64_t p = from;

	while (p < to) {
		uint64_t pfn = p >> 12, next = (pfn + 1) << 12;
		size_t skip = (size_t)(p - (pfn << 12));
		size_t len = (size_t)((next < to ? next : to) - p);

		if (!dumpable(o, pfn) || read_page(o, pfn, page))
			memset(page, 0, sizeof page);
		if (cache_at(o, s->offset + (p - s->paddr), page + skip, len))
			return -1;
		o->pending += dumpable(o, pfn);
		kd_progress_update(o->progress, ++o->done);
		p += len;
	}
	return 0;
}

/* Pass 2 on the window: the part of each load's segments that lies in
 * it, loads in order. */
static int write_window(struct elf_out *o)
{
	uint64_t lo = o->start << 12, hi = o->end << 12;
	int i;

	for (i = 0; i < o->meta->nloads; i++) {
		struct plan *pl = &o->plan[i];

		for (; pl->next < pl->last; pl->next++) {
			const struct segment *s = &o->seg[pl->next];
			uint64_t from = s->paddr > lo ? s->paddr : lo;
			uint64_t to = s->paddr + s->filesz;

			if (from >= hi)
				break;
			if (from < to && write_part(o, s, from, to < hi ? to : hi))
				return -1;
			if (to > hi)
				break;
		}
	}
	return 0;
}

/* Pass 2; -1 with out->err set when a write failed. */
static int write_data(struct elf_out *o, struct kd_error *e)
{
	int single = kd_window_single(&o->win);

	o->read_before = !!(o->meta->dump_level & KD_DL_ZERO);
	for (o->start = 0; o->start < o->win.max; o->start += o->win.size) {
		o->end = kd_window_end(&o->win, o->start);
		/* one window: the bitmap of pass 1, zero pages dropped */
		if (!single &&
		    kd_input_dumpable(o->in, o->start, o->end, o->bits, 0, e))
			return -1;
		if (write_window(o))
			return -1;
	}
	return cache_flush(o);
}

static void mark_incomplete(struct elf_out *o)
{
	uint8_t h[EHDR_SIZE];
	struct kd_error pe;

	if (o->out->flat || !o->nseg)
		return;
	elf_header(o, ELF_INCOMPLETE, h);
	if (kd_sink_patch(o->out, 0, h, sizeof h, &pe))
		kd_warn("cannot mark the dump incomplete");
}

static int setup(struct elf_out *o, const struct kd_write_opts *opts,
		 struct kd_error *e)
{
	int i;

	kd_window_init(&o->win, opts->cycle_pfns, o->meta->max_mapnr);
	o->bits = malloc((size_t)(o->win.size / 8));
	o->cache = malloc(CACHE);
	o->plan = calloc((size_t)o->meta->nloads + 1, sizeof *o->plan);
	if (!o->bits || !o->cache || !o->plan)
		return kd_fail(e, ENOMEM, "out of memory");
	for (i = 0; i < o->meta->nloads; i++) {
		const struct kd_load *l = &o->meta->loads[i];
		struct plan *pl = &o->plan[i];

		pl->p = pl->data_end = pl->s.paddr = l->paddr;
		pl->end = l->paddr + l->memsz;
		pl->s.vaddr = l->vaddr;
		pl->s.load = i;
	}
	return 0;
}

static void cleanup(struct elf_out *o)
{
	free(o->bits);
	free(o->plan);
	free(o->seg);
	free(o->cache);
}

int kd_elf_size(struct kd_input *in, const struct kd_write_opts *opts,
		uint64_t *size, struct kd_error *e)
{
	struct kd_write_result r;
	struct elf_out o;
	int ret = -1;

	memset(&r, 0, sizeof r);
	memset(&o, 0, sizeof o);
	o.in = in;
	o.meta = kd_input_meta(in);
	o.result = &r;
	o.sizing = 1;
	if (setup(&o, opts, e) == 0 && plan_segments(&o, e) == 0) {
		*size = file_size(&o);
		ret = 0;
	}
	cleanup(&o);
	return ret;
}

int kd_write_elf(struct kd_input *in, struct kd_sink *out,
		 const struct kd_write_opts *opts, struct kd_write_result *r,
		 struct kd_error *e)
{
	struct elf_out o;
	uint64_t total = 0;
	int ret = -1;
	size_t s;

	memset(r, 0, sizeof *r);
	memset(&o, 0, sizeof o);
	o.in = in;
	o.meta = kd_input_meta(in);
	o.out = out;
	o.result = r;
	o.progress = opts->progress;
	if (setup(&o, opts, e) || plan_segments(&o, e))
		goto out;
	for (s = 0; s < o.nseg; s++)
		total += (o.seg[s].filesz + KD_PAGE_SIZE - 1) / KD_PAGE_SIZE;
	if (o.progress)
		o.progress->total = total;
	if (write_headers(&o) || write_data(&o, e)) {
		if (out->err) {
			kd_sink_fail(out, e, "the dump");
			mark_incomplete(&o);
		}
		goto out;
	}
	kd_progress_end(o.progress);
	ret = 0;
out:
	cleanup(&o);
	return ret;
}
