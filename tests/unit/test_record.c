/* test_record.c - vmcore.json (common/record.h): the exact text of a
 * full record and its round trip, escaping, every error with its message,
 * unknown keys, cut strings, lists beyond KD_RECORD_MAX_LIST, the file. */
#define UNIT_SUITE "record"
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "unit.h"
#include "scratch.h"
#include "readfile.h"
#include "record.h"

static char text[KD_RECORD_JSON_MAX];

/* Every field set, both lists with entries. */
static void full(struct kd_record *r)
{
	kd_record_init(r);
	r->status = KD_RECORD_INCOMPLETE;
	snprintf(r->kernel_release, sizeof r->kernel_release, "6.1.0-28-amd64");
	snprintf(r->panic_message, sizeof r->panic_message,
		 "Kernel panic - not syncing: sysrq triggered crash");
	r->crash_time = 1733220000;
	r->capture_start = 1733220010;
	r->capture_end = 1733220042;
	snprintf(r->dump_file, sizeof r->dump_file, "vmcore-incomplete");
	snprintf(r->dump_format, sizeof r->dump_format, "kdump-compressed");
	r->dump_level = 31;
	r->dump_level_configured = 1;
	snprintf(r->codec, sizeof r->codec, "zstd");
	snprintf(r->fit, sizeof r->fit, "raised -d 1 to 31 to fit 2 GiB");
	r->pages = (struct kd_record_pages){ 262144, 30000, 1, 2, 3, 4, 5, 6,
					     7, UINT64_MAX };
	r->bytes_written = 123456789;
	snprintf(r->sha256, sizeof r->sha256, "%s",
		 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	kd_record_degraded(r, "page tables unreadable");
	kd_record_failed(r, "write vmcore", "No space left on device");
	kd_record_failed(r, "kdump_post", "exit 3");
	snprintf(r->action, sizeof r->action, "reboot");
}

static const char full_text[] =
	"{\n"
	"  \"record\": 1,\n"
	"  \"status\": \"incomplete\",\n"
	"  \"kernel_release\": \"6.1.0-28-amd64\",\n"
	"  \"panic_message\": \"Kernel panic - not syncing: sysrq triggered crash\",\n"
	"  \"crash_time\": 1733220000,\n"
	"  \"capture_start\": 1733220010,\n"
	"  \"capture_end\": 1733220042,\n"
	"  \"dump_file\": \"vmcore-incomplete\",\n"
	"  \"dump_format\": \"kdump-compressed\",\n"
	"  \"dump_level\": 31,\n"
	"  \"dump_level_configured\": 1,\n"
	"  \"codec\": \"zstd\",\n"
	"  \"fit\": \"raised -d 1 to 31 to fit 2 GiB\",\n"
	"  \"pages\": {\n"
	"    \"total\": 262144,\n"
	"    \"written\": 30000,\n"
	"    \"zero\": 1,\n"
	"    \"cache\": 2,\n"
	"    \"cache_private\": 3,\n"
	"    \"user\": 4,\n"
	"    \"free\": 5,\n"
	"    \"hwpoison\": 6,\n"
	"    \"offline\": 7,\n"
	"    \"read_errors\": 18446744073709551615\n"
	"  },\n"
	"  \"bytes_written\": 123456789,\n"
	"  \"sha256\": \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",\n"
	"  \"degraded\": [\n"
	"    \"page tables unreadable\"\n"
	"  ],\n"
	"  \"failed_steps\": [\n"
	"    {\n"
	"      \"step\": \"write vmcore\",\n"
	"      \"error\": \"No space left on device\"\n"
	"    },\n"
	"    {\n"
	"      \"step\": \"kdump_post\",\n"
	"      \"error\": \"exit 3\"\n"
	"    }\n"
	"  ],\n"
	"  \"action\": \"reboot\"\n"
	"}\n";

/* The two records hold the same (the structures may differ in padding
 * and in the bytes after each string's NUL). */
static int same(const struct kd_record *a, const struct kd_record *b)
{
	char ta[KD_RECORD_JSON_MAX];

	return kd_record_format(a, ta, sizeof ta) >= 0 &&
	       kd_record_format(b, text, sizeof text) >= 0 && !strcmp(ta, text);
}

static int parse(struct kd_record *r, const char *json, struct kd_error *e)
{
	e->msg[0] = '\0';
	return kd_record_parse(r, json, strlen(json), e);
}

TEST(full_round_trip)
{
	struct kd_record r, back;
	struct kd_error e;
	int len;

	full(&r);
	len = kd_record_format(&r, text, sizeof text);
	CHECK_INT(len, (int)strlen(full_text));
	CHECK_STR(text, full_text);
	CHECK_INT(kd_record_parse(&back, text, (size_t)len, &e), 0);
	CHECK_INT(back.status, KD_RECORD_INCOMPLETE);
	CHECK_INT(back.crash_time, 1733220000);
	CHECK_INT(back.n_failed, 2);
	CHECK_STR(back.failed[1].error, "exit 3");
	CHECK(back.pages.read_errors == UINT64_MAX);
	CHECK(same(&r, &back));
}

/* A minimal record: empty lists as [], every other key at its default. */
TEST(minimal)
{
	struct kd_record r;
	struct kd_error e;

	CHECK_INT(parse(&r, "{\"status\":\"complete\",\"record\":1}", &e), 0);
	CHECK_INT(r.version, 1);
	CHECK_INT(r.status, KD_RECORD_COMPLETE);
	CHECK_INT(kd_record_format(&r, text, sizeof text) > 0, 1);
	CHECK(strstr(text, "  \"degraded\": [],\n  \"failed_steps\": [],\n") != NULL);
	CHECK(strstr(text, "  \"crash_time\": 0,\n") != NULL);
}

/* '"', '\\', control characters, bytes that are not UTF-8. */
TEST(escaping)
{
	struct kd_record r, back;
	struct kd_error e;

	kd_record_init(&r);
	snprintf(r.panic_message, sizeof r.panic_message,
		 "a\"b\\c\n\t\r\b\f\x01\x1f\x7f/\xc3\xa9\xf0\x9f\x98\x80");
	snprintf(r.fit, sizeof r.fit, "bad \xff\xc3 end");
	CHECK_INT(kd_record_format(&r, text, sizeof text) > 0, 1);
	CHECK(strstr(text, "\"panic_message\": \"a\\\"b\\\\c\\n\\t\\r\\b\\f"
		      "\\u0001\\u001f\x7f/\xc3\xa9\xf0\x9f\x98\x80\",\n") != NULL);
	CHECK(strstr(text, "\"fit\": \"bad \xef\xbf\xbd\xef\xbf\xbd end\",\n") != NULL);
	CHECK_INT(parse(&back, text, &e), 0);
	CHECK_STR(back.panic_message, r.panic_message);
	CHECK_STR(back.fit, "bad \xef\xbf\xbd\xef\xbf\xbd end");
}

/* \u escapes, surrogate pairs included, decode to UTF-8. */
TEST(unicode_escapes)
{
	struct kd_record r;
	struct kd_error e;

	CHECK_INT(parse(&r, "{\"record\":1,\"status\":\"degraded\","
			"\"kernel_release\":\"\\u00e9\\u20AC\\ud83d\\ude00\\/\\u0041\"}",
			&e), 0);
	CHECK_STR(r.kernel_release, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80/A");
	CHECK_INT(r.status, KD_RECORD_DEGRADED);
}

/* Worst case: every string full of control bytes still fits. */
TEST(largest_fits)
{
	struct kd_record r, back;
	struct kd_error e;
	char all[KD_RECORD_TEXT];
	int i, len;

	memset(all, '\x01', sizeof all - 1);
	all[sizeof all - 1] = '\0';
	kd_record_init(&r);
	snprintf(r.kernel_release, sizeof r.kernel_release, "%s", all);
	snprintf(r.panic_message, sizeof r.panic_message, "%s", all);
	snprintf(r.dump_file, sizeof r.dump_file, "%s", all);
	snprintf(r.fit, sizeof r.fit, "%s", all);
	snprintf(r.dump_format, sizeof r.dump_format, "%s", all);
	snprintf(r.codec, sizeof r.codec, "%s", all);
	snprintf(r.action, sizeof r.action, "%s", all);
	for (i = 0; i < KD_RECORD_MAX_LIST; i++) {
		kd_record_degraded(&r, all);
		kd_record_failed(&r, all, all);
	}
	len = kd_record_format(&r, text, sizeof text);
	CHECK(len > 40000);
	CHECK_INT(kd_record_parse(&back, text, (size_t)len, &e), 0);
	CHECK(same(&r, &back));
	CHECK_INT(kd_record_format(&r, text, (size_t)len), -1);
	CHECK_INT(kd_record_format(&r, text, (size_t)len + 1), len);
}

/* Unknown keys are skipped, whatever their value. */
TEST(unknown_keys)
{
	struct kd_record r;
	struct kd_error e;

	CHECK_INT(parse(&r, " {\"x\": {\"a\": [1, -2.5e+3, true, false, null, "
			"\"s\\u0041\", {}, []]}, \"record\": 1, \"pages\": "
			"{\"new\": [0], \"zero\": 9}, \"failed_steps\": [{\"when\": 3, "
			"\"step\": \"mount\"}], \"status\": \"unreachable\", "
			"\"y\": 1E9 }\n", &e), 0);
	CHECK_INT(r.pages.zero, 9);
	CHECK_INT(r.n_failed, 1);
	CHECK_STR(r.failed[0].step, "mount");
	CHECK_STR(r.failed[0].error, "");
	CHECK_INT(r.status, KD_RECORD_UNREACHABLE);
	/* a newer version is read too: it only adds keys */
	CHECK_INT(parse(&r, "{\"record\": 2, \"status\": \"complete\", "
			"\"new_key\": \"x\"}", &e), 0);
	CHECK_INT(r.version, 2);
}

/* A string longer than its field is cut at a character's boundary. */
TEST(long_strings_cut)
{
	struct kd_record r;
	struct kd_error e;
	char json[2048];
	int n;

	/* "é" is 2 bytes: 255 bytes hold 127 of them, not 127.5 */
	n = snprintf(json, sizeof json, "{\"record\":1,\"status\":\"complete\","
		     "\"panic_message\":\"");
	while (n < 1000)
		n += snprintf(json + n, sizeof json - (size_t)n, "\xc3\xa9");
	snprintf(json + n, sizeof json - (size_t)n, "\",\"codec\":\"%s\"}",
		 "zstd-with-a-very-long-name");
	CHECK_INT(parse(&r, json, &e), 0);
	CHECK_INT(strlen(r.panic_message), 254);
	CHECK_STR(r.codec, "zstd-with-a-ver");
}

/* Beyond KD_RECORD_MAX_LIST the last entry counts what was left out, when
 * added and when read. */
TEST(lists_beyond_max)
{
	struct kd_record r, back;
	struct kd_error e;
	char json[4096], why[32];
	int i, n;

	kd_record_init(&r);
	for (i = 0; i < KD_RECORD_MAX_LIST + 3; i++) {
		snprintf(why, sizeof why, "reason %d", i);
		kd_record_degraded(&r, why);
		kd_record_failed(&r, why, "error");
	}
	CHECK_INT(r.n_degraded, KD_RECORD_MAX_LIST);
	CHECK_STR(r.degraded[KD_RECORD_MAX_LIST - 2], "reason 6");
	CHECK_STR(r.degraded[KD_RECORD_MAX_LIST - 1], "(4 more left out)");
	CHECK_INT(r.n_failed, KD_RECORD_MAX_LIST);
	CHECK_STR(r.failed[KD_RECORD_MAX_LIST - 1].step, "(4 more left out)");
	CHECK_STR(r.failed[KD_RECORD_MAX_LIST - 1].error, "");
	CHECK_INT(kd_record_format(&r, text, sizeof text) > 0, 1);
	CHECK_INT(parse(&back, text, &e), 0);
	CHECK(same(&r, &back));
	/* a file with more entries than the structure holds */
	n = snprintf(json, sizeof json, "{\"record\":1,\"status\":\"degraded\","
		     "\"degraded\":[");
	for (i = 0; i < 12; i++)
		n += snprintf(json + n, sizeof json - (size_t)n, "%s\"r%d\"",
			      i ? "," : "", i);
	snprintf(json + n, sizeof json - (size_t)n, "]}");
	CHECK_INT(parse(&back, json, &e), 0);
	CHECK_INT(back.n_degraded, KD_RECORD_MAX_LIST);
	CHECK_STR(back.degraded[KD_RECORD_MAX_LIST - 2], "r6");
	CHECK_STR(back.degraded[KD_RECORD_MAX_LIST - 1], "(5 more left out)");
}

/* Each refusal, with what and where. */
static const struct {
	const char *json, *msg;
} bad[] = {
	{ "", "unexpected end at byte 0" },
	{ "  ", "unexpected end at byte 2" },
	{ "{\"record\": 1, \"status\": \"comp", "\"status\": unexpected end at byte 29" },
	{ "{\"record\": 1, \"status\": \"complete\"", "unexpected end at byte 34" },
	{ "{\"record\": 1, \"status\": \"complete\",", "unexpected end at byte 35" },
	{ "{\"record\": 1", "unexpected end at byte 12" },
	{ "{\"record\": tru", "\"record\": expected a number at byte 11" },
	{ "{\"x\": tru", "unexpected end at byte 9" },
	{ "[]", "expected an object at byte 0" },
	{ "{\"record\": \"1\"}", "\"record\": expected a number at byte 11" },
	{ "{\"status\": 1}", "\"status\": expected a string at byte 11" },
	{ "{\"pages\": []}", "\"pages\": expected an object at byte 10" },
	{ "{\"pages\": {\"zero\": \"0\"}}", "\"pages\": \"zero\": expected a number at byte 19" },
	{ "{\"degraded\": [1]}", "\"degraded\": expected a string at byte 14" },
	{ "{\"failed_steps\": [\"x\"]}", "\"failed_steps\": expected an object at byte 18" },
	{ "{\"failed_steps\": [{\"step\": null}]}",
	  "\"failed_steps\": \"step\": expected a string at byte 27" },
	{ "{\"crash_time\": 1.5}", "\"crash_time\": not an integer at byte 15" },
	{ "{\"crash_time\": 1e3}", "\"crash_time\": not an integer at byte 15" },
	{ "{\"crash_time\": 012}", "\"crash_time\": bad number (a leading zero) at byte 15" },
	{ "{\"crash_time\": -}", "\"crash_time\": bad number at byte 16" },
	{ "{\"status\": \"a\\x\"}", "\"status\": bad escape at byte 13" },
	{ "{\"status\": \"\\u12g4\"}", "\"status\": bad \\u escape at byte 16" },
	{ "{\"status\": \"\\ud800\"}", "\"status\": unpaired surrogate in \\u escape at byte 12" },
	{ "{\"status\": \"\\udc00\\ud800\"}", "\"status\": unpaired surrogate in \\u escape at byte 12" },
	{ "{\"status\": \"\\ud800\\u0041\"}", "\"status\": unpaired surrogate in \\u escape at byte 12" },
	{ "{\"status\": \"\\u0000\"}", "\"status\": \\u0000 in a string at byte 12" },
	{ "{\"status\": \"a\tb\"}", "\"status\": control character in a string at byte 13" },
	{ "{\"status\": \"\xc0\xaf\"}", "\"status\": not UTF-8 at byte 12" },
	{ "{\"status\": \"\xed\xa0\x80\"}", "\"status\": not UTF-8 at byte 12" },
	{ "{\"status\": \"done\"}", "\"status\": unknown status at byte 11" },
	{ "{\"crash_time\": 9223372036854775808}",
	  "\"crash_time\": number out of range at byte 15" },
	{ "{\"crash_time\": -9223372036854775809}",
	  "\"crash_time\": number out of range at byte 15" },
	{ "{\"bytes_written\": 18446744073709551616}",
	  "\"bytes_written\": number out of range at byte 18" },
	{ "{\"bytes_written\": -1}", "\"bytes_written\": number out of range at byte 18" },
	{ "{\"dump_level\": 2147483648}", "\"dump_level\": number out of range at byte 15" },
	{ "{\"record\": 0}", "\"record\": number out of range at byte 11" },
	{ "{\"sha256\": \"abc\"}", "\"sha256\": expected 64 hex digits at byte 11" },
	{ "{\"record\": 1, \"record\": 1}", "duplicate key \"record\" at byte 14" },
	{ "{\"pages\": {\"zero\": 1, \"zero\": 2}}",
	  "\"pages\": duplicate key \"zero\" at byte 22" },
	{ "{\"record\": 1 \"status\": \"complete\"}", "expected ',' at byte 13" },
	{ "{\"record\": 1,}", "expected a string at byte 13" },
	{ "{\"record\" 1}", "expected ':' at byte 10" },
	{ "{\"x\": [1 2]}", "expected ',' at byte 9" },
	{ "{\"x\": nul}", "unexpected character at byte 6" },
	{ "{\"x\": 'a'}", "unexpected character at byte 6" },
	{ "{\"record\": 1, \"status\": \"complete\"} {}", "text after the end at byte 36" },
	{ "\xef\xbb\xbf{}", "expected an object at byte 0" },
	{ "{\"status\": \"complete\"}", "no \"record\" key at byte 22" },
	{ "{\"record\": 1}", "no \"status\" key at byte 13" },
};

TEST(errors)
{
	struct kd_record r;
	struct kd_error e;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_INT(parse(&r, bad[i].json, &e), -1);
		CHECK_STR(e.msg, bad[i].msg);
	}
}

/* Nesting is bounded: 16 levels are skipped, 17 refused. */
TEST(nesting_depth)
{
	struct kd_record r;
	struct kd_error e;
	char json[256];
	int n, depth;

	for (depth = 15; depth <= 16; depth++) {
		n = snprintf(json, sizeof json, "{\"record\":1,\"status\":\"complete\",\"x\":");
		memset(json + n, '[', (size_t)depth);
		memset(json + n + depth, ']', (size_t)depth);
		snprintf(json + n + 2 * depth, sizeof json - (size_t)(n + 2 * depth), "}");
		CHECK_INT(parse(&r, json, &e), depth == 15 ? 0 : -1);
	}
	CHECK_STR(e.msg, "nested deeper than 16 at byte 51");
}

TEST(too_large)
{
	struct kd_record r;
	struct kd_error e;
	char *big = malloc(KD_RECORD_FILE_MAX + 1);

	CHECK(big != NULL);
	if (!big)
		return;
	memset(big, ' ', KD_RECORD_FILE_MAX + 1);
	CHECK_INT(kd_record_parse(&r, big, KD_RECORD_FILE_MAX + 1, &e), -1);
	CHECK_STR(e.msg, "larger than 1048576 bytes");
	free(big);
}

/* dir/vmcore.json, 0600, the formatted text. */
TEST(write_file)
{
	struct kd_record r, back;
	struct kd_error e;
	char path[128], *got;
	struct stat st;
	size_t len = 0;

	full(&r);
	CHECK_INT(kd_record_write(dir, &r, &e), 0);
	snprintf(path, sizeof path, "%s/%s", dir, KD_RECORD_FILE);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 07777, 0600);
	got = kd_read_file(path, KD_RECORD_FILE_MAX, &len);
	CHECK_STR(got, full_text);
	CHECK_INT(got && kd_record_parse(&back, got, len, &e) == 0, 1);
	free(got);
	CHECK_INT(kd_record_write("/nonexistent/dir", &r, &e), -1);
	CHECK(strstr(e.msg, "/nonexistent/dir/vmcore.json") != NULL);
}

TEST(status_names)
{
	enum kd_record_status s;

	CHECK_STR(kd_record_status_name(KD_RECORD_UNREACHABLE), "unreachable");
	CHECK_STR(kd_record_status_name((enum kd_record_status)9), "unknown");
	CHECK_INT(kd_record_status_parse("degraded", &s), 0);
	CHECK_INT(s, KD_RECORD_DEGRADED);
	CHECK_INT(kd_record_status_parse("unknown", &s), -1);
}

int main(void)
{
	if (scratch_setup("record"))
		return 1;
	RUN(full_round_trip);
	RUN(minimal);
	RUN(escaping);
	RUN(unicode_escapes);
	RUN(largest_fits);
	RUN(unknown_keys);
	RUN(long_strings_cut);
	RUN(lists_beyond_max);
	RUN(errors);
	RUN(nesting_depth);
	RUN(too_large);
	RUN(write_file);
	RUN(status_names);
	scratch_done();
	return unit_done();
}
