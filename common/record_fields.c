/* record_fields.c - the keys of vmcore.json (see record_fields.h). */
#include "record_fields.h"

#define F(key, type, member) \
	{ key, type, offsetof(struct kd_record, member), \
	  sizeof ((struct kd_record *)0)->member }
#define P(member) \
	{ #member, T_U64, offsetof(struct kd_record_pages, member), \
	  sizeof ((struct kd_record_pages *)0)->member }
#define S(member) \
	{ #member, T_TEXT, offsetof(struct kd_record_step, member), \
	  sizeof ((struct kd_record_step *)0)->member }
#define TABLE(a) { a, sizeof a / sizeof a[0] }

/* In the order kd_record_format writes them. */
static const struct kd_field fields[] = {
	F("record", T_VERSION, version),
	F("status", T_STATUS, status),
	F("kernel_release", T_TEXT, kernel_release),
	F("panic_message", T_TEXT, panic_message),
	F("crash_time", T_I64, crash_time),
	F("capture_start", T_I64, capture_start),
	F("capture_end", T_I64, capture_end),
	F("dump_file", T_TEXT, dump_file),
	F("dump_format", T_TEXT, dump_format),
	F("dump_level", T_INT, dump_level),
	F("dump_level_configured", T_INT, dump_level_configured),
	F("codec", T_TEXT, codec),
	F("fit", T_TEXT, fit),
	F("pages", T_PAGES, pages),
	F("bytes_written", T_U64, bytes_written),
	F("sha256", T_SHA256, sha256),
	F("degraded", T_DEGRADED, degraded),
	F("failed_steps", T_FAILED, failed),
	F("action", T_TEXT, action),
};

static const struct kd_field page_fields[] = {
	P(total), P(written), P(zero), P(cache), P(cache_private), P(user),
	P(free), P(hwpoison), P(offline), P(read_errors),
};

static const struct kd_field step_fields[] = { S(step), S(error) };

const struct kd_fields kd_record_fields = TABLE(fields);
const struct kd_fields kd_record_page_fields = TABLE(page_fields);
const struct kd_fields kd_record_step_fields = TABLE(step_fields);
