/* test_crashkernel.c - crashkernel= syntax and the size for a RAM size. */
#define UNIT_SUITE "crashkernel"
#include "unit.h"
#include "crashkernel.h"
#include "number.h"

#define K (1ULL << 10)
#define M (1ULL << 20)
#define G (1ULL << 30)
#define T (1ULL << 40)

/* ---- valid values: the reservation for a RAM size ---- */

struct good {
	const char *value;
	uint64_t ram, want;
	enum kd_ck_kind kind;
	int nranges, has_offset;
	uint64_t offset;
};

#define X86_RHEL "2G-64G:256M,64G-:512M"			/* kdump-utils, 2025 */
#define X86_2021 "1G-4G:192M,4G-64G:256M,64G-:512M"		/* kdump-utils, 2021 */
#define ARM64 "2G-4G:256M,4G-64G:320M,64G-:576M"
#define PPC64 "2G-4G:384M,4G-16G:512M,16G-64G:1G,64G-128G:2G,128G-:4G"
#define FADUMP "4G-16G:768M,16G-64G:1G,64G-128G:2G,128G-1T:4G,1T-2T:6G," \
	"2T-4T:12G,4T-8T:20G,8T-16T:36G,16T-32T:64G,32T-64T:128G,64T-:180G"
#define DEBIAN_ARM "2G-4G:320M,4G-32G:512M,32G-64G:1024M,64G-128G:2048M,128G-:4096M"

static const struct good goods[] = {
	{ "128M", 4 * G, 128 * M, KD_CK_PLAIN, 0, 0, 0 },	/* seed 003 */
	{ "128M@16M", 1 * G, 128 * M, KD_CK_PLAIN, 0, 1, 16 * M },	/* seed 000 */
	{ "64M", 1 * G, 64 * M, KD_CK_PLAIN, 0, 0, 0 },		/* seed 001 */
	{ "160M", 16 * G, 160 * M, KD_CK_PLAIN, 0, 0, 0 },
	{ "512M-2G:64M,2G-:128M", 1 * G, 64 * M, KD_CK_PLAIN, 2, 0, 0 },	/* seed 003 */
	{ "512M-2G:64M,2G-:128M", 2 * G, 128 * M, KD_CK_PLAIN, 2, 0, 0 },
	{ "512M-2G:64M,2G-:128M", 2 * G - 1, 64 * M, KD_CK_PLAIN, 2, 0, 0 },
	{ "512M-2G:64M,2G-:128M", 512 * M, 64 * M, KD_CK_PLAIN, 2, 0, 0 },
	{ "512M-2G:64M,2G-:128M", 512 * M - 1, 0, KD_CK_PLAIN, 2, 0, 0 },
	{ "512M-2G:64M,2G-:128M", 0, 0, KD_CK_PLAIN, 2, 0, 0 },
	{ "512M-2G:64M,2G-:128M", UINT64_MAX, 128 * M, KD_CK_PLAIN, 2, 0, 0 },
	{ X86_RHEL, 2 * G - 1, 0, KD_CK_PLAIN, 2, 0, 0 },
	{ X86_RHEL, 2 * G, 256 * M, KD_CK_PLAIN, 2, 0, 0 },
	{ X86_RHEL, 64 * G, 512 * M, KD_CK_PLAIN, 2, 0, 0 },
	{ X86_2021, 3 * G, 192 * M, KD_CK_PLAIN, 3, 0, 0 },
	{ X86_2021, 64 * G - 1, 256 * M, KD_CK_PLAIN, 3, 0, 0 },
	{ ARM64, 8 * G, 320 * M, KD_CK_PLAIN, 3, 0, 0 },
	{ PPC64, 100 * G, 2 * G, KD_CK_PLAIN, 5, 0, 0 },
	{ FADUMP, 3 * T, 12 * G, KD_CK_PLAIN, 11, 0, 0 },
	{ FADUMP, 100 * T, 180 * G, KD_CK_PLAIN, 11, 0, 0 },
	{ DEBIAN_ARM, 40 * G, 1024 * M, KD_CK_PLAIN, 5, 0, 0 },
	{ "512M-:192M", 1 * G, 192 * M, KD_CK_PLAIN, 1, 0, 0 },	/* Debian */
	{ "2G-64G:256M,64G-:512M@32M", 8 * G, 256 * M, KD_CK_PLAIN, 2, 1, 32 * M },
	{ "1G-2G:64M,4G-8G:128M", 3 * G, 0, KD_CK_PLAIN, 2, 0, 0 },	/* a gap */
	{ "1G,high", 16 * G, 1 * G, KD_CK_HIGH, 0, 0, 0 },
	{ "256M,low", 16 * G, 256 * M, KD_CK_LOW, 0, 0, 0 },
	{ "0,low", 16 * G, 0, KD_CK_LOW, 0, 0, 0 },
	{ "512M,cma", 1 * G, 512 * M, KD_CK_CMA, 0, 0, 0 },
	{ "256m", 1 * G, 256 * M, KD_CK_PLAIN, 0, 0, 0 },
	{ "65536K", 1 * G, 64 * M, KD_CK_PLAIN, 0, 0, 0 },
	{ "65536k", 1 * G, 64 * M, KD_CK_PLAIN, 0, 0, 0 },
	{ "1T-:1G", 2 * T, 1 * G, KD_CK_PLAIN, 1, 0, 0 },
	{ "1024", 1 * G, 1024, KD_CK_PLAIN, 0, 0, 0 },
	{ "0", 1 * G, 0, KD_CK_PLAIN, 0, 0, 0 },
	{ "0x10000000", 1 * G, 256 * M, KD_CK_PLAIN, 0, 0, 0 },	/* memparse: hex */
	{ "0x10M", 1 * G, 16 * M, KD_CK_PLAIN, 0, 0, 0 },
	{ "0X1e", 1 * G, 30, KD_CK_PLAIN, 0, 0, 0 },
	{ "0100M", 1 * G, 64 * M, KD_CK_PLAIN, 0, 0, 0 },	/* memparse: octal */
	{ "256M@0x1000000", 1 * G, 256 * M, KD_CK_PLAIN, 0, 1, 16 * M },
	{ "256M@0", 1 * G, 256 * M, KD_CK_PLAIN, 0, 1, 0 },
	{ "1-2:1,2-3:2,3-4:3,4-5:4,5-6:5,6-7:6,7-8:7,8-9:8,9-10:9,10-11:10,"
	  "11-12:11,12-13:12,13-14:13,14-15:14,15-16:15,16-:16", 15, 15,
	  KD_CK_PLAIN, 16, 0, 0 },
};

