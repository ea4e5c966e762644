/* batch.h - compress a batch of pages on several threads.
 *
 * The writer fills in[] with pages, or points page at them (reading stays
 * on its thread, the input is not thread-safe), then kd_batch_run() has every thread test for zero
 * pages and compress a share of them; the results come back in page order.
 * With one thread nothing is started. */
#ifndef KD_BATCH_H
#define KD_BATCH_H

#include <stddef.h>
#include <stdint.h>
#include "codec.h"

#define KD_BATCH_PAGES 512

struct kd_batch_page {
	uint8_t *in;		/* KD_PAGE_SIZE bytes, filled by the caller */
	const uint8_t *page;	/* the page, when not in `in` (a view of
				 * the input, no copy); NULL: in */
	uint8_t *out;		/* KD_CODEC_BOUND bytes */
	const uint8_t *data;	/* what to store: out, or the page when raw */
	size_t len;		/* stored size */
	unsigned flag;		/* codec flag, 0 raw */
	int zero;		/* all zeros (only tested when asked) */
};

struct kd_batch;

/* level: the codec's (0: its default, codec.h); threads: 1 or more;
 * test_zero: mark zero pages instead of compressing. */
struct kd_batch *kd_batch_new(enum kd_codec_kind codec, int level, int threads,
			      int test_zero);
void kd_batch_free(struct kd_batch *b);

struct kd_batch_page *kd_batch_pages(struct kd_batch *b);

/* Process pages [0, n). */
void kd_batch_run(struct kd_batch *b, int n);

#endif
