/* bitmap.c - set, count and test bits a word at a time where the range
 * allows, bit by bit at its ends. */
#include <string.h>
#include "bitmap.h"
#include "byteorder.h"

static void put_bit(uint8_t *bits, uint64_t i, int on)
{
	if (on)
		kd_bit_set(bits, i);
	else
		kd_bit_clear(bits, i);
}

void kd_bits_fill(uint8_t *bits, uint64_t from, uint64_t to, int on)
{
	uint64_t bytes;

	for (; from < to && (from & 7); from++)
		put_bit(bits, from, on);
	if (from >= to)
		return;
	bytes = (to - from) >> 3;
	memset(bits + (from >> 3), on ? 0xff : 0, (size_t)bytes);
	for (from += bytes << 3; from < to; from++)
		put_bit(bits, from, on);
}

/* A little-endian load puts bit i of the array at bit i of the word, so
 * 64 bits are counted at once whatever the host's byte order. */
uint64_t kd_bits_count(const uint8_t *bits, uint64_t from, uint64_t to)
{
	uint64_t n = 0;

	for (; from < to && (from & 63); from++)
		n += (uint64_t)kd_bit_test(bits, from);
	for (; from < to && to - from >= 64; from += 64)
		n += (uint64_t)__builtin_popcountll(kd_get_le64(bits + (from >> 3)));
	for (; from < to; from++)
		n += (uint64_t)kd_bit_test(bits, from);
	return n;
}

/* 1 when every byte of the len bytes at p is `byte`.  Words are copied
 * out (memcpy), never read through a cast pointer: the buffer need not be
 * aligned, and no aliasing rule is broken.  Byte order does not matter
 * for a test against one byte repeated. */
static int all_bytes(const uint8_t *p, size_t len, uint8_t byte)
{
	uint64_t pattern = 0x0101010101010101ULL * byte;
	size_t i = 0, j;

	for (; len - i >= 64; i += 64) {
		uint64_t w, any = 0;

		for (j = 0; j < 64; j += 8) {
			memcpy(&w, p + i + j, 8);
			any |= w ^ pattern;
		}
		if (any)
			return 0;
	}
	for (; i < len; i++)
		if (p[i] != byte)
			return 0;
	return 1;
}

int kd_is_zero(const void *buf, size_t len)
{
	return all_bytes(buf, len, 0);
}

int kd_fill_byte(const void *buf, size_t len)
{
	const uint8_t *p = buf;

	return all_bytes(p, len, p[0]) ? p[0] : -1;
}
