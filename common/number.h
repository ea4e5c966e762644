/* number.h - a decimal integer in a range, the whole string or nothing. */
#ifndef KD_NUMBER_H
#define KD_NUMBER_H

/* 0 with the value in *out, or -1 (not a number, trailing text, out of
 * [min, max]). */
int kd_parse_int(const char *s, int min, int max, int *out);

#endif
