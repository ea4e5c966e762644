/* test_flat_reader.c - collector/flat_reader.c: a flattened dump (-F)
 * rearranged (-R) is the file written directly; a stream cut short keeps
 * what arrived and says so. */
#define UNIT_SUITE "flat_reader"
#include "small_vmcore.h"
#include "flat_reader.h"

TEST(flattened_then_rearranged)
{
	struct kd_collect_result r;
	struct kd_error e;
	char flat[160], direct[160], back[160];
	int in, out;

	snprintf(flat, sizeof flat, "%s/dump.flat", dir);
	snprintf(direct, sizeof direct, "%s/dump.direct", dir);
	snprintf(back, sizeof back, "%s/dump.back", dir);
	CHECK_INT(collect(flat, KD_CODEC_ZSTD, KD_FORMAT_KDUMP, 1, 1, &r, &e), 0);
	CHECK_INT(collect(direct, KD_CODEC_ZSTD, KD_FORMAT_KDUMP, 1, 0, &r, &e), 0);
	in = open(flat, O_RDONLY);
	out = open(back, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK_INT(kd_flat_rearrange(in, out, &e), 0);
	close(in);
	close(out);
	CHECK(files_equal(direct, back));
	/* a stream cut short keeps what arrived and says so */
	CHECK(truncate(flat, 5000) == 0);
	in = open(flat, O_RDONLY);
	out = open(back, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK_INT(kd_flat_rearrange(in, out, &e), -1);
	CHECK(strstr(e.msg, "ended") != NULL);
	close(in);
	close(out);
}


int main(void)
{
	if (scratch_setup("flat-reader") || small_vmcore_setup())
		return 1;
	RUN(flattened_then_rearranged);
	scratch_done();
	return unit_done();
}
