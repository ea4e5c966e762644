/* test_codec.c - collector/codec.c: each codec's page comes back whole
 * with its flag, a page that would not shrink is stored raw (flag 0), and
 * decoding refuses a stream that does not make exactly one page. */
#define UNIT_SUITE "codec"
#include <stdint.h>
#include "unit.h"
#include "codec.h"

#define N 4096

static const enum kd_codec_kind kinds[] = {
	KD_CODEC_ZLIB, KD_CODEC_LZO, KD_CODEC_ZSTD,
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

static uint8_t text[N], noise[N];

static void fill(void)
{
	static const char s[] = "kdump: crash dump ";
	uint32_t x = 0x9e3779b9;
	size_t i;

	for (i = 0; i < N; i++) {
		text[i] = (uint8_t)s[i % (sizeof s - 1)];
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		noise[i] = (uint8_t)x;
	}
}

/* page through a new codec of `kind`: the flag, or -1 without a codec. */
static int compress(enum kd_codec_kind kind, const uint8_t *page, uint8_t *out,
		    size_t *len)
{
	struct kd_codec *c = kd_codec_new(kind);
	int flag;

	if (!c)
		return -1;
	flag = (int)kd_codec_compress(c, page, N, out, len);
	kd_codec_free(c);
	return flag;
}

TEST(compressible_page_round_trip)
{
	static uint8_t out[KD_CODEC_BOUND], back[N];
	size_t i, len = 0;

	for (i = 0; i < NKINDS; i++) {
		CHECK_INT(compress(kinds[i], text, out, &len), kinds[i]);
		CHECK(len > 0 && len < N / 4);
		memset(back, 0, sizeof back);
		CHECK_INT(kd_codec_decompress(kinds[i], out, len, back, N), 0);
		CHECK(!memcmp(back, text, N));
		/* half the stream, or the page size wrong: refused */
		CHECK_INT(kd_codec_decompress(kinds[i], out, len / 2, back, N), -1);
		CHECK_INT(kd_codec_decompress(kinds[i], out, len, back, N / 2), -1);
	}
}

TEST(incompressible_page_stored_raw)
{
	static uint8_t out[KD_CODEC_BOUND], back[N];
	size_t i, len = 0;

	for (i = 0; i < NKINDS; i++) {
		CHECK_INT(compress(kinds[i], noise, out, &len), 0);
		CHECK_INT(len, N);
		CHECK(!memcmp(out, noise, N));
		CHECK_INT(kd_codec_decompress(0, out, len, back, N), 0);
		CHECK(!memcmp(back, noise, N));
	}
	CHECK_INT(kd_codec_decompress(0, out, N - 1, back, N), -1);
	CHECK_INT(kd_codec_decompress(0x4, out, N, back, N), -1);	/* snappy */
}

TEST(no_codec_is_raw)
{
	static uint8_t out[KD_CODEC_BOUND];
	size_t len = 0;

	CHECK_INT(compress(KD_CODEC_NONE, text, out, &len), 0);
	CHECK_INT(len, N);
	CHECK(!memcmp(out, text, N));
}

TEST(names)
{
	CHECK_STR(kd_codec_name(KD_CODEC_ZLIB), "zlib");
	CHECK_STR(kd_codec_name(KD_CODEC_LZO), "LZO");
	CHECK_STR(kd_codec_name(KD_CODEC_ZSTD), "zstd");
	CHECK_STR(kd_codec_name(KD_CODEC_NONE), "uncompressed");
}

/* A page of one byte is compressed once and remembered: what comes
 * back the next time is what a new codec makes of it. */
TEST(fill_pages_remembered)
{
	static uint8_t page[N], first[KD_CODEC_BOUND], again[KD_CODEC_BOUND],
		       back[N];
	size_t i, len1, len2, len3;
	struct kd_codec *c;
	int b;

	for (i = 0; i < NKINDS; i++) {
		CHECK((c = kd_codec_new(kinds[i])) != NULL);
		if (!c)
			continue;
		for (b = 0; b < 256; b += 0x33) {
			memset(page, b, N);
			CHECK_INT(kd_codec_compress(c, page, N, first, &len1), kinds[i]);
			CHECK_INT(kd_codec_compress(c, page, N, again, &len2), kinds[i]);
			CHECK_INT(compress(kinds[i], page, back, &len3), kinds[i]);
			CHECK(len1 == len2 && len2 == len3);
			CHECK(!memcmp(first, again, len1) && !memcmp(first, back, len1));
			CHECK_INT(kd_codec_decompress(kinds[i], again, len2, back, N), 0);
			CHECK(!memcmp(back, page, N));
			/* a shorter page of the same byte is not the one kept */
			CHECK_INT(kd_codec_compress(c, page, N / 2, again, &len2), kinds[i]);
			CHECK_INT(kd_codec_decompress(kinds[i], again, len2, back, N / 2), 0);
		}
		kd_codec_free(c);
	}
}

int main(void)
{
	fill();
	RUN(compressible_page_round_trip);
	RUN(incompressible_page_stored_raw);
	RUN(no_codec_is_raw);
	RUN(names);
	RUN(fill_pages_remembered);
	kd_codec_free(NULL);
	return unit_done();
}
