/* test_memmap.c - collector/memmap.c on the synthetic crashed system
 * (crashed_system.h): a section without a mem_map keeps its pages (every
 * test of it), and like makedumpfile, nothing beyond the last mem_map is
 * dumped. */
#define UNIT_SUITE "memmap"
#include "crashed_system.h"

/* Like makedumpfile, nothing beyond the last mem_map is dumped (mem=). */
TEST(memory_beyond_the_last_mem_map)
{
	struct system s = { .levels = 4, .map = MAP_2M, .mem_limit = 1 };
	uint8_t all[NPFN / 8];
	char path[160];
	struct kd_input *in;
	struct kd_error e;

	CHECK_INT(make_system(path, sizeof path, &s), 0);
	CHECK_INT(kd_input_open(&in, path, 31, &e), 0);
	CHECK_INT(kd_input_meta(in)->filtered, 1);
	CHECK_INT(kd_input_meta(in)->max_mapnr, NPFN - SECTION_PFNS);
	CHECK_INT(kd_input_pfn_in_ram(in, NPFN - SECTION_PFNS), 0);
	CHECK_INT(kd_input_pfn_in_ram(in, NPFN - SECTION_PFNS - 1), 1);
	/* the hugetlb page in the last section is gone with it */
	filter(in, 1000, all);
	CHECK_INT(kd_input_stats(in)->user, USER - 512);
	CHECK_INT(count_bits(all, NPFN), RAM - SECTION_PFNS - FREE -
		  (USER - 512) - CACHE - CACHE_PRIVATE - 2);
	kd_input_ram(in, 0, NPFN, all);
	CHECK_INT(count_bits(all, NPFN), RAM - SECTION_PFNS);
	kd_input_close(in);
	unlink(path);
}


int main(void)
{
	if (scratch_setup("memmap") || crashed_system_setup())
		return 1;
	RUN(memory_beyond_the_last_mem_map);
	crashed_system_done();
	scratch_done();
	return unit_done();
}
