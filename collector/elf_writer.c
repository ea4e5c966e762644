/* elf_writer.c - ELF output (makedumpfile -E).
 *
 * The input's ELF header, a PT_NOTE with the notes copied verbatim, and
 * PT_LOADs that follow the input's but leave out runs of 256 or more
 * excluded pages: such a run ends a segment, whose p_memsz still covers it
 * (it reads as zeros), and the next dumpable page starts a new one.
 * Shorter runs are written as zeros to keep segments long.  With dump
 * level bit 1, zero pages are found first (pages are read twice), since
 * the headers must be final before the data. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bitmap.h"
#include "byteorder.h"
#include "log.h"
#include "progress.h"
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
};

struct elf_out {
	struct kd_input *in;
	const struct kd_meta *meta;
	struct kd_sink *out;
	uint8_t *bits;			/* the whole 2nd bitmap */
	struct segment *seg;
	size_t nseg, cap;
	uint8_t *cache;
	size_t cache_len;
	uint64_t cache_off;
	struct kd_write_result *result;
};

static int dumpable(const struct elf_out *o, uint64_t pfn)
{
	return pfn < o->meta->max_mapnr && kd_bit_test(o->bits, pfn);
}

/* The 2nd bitmap for the whole dump, zero pages cleared when asked. */
static int make_bitmap(struct elf_out *o, struct kd_error *e)
{
	uint64_t max = o->meta->max_mapnr, pfn;
	uint8_t page[KD_PAGE_SIZE];

	o->bits = calloc((size_t)(max / 8 + 1), 1);
	if (!o->bits)
		return kd_fail(e, ENOMEM, "out of memory for the bitmap");
	if (kd_input_dumpable(o->in, 0, (max + 7) & ~7ULL, o->bits, 1, e))
		return -1;
	if (!(o->meta->dump_level & KD_DL_ZERO))
		return 0;
	for (pfn = 0; pfn < max; pfn++) {
		if (!dumpable(o, pfn) || kd_input_read_page(o->in, pfn, page))
			continue;
		if (kd_is_zero(page, sizeof page)) {
			kd_bit_clear(o->bits, pfn);
			o->result->zero++;
		}
	}
	return 0;
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

/* Split one input PT_LOAD at runs of MIN_HOLE or more excluded pages. */
static int plan_load(struct elf_out *o, const struct kd_load *l,
		     struct kd_error *e)
{
	uint64_t end = l->paddr + l->memsz, p = l->paddr, run = 0;
	struct segment s = { l->paddr, l->vaddr, 0, 0, 0 };
	uint64_t data_end = l->paddr;	/* end of the written part */

	while (p < end) {
		uint64_t next = ((p >> 12) + 1) << 12;

		if (next > end)
			next = end;
		if (!dumpable(o, p >> 12)) {
			run++;
		} else {
			if (run >= MIN_HOLE || data_end == s.paddr) {
				if (data_end > s.paddr) {
					s.filesz = data_end - s.paddr;
					s.memsz = p - s.paddr;
					if (add_segment(o, &s, e))
						return -1;
				}
				s.vaddr += p - s.paddr;
				s.paddr = p;
			}
			run = 0;
			data_end = next;
		}
		p = next;
	}
	s.filesz = data_end - s.paddr;
	s.memsz = end - s.paddr;
	return add_segment(o, &s, e);
}

static int cache_flush(struct elf_out *o)
{
	if (o->cache_len &&
	    kd_sink_write(o->out, o->cache_off, o->cache, o->cache_len))
		return -1;
	o->cache_off += o->cache_len;
	o->cache_len = 0;
	return 0;
}

static int cache_put(struct elf_out *o, const void *buf, size_t len)
{
	if (o->cache_len + len > CACHE && cache_flush(o))
		return -1;
	memcpy(o->cache + o->cache_len, buf, len);
	o->cache_len += len;
	return 0;
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

static int write_headers(struct elf_out *o)
{
	size_t nph = o->nseg + 1, i;
	uint64_t notes_off = EHDR_SIZE + nph * PHDR_SIZE + (nph >= PN_XNUM ? 64 : 0);
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

/* A segment's bytes: dumpable pages as read, the others as zeros. */
static int write_segment(struct elf_out *o, const struct segment *s,
			 struct kd_progress *progress, uint64_t *done)
{
	uint64_t p = s->paddr, end = s->paddr + s->filesz;
	uint8_t page[KD_PAGE_SIZE];

	while (p < end) {
		uint64_t pfn = p >> 12, next = (pfn + 1) << 12;
		size_t skip = (size_t)(p - (pfn << 12));
		size_t len = (size_t)((next < end ? next : end) - p);

		if (!dumpable(o, pfn) || kd_input_read_page(o->in, pfn, page))
			memset(page, 0, sizeof page);
		if (cache_put(o, page + skip, len))
			return -1;
		kd_progress_update(progress, ++*done);
		p += len;
	}
	return 0;
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

int kd_write_elf(struct kd_input *in, struct kd_sink *out,
		 const struct kd_write_opts *opts, struct kd_write_result *r,
		 struct kd_error *e)
{
	struct elf_out o = { in, kd_input_meta(in), out, NULL, NULL, 0, 0, NULL,
			     0, 0, r };
	uint64_t done = 0, total = 0;
	int i, ret = -1;
	size_t s;

	memset(r, 0, sizeof *r);
	o.cache = malloc(CACHE);
	if (!o.cache) {
		kd_fail(e, ENOMEM, "out of memory");
		goto out;
	}
	if (make_bitmap(&o, e))
		goto out;
	for (i = 0; i < o.meta->nloads; i++)
		if (plan_load(&o, &o.meta->loads[i], e))
			goto out;
	for (s = 0; s < o.nseg; s++)
		total += (o.seg[s].filesz + KD_PAGE_SIZE - 1) / KD_PAGE_SIZE;
	if (opts->progress)
		opts->progress->total = total;
	if (write_headers(&o))
		goto io;
	for (s = 0; s < o.nseg; s++)
		if (write_segment(&o, &o.seg[s], opts->progress, &done))
			goto io;
	if (cache_flush(&o))
		goto io;
	kd_progress_end(opts->progress);
	ret = 0;
	goto out;
io:
	kd_sink_fail(out, e, "the dump");
	mark_incomplete(&o);
out:
	free(o.bits);
	free(o.seg);
	free(o.cache);
	return ret;
}
