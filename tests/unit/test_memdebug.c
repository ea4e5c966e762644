/* test_memdebug.c - what each debug_mem_level prints. */
#define UNIT_SUITE "memdebug"
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "memdebug.h"

static char top[64], meminfo[128], slabinfo[128];

static const char sample[] =
	"MemTotal:         186952 kB\n"
	"MemFree:           84236 kB\n"
	"MemAvailable:      90112 kB\n"
	"Buffers:               0 kB\n"
	"Cached:            40960 kB\n"
	"SwapCached:            0 kB\n"
	"Active(file):       1024 kB\n"
	"Slab:              12288 kB\n"
	"SReclaimable:       2048 kB\n"
	"Committed_AS:      10240 kB\n";

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

/* What kd_memdebug_print writes at `level`, in a buffer to free(). */
static char *printed(int level, const char *slab, int *ret)
{
	struct kd_error e;
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);

	*ret = kd_memdebug_print(out, level, meminfo, slab, &e);
	fclose(out);
	return buf;
}

TEST(level_0_prints_nothing)
{
	int ret;
	char *out = printed(0, slabinfo, &ret);

	CHECK_INT(ret, 0);
	CHECK_STR(out, "");
	free(out);
}

TEST(level_1_the_short_list)
{
	int ret;
	char *out = printed(1, slabinfo, &ret);

	CHECK_INT(ret, 0);
	CHECK_STR(out, "MemTotal:         186952 kB\n"
		  "MemFree:           84236 kB\n"
		  "MemAvailable:      90112 kB\n"
		  "Buffers:               0 kB\n"
		  "Cached:            40960 kB\n"
		  "Slab:              12288 kB\n");
	free(out);
}

TEST(level_2_all_of_meminfo)
{
	int ret;
	char *out = printed(2, slabinfo, &ret);

	CHECK_INT(ret, 0);
	CHECK_STR(out, sample);
	free(out);
}

TEST(level_3_meminfo_and_slabinfo)
{
	char want[2048];
	int ret;
	char *out = printed(3, slabinfo, &ret);

	snprintf(want, sizeof want, "%sslabinfo - version: 2.1\nkmalloc-64 1 2\n",
		 sample);
	CHECK_INT(ret, 0);
	CHECK_STR(out, want);
	free(out);
}

TEST(level_3_without_slabinfo)
{
	char missing[160];
	int ret;
	char *out;

	snprintf(missing, sizeof missing, "%s/no-slabinfo", top);
	out = printed(3, missing, &ret);
	CHECK_INT(ret, 0);
	CHECK_STR(out, sample);
	free(out);
}

TEST(no_meminfo)
{
	struct kd_error e;
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);

	CHECK_INT(kd_memdebug_print(out, 1, "/nonexistent/meminfo", slabinfo, &e), -1);
	fclose(out);
	CHECK(strstr(e.msg, "cannot read /nonexistent/meminfo") != NULL);
	free(buf);
}

TEST(whole_keys_only)
{
	CHECK_INT(kd_memdebug_shows("Cached: 1 kB", 1), 1);
	CHECK_INT(kd_memdebug_shows("SwapCached: 1 kB", 1), 0);
	CHECK_INT(kd_memdebug_shows("Slab: 1 kB", 1), 1);
	CHECK_INT(kd_memdebug_shows("SlabX: 1 kB", 1), 0);
	CHECK_INT(kd_memdebug_shows("MemTotal", 1), 0);
	CHECK_INT(kd_memdebug_shows("SwapCached: 1 kB", 2), 1);
	CHECK_INT(kd_memdebug_shows("MemTotal: 1 kB", 0), 0);
}

/* The lowest of each figure over the samples, and none before the first;
 * "MemFree" is not taken from a line that only starts with it. */
TEST(lowest_of_the_samples)
{
	CHECK_INT(kd_memdebug_lowest().free_kb, -1);
	kd_memdebug_sample("/nonexistent/meminfo");
	CHECK_INT(kd_memdebug_lowest().free_kb, -1);
	kd_memdebug_sample(meminfo);
	CHECK_INT(kd_memdebug_lowest().free_kb, 84236);
	CHECK_INT(kd_memdebug_lowest().available_kb, 90112);
	write_file(meminfo, "MemFreeX: 1 kB\nMemFree: 90000 kB\nMemAvailable: 5000 kB\n");
	kd_memdebug_sample(meminfo);
	CHECK_INT(kd_memdebug_lowest().free_kb, 84236);
	CHECK_INT(kd_memdebug_lowest().available_kb, 5000);
	write_file(meminfo, "MemTotal: 9 kB\nMemFree: 700 kB\n");
	kd_memdebug_sample(meminfo);
	CHECK_INT(kd_memdebug_lowest().free_kb, 700);
	CHECK_INT(kd_memdebug_lowest().available_kb, 5000);
	write_file(meminfo, sample);
}

int main(void)
{
	snprintf(top, sizeof top, "/tmp/kd-memdebug-XXXXXX");
	if (!mkdtemp(top))
		return 1;
	snprintf(meminfo, sizeof meminfo, "%s/meminfo", top);
	snprintf(slabinfo, sizeof slabinfo, "%s/slabinfo", top);
	write_file(meminfo, sample);
	write_file(slabinfo, "slabinfo - version: 2.1\nkmalloc-64 1 2\n");
	RUN(level_0_prints_nothing);
	RUN(level_1_the_short_list);
	RUN(level_2_all_of_meminfo);
	RUN(level_3_meminfo_and_slabinfo);
	RUN(level_3_without_slabinfo);
	RUN(no_meminfo);
	RUN(whole_keys_only);
	RUN(lowest_of_the_samples);
	unlink(meminfo);
	unlink(slabinfo);
	rmdir(top);
	return unit_done();
}
