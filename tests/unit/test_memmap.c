/* test_memmap.c - collector/memmap.c on the synthetic crashed system
 * (crashed_system.h): a section without a mem_map keeps its pages (every
 * test of it), and like makedumpfile, nothing beyond the last mem_map is
 * dumped; a tree and a PT_LOAD claiming petabytes cost only what the file
 * holds. */
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

/* Replace the first "from" in the file's header pages by "to" (same length). */
static int patch(const char *path, const char *from, const char *to)
{
	uint8_t hdr[2 * PAGE], *at;
	int fd = open(path, O_RDWR), ok;

	ok = fd >= 0 && pread(fd, hdr, sizeof hdr, 0) == (ssize_t)sizeof hdr &&
	     (at = memmem(hdr, sizeof hdr, from, strlen(from))) != NULL &&
	     pwrite(fd, to, strlen(to), at - hdr) == (ssize_t)strlen(to);
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/* Found by fuzz_input: 2^31 roots of 8 KiB sections over a PT_LOAD of
 * 4 PiB (the file holds 1 MiB of it) kept the collector busy for hours;
 * only the roots of saved RAM are read now.  SIGALRM ends a hung test. */
TEST(huge_tree_over_a_huge_load_is_cheap)
{
	struct system s = { .levels = 4, .map = MAP_2M };
	uint8_t memsz[8];
	char path[160];
	struct kd_input *in;
	struct kd_error e;
	int fd;

	CHECK_INT(make_system(path, sizeof path, &s), 0);
	put64(memsz, (1ULL << 52) - PHYS_BASE);
	fd = open(path, O_WRONLY);
	CHECK(fd >= 0 && pwrite(fd, memsz, 8, 232 + 40) == 8);
	close(fd);
	CHECK_INT(patch(path, "SECTION_SIZE_BITS)=21", "SECTION_SIZE_BITS)=13"), 0);
	CHECK_INT(patch(path, "MAX_PHYSMEM_BITS)=46", "MAX_PHYSMEM_BITS)=52"), 0);
	CHECK_INT(patch(path, "LENGTH(mem_section)", "LENGTX(mem_section)"), 0);
	alarm(20);
	if (kd_input_open(&in, path, 31, &e) == 0)
		kd_input_close(in);
	alarm(0);
	unlink(path);
}

int main(void)
{
	if (scratch_setup("memmap") || crashed_system_setup())
		return 1;
	RUN(memory_beyond_the_last_mem_map);
	RUN(huge_tree_over_a_huge_load_is_cheap);
	crashed_system_done();
	scratch_done();
	return unit_done();
}
