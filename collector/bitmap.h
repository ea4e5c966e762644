/* bitmap.h - bit arrays as the kdump format stores its bitmaps (bit i is
 * bit i & 7 of byte i >> 3, least significant first), and the tests for a
 * page of zeros or of one byte repeated.
 *
 * The bitmaps of a dump, the windows the filter fills, the 2nd bitmap the
 * ELF writer plans from and the dump reader's rank counts all use these,
 * so that a bit means the same pfn everywhere. */
#ifndef KD_BITMAP_H
#define KD_BITMAP_H

#include <stddef.h>
#include <stdint.h>

static inline int kd_bit_test(const uint8_t *bits, uint64_t i)
{
	return bits[i >> 3] >> (i & 7) & 1;
}

static inline void kd_bit_set(uint8_t *bits, uint64_t i)
{
	bits[i >> 3] = (uint8_t)(bits[i >> 3] | 1 << (i & 7));
}

static inline void kd_bit_clear(uint8_t *bits, uint64_t i)
{
	bits[i >> 3] = (uint8_t)(bits[i >> 3] & ~(1 << (i & 7)));
}

/* Set (on) or clear bits [from, to); the others are left as they are. */
void kd_bits_fill(uint8_t *bits, uint64_t from, uint64_t to, int on);

/* How many of bits [from, to) are set. */
uint64_t kd_bits_count(const uint8_t *bits, uint64_t from, uint64_t to);

/* 1 when the len bytes at buf are all zeros (any alignment). */
int kd_is_zero(const void *buf, size_t len);

/* The value every one of the len (> 0) bytes at buf has, or -1 when they
 * differ: a page filled with one byte (0xcc, the kernel's padding). */
int kd_fill_byte(const void *buf, size_t len);

#endif
