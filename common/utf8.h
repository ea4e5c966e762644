/* utf8.h - UTF-8 as RFC 3629 defines it: no overlong forms, no
 * surrogates, nothing beyond U+10FFFF. */
#ifndef KD_UTF8_H
#define KD_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The length (1 to 4) of the valid character at s, which has n bytes
 * left; 0 when the bytes there are not one. */
size_t kd_utf8_char(const char *s, size_t n);

/* Code point cp (not a surrogate, at most U+10FFFF) into out (4 bytes at
 * least); its length. */
size_t kd_utf8_put(uint32_t cp, char *out);

/* The longest prefix of s[0..len) of at most max bytes that does not end
 * inside a character: where a text is cut to fit a field. */
size_t kd_utf8_cut(const char *s, size_t len, size_t max);

#endif
