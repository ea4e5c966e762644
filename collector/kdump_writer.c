/* kdump_writer.c - the kdump-compressed format (header version 6).
 *
 *   block 0       main header (464 bytes)
 *   block 1       sub header (104 bytes), then the ELF notes
 *   1 + S         1st bitmap (pfns in RAM), X blocks
 *   1 + S + X     2nd bitmap (dumpable pfns), X blocks
 *   1 + S + 2X    one 24-byte descriptor per dumpable pfn, in pfn order
 *   then          page data: the shared zero page first (dump level bit
 *                 1), then each page compressed or raw
 *
 * Bitmaps are made a window of pfns at a time, so memory does not grow
 * with the dump.  Page data is written before the descriptors that point
 * to it: when the disk fills up, every descriptor on disk is valid, the
 * rest read as zero ("page incomplete" in crash), and the header is
 * rewritten with the incomplete flag.
 *
 * Pages are not copied on their way: a page is read as a view of the
 * input's mmap window where it can be, compressed from there, and its
 * data (the view itself when stored raw, the batch's output otherwise)
 * goes out with one pwritev() per batch, before the window moves on. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "batch.h"
#include "bitmap.h"
#include "byteorder.h"
#include "codec.h"
#include "log.h"
#include "progress.h"
#include "window.h"
#include "writer.h"

#define BLOCK KD_PAGE_SIZE
#define HEADER_SIZE 464
#define SUB_HEADER_SIZE 104
#define DESC_SIZE 24
#define STATUS_INCOMPLETE 0x8
#define DESC_CACHE (64 << 10)
#define DATA_IOV (KD_BATCH_PAGES + 1)	/* a batch's pages, the zero page */

struct layout {
	uint64_t max_mapnr;
	uint64_t sub_blocks;		/* S */
	uint64_t bitmap_blocks;		/* X, one bitmap */
	uint64_t bitmap1, bitmap2, descs;	/* file offsets */
	uint64_t data;			/* where page data starts */
};

struct writer {
	struct kd_input *in;
	const struct kd_meta *meta;
	struct kd_sink *out;
	struct kd_batch *batch;
	unsigned status;		/* header status: the codec's flag */
	struct layout l;
	struct kd_window win;
	uint8_t *bits;			/* one window of a bitmap */
	struct iovec data[DATA_IOV];	/* page data not yet written */
	int ndata;
	uint8_t *desc;			/* descriptors not yet written */
	size_t data_len, desc_len;
	uint64_t data_off, desc_off;	/* file offsets of both */
	uint64_t pending;		/* pages whose data is not written */
	uint64_t zero_page_off;		/* 0 when zero pages are kept */
	uint64_t done;
	struct kd_progress *progress;
	struct kd_write_result *result;
};

static uint64_t div_up(uint64_t a, uint64_t b) { return (a + b - 1) / b; }

static void plan_layout(struct layout *l, const struct kd_meta *m)
{
	l->max_mapnr = m->max_mapnr;
	l->sub_blocks = div_up(SUB_HEADER_SIZE + m->notes_size, BLOCK);
	l->bitmap_blocks = div_up(div_up(m->max_mapnr, 8), BLOCK);
	l->bitmap1 = BLOCK * (1 + l->sub_blocks);
	l->bitmap2 = l->bitmap1 + BLOCK * l->bitmap_blocks;
	l->descs = l->bitmap2 + BLOCK * l->bitmap_blocks;
}

static void main_header(const struct writer *w, unsigned status, uint8_t *h)
{
	const struct kd_meta *m = w->meta;

	memset(h, 0, HEADER_SIZE);
	memcpy(h, "KDUMP   ", 8);
	kd_put_le32(h + 8, 6);
	memcpy(h + 12, m->sysname, 65);
	memcpy(h + 12 + 65, m->nodename, 65);
	memcpy(h + 12 + 130, m->release, 65);
	memcpy(h + 12 + 195, m->version, 65);
	memcpy(h + 12 + 260, m->machine, 65);
	memcpy(h + 12 + 325, m->domainname, 65);
	kd_put_le64(h + 408, (uint64_t)m->crashtime);
	kd_put_le32(h + 424, status);
	kd_put_le32(h + 428, BLOCK);
	kd_put_le32(h + 432, (uint32_t)w->l.sub_blocks);
	kd_put_le32(h + 436, (uint32_t)(2 * w->l.bitmap_blocks));
	kd_put_le32(h + 440, m->max_mapnr > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)m->max_mapnr);
	kd_put_le32(h + 460, (uint32_t)m->nr_cpus);
}

