/* test_elf_writer.c - collector/elf_writer.c on a small synthetic vmcore:
 * zero pages left out, verified; no compression. */
#define UNIT_SUITE "elf_writer"
#include "small_vmcore.h"
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


int main(void)
{
	if (scratch_setup("elf-writer") || small_vmcore_setup())
		return 1;
	RUN(elf_output);
	scratch_done();
	return unit_done();
}
