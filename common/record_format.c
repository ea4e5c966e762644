/* record_format.c - a record as JSON text (record.h), down the table of
 * record_fields.c. */
#include <stdint.h>
#include "json.h"
#include "record_fields.h"

static void put_fields(struct kd_json_out *w, const struct kd_fields *t,
		       const void *base);

static void put_lists(struct kd_json_out *w, const struct kd_field *f,
		      const struct kd_record *r)
{
	int i;

	kd_json_open(w, f->key, '[');
	if (f->type == T_DEGRADED)
		for (i = 0; i < r->n_degraded && i < KD_RECORD_MAX_LIST; i++)
			kd_json_put_string(w, NULL, r->degraded[i], KD_RECORD_TEXT);
	for (i = 0; f->type == T_FAILED && i < r->n_failed &&
	     i < KD_RECORD_MAX_LIST; i++) {
		kd_json_open(w, NULL, '{');
		put_fields(w, &kd_record_step_fields, &r->failed[i]);
		kd_json_close(w, '}');
	}
	kd_json_close(w, ']');
}

static void put_field(struct kd_json_out *w, const struct kd_field *f,
		      const void *base)
{
	const char *at = (const char *)base + f->off;

	switch (f->type) {
	case T_VERSION:
	case T_INT:
		kd_json_put_int(w, f->key, *(const int *)at);
		break;
	case T_STATUS:
		kd_json_put_string(w, f->key, kd_record_status_name(
			*(const enum kd_record_status *)at), SIZE_MAX);
		break;
	case T_TEXT:
	case T_SHA256:
		kd_json_put_string(w, f->key, at, f->size);
		break;
	case T_I64:
		kd_json_put_int(w, f->key, *(const int64_t *)at);
		break;
	case T_U64:
		kd_json_put_uint(w, f->key, *(const uint64_t *)at);
		break;
	case T_PAGES:
		kd_json_open(w, f->key, '{');
		put_fields(w, &kd_record_page_fields, at);
		kd_json_close(w, '}');
		break;
	case T_DEGRADED:
	case T_FAILED:
		put_lists(w, f, base);
		break;
	}
}

static void put_fields(struct kd_json_out *w, const struct kd_fields *t,
		       const void *base)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		put_field(w, &t->f[i], base);
}

int kd_record_format(const struct kd_record *r, char *buf, size_t size)
{
	struct kd_json_out w;

	kd_json_out_init(&w, buf, size);
	kd_json_open(&w, NULL, '{');
	put_fields(&w, &kd_record_fields, r);
	kd_json_close(&w, '}');
	return kd_json_out_end(&w);
}