static void sub_header(const struct writer *w, uint8_t *s)
{
	const struct kd_meta *m = w->meta;

	memset(s, 0, SUB_HEADER_SIZE);
	kd_put_le64(s + 0, m->phys_base);
	kd_put_le32(s + 8, (uint32_t)m->dump_level);
	if (m->vmcoreinfo_size) {
		kd_put_le64(s + 32, BLOCK + SUB_HEADER_SIZE + m->vmcoreinfo_offset);
		kd_put_le64(s + 40, m->vmcoreinfo_size);
	}
	if (m->notes_size) {
		kd_put_le64(s + 48, BLOCK + SUB_HEADER_SIZE);
		kd_put_le64(s + 56, m->notes_size);
	}
	kd_put_le64(s + 96, m->max_mapnr);
}

static int write_headers(struct writer *w, struct kd_error *e)
{
	uint8_t h[HEADER_SIZE], s[SUB_HEADER_SIZE];

	main_header(w, w->status, h);
	sub_header(w, s);
	if (kd_sink_write(w->out, 0, h, sizeof h) ||
	    kd_sink_write(w->out, BLOCK, s, sizeof s) ||
	    kd_sink_write(w->out, BLOCK + SUB_HEADER_SIZE, w->meta->notes,
			  w->meta->notes_size))
		return kd_sink_fail(w->out, e, "the dump header");
	return 0;
}

/* ---- page data and descriptors ---- */

/* The descriptors whose page data lies before `end`: after a short write
 * of the data cache, the pages that did reach the file stay reachable. */
static size_t descs_before(const struct writer *w, uint64_t end)
{
	size_t n;

	for (n = 0; n < w->desc_len; n += DESC_SIZE) {
		uint64_t off = kd_get_le64(w->desc + n);
		uint32_t size = kd_get_le32(w->desc + n + 8);

		if (off + size > end)
			break;
	}
	return n;
}

/* After a short write of the data cache, the descriptors of the pages
 * that did reach the file (a stream cannot go back for them). */
static void keep_landed(struct writer *w)
{
	size_t keep = descs_before(w, w->data_off + w->out->partial);
	struct kd_error pe;

	if (keep && !w->out->flat &&
	    kd_sink_patch(w->out, w->desc_off, w->desc, keep, &pe))
		kd_debug("cannot write the descriptors of the pages written: %s",
			 pe.msg);
}

/* The page data gathered: before the views and buffers it points to are
 * reused. */
static int flush_data(struct writer *w)
{
	if (w->ndata && kd_sink_writev(w->out, w->data_off, w->data, w->ndata)) {
		keep_landed(w);
		return -1;
	}
	w->data_off += w->data_len;
	w->data_len = 0;
	w->ndata = 0;
	return 0;
}

/* Data first, then the descriptors that point to it. */
static int flush(struct writer *w)
{
	if (flush_data(w))
		return -1;
	if (w->desc_len && kd_sink_write(w->out, w->desc_off, w->desc, w->desc_len))
		return -1;
	w->desc_off += w->desc_len;
	w->desc_len = 0;
	/* both reached the file: those pages can be read back */
	w->result->pages += w->pending;
	w->pending = 0;
	return 0;
}

static int add_descriptor(struct writer *w, uint64_t offset, uint32_t size,
			  uint32_t flags)
{
	uint8_t *d;

	if (w->desc_len + DESC_SIZE > DESC_CACHE && flush(w))
		return -1;
	d = w->desc + w->desc_len;
	kd_put_le64(d, offset);
	kd_put_le32(d + 8, size);
	kd_put_le32(d + 12, flags);
	kd_put_le64(d + 16, 0);
	w->desc_len += DESC_SIZE;
	return 0;
}

/* Point at len bytes of data (valid until the next flush_data()); data
 * that follows the last piece in memory extends it. */
