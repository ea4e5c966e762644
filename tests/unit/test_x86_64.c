/* test_x86_64.c - collector/x86_64.c on the synthetic crashed system
 * (crashed_system.h): 4- and 5-level page tables, 4 KiB, 2 MiB and 1 GiB
 * mappings, an SME mask; through them the struct pages are read, and the
 * per-class counts and bitmaps come out the same for windows of any
 * size. */
#define UNIT_SUITE "x86_64"
#include "crashed_system.h"

static void check_system(const struct system *s)
{
	static const uint64_t windows[] = { NPFN, 1000, 8, 520, 2048 };
	uint8_t first[NPFN / 8], all[NPFN / 8], sp[64];
	char path[160];
	struct kd_input *in;
	struct kd_error e;
	size_t w;

	CHECK_INT(make_system(path, sizeof path, s), 0);
	for (w = 0; w < sizeof windows / sizeof windows[0]; w++) {
		const struct kd_stats *st;

		CHECK_INT(kd_input_open(&in, path, 31, &e), 0);
		CHECK_INT(kd_input_meta(in)->filtered, 1);
		CHECK_INT(kd_input_meta(in)->phys_base, PHYS_BASE);
		CHECK_INT(kd_input_meta(in)->max_mapnr, NPFN);
		filter(in, windows[w], all);
		st = kd_input_stats(in);
		CHECK_INT(st->free, FREE);
		CHECK_INT(st->user, USER);
		CHECK_INT(st->cache, CACHE);
		CHECK_INT(st->cache_private, CACHE_PRIVATE);
		CHECK_INT(st->hwpoison, 1);
		CHECK_INT(st->offline, 1);
		CHECK_INT(count_bits(all, NPFN), RAM - FREE - USER - CACHE -
			  CACHE_PRIVATE - 2);
		if (w == 0)
			memcpy(first, all, sizeof all);
		else
			CHECK(!memcmp(first, all, sizeof all));
		kd_input_close(in);
	}
	/* the struct page of pfn 1024, read through the vmemmap mapping */
	CHECK_INT(kd_input_open(&in, path, 31, &e), 0);
	CHECK_INT(kd_input_read_virt(in, (s->levels == 5 ? VMEMMAP_L5 : VMEMMAP) +
				     1024 * 64, sp, sizeof sp), 0);
	CHECK(!memcmp(sp, page_struct(1024), sizeof sp));
	kd_input_close(in);
	unlink(path);
}

TEST(four_levels_4k)
{
	struct system s = { .levels = 4, .map = MAP_4K };

	check_system(&s);
}


TEST(four_levels_2m)
{
	struct system s = { .levels = 4, .map = MAP_2M };

	check_system(&s);
}


TEST(four_levels_1g_sme)
{
	struct system s = { .levels = 4, .map = MAP_1G, .sme = 1ULL << 47 };

	check_system(&s);
}


TEST(five_levels)
{
	struct system s = { .levels = 5, .map = MAP_2M };

	check_system(&s);
	s.map = MAP_4K;
	check_system(&s);
}


int main(void)
{
	if (scratch_setup("x86-64") || crashed_system_setup())
		return 1;
	RUN(four_levels_4k);
	RUN(four_levels_2m);
	RUN(four_levels_1g_sme);
	RUN(five_levels);
	crashed_system_done();
	scratch_done();
	return unit_done();
}