TEST(valid_values)
{
	size_t i;

	for (i = 0; i < sizeof goods / sizeof goods[0]; i++) {
		const struct good *g = &goods[i];
		struct kd_crashkernel ck;
		char err[160] = "";

		CHECK_INT(kd_crashkernel_parse(g->value, &ck, err, sizeof err), 0);
		if (err[0])
			printf("  %s: %s\n", g->value, err);
		CHECK_INT(kd_crashkernel_size(&ck, g->ram), g->want);
		CHECK_INT(ck.kind, g->kind);
		CHECK_INT(ck.nranges, g->nranges);
		CHECK_INT(ck.has_offset, g->has_offset);
		CHECK_INT(ck.offset, g->offset);
	}
}

TEST(ranges_as_parsed)
{
	struct kd_crashkernel ck;
	char err[160];

	CHECK_INT(kd_crashkernel_parse(X86_2021, &ck, err, sizeof err), 0);
	CHECK_INT(ck.nranges, 3);
	CHECK_INT(ck.ranges[0].start, 1 * G);
	CHECK_INT(ck.ranges[0].end, 4 * G);
	CHECK_INT(ck.ranges[0].size, 192 * M);
	CHECK_INT(ck.ranges[1].start, 4 * G);
	CHECK_INT(ck.ranges[2].start, 64 * G);
	CHECK(ck.ranges[2].end == UINT64_MAX);
	CHECK_INT(ck.ranges[2].size, 512 * M);
	CHECK_INT(ck.size, 0);
}

/* ---- invalid values: the exact one-line reason ---- */

struct bad {
	const char *value, *why;
};

