/* dump_size.c - the size of a kdump-compressed dump (dump_size.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "bitmap.h"
#include "codec.h"
#include "dump_size.h"
#include "window.h"

struct walk {
	struct kd_input *in;
	struct kd_codec *codec;		/* NULL: uncompressed */
	int zero;			/* zero pages are left out */
	uint64_t stride;		/* every stride-th dumpable page is
					 * read; 0: none need be */
	uint64_t dumpable, sampled;
	uint64_t stored;		/* the sampled pages' data, bytes */
	uint8_t page[KD_PAGE_SIZE];
	uint8_t out[KD_CODEC_BOUND];
};

/* What the writer would store for pfn: nothing for a zero page it leaves
 * out, else the page compressed, or raw (write_batch, batch.c). */
static void sample(struct walk *w, uint64_t pfn)
{
	size_t len = KD_PAGE_SIZE;

	w->sampled++;
	/* a dumpable pfn is in a PT_LOAD: the read gives a page (zeros
	 * after a read error, as the dump will hold) */
	if (kd_input_reread_page(w->in, pfn, w->page))
		memset(w->page, 0, sizeof w->page);
	if (w->zero && kd_is_zero(w->page, sizeof w->page))
		return;
	if (w->codec)
		kd_codec_compress(w->codec, w->page, sizeof w->page, w->out, &len);
	w->stored += len;
}

static void walk_window(struct walk *w, const uint8_t *bits, uint64_t start,
			uint64_t end)
{
	uint64_t i, n = end - start;

	for (i = 0; i < n; i++) {
		if (!(i & 7) && !bits[i / 8]) {
			i += 7;		/* eight pfns that are not dumpable */
			continue;
		}
		if (!kd_bit_test(bits, i))
			continue;
		if (w->stride && w->dumpable % w->stride == 0)
			sample(w, start + i);
		w->dumpable++;
	}
}

static int walk_windows(struct walk *w, const struct kd_write_opts *o,
			struct kd_error *e)
{
	struct kd_window win;
	uint64_t start;
	uint8_t *bits;
	int ret = 0;

	kd_window_init(&win, o->cycle_pfns, kd_input_meta(w->in)->max_mapnr);
	bits = malloc((size_t)(win.size / 8));
	if (!bits)
		return kd_fail(e, ENOMEM, "out of memory for the estimate");
	for (start = 0; start < win.max && !ret; start += win.size) {
		uint64_t end = kd_window_end(&win, start);

		ret = kd_input_dumpable(w->in, start, end, bits, 0, e);
		if (!ret)
			walk_window(w, bits, start, end);
	}
	free(bits);
	return ret;
}

/* The page data: exact when every page that matters was read (or none
 * had to be), else the sample scaled up, plus a tenth. */
static uint64_t data_bytes(const struct walk *w, int *exact)
{
	uint64_t d;

	*exact = 1;
	if (!w->stride)
		return w->dumpable * KD_PAGE_SIZE;
	if (w->sampled == w->dumpable)
		return w->stored;
	*exact = 0;
	d = (w->stored * w->dumpable + w->sampled - 1) / w->sampled;
	return d + d / 10;
}

static uint64_t stride_for(const struct walk *w, uint64_t upper)
{
	if (!w->codec)
		return w->zero ? 1 : 0;
	return upper > KD_DUMP_SIZE_SAMPLES ? upper / KD_DUMP_SIZE_SAMPLES : 1;
}

int kd_dump_size_kdump(struct kd_input *in, const struct kd_write_opts *o,
		      uint64_t upper, struct kd_dump_size *est,
		      struct kd_error *e)
{
	const struct kd_meta *m = kd_input_meta(in);
	struct walk *w = calloc(1, sizeof *w);
	int ret = -1;

	memset(est, 0, sizeof *est);
	if (!w)
		return kd_fail(e, ENOMEM, "out of memory for the estimate");
	w->in = in;
	w->zero = !!(m->dump_level & KD_DL_ZERO);
	if (o->codec != KD_CODEC_NONE &&
	    !(w->codec = kd_codec_new_level(o->codec, o->codec_level))) {
		kd_fail(e, ENOMEM, "cannot set up %s", kd_codec_name(o->codec));
		goto out;
	}
	w->stride = stride_for(w, upper);
	if (walk_windows(w, o, e))
		goto out;
	est->dumpable = w->dumpable;
	est->sampled = w->sampled;
	/* the shared zero page comes first when zero pages are left out */
	est->bytes = kd_kdump_data_offset(m, w->dumpable) +
		     (w->zero ? KD_PAGE_SIZE : 0) + data_bytes(w, &est->exact);
	ret = 0;
out:
	kd_codec_free(w->codec);
	free(w);
	return ret;
}
