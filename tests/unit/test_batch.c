/* test_batch.c - collector/batch.c: every page of a batch comes back in
 * its place, zero pages marked when asked, the others compressed so that
 * they decode to the page, on one thread or several, batch after batch. */
#define UNIT_SUITE "batch"
#include <stdint.h>
#include "unit.h"
#include "batch.h"
#include "input.h"

/* Page i of batch round r: zeros, text, noise or a single non-zero last
 * byte. */
static void fill(uint8_t *p, int i, int r)
{
	uint32_t x = (uint32_t)(i * 2654435761u + r + 1);
	size_t j;

	memset(p, 0, KD_PAGE_SIZE);
	switch ((i + r) % 4) {
	case 0:
		break;
	case 1:
		for (j = 0; j < KD_PAGE_SIZE; j++)
			p[j] = (uint8_t)("batch page "[j % 11] + i);
		break;
	case 2:
		for (j = 0; j < KD_PAGE_SIZE; j++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			p[j] = (uint8_t)x;
		}
		break;
	default:
		p[KD_PAGE_SIZE - 1] = (uint8_t)(i | 1);
	}
}

/* n pages through b; each result checked against its page. */
static int run_and_check(struct kd_batch *b, int n, int r, int test_zero)
{
	static uint8_t want[KD_PAGE_SIZE], back[KD_PAGE_SIZE];
	struct kd_batch_page *p = kd_batch_pages(b);
	int i, bad = 0;

	for (i = 0; i < n; i++)
		fill(p[i].in, i, r);
	kd_batch_run(b, n);
	for (i = 0; i < n; i++) {
		int zero = (i + r) % 4 == 0;

		fill(want, i, r);
		if (p[i].zero != (test_zero && zero)) {
			bad++;
			continue;
		}
		if (p[i].zero)
			continue;
		if (kd_codec_decompress(p[i].flag, p[i].data, p[i].len, back,
					KD_PAGE_SIZE) || memcmp(back, want, KD_PAGE_SIZE))
			bad++;
	}
	return bad;
}

static void batches(enum kd_codec_kind codec, int threads, int test_zero)
{
	struct kd_batch *b = kd_batch_new(codec, 0, threads, test_zero);
	int r;

	CHECK(b != NULL);
	if (!b)
		return;
	for (r = 0; r < 3; r++) {
		CHECK_INT(run_and_check(b, KD_BATCH_PAGES, r, test_zero), 0);
		CHECK_INT(run_and_check(b, 37, r, test_zero), 0);
	}
	kd_batch_free(b);
}

TEST(one_thread)
{
	batches(KD_CODEC_NONE, 1, 1);
	batches(KD_CODEC_ZLIB, 1, 1);
	batches(KD_CODEC_LZO, 1, 0);
}

TEST(several_threads)
{
	batches(KD_CODEC_ZSTD, 3, 1);
	batches(KD_CODEC_LZO, 4, 0);
	batches(KD_CODEC_ZLIB, 64, 1);	/* more than it starts: capped */
}

/* Stored raw: the page itself, flag 0; compressed: smaller. */
TEST(raw_and_compressed)
{
	struct kd_batch *b = kd_batch_new(KD_CODEC_ZSTD, 0, 2, 0);
	struct kd_batch_page *p;

	CHECK(b != NULL);
	if (!b)
		return;
	p = kd_batch_pages(b);
	fill(p[0].in, 1, 0);			/* text */
	fill(p[1].in, 2, 0);			/* noise */
	kd_batch_run(b, 2);
	CHECK_INT(p[0].flag, KD_CODEC_ZSTD);
	CHECK(p[0].len < KD_PAGE_SIZE / 4 && p[0].data == p[0].out);
	CHECK_INT(p[1].flag, 0);
	CHECK_INT(p[1].len, KD_PAGE_SIZE);
	CHECK(!memcmp(p[1].data, p[1].in, KD_PAGE_SIZE));
	kd_batch_free(b);
	kd_batch_free(NULL);
}

int main(void)
{
	RUN(one_thread);
	RUN(several_threads);
	RUN(raw_and_compressed);
	return unit_done();
}
