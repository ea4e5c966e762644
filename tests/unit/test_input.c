/* test_input.c - collector/input.c on the synthetic crashed system
 * (crashed_system.h): page tables that cannot be walked mean no
 * filtering (zero pages aside), not a failure. */
#define UNIT_SUITE "input"
#include "crashed_system.h"

TEST(broken_page_tables_mean_no_filtering)
{
	struct system s = { .levels = 4, .map = MAP_2M, .broken = 1 };
	uint8_t all[NPFN / 8];
	char path[160];
	struct kd_input *in;
	struct kd_error e;

	CHECK_INT(make_system(path, sizeof path, &s), 0);
	CHECK_INT(kd_input_open(&in, path, 31, &e), 0);
	CHECK_INT(kd_input_meta(in)->filtered, 0);
	CHECK_INT(kd_input_meta(in)->dump_level, 1);
	filter(in, 1000, all);
	CHECK_INT(count_bits(all, NPFN), RAM);
	CHECK_INT(kd_input_stats(in)->free + kd_input_stats(in)->user, 0);
	kd_input_close(in);
	unlink(path);
}


int main(void)
{
	if (scratch_setup("input") || crashed_system_setup())
		return 1;
	RUN(broken_page_tables_mean_no_filtering);
	crashed_system_done();
	scratch_done();
	return unit_done();
}
