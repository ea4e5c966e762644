/* test_bitmap.c - collector/bitmap.c against bit-by-bit reference
 * versions, over every range of a small bitmap, and the zero-page test at
 * every alignment. */
#define UNIT_SUITE "bitmap"
#include <stdint.h>
#include <stdlib.h>
#include "unit.h"
#include "bitmap.h"

#define NBITS 200

static uint8_t pattern[NBITS / 8 + 8];

/* A fixed pseudo-random bitmap (xorshift), with runs of ones and zeros. */
static void fill_pattern(void)
{
	uint32_t x = 0x2545f491;
	size_t i;

	for (i = 0; i < sizeof pattern; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		pattern[i] = (uint8_t)x;
	}
	pattern[3] = 0xff;
	pattern[4] = 0;
}

TEST(set_test_clear)
{
	uint8_t b[3] = { 0, 0, 0 };

	kd_bit_set(b, 0);
	kd_bit_set(b, 9);
	kd_bit_set(b, 23);
	CHECK(b[0] == 0x01 && b[1] == 0x02 && b[2] == 0x80);
	CHECK_INT(kd_bit_test(b, 9), 1);
	CHECK_INT(kd_bit_test(b, 8), 0);
	kd_bit_clear(b, 9);
	kd_bit_clear(b, 10);
	CHECK(b[0] == 0x01 && b[1] == 0 && b[2] == 0x80);
}

TEST(count_every_range)
{
	uint64_t from, to, i, n;
	int bad = 0;

	for (from = 0; from <= NBITS; from++)
		for (to = from; to <= NBITS; to++) {
			for (n = 0, i = from; i < to; i++)
				n += (uint64_t)(pattern[i >> 3] >> (i & 7) & 1);
			bad += kd_bits_count(pattern, from, to) != n;
		}
	CHECK_INT(bad, 0);
	/* an empty or reversed range counts nothing */
	CHECK_INT(kd_bits_count(pattern, 17, 17), 0);
	CHECK_INT(kd_bits_count(pattern, 18, 17), 0);
}

/* Fill [from, to) on and off: exactly those bits change. */
TEST(fill_every_range)
{
	uint8_t b[sizeof pattern];
	uint64_t from, to, i;
	int on, bad = 0;

	for (on = 0; on < 2; on++)
		for (from = 0; from <= NBITS; from++)
			for (to = from; to <= NBITS; to++) {
				memcpy(b, pattern, sizeof b);
				kd_bits_fill(b, from, to, on);
				for (i = 0; i < sizeof b * 8; i++) {
					int want = i >= from && i < to ? on :
						   pattern[i >> 3] >> (i & 7) & 1;

					bad += kd_bit_test(b, i) != want;
				}
			}
	CHECK_INT(bad, 0);
}

/* One non-zero byte anywhere, at any alignment and length, is seen. */
TEST(zero_pages)
{
	static uint8_t buf[4096 + 16];
	size_t off, len, at;
	int bad = 0;

	CHECK_INT(kd_is_zero(buf, 4096), 1);
	CHECK_INT(kd_is_zero(buf, 0), 1);
	for (off = 0; off < 9; off++)
		for (len = 4096 - 70; len <= 4096; len += 7) {
			CHECK_INT(kd_is_zero(buf + off, len), 1);
			for (at = 0; at < len; at += at < 70 || at > len - 70 ? 1 : 61) {
				buf[off + at] = 0x40;
				bad += kd_is_zero(buf + off, len) != 0;
				buf[off + at] = 0;
			}
			/* a byte just past the end does not count */
			buf[off + len] = 1;
			bad += kd_is_zero(buf + off, len) != 1;
			buf[off + len] = 0;
		}
	CHECK_INT(bad, 0);
}

/* The byte a page is filled with, or -1 as soon as one byte differs. */
TEST(fill_bytes)
{
	static uint8_t buf[4096 + 16];
	size_t at;
	int bad = 0;

	memset(buf, 0xcc, sizeof buf);
	CHECK_INT(kd_fill_byte(buf, 4096), 0xcc);
	CHECK_INT(kd_fill_byte(buf + 3, 4093), 0xcc);
	CHECK_INT(kd_fill_byte(buf, 1), 0xcc);
	for (at = 0; at < 4096; at += at < 70 || at > 4020 ? 1 : 61) {
		buf[at] = 0xcd;
		bad += kd_fill_byte(buf, 4096) != -1;
		buf[at] = 0xcc;
	}
	CHECK_INT(bad, 0);
	memset(buf, 0, sizeof buf);
	CHECK_INT(kd_fill_byte(buf, 4096), 0);
	buf[4096] = 1;			/* past the end */
	CHECK_INT(kd_fill_byte(buf, 4096), 0);
}

int main(void)
{
	fill_pattern();
	RUN(set_test_clear);
	RUN(count_every_range);
	RUN(fill_every_range);
	RUN(zero_pages);
	RUN(fill_bytes);
	return unit_done();
}
