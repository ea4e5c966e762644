/* json_read.c - the strict pull reader of json.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "json.h"
#include "utf8.h"

void kd_json_init(struct kd_json *j, const char *text, size_t len,
		  struct kd_error *e)
{
	j->text = j->p = text;
	j->end = text + len;
	j->depth = 0;
	j->e = e;
}

int kd_json_fail(struct kd_json *j, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	return kd_fail(j->e, EINVAL, "%s at byte %zu", what,
		       (size_t)(j->p - j->text));
}

/* The end of the text where something more was due. */
static int truncated(struct kd_json *j)
{
	return kd_json_fail(j, "unexpected end");
}

int kd_json_peek(struct kd_json *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' ||
				 *j->p == '\n' || *j->p == '\r'))
		j->p++;
	return j->p < j->end ? (unsigned char)*j->p : -1;
}

/* Skip white space and take the character c. */
static int expect(struct kd_json *j, char c)
{
	int next = kd_json_peek(j);

	if (next < 0)
		return truncated(j);
	if (next != (unsigned char)c)
		return kd_json_fail(j, "expected '%c'", c);
	j->p++;
	return 0;
}

int kd_json_enter(struct kd_json *j, char open)
{
	if (j->depth >= KD_JSON_MAX_DEPTH)
		return kd_json_fail(j, "nested deeper than %d",
				    KD_JSON_MAX_DEPTH);
	if (expect(j, open))
		return -1;
	j->depth++;
	return 0;
}

int kd_json_more(struct kd_json *j, char close, int *first)
{
	int next = kd_json_peek(j);

	if (next < 0)
		return truncated(j);
	if (next == (unsigned char)close) {
		j->p++;
		j->depth--;
		return 0;
	}
	if (!*first && expect(j, ','))
		return -1;
	*first = 0;
	return 1;
}

/* ---- strings ---- */

/* Where a string's bytes go: what fits, and whether any did not. */
struct sink {
	char *out;
	size_t size, len;
	int cut;
};

/* Whole characters only: once one does not fit, none after it goes in,
 * so the text ends at a character's boundary. */
static void put(struct sink *s, const char *bytes, size_t n)
{
	if (!s->out || s->cut)
		return;
	if (s->len + n >= s->size) {
		s->cut = 1;
		return;
	}
	memcpy(s->out + s->len, bytes, n);
	s->len += n;
}

static int hex4(struct kd_json *j, uint32_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		char c;

		if (j->p >= j->end)
			return truncated(j);
		c = *j->p;
		if (c >= '0' && c <= '9')
			*v = *v << 4 | (uint32_t)(c - '0');
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			*v = *v << 4 | (uint32_t)((c | 0x20) - 'a' + 10);
		else
			return kd_json_fail(j, "bad \\u escape");
		j->p++;
	}
	return 0;
}

/* \uXXXX (j->p after the u), a surrogate pair as one code point; an
 * error at the backslash. */
static int unicode_escape(struct kd_json *j, uint32_t *cp)
{
	const char *at = j->p - 2;
	uint32_t lo;

	if (hex4(j, cp))
		return -1;
	if (*cp >= 0xdc00 && *cp <= 0xdfff) {
		j->p = at;
		return kd_json_fail(j, "unpaired surrogate in \\u escape");
	}
	if (*cp >= 0xd800 && *cp <= 0xdbff) {
		if (j->end - j->p < 2 || j->p[0] != '\\' || j->p[1] != 'u') {
			j->p = at;
			return kd_json_fail(j, "unpaired surrogate in \\u escape");
		}
		j->p += 2;
		if (hex4(j, &lo))
			return -1;
		if (lo < 0xdc00 || lo > 0xdfff) {
			j->p = at;
			return kd_json_fail(j, "unpaired surrogate in \\u escape");
		}
		*cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (!*cp) {
		j->p = at;
		return kd_json_fail(j, "\\u0000 in a string");
	}
	return 0;
}

/* One escape, j->p at the backslash. */
static int escape(struct kd_json *j, struct sink *s)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *hit;
	char utf8[4];
	uint32_t cp;

	if (j->end - j->p < 2) {
		j->p = j->end;
		return truncated(j);
	}
	if (j->p[1] == 'u') {
		j->p += 2;
		if (unicode_escape(j, &cp))
			return -1;
		put(s, utf8, kd_utf8_put(cp, utf8));
		return 0;
	}
	hit = j->p[1] ? strchr(from, j->p[1]) : NULL;
	if (!hit)
		return kd_json_fail(j, "bad escape");
	put(s, &to[hit - from], 1);
	j->p += 2;
	return 0;
}

/* Bytes as they are: printable ASCII and valid UTF-8. */
static int plain(struct kd_json *j, struct sink *s)
{
	size_t n;

	if ((unsigned char)*j->p < 0x20)
		return kd_json_fail(j, "control character in a string");
	n = kd_utf8_char(j->p, (size_t)(j->end - j->p));
	if (!n)
		return kd_json_fail(j, "not UTF-8");
	put(s, j->p, n);
	j->p += n;
	return 0;
}

int kd_json_string(struct kd_json *j, char *out, size_t size)
{
	struct sink s = { out, size, 0, 0 };
	int ret = 0;

	if (out && !size)
		s.out = NULL;
	if (kd_json_peek(j) != '"')
		return j->p < j->end ? kd_json_fail(j, "expected a string")
				     : truncated(j);
	j->p++;
	while (!ret) {
		if (j->p >= j->end)
			return truncated(j);
		if (*j->p == '"')
			break;
		ret = *j->p == '\\' ? escape(j, &s) : plain(j, &s);
	}
	if (ret)
		return -1;
	j->p++;
	if (s.out)
		s.out[s.len] = '\0';
	return s.cut;
}

