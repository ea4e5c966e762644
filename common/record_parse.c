/* record_parse.c - a record from JSON text (record.h): the strict reader
 * of json.h, keys looked up in the table of record_fields.c. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include "json.h"
#include "record_fields.h"

/* The field of table named key, or NULL. */
static const struct kd_field *lookup(const struct kd_fields *t,
				     const char *key)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (!strcmp(t->f[i].key, key))
			return &t->f[i];
	return NULL;
}

/* A key, at most once each of table t (the bits of *seen: the tables
 * have fewer than 32); f NULL for one that is not in it (its value is
 * skipped).  1 with a key, 0 at the end. */
static int next_key(struct kd_json *j, const struct kd_fields *t,
		    uint32_t *seen, int *first, const struct kd_field **f)
{
	const char *at;
	char key[64];
	int more = kd_json_more(j, '}', first), cut;

	if (more <= 0)
		return more;
	kd_json_peek(j);
	at = j->p;
	cut = kd_json_key(j, key, sizeof key);
	if (cut < 0)
		return -1;
	*f = cut ? NULL : lookup(t, key);
	if (*f && (*seen & 1u << (*f - t->f))) {
		j->p = at;
		return kd_json_fail(j, "duplicate key \"%s\"", key);
	}
	if (*f)
		*seen |= 1u << (*f - t->f);
	return 1;
}

/* A text, cut to fit (at a character's boundary). */
static int string_field(struct kd_json *j, char *out, size_t size)
{
	return kd_json_string(j, out, size) < 0 ? -1 : 0;
}

/* Into the object or array that must come next. */
static int enter(struct kd_json *j, char open, const char *what)
{
	if (kd_json_peek(j) >= 0 && *j->p != open)
		return kd_json_fail(j, "expected %s", what);
	return kd_json_enter(j, open);
}

static int sha256_field(struct kd_json *j, char *out, size_t size)
{
	const char *at;
	int cut;

	kd_json_peek(j);
	at = j->p;
	cut = kd_json_string(j, out, size);
	if (cut < 0)
		return -1;
	if (cut || (out[0] && (strlen(out) != 64 ||
			       strspn(out, "0123456789abcdef") != 64))) {
		j->p = at;
		return kd_json_fail(j, "expected 64 hex digits");
	}
	return 0;
}

static int status_field(struct kd_json *j, enum kd_record_status *s)
{
	const char *at;
	char name[32];

	kd_json_peek(j);
	at = j->p;
	if (string_field(j, name, sizeof name))
		return -1;
	if (kd_record_status_parse(name, s)) {
		j->p = at;
		return kd_json_fail(j, "unknown status");
	}
	return 0;
}

static int int_field(struct kd_json *j, int min, int *out)
{
	int64_t v;

	if (kd_json_int(j, min, INT_MAX, &v))
		return -1;
	*out = (int)v;
	return 0;
}

static int object(struct kd_json *j, const struct kd_fields *t, char *base,
		  struct kd_record *r, uint32_t *seen);

/* A reason of "degraded" or a step of "failed_steps", added to r as
 * kd_record_degraded and kd_record_failed add them (folded beyond
 * KD_RECORD_MAX_LIST). */
static int list_item(struct kd_json *j, const struct kd_field *f,
		     struct kd_record *r)
{
	struct kd_record_step s = { "", "" };
	uint32_t seen = 0;

	if (f->type == T_DEGRADED) {
		if (string_field(j, s.step, sizeof s.step))
			return -1;
		kd_record_degraded(r, s.step);
		return 0;
	}
	if (object(j, &kd_record_step_fields, (char *)&s, r, &seen))
		return -1;
	kd_record_failed(r, s.step, s.error);
	return 0;
}

static int list(struct kd_json *j, const struct kd_field *f, struct kd_record *r)
{
	int first = 1, more;

	if (enter(j, '[', "an array"))
		return -1;
	while ((more = kd_json_more(j, ']', &first)) > 0)
		if (list_item(j, f, r))
			return -1;
	return more;
}

/* The value of field f, whose table's structure is at base. */
static int value(struct kd_json *j, const struct kd_field *f, char *base,
		 struct kd_record *r)
{
	char *at = base + f->off;
	uint32_t seen = 0;

	switch (f->type) {
	case T_VERSION: return int_field(j, 1, (int *)at);
	case T_STATUS: return status_field(j, (enum kd_record_status *)at);
	case T_TEXT: return string_field(j, at, f->size);
	case T_SHA256: return sha256_field(j, at, f->size);
	case T_INT: return int_field(j, INT_MIN, (int *)at);
	case T_I64: return kd_json_int(j, INT64_MIN, INT64_MAX, (int64_t *)at);
	case T_U64: return kd_json_uint(j, UINT64_MAX, (uint64_t *)at);
	case T_PAGES:
		return object(j, &kd_record_page_fields, at, r, &seen);
	case T_DEGRADED:
	case T_FAILED:
		return list(j, f, r);
	}
	return -1;
}

/* An object of the fields of table t into base: unknown keys skipped, an
 * error in a known one named by its key; the keys met in *seen.  Its
 * nesting is the tables' (record, pages, failed step): bounded. */
static int object(struct kd_json *j, const struct kd_fields *t, char *base,
		  struct kd_record *r, uint32_t *seen)
{
	const struct kd_field *f;
	int first = 1, more;

	if (enter(j, '{', "an object"))
		return -1;
	while ((more = next_key(j, t, seen, &first, &f)) > 0) {
		if (!f && kd_json_skip(j))
			return -1;
		if (f && value(j, f, base, r))
			return kd_prefix(j->e, "\"%s\"", f->key);
	}
	return more;
}

/* The keys a record must have: what it is, and how the dump ended. */
static int check_required(struct kd_json *j, uint32_t seen)
{
	static const char *const required[] = { "record", "status" };
	size_t i;

	for (i = 0; i < sizeof required / sizeof required[0]; i++)
		if (!(seen & 1u << (lookup(&kd_record_fields, required[i]) -
				    kd_record_fields.f)))
			return kd_json_fail(j, "no \"%s\" key", required[i]);
	return 0;
}

int kd_record_parse(struct kd_record *r, const char *text, size_t len,
		    struct kd_error *e)
{
	struct kd_json j;
	uint32_t seen = 0;

	kd_record_init(r);
	kd_json_init(&j, text, len, e);
	if (len > KD_RECORD_FILE_MAX)
		return kd_fail(e, EFBIG, "larger than %d bytes",
			       KD_RECORD_FILE_MAX);
	if (object(&j, &kd_record_fields, (char *)r, r, &seen) ||
	    kd_json_end(&j) || check_required(&j, seen))
		return -1;
	return 0;
}
