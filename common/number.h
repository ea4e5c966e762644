/* number.h - a decimal integer in a range, the whole string or nothing;
 * a size as the kernel's memparse() reads it. */
#ifndef KD_NUMBER_H
#define KD_NUMBER_H

#include <stdint.h>

/* 0 with the value in *out, or -1 (not a number, trailing text, out of
 * [min, max]). */
int kd_parse_int(const char *s, int min, int max, int *out);

/* A size like "256M", "0x1000" or "4k", as the kernel's memparse() reads
 * it: 0x for hex, a leading 0 for octal, then an optional K, M, G, T, P
 * or E (powers of 1024).  0, or -1 when there is no number or it does not
 * fit in 64 bits.  *end (if end is not NULL) points past the size. */
int kd_parse_size(const char *s, uint64_t *out, const char **end);

#endif
