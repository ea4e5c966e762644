/* test_filter.c - collector/filter.c on the synthetic crashed system
 * (crashed_system.h): what each single dump level excludes.  (Windows of
 * any size: test_x86_64.c, every system it translates.) */
#define UNIT_SUITE "filter"
#include "crashed_system.h"

TEST(single_levels)
{
	static const int levels[] = { 0, 1, 2, 4, 8, 16 };
	/* hwpoison and offline pages go at every level */
	static const uint64_t excluded[] = { 2, 2, 2 + CACHE,
					     2 + CACHE + CACHE_PRIVATE, 2 + USER,
					     2 + FREE };
	struct system s = { .levels = 4, .map = MAP_2M };
	uint8_t all[NPFN / 8];
	char path[160];
	struct kd_input *in;
	struct kd_error e;
	size_t i;

	CHECK_INT(make_system(path, sizeof path, &s), 0);
	for (i = 0; i < sizeof levels / sizeof levels[0]; i++) {
		CHECK_INT(kd_input_open(&in, path, levels[i], &e), 0);
		filter(in, 1000, all);
		CHECK_INT(RAM - count_bits(all, NPFN), excluded[i]);
		kd_input_close(in);
	}
	unlink(path);
}


int main(void)
{
	if (scratch_setup("filter") || crashed_system_setup())
		return 1;
	RUN(single_levels);
	crashed_system_done();
	scratch_done();
	return unit_done();
}
