/* test_static_libs.c - the static zlib, libdeflate, lz4, zstd and LZO
 * libraries built from Debian's sources (scripts/build-static-libs.sh)
 * work when linked into a static musl program: buffers survive a round
 * trip, and compressible ones shrink.  libdeflate's zlib streams are read
 * back by zlib, as crash reads the pages the collector compresses with
 * it.  (collector/codec.c, which uses them: test_codec.c.) */
#define UNIT_SUITE "static_libs"
#include <stdint.h>
#include <libdeflate.h>
#include <lz4.h>
#include <lzo/lzo1x.h>
#include <zlib.h>
#include <zstd.h>
#include "unit.h"

#define N 4096
/* Worst-case output of any of the four codecs for N input bytes. */
#define BOUND (N + N / 16 + 1024)

enum { PATTERN, ZEROS, NOISE, NBUF };

static unsigned char input[NBUF][N];
static const char *const input_name[NBUF] = { "pattern", "zeros", "noise" };

static void fill(void)
{
	static const char text[] = "kdump: crash dump ";
	uint32_t x = 0x12345678;
	size_t i;

	for (i = 0; i < N; i++) {
		input[PATTERN][i] = (unsigned char)text[i % (sizeof(text) - 1)];
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		input[NOISE][i] = (unsigned char)x;
	}
}

/* One codec: compress src into dst (at most cap bytes), return the length
 * or 0 on error; expand src (len bytes) into dst (N bytes), return the
 * length or 0 on error. */
struct codec {
	const char *name;
	size_t (*compress)(unsigned char *dst, size_t cap,
			   const unsigned char *src);
	size_t (*expand)(unsigned char *dst, const unsigned char *src,
			 size_t len);
};

static size_t zlib_compress(unsigned char *dst, size_t cap,
			    const unsigned char *src)
{
	uLongf len = cap;

	if (compress2(dst, &len, src, N, Z_BEST_SPEED) != Z_OK)
		return 0;
	return len;
}

static size_t zlib_expand(unsigned char *dst, const unsigned char *src,
			  size_t len)
{
	uLongf out = N;

	if (uncompress(dst, &out, src, len) != Z_OK)
		return 0;
	return out;
}

static size_t lz4_compress(unsigned char *dst, size_t cap,
			   const unsigned char *src)
{
	int len = LZ4_compress_default((const char *)src, (char *)dst, N,
				       (int)cap);

	return len > 0 ? (size_t)len : 0;
}

static size_t lz4_expand(unsigned char *dst, const unsigned char *src,
			 size_t len)
{
	int out = LZ4_decompress_safe((const char *)src, (char *)dst,
				      (int)len, N);

	return out > 0 ? (size_t)out : 0;
}

static size_t zstd_compress(unsigned char *dst, size_t cap,
			    const unsigned char *src)
{
	size_t len = ZSTD_compress(dst, cap, src, N, 1);

	return ZSTD_isError(len) ? 0 : len;
}

static size_t zstd_expand(unsigned char *dst, const unsigned char *src,
			  size_t len)
{
	size_t out = ZSTD_decompress(dst, N, src, len);

	return ZSTD_isError(out) ? 0 : out;
}

static size_t lzo_compress(unsigned char *dst, size_t cap,
			   const unsigned char *src)
{
	static lzo_align_t wrk[(LZO1X_1_MEM_COMPRESS + sizeof(lzo_align_t) - 1) /
			       sizeof(lzo_align_t)];
	lzo_uint len = cap;

	if (lzo1x_1_compress(src, N, dst, &len, wrk) != LZO_E_OK)
		return 0;
	return len;
}

static size_t lzo_expand(unsigned char *dst, const unsigned char *src,
			 size_t len)
{
	lzo_uint out = N;

	if (lzo1x_decompress_safe(src, len, dst, &out, NULL) != LZO_E_OK)
		return 0;
	return out;
}

/* Every input through c: the output equals the input, and the pattern
 * and the zeros shrink to less than a quarter. */
static void roundtrip(const struct codec *c)
{
	static unsigned char packed[BOUND], out[N];
	size_t len, got;
	int i;

	for (i = 0; i < NBUF; i++) {
		memset(out, 0xa5, sizeof(out));
		len = c->compress(packed, sizeof(packed), input[i]);
		if (!len) {
			printf("  %s: %s: compression failed\n", c->name,
			       input_name[i]);
			CHECK(len > 0);
			continue;
		}
		got = c->expand(out, packed, len);
		CHECK_INT(got, N);
		CHECK(memcmp(out, input[i], N) == 0);
		if (i != NOISE && len >= N / 4)
			printf("  %s: %s: %zu bytes compressed\n", c->name,
			       input_name[i], len);
		CHECK(i == NOISE || len < N / 4);
	}
}

/* A damaged stream is refused, not expanded into garbage. */
static void truncated(const struct codec *c)
{
	static unsigned char packed[BOUND], out[N];
	size_t len = c->compress(packed, sizeof(packed), input[PATTERN]);

	CHECK(len > 8);
	if (len > 8)
		CHECK_INT(c->expand(out, packed, len / 2), 0);
}

static size_t deflate_compress(unsigned char *dst, size_t cap,
			       const unsigned char *src)
{
	struct libdeflate_compressor *c = libdeflate_alloc_compressor(1);
	size_t len;

	if (!c)
		return 0;
	len = libdeflate_zlib_compress(c, src, N, dst, cap);
	libdeflate_free_compressor(c);
	return len;
}

static const struct codec zlib_codec = { "zlib", zlib_compress, zlib_expand };
static const struct codec deflate_codec = { "libdeflate", deflate_compress,
					    zlib_expand };
static const struct codec lz4_codec = { "lz4", lz4_compress, lz4_expand };
static const struct codec zstd_codec = { "zstd", zstd_compress, zstd_expand };
static const struct codec lzo_codec = { "lzo", lzo_compress, lzo_expand };

TEST(zlib_roundtrip)
{
	CHECK_STR(zlibVersion(), ZLIB_VERSION);
	roundtrip(&zlib_codec);
	truncated(&zlib_codec);
}

TEST(libdeflate_zlib_stream_read_by_zlib)
{
	roundtrip(&deflate_codec);
	truncated(&deflate_codec);
}

TEST(lz4_roundtrip)
{
	CHECK(LZ4_compressBound(N) <= BOUND);
	CHECK_INT(LZ4_versionNumber(), LZ4_VERSION_NUMBER);
	roundtrip(&lz4_codec);
	truncated(&lz4_codec);
}

TEST(zstd_roundtrip)
{
	CHECK(ZSTD_compressBound(N) <= BOUND);
	CHECK_INT(ZSTD_versionNumber(), ZSTD_VERSION_NUMBER);
	roundtrip(&zstd_codec);
	truncated(&zstd_codec);
}

TEST(lzo_roundtrip)
{
	CHECK_INT(lzo_init(), LZO_E_OK);
	CHECK_INT(lzo_version(), LZO_VERSION);
	roundtrip(&lzo_codec);
	truncated(&lzo_codec);
}

int main(void)
{
	fill();
	RUN(zlib_roundtrip);
	RUN(libdeflate_zlib_stream_read_by_zlib);
	RUN(lz4_roundtrip);
	RUN(zstd_roundtrip);
	RUN(lzo_roundtrip);
	return unit_done();
}