static int add_data(struct writer *w, const void *buf, size_t len,
		    uint64_t *offset)
{
	struct iovec *last = w->ndata ? &w->data[w->ndata - 1] : NULL;

	if (!last || (const uint8_t *)last->iov_base + last->iov_len != buf) {
		if (w->ndata == DATA_IOV && flush_data(w))
			return -1;
		last = &w->data[w->ndata++];
		last->iov_base = (void *)buf;
		last->iov_len = 0;
	}
	*offset = w->data_off + w->data_len;
	last->iov_len += len;
	w->data_len += len;
	return 0;
}

/* Read pages of pfns[0..n) into the batch, views where the input allows:
 * how many, up to the first that is not in the input's window once a
 * view is taken (moving it would leave that view stale). */
static int read_pages(struct writer *w, const uint64_t *pfns, int n)
{
	struct kd_batch_page *p = kd_batch_pages(w->batch);
	int i, views = 0, ret;

	for (i = 0; i < n; i++) {
		ret = kd_input_page(w->in, pfns[i], p[i].in, &p[i].page, views > 0);
		if (ret > 0)
			return i;
		if (ret < 0) {
			memset(p[i].in, 0, KD_PAGE_SIZE);
			p[i].page = p[i].in;
		}
		views += p[i].page != p[i].in;
	}
	return n;
}

/* Append the data and descriptors of the batch's pages [0, n). */
static int add_pages(struct writer *w, int n)
{
	struct kd_batch_page *p = kd_batch_pages(w->batch);
	uint64_t offset;
	int i;

	for (i = 0; i < n; i++) {
		if (p[i].zero) {
			w->result->zero++;
			if (add_descriptor(w, w->zero_page_off, KD_PAGE_SIZE, 0))
				return -1;
			continue;
		}
		if (add_data(w, p[i].data, p[i].len, &offset) ||
		    add_descriptor(w, offset, (uint32_t)p[i].len, p[i].flag))
			return -1;
		w->pending++;
	}
	return flush_data(w);
}

/* Read the batch's pages, compress them on every thread, then append
 * their data and descriptors in pfn order. */
static int write_batch(struct writer *w, const uint64_t *pfns, int n)
{
	int done, k;

	for (done = 0; done < n; done += k) {
		k = read_pages(w, pfns + done, n - done);
		kd_batch_run(w->batch, k);
		if (add_pages(w, k))
			return -1;
	}
	w->done += (uint64_t)n;
	kd_progress_update(w->progress, w->done);
	return 0;
}

/* ---- bitmaps, a window at a time ---- */

/* Pass 1: the 1st bitmap, and how many pages are dumpable.  The 2nd
 * bitmap's window is made from the 1st's in place. */
static int count_pass(struct writer *w, uint64_t *dumpable, struct kd_error *e)
{
	uint64_t start;

	*dumpable = 0;
	for (start = 0; start < w->l.max_mapnr; start += w->win.size) {
		uint64_t end = kd_window_end(&w->win, start);

		kd_input_ram(w->in, start, end, w->bits);
		if (kd_sink_write(w->out, w->l.bitmap1 + start / 8, w->bits,
				  kd_window_bytes(&w->win, start)))
			return kd_sink_fail(w->out, e, "the bitmap");
		if (kd_input_exclude(w->in, start, end, w->bits, 1, e))
			return -1;
		*dumpable += kd_bits_count(w->bits, 0, end - start);
	}
	return 0;
}

/* Pass 2: per window, the 2nd bitmap slice, then its pages.  A single
 * window keeps the bitmap of pass 1. */
static int write_pass(struct writer *w, struct kd_error *e)
{
	uint64_t start, pfn, pfns[KD_BATCH_PAGES];
	int n = 0;

	for (start = 0; start < w->l.max_mapnr; start += w->win.size) {
		uint64_t end = kd_window_end(&w->win, start);
		size_t bytes = kd_window_bytes(&w->win, start);

		if (!kd_window_single(&w->win) &&
		    kd_input_dumpable(w->in, start, end, w->bits, 0, e))
			return -1;
		if (kd_sink_write(w->out, w->l.bitmap2 + start / 8, w->bits, bytes))
			return -1;
		for (pfn = start; pfn < end; pfn++) {
			if (!kd_bit_test(w->bits, pfn - start))
				continue;
			pfns[n++] = pfn;
			if (n == KD_BATCH_PAGES) {
				if (write_batch(w, pfns, n))
					return -1;
				n = 0;
			}
		}
	}
	if (n && write_batch(w, pfns, n))
		return -1;
	return flush(w);
}

