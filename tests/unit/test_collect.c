/* test_collect.c - collector/collect.c: kd_collect() on a small synthetic
 * vmcore falls back to no filtering without page tables, and names an
 * input it cannot open.  (The writers have their own tests; real crashes
 * are in tests/collector/.) */
#define UNIT_SUITE "collect"
#include "small_vmcore.h"

TEST(no_filtering_without_page_data)
{
	struct kd_collect_result r;
	struct kd_error e;
	char out[160];

	/* the synthetic VMCOREINFO has no page tables: level 31 falls back */
	snprintf(out, sizeof out, "%s/dump.31", dir);
	CHECK_INT(collect(out, KD_CODEC_LZO, KD_FORMAT_KDUMP, 31, 0, &r, &e), 0);
	CHECK_INT(r.filtered, 0);
	CHECK_INT(r.stats.zero, 12);
	CHECK_INT(r.stats.free + r.stats.user + r.stats.cache, 0);
}


TEST(missing_input)
{
	struct kd_collect_opts o = KD_COLLECT_DEFAULTS;
	struct kd_collect_result r;
	struct kd_error e;

	o.vmcore = "/nonexistent/vmcore";
	CHECK_INT(kd_collect(&o, 1, &r, &e), -1);
	CHECK(strstr(e.msg, "/nonexistent/vmcore") != NULL);
}


int main(void)
{
	if (scratch_setup("collect") || small_vmcore_setup())
		return 1;
	RUN(no_filtering_without_page_data);
	RUN(missing_input);
	scratch_done();
	return unit_done();
}
