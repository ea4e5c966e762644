/* test_crashkernel.c - crashkernel= syntax and the size for a RAM size. */
#define UNIT_SUITE "crashkernel"
#include "unit.h"
#include "crashkernel.h"

#define M (1ULL << 20)
#define G (1ULL << 30)

struct good {
	const char *value;
	uint64_t ram, want;
	enum kd_ck_kind kind;
	int has_offset;
	uint64_t offset;
};

static const struct good goods[] = {
	{ "256M", 4 * G, 256 * M, KD_CK_PLAIN, 0, 0 },
	{ "128M@16M", 1 * G, 128 * M, KD_CK_PLAIN, 1, 16 * M },
	{ "512M-2G:64M,2G-:128M", 1 * G, 64 * M, KD_CK_PLAIN, 0, 0 },
	{ "512M-2G:64M,2G-:128M", 2 * G, 128 * M, KD_CK_PLAIN, 0, 0 },
	{ "512M-2G:64M,2G-:128M", 256 * M, 0, KD_CK_PLAIN, 0, 0 },
	{ "512M-2G:64M,2G-:128M", 2 * G - 1, 64 * M, KD_CK_PLAIN, 0, 0 },
	{ "1G-4G:192M,4G-64G:256M,64G-:512M", 64 * G, 512 * M, KD_CK_PLAIN, 0, 0 },
	{ "2G-64G:256M,64G-:512M@32M", 8 * G, 256 * M, KD_CK_PLAIN, 1, 32 * M },
	{ "1G,high", 16 * G, 1 * G, KD_CK_HIGH, 0, 0 },
	{ "0,low", 16 * G, 0, KD_CK_LOW, 0, 0 },
	{ "256m", 1 * G, 256 * M, KD_CK_PLAIN, 0, 0 },
	{ "65536K", 1 * G, 64 * M, KD_CK_PLAIN, 0, 0 },
	{ "1T-:1G", 2ULL << 40, 1 * G, KD_CK_PLAIN, 0, 0 },
	{ "1024", 1 * G, 1024, KD_CK_PLAIN, 0, 0 },
	{ "512M,cma", 1 * G, 512 * M, KD_CK_CMA, 0, 0 },
};

TEST(valid_values)
{
	size_t i;

	for (i = 0; i < sizeof goods / sizeof goods[0]; i++) {
		const struct good *g = &goods[i];
		struct kd_crashkernel ck;
		char err[128] = "";

		CHECK_INT(kd_crashkernel_parse(g->value, &ck, err, sizeof err), 0);
		if (err[0])
			printf("  %s: %s\n", g->value, err);
		CHECK_INT(kd_crashkernel_size(&ck, g->ram), g->want);
		CHECK_INT(ck.kind, g->kind);
		CHECK_INT(ck.has_offset, g->has_offset);
		CHECK_INT(ck.offset, g->offset);
	}
}

struct bad {
	const char *value, *why;
};

static const struct bad bads[] = {
	{ "", "empty value" },
	{ "abc", "expected a size such as 256M" },
	{ "256X", "unexpected text after the size" },
	{ "256M@", "expected an offset" },
	{ "256M,medium", "unexpected text after the size" },
	{ "256M@16M,high", "an offset cannot be combined" },
	{ "2G-1G:64M", "a range must end after it starts" },
	{ "1G-1G:64M", "a range must end after it starts" },
	{ "512M-2G:64M,1G-:128M", "increasing order and must not overlap" },
	{ "512M-2G", "expected \":\"" },
	{ "512M-2G:", "expected a size after" },
	{ "-2G:64M", "a range must look like" },
	{ "512M-2G:64M,", "unexpected text after the ranges" },
	{ "512M-2G:64Mjunk", "unexpected text after the ranges" },
	{ "99999999999999999999M", "expected a size" },
	{ "1-2:1,2-3:1,3-4:1,4-5:1,5-6:1,6-7:1,7-8:1,8-9:1,9-10:1,10-11:1,"
	  "11-12:1,12-13:1,13-14:1,14-15:1,15-16:1,16-17:1,17-18:1", "too many ranges" },
};

TEST(invalid_values)
{
	size_t i;

	for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		struct kd_crashkernel ck;
		char err[128] = "";

		CHECK_INT(kd_crashkernel_parse(bads[i].value, &ck, err, sizeof err), -1);
		if (!strstr(err, bads[i].why))
			printf("  \"%s\": got \"%s\"\n", bads[i].value, err);
		CHECK(strstr(err, bads[i].why) != NULL);
	}
}

TEST(parse_size)
{
	uint64_t v;
	const char *end;

	CHECK_INT(kd_parse_size("16G", &v, &end), 0);
	CHECK_INT(v, 16 * G);
	CHECK_STR(end, "");
	CHECK_INT(kd_parse_size("1E", &v, NULL), 0);
	CHECK_INT(v, 1ULL << 60);
	CHECK_INT(kd_parse_size("16E", &v, NULL), -1);
	CHECK_INT(kd_parse_size("M", &v, NULL), -1);
}

int main(void)
{
	RUN(valid_values);
	RUN(invalid_values);
	RUN(parse_size);
	return unit_done();
}
