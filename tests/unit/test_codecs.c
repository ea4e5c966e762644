/* test_codecs.c - the static zlib, lz4, zstd and LZO libraries built from
 * Debian's sources work when linked into a static musl program. */
#define UNIT_SUITE "codecs"
#include <lz4.h>
#include <lzo/lzo1x.h>
#include <zlib.h>
#include <zstd.h>
#include "unit.h"

#define N 4096

static unsigned char pattern[N], zeros[N], noise[N];

static void fill(void)
{
	unsigned x = 12345;
	int i;

	for (i = 0; i < N; i++) {
		pattern[i] = (unsigned char)("kdump crash dump "[i % 17]);
		x = x * 1103515245 + 12345;
		noise[i] = (unsigned char)(x >> 16);
	}
}

static void check_roundtrip(const char *what, size_t clen, const unsigned char *in,
			    const unsigned char *out, size_t outlen, int must_shrink)
{
	CHECK_INT(outlen, N);
	CHECK(memcmp(in, out, N) == 0);
	if (must_shrink && clen >= N / 4)
		printf("  %s: compressed to %zu bytes\n", what, clen);
	if (must_shrink)
		CHECK(clen < N / 4);
}

static void zlib_one(const unsigned char *in, int shrink)
{
	unsigned char c[N * 2], d[N];
	uLongf clen = sizeof c, dlen = sizeof d;

	CHECK_INT(compress2(c, &clen, in, N, 1), Z_OK);
	CHECK_INT(uncompress(d, &dlen, c, clen), Z_OK);
	check_roundtrip("zlib", clen, in, d, dlen, shrink);
}

static void lz4_one(const unsigned char *in, int shrink)
{
	char c[LZ4_COMPRESSBOUND(N)], d[N];
	int clen = LZ4_compress_default((const char *)in, c, N, sizeof c);
	int dlen = LZ4_decompress_safe(c, d, clen, sizeof d);

	CHECK(clen > 0);
	check_roundtrip("lz4", (size_t)clen, in, (unsigned char *)d,
			(size_t)dlen, shrink);
}

static void zstd_one(const unsigned char *in, int shrink)
{
	unsigned char c[N * 2], d[N];
	size_t clen = ZSTD_compress(c, sizeof c, in, N, 1);
	size_t dlen;

	CHECK(!ZSTD_isError(clen));
	dlen = ZSTD_decompress(d, sizeof d, c, clen);
	CHECK(!ZSTD_isError(dlen));
	check_roundtrip("zstd", clen, in, d, dlen, shrink);
}

static void lzo_one(const unsigned char *in, int shrink)
{
	static lzo_align_t wrk[(LZO1X_1_MEM_COMPRESS + sizeof(lzo_align_t) - 1) /
			       sizeof(lzo_align_t)];
	unsigned char c[N + N / 16 + 64 + 3], d[N];
	lzo_uint clen = sizeof c, dlen = sizeof d;

	CHECK_INT(lzo1x_1_compress(in, N, c, &clen, wrk), LZO_E_OK);
	CHECK_INT(lzo1x_decompress_safe(c, clen, d, &dlen, NULL), LZO_E_OK);
	check_roundtrip("lzo", clen, in, d, dlen, shrink);
}

TEST(zlib_roundtrip)
{
	zlib_one(pattern, 1);
	zlib_one(zeros, 1);
	zlib_one(noise, 0);
}

TEST(lz4_roundtrip)
{
	lz4_one(pattern, 1);
	lz4_one(zeros, 1);
	lz4_one(noise, 0);
}

TEST(zstd_roundtrip)
{
	zstd_one(pattern, 1);
	zstd_one(zeros, 1);
	zstd_one(noise, 0);
}

TEST(lzo_roundtrip)
{
	CHECK_INT(lzo_init(), LZO_E_OK);
	lzo_one(pattern, 1);
	lzo_one(zeros, 1);
	lzo_one(noise, 0);
}

int main(void)
{
	fill();
	RUN(zlib_roundtrip);
	RUN(lz4_roundtrip);
	RUN(zstd_roundtrip);
	RUN(lzo_roundtrip);
	return unit_done();
}