uint64_t kd_kdump_data_offset(const struct kd_meta *m, uint64_t dumpable)
{
	struct layout l;

	plan_layout(&l, m);
	return l.descs + dumpable * DESC_SIZE;
}

/* ---- the whole dump ---- */

/* One compressing thread per online CPU unless told otherwise (the
 * capture kernel usually runs with nr_cpus=1: one thread). */
static int threads_for(const struct kd_write_opts *o)
{
	long n = o->threads > 0 ? o->threads : sysconf(_SC_NPROCESSORS_ONLN);

	if (o->codec == KD_CODEC_NONE)
		return 1;
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

static int setup(struct writer *w, struct kd_input *in, struct kd_sink *out,
		 const struct kd_write_opts *o, struct kd_write_result *r,
		 struct kd_error *e)
{
	memset(w, 0, sizeof *w);
	w->in = in;
	w->result = r;
	w->meta = kd_input_meta(in);
	w->out = out;
	w->progress = o->progress;
	w->status = (unsigned)o->codec;
	plan_layout(&w->l, w->meta);
	kd_window_init(&w->win, o->cycle_pfns, w->l.max_mapnr);
	w->bits = malloc((size_t)(w->win.size / 8));
	w->desc = malloc(DESC_CACHE);
	w->batch = kd_batch_new(o->codec, o->codec_level, threads_for(o),
				!!(w->meta->dump_level & KD_DL_ZERO));
	if (!w->bits || !w->desc || !w->batch)
		return kd_fail(e, ENOMEM, "out of memory for the dump buffers");
	return 0;
}

static void cleanup(struct writer *w)
{
	free(w->bits);
	free(w->desc);
	kd_batch_free(w->batch);
}

/* After a write error: the descriptors not written read as zeros (offset
 * 0: "page incomplete"), and the header says the dump is incomplete. */
static void mark_incomplete(struct writer *w, uint64_t dumpable)
{
	uint8_t h[HEADER_SIZE];
	struct kd_error pe;

	if (w->out->flat)
		return;
	/* a sparse extension needs no free blocks */
	if (kd_sink_extend(w->out, w->l.descs + dumpable * DESC_SIZE, &pe))
		kd_debug("cannot extend the descriptor table: %s", pe.msg);
	main_header(w, w->status | STATUS_INCOMPLETE, h);
	if (kd_sink_patch(w->out, 0, h, sizeof h, &pe))
		kd_warn("cannot mark the dump incomplete: %s", pe.msg);
	if (kd_sink_sync(w->out, &pe))
		kd_debug("%s", pe.msg);
}

int kd_write_kdump(struct kd_input *in, struct kd_sink *out,
		   const struct kd_write_opts *o, struct kd_write_result *r,
		   struct kd_error *e)
{
	struct writer w;
	static const uint8_t zeros[KD_PAGE_SIZE];
	uint64_t dumpable = 0, zero_off;
	int ret = -1;

	memset(r, 0, sizeof *r);
	if (setup(&w, in, out, o, r, e) || write_headers(&w, e) ||
	    count_pass(&w, &dumpable, e))
		goto out;
	/* The descriptor table's blocks, before any page data: when the
	 * disk fills up, the descriptors of the pages written still fit. */
	if (kd_sink_reserve(out, w.l.descs, dumpable * DESC_SIZE, e))
		goto out;
	w.desc_off = w.l.descs;
	w.data_off = kd_kdump_data_offset(w.meta, dumpable);
	if (w.meta->dump_level & KD_DL_ZERO) {
		if (add_data(&w, zeros, sizeof zeros, &zero_off))
			goto out;
		w.zero_page_off = zero_off;
	}
	if (w.progress)
		w.progress->total = dumpable;
	if (write_pass(&w, e)) {
		if (out->err)
			kd_fail(e, out->err, "cannot write the dump: %s%s",
				strerror(out->err), out->flat ? "" :
				" (the dump is kept, marked incomplete)");
		goto out;
	}
	kd_progress_end(w.progress);
	ret = 0;
out:
	if (ret && out->err)
		mark_incomplete(&w, dumpable);
	cleanup(&w);
	return ret;
}
