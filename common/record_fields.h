/* record_fields.h - the keys of vmcore.json (record.h), their types and
 * their places in struct kd_record: one table for the writer
 * (record_format.c, which goes down it in order) and the reader
 * (record_parse.c, which looks keys up in it).  Private to those two. */
#ifndef KD_RECORD_FIELDS_H
#define KD_RECORD_FIELDS_H

#include <stddef.h>
#include "record.h"

enum kd_field_type {
	T_VERSION,	/* int, at least 1 */
	T_STATUS,	/* enum kd_record_status, by name */
	T_TEXT,		/* char[size], cut to fit */
	T_SHA256,	/* "" or 64 lowercase hex digits */
	T_INT,		/* int */
	T_I64,
	T_U64,
	T_PAGES,	/* the pages object: kd_record_page_fields */
	T_DEGRADED,	/* an array of strings */
	T_FAILED,	/* an array of kd_record_step_fields objects */
};

struct kd_field {
	const char *key;
	enum kd_field_type type;
	size_t off, size;	/* in the structure the table describes */
};

struct kd_fields {
	const struct kd_field *f;
	size_t n;
};

extern const struct kd_fields kd_record_fields;		/* struct kd_record */
extern const struct kd_fields kd_record_page_fields;	/* kd_record_pages */
extern const struct kd_fields kd_record_step_fields;	/* kd_record_step */

#endif