int kd_json_key(struct kd_json *j, char *out, size_t size)
{
	int ret = kd_json_string(j, out, size);

	if (ret < 0 || expect(j, ':'))
		return -1;
	return ret;
}

/* ---- numbers ---- */

struct number {
	int negative, integer, overflow;
	uint64_t magnitude;
};

static int digit_run(struct kd_json *j, struct number *n, int keep)
{
	const char *start = j->p;

	for (; j->p < j->end && *j->p >= '0' && *j->p <= '9'; j->p++) {
		unsigned d = (unsigned)(*j->p - '0');

		if (!keep)
			continue;
		if (n->magnitude > (UINT64_MAX - d) / 10)
			n->overflow = 1;
		else
			n->magnitude = n->magnitude * 10 + d;
	}
	if (j->p > start)
		return 0;
	return j->p < j->end ? kd_json_fail(j, "bad number") : truncated(j);
}

/* RFC 8259's number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int number(struct kd_json *j, struct number *n)
{
	const char *start;

	memset(n, 0, sizeof *n);
	n->integer = 1;
	if (kd_json_peek(j) < 0)
		return truncated(j);
	n->negative = *j->p == '-';
	j->p += n->negative;
	start = j->p;
	if (digit_run(j, n, 1))
		return -1;
	if (*start == '0' && j->p - start > 1) {
		j->p = start;
		return kd_json_fail(j, "bad number (a leading zero)");
	}
	if (j->p < j->end && *j->p == '.') {
		n->integer = 0;
		j->p++;
		if (digit_run(j, n, 0))
			return -1;
	}
	if (j->p < j->end && (*j->p | 0x20) == 'e') {
		n->integer = 0;
		j->p++;
		j->p += j->p < j->end && (*j->p == '+' || *j->p == '-');
		if (digit_run(j, n, 0))
			return -1;
	}
	return 0;
}

/* An integer's sign and magnitude, j->p left at its start on an error. */
static int integer(struct kd_json *j, struct number *n)
{
	const char *start;

	if (kd_json_peek(j) != '-' && (j->p >= j->end || *j->p < '0' ||
				       *j->p > '9'))
		return j->p < j->end ? kd_json_fail(j, "expected a number")
				     : truncated(j);
	start = j->p;
	if (number(j, n))
		return -1;
	if (n->integer && !n->overflow)
		return 0;
	j->p = start;
	return kd_json_fail(j, n->integer ? "number out of range"
					  : "not an integer");
}

int kd_json_int(struct kd_json *j, int64_t min, int64_t max, int64_t *out)
{
	struct number n;
	const char *start;
	int64_t v = 0;

	kd_json_peek(j);
	start = j->p;
	if (integer(j, &n))
		return -1;
	/* -2^63 has no positive counterpart: negate one less */
	if (n.magnitude > (uint64_t)INT64_MAX + n.negative)
		n.overflow = 1;
	else if (n.negative && n.magnitude)
		v = -(int64_t)(n.magnitude - 1) - 1;
	else
		v = (int64_t)n.magnitude;
	if (n.overflow || v < min || v > max) {
		j->p = start;
		return kd_json_fail(j, "number out of range");
	}
	*out = v;
	return 0;
}

int kd_json_uint(struct kd_json *j, uint64_t max, uint64_t *out)
{
	struct number n;
	const char *start;

	kd_json_peek(j);
	start = j->p;
	if (integer(j, &n))
		return -1;
	if ((n.negative && n.magnitude) || n.magnitude > max) {
		j->p = start;
		return kd_json_fail(j, "number out of range");
	}
	*out = n.magnitude;
	return 0;
}

/* ---- any value ---- */

static int word(struct kd_json *j, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(j->end - j->p) < n) {
		if (memcmp(j->p, w, (size_t)(j->end - j->p)))
			return kd_json_fail(j, "unexpected character");
		j->p = j->end;
		return truncated(j);
	}
	if (memcmp(j->p, w, n))
		return kd_json_fail(j, "unexpected character");
	j->p += n;
	return 0;
}

/* An object or array: the depth limit bounds this recursion. */
static int container(struct kd_json *j, char open, char close)
{
	int first = 1, more;

	if (kd_json_enter(j, open))
		return -1;
	while ((more = kd_json_more(j, close, &first)) > 0)
		if ((open == '{' && kd_json_key(j, NULL, 0) < 0) ||
		    kd_json_skip(j))
			return -1;
	return more;
}

int kd_json_skip(struct kd_json *j)
{
	struct number n;

	switch (kd_json_peek(j)) {
	case -1: return truncated(j);
	case '{': return container(j, '{', '}');
	case '[': return container(j, '[', ']');
	case '"': return kd_json_string(j, NULL, 0) < 0 ? -1 : 0;
	case 't': return word(j, "true");
	case 'f': return word(j, "false");
	case 'n': return word(j, "null");
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return number(j, &n);
	default: return kd_json_fail(j, "unexpected character");
	}
}

int kd_json_end(struct kd_json *j)
{
	if (kd_json_peek(j) >= 0)
		return kd_json_fail(j, "text after the end");
	return 0;
}