static const struct bad bads[] = {
	{ "", "empty value" },
	{ "abc", "expected a size such as 256M, not \"abc\"" },
	{ "@16M", "expected a size such as 256M, not \"@16M\"" },
	{ "M", "expected a size such as 256M, not \"M\"" },
	{ "256X", "unexpected \"X\" after the size (allowed: @offset, ,high, ,low, ,cma)" },
	{ "256M ", "unexpected \" \" after the size (allowed: @offset, ,high, ,low, ,cma)" },
	{ "256MB", "unexpected \"B\" after the size (allowed: @offset, ,high, ,low, ,cma)" },
	{ "256M,medium", "unexpected \",medium\" after the size (allowed: @offset, ,high, ,low, ,cma)" },
	{ "256M,high,low", "unexpected \",high,low\" after the size (allowed: @offset, ,high, ,low, ,cma)" },
	{ "08M", "unexpected \"8M\" after the size (allowed: @offset, ,high, ,low, ,cma)" },
	{ "256M@", "expected an offset after \"@\" at the end" },
	{ "256M@x", "expected an offset after \"@\", not \"x\"" },
	{ "256M@16M@32M", "unexpected \"@32M\" after the size (allowed: @offset, ,high, ,low, ,cma)" },
	{ "256M@16M,high", "an offset cannot be combined with ,high, ,low or ,cma" },
	{ "99999999999999999999M", "size \"99999999999999999999M\" is too large" },
	{ "16E", "size \"16E\" is too large" },
	{ "512M-2G", "expected \":\" and a size after the range \"512M-2G\"" },
	{ "2G-1G:64M", "range \"2G-1G\" ends before it starts" },
	{ "1G-1G:64M", "range \"1G-1G\" ends before it starts" },
	{ "512M-2G:64M,1G-:128M", "range \"1G-\" overlaps or comes before the one before it" },
	{ "2G-:64M,4G-:128M", "range \"4G-\" overlaps or comes before the one before it" },
	{ "2G-4G:64M,1G-2G:32M", "range \"1G-2G\" overlaps or comes before the one before it" },
	{ "512M-2G:", "expected a size after \":\" at the end" },
	{ "512M-2G:x", "expected a size after \":\", not \"x\"" },
	{ "-2G:64M", "a range must look like start-[end]:size, not \"-2G:64M\"" },
	{ "512M:64M", "a range must look like start-[end]:size, not \"512M:64M\"" },
	{ "512M-x:64M", "expected the end of the range, not \"x:64M\"" },
	{ "512M-2Gx:64M", "expected \":\" after the range \"512M-2G\"" },
	{ "512M-2G:64M,", "unexpected \",\" after the ranges" },
	{ "512M-2G:64M,,2G-:1G", "unexpected \",,2G-:1G\" after the ranges" },
	{ "512M-2G:64Mjunk", "unexpected \"junk\" after the ranges" },
	{ "1G-4G:192M:3", "unexpected \":3\" after the ranges" },
	{ "1G-4G:192M@", "expected an offset after \"@\" at the end" },
	{ "1G-4G:192M,high", "\",high\" needs a plain size, not ranges" },
	{ "1G-4G:192M@16M,low", "\",low\" needs a plain size, not ranges" },
	{ "1-2:1,2-3:1,3-4:1,4-5:1,5-6:1,6-7:1,7-8:1,8-9:1,9-10:1,10-11:1,"
	  "11-12:1,12-13:1,13-14:1,14-15:1,15-16:1,16-17:1,17-18:1", "more than 16 ranges" },
};

TEST(invalid_values)
{
	size_t i;

	for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		struct kd_crashkernel ck;
		char err[160] = "";

		CHECK_INT(kd_crashkernel_parse(bads[i].value, &ck, err, sizeof err), -1);
		CHECK_STR(err, bads[i].why);
	}
}

TEST(small_error_buffers)
{
	struct kd_crashkernel ck;
	char err[8];

	CHECK_INT(kd_crashkernel_parse("abc", &ck, err, sizeof err), -1);
	CHECK_STR(err, "expecte");
	CHECK_INT(kd_crashkernel_parse("abc", &ck, NULL, 0), -1);
	CHECK_INT(kd_crashkernel_parse(NULL, &ck, err, sizeof err), -1);
}

struct size_vector {
	const char *text;
	int ret;
	uint64_t value;
	const char *rest;
};

static const struct size_vector sizes[] = {
	{ "16G", 0, 16 * G, "" },
	{ "1E", 0, 1ULL << 60, "" },
	{ "15E", 0, 15ULL << 60, "" },
	{ "16E", -1, 0, NULL },
	{ "1P", 0, 1ULL << 50, "" },
	{ "3t", 0, 3 * T, "" },
	{ "2g", 0, 2 * G, "" },
	{ "512k", 0, 512 * K, "" },
	{ "M", -1, 0, NULL },
	{ "", -1, 0, NULL },
	{ "-1", -1, 0, NULL },
	{ " 1", -1, 0, NULL },
	{ "0x1f", 0, 31, "" },
	{ "0x", 0, 0, "x" },
	{ "0xg", 0, 0, "xg" },
	{ "010", 0, 8, "" },
	{ "09", 0, 0, "9" },
	{ "18446744073709551615", 0, UINT64_MAX, "" },
	{ "18446744073709551616", -1, 0, NULL },
	{ "0xffffffffffffffff", 0, UINT64_MAX, "" },
	{ "0x10000000000000000", -1, 0, NULL },
	{ "256Mfoo", 0, 256 * M, "foo" },
	{ "256M@1", 0, 256 * M, "@1" },
	{ "1KK", 0, 1 * K, "K" },
};

TEST(parse_size)
{
	size_t i;

	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		const struct size_vector *s = &sizes[i];
		uint64_t v = 12345;
		const char *end = NULL;

		CHECK_INT(kd_parse_size(s->text, &v, &end), s->ret);
		if (s->ret == 0) {
			CHECK_INT(v, s->value);
			CHECK_STR(end, s->rest);
		} else {
			CHECK_INT(v, 12345);	/* untouched on failure */
		}
	}
}

TEST(parse_size_without_end)
{
	uint64_t v = 0;

	CHECK_INT(kd_parse_size("4K", &v, NULL), 0);
	CHECK_INT(v, 4 * K);
}

int main(void)
{
	RUN(valid_values);
	RUN(ranges_as_parsed);
	RUN(invalid_values);
	RUN(small_error_buffers);
	RUN(parse_size);
	RUN(parse_size_without_end);
	return unit_done();
}
