/* json.h - a small strict JSON reader and a pretty writer, for records
 * kdump keeps beside its dumps (record.h).
 *
 * The reader pulls values from a buffer that may come from anywhere (a
 * file on a dump disk): RFC 8259 JSON, nothing more (no comments, no
 * trailing commas, no byte order mark, no raw control characters, valid
 * UTF-8 only), containers at most KD_JSON_MAX_DEPTH deep, numbers read as
 * 64-bit integers.  Every error says what and at which byte offset:
 *
 *	kd_json_init(&j, text, len, &e);
 *	if (kd_json_enter(&j, '{')) return -1;
 *	while ((more = kd_json_more(&j, '}', &first)) > 0) {
 *		kd_json_key(&j, key, sizeof key); ... a value, or kd_json_skip
 *	}
 *	if (more < 0 || kd_json_end(&j)) return -1;
 *
 * The writer puts one key per line, indented by two spaces a level; text
 * is escaped and made valid UTF-8 (a byte that is not is written as
 * U+FFFD), so that any JSON reader takes what it writes. */
#ifndef KD_JSON_H
#define KD_JSON_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"

#define KD_JSON_MAX_DEPTH 16

struct kd_json {
	const char *text, *p, *end;
	int depth;
	struct kd_error *e;
};

void kd_json_init(struct kd_json *j, const char *text, size_t len,
		  struct kd_error *e);
/* The next character after white space, or -1 at the end. */
int kd_json_peek(struct kd_json *j);
/* -1 with e saying "<what> at byte N" (N: where the reader is). */
int kd_json_fail(struct kd_json *j, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Step into an object ('{') or array ('['). */
int kd_json_enter(struct kd_json *j, char open);
/* 1 when another member or element follows (after its comma), 0 when the
 * container closes here (and is left), -1 on an error; *first is 1 before
 * the first call. */
int kd_json_more(struct kd_json *j, char close, int *first);
/* A member's key and its colon; as kd_json_string. */
int kd_json_key(struct kd_json *j, char *out, size_t size);

/* A string, decoded (escapes, \u with surrogate pairs, to UTF-8), into out
 * (size bytes, NUL-terminated; out NULL to skip it): 0, 1 when it was cut
 * (at a character's boundary) to fit, -1 on an error.  \u0000 is refused:
 * the text is a C string. */
int kd_json_string(struct kd_json *j, char *out, size_t size);
/* An integer within [min, max]; a fraction or exponent is refused. */
int kd_json_int(struct kd_json *j, int64_t min, int64_t max, int64_t *out);
int kd_json_uint(struct kd_json *j, uint64_t max, uint64_t *out);
/* Any value (of any type, nested up to the depth limit). */
int kd_json_skip(struct kd_json *j);
/* Only white space is left. */
int kd_json_end(struct kd_json *j);

struct kd_json_out {
	char *buf;
	size_t size, len;	/* len counts what did not fit too */
	int depth;
	unsigned items;		/* bit d: level d has a member already */
};

void kd_json_out_init(struct kd_json_out *w, char *buf, size_t size);
/* key is NULL inside an array (and for the outermost object). */
void kd_json_open(struct kd_json_out *w, const char *key, char open);
void kd_json_close(struct kd_json_out *w, char close);
/* At most max bytes of s (up to its NUL). */
void kd_json_put_string(struct kd_json_out *w, const char *key,
			const char *s, size_t max);
void kd_json_put_int(struct kd_json_out *w, const char *key, int64_t v);
void kd_json_put_uint(struct kd_json_out *w, const char *key, uint64_t v);
/* The length of the text (a newline after it), or -1 when the buffer was
 * too small. */
int kd_json_out_end(struct kd_json_out *w);

#endif
