/* json_write.c - the pretty writer of json.h. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "json.h"
#include "utf8.h"

void kd_json_out_init(struct kd_json_out *w, char *buf, size_t size)
{
	memset(w, 0, sizeof *w);
	w->buf = buf;
	w->size = size;
	if (size)
		buf[0] = '\0';
}

/* Append n bytes; what does not fit is counted, not written. */
static void out(struct kd_json_out *w, const char *s, size_t n)
{
	if (w->len < w->size && n < w->size - w->len)
		memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void out_str(struct kd_json_out *w, const char *s)
{
	out(w, s, strlen(s));
}

static void newline(struct kd_json_out *w, int depth)
{
	out(w, "\n", 1);
	while (depth-- > 0)
		out(w, "  ", 2);
}

/* The text between two quotes: escapes for '"', '\\' and control
 * characters, U+FFFD for a byte that is not UTF-8. */
static void quoted(struct kd_json_out *w, const char *s, size_t max)
{
	static const char from[] = "\"\\\b\f\n\r\t", to[] = "\"\\bfnrt";
	size_t len = strnlen(s, max), i = 0, n;
	const char *hit;
	char esc[8];

	out(w, "\"", 1);
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && (n = kd_utf8_char(s + i, len - i))) {
			if (c == '"' || c == '\\') {
				snprintf(esc, sizeof esc, "\\%c", c);
				out_str(w, esc);
			} else {
				out(w, s + i, n);
			}
			i += n;
			continue;
		}
		hit = c && c < 0x20 ? memchr(from, c, sizeof from - 1) : NULL;
		if (hit)
			snprintf(esc, sizeof esc, "\\%c", to[hit - from]);
		else if (c < 0x20)
			snprintf(esc, sizeof esc, "\\u%04x", c);
		else
			snprintf(esc, sizeof esc, "\xef\xbf\xbd");
		out_str(w, esc);
		i++;
	}
	out(w, "\"", 1);
}

/* The comma after the previous member, the line, the key. */
static void member(struct kd_json_out *w, const char *key)
{
	unsigned bit = 1u << w->depth;

	if (w->depth) {
		if (w->items & bit)
			out(w, ",", 1);
		w->items |= bit;
		newline(w, w->depth);
	}
	if (key) {
		quoted(w, key, strlen(key));
		out(w, ": ", 2);
	}
}

void kd_json_open(struct kd_json_out *w, const char *key, char open)
{
	member(w, key);
	out(w, &open, 1);
	if (w->depth < KD_JSON_MAX_DEPTH)
		w->depth++;
	w->items &= ~(1u << w->depth);
}

void kd_json_close(struct kd_json_out *w, char close)
{
	int had = !!(w->items & (1u << w->depth));

	if (w->depth)
		w->depth--;
	if (had)
		newline(w, w->depth);
	out(w, &close, 1);
}

void kd_json_put_string(struct kd_json_out *w, const char *key,
			const char *s, size_t max)
{
	member(w, key);
	quoted(w, s, max);
}

void kd_json_put_int(struct kd_json_out *w, const char *key, int64_t v)
{
	char num[24];

	member(w, key);
	snprintf(num, sizeof num, "%" PRId64, v);
	out_str(w, num);
}

void kd_json_put_uint(struct kd_json_out *w, const char *key, uint64_t v)
{
	char num[24];

	member(w, key);
	snprintf(num, sizeof num, "%" PRIu64, v);
	out_str(w, num);
}

int kd_json_out_end(struct kd_json_out *w)
{
	out(w, "\n", 1);
	if (w->len >= w->size || w->len > INT32_MAX)
		return -1;
	w->buf[w->len] = '\0';
	return (int)w->len;
}
