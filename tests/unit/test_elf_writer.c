/* test_elf_writer.c - collector/elf_writer.c on a small synthetic vmcore:
 * zero pages left out, verified; no compression.  On the synthetic
 * crashed system, many small windows make the one-window dump. */
#define UNIT_SUITE "elf_writer"
#include "small_vmcore.h"
#include "crashed_system.h"
#include "verify.h"

TEST(elf_output)
{
	struct kd_collect_result r;
	struct kd_verify_result v;
	struct kd_error e;
	char out[160];

	snprintf(out, sizeof out, "%s/dump.elf", dir);
	CHECK_INT(collect(out, KD_CODEC_NONE, KD_FORMAT_ELF, 1, 0, &r, &e), 0);
	CHECK_INT(r.stats.zero, 12);
	CHECK_INT(kd_verify(vmcore, out, 1, &v, &e), 0);
	CHECK_INT(v.checked, PAGES_A + PAGES_B - 1 - 12);
	CHECK_INT(collect(out, KD_CODEC_ZLIB, KD_FORMAT_ELF, 1, 0, &r, &e), -1);
	CHECK_STR(e.msg, "ELF output (-E) cannot be compressed");
}


/* Segments are cut across the edges of small windows (exclusions and
 * zero runs longer than 256 pages, a kernel text PT_LOAD over RAM that
 * another PT_LOAD maps too): the file and the counts are those of one
 * window, with zero pages left out (31) or kept (30). */
TEST(windows_make_the_same_dump)
{
	static const int levels[] = { 31, 30 };
	struct system s = { .levels = 4, .map = MAP_4K };
	char path[160], one[160];
	struct kd_verify_result v;
	struct kd_stats st;
	struct kd_error e;
	size_t l;

	CHECK_INT(crashed_system_setup(), 0);
	CHECK_INT(make_system(path, sizeof path, &s), 0);
	snprintf(one, sizeof one, "%s/one", dir);
	for (l = 0; l < sizeof levels / sizeof levels[0]; l++) {
		CHECK(same_in_windows(kd_write_elf, path, levels[l], KD_CODEC_NONE,
				      &st));
		CHECK_INT(st.free, FREE);
		CHECK_INT(st.user, USER);
		CHECK_INT(kd_verify(path, one, levels[l], &v, &e), 0);
	}
	unlink(path);
	crashed_system_done();
}

int main(void)
{
	if (scratch_setup("elf-writer") || small_vmcore_setup())
		return 1;
	RUN(elf_output);
	RUN(windows_make_the_same_dump);
	scratch_done();
	return unit_done();
}
