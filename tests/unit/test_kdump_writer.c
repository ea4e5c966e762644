/* test_kdump_writer.c - collector/kdump_writer.c on a small synthetic
 * vmcore: every codec, byte-level header checks, read back and verified;
 * a write that runs out of room is marked incomplete.  On the synthetic
 * crashed system, many small windows make the one-window dump. */
#define UNIT_SUITE "kdump_writer"
#include <signal.h>
#include <sys/resource.h>
#include "small_vmcore.h"
#include "crashed_system.h"
#include "kdump_reader.h"
#include "verify.h"

TEST(kdump_every_codec)
{
	static const enum kd_codec_kind codecs[] = {
		KD_CODEC_NONE, KD_CODEC_ZLIB, KD_CODEC_LZO, KD_CODEC_ZSTD,
	};
	size_t i;

	for (i = 0; i < 4; i++) {
		struct kd_collect_result r;
		struct kd_verify_result v;
		struct kd_error e;
		struct kd_kdump k;
		char out[160], text[32] = "";
		int fd;

		snprintf(out, sizeof out, "%s/dump-%zu", dir, i);
		CHECK_INT(collect(out, codecs[i], KD_FORMAT_KDUMP, 1, 0, &r, &e), 0);
		/* 12 of the 60 pages are zero; the last partial page is not in RAM */
		CHECK_INT(r.stats.zero, 12);
		CHECK_INT(u32_at(out, 8), 6);			/* header_version */
		CHECK_INT(u32_at(out, 424), codecs[i]);		/* status */
		CHECK_INT(u32_at(out, 428), 4096);		/* block_size */
		CHECK_INT(u32_at(out, 436), 2);			/* bitmap_blocks */
		CHECK_INT(u32_at(out, 460), 2);			/* nr_cpus */
		fd = open(out, O_RDONLY);
		CHECK_INT(kd_kdump_open_fd(&k, fd, &e), 0);
		CHECK_INT(k.max_mapnr, (LOAD_B >> 12) + PAGES_B);
		CHECK_INT(k.dumpable, PAGES_A + PAGES_B - 1);
		CHECK(pread(fd, text, 10, (off_t)k.vmcoreinfo_offset) == 10);
		CHECK_STR(text, "OSRELEASE=");
		kd_kdump_close(&k);
		close(fd);
		CHECK_INT(kd_verify(vmcore, out, -1, &v, &e), 0);
		CHECK_INT(v.checked, PAGES_A + PAGES_B - 1);
		CHECK_INT(v.mismatched, 0);
	}
}


TEST(out_of_room_marks_incomplete)
{
	struct kd_collect_result r;
	struct kd_verify_result v;
	struct kd_error e;
	struct rlimit old, small = { 64 << 10, 0 };
	char out[160];

	snprintf(out, sizeof out, "%s/dump.small", dir);
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	small.rlim_max = old.rlim_max;
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &small), 0);
	CHECK_INT(collect(out, KD_CODEC_NONE, KD_FORMAT_KDUMP, 0, 0, &r, &e), -1);
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK(strstr(e.msg, "marked incomplete") != NULL);
	CHECK_INT(u32_at(out, 424) & 0x8, 0x8);
	CHECK_INT(kd_verify(vmcore, out, -1, &v, &e), 0);
	CHECK(v.incomplete > 0);
	CHECK(v.checked > 0);
	CHECK_INT(v.mismatched, 0);
}


/* The crashed system's exclusions (free blocks, compound pages) and runs
 * of zero pages cross the edges of small windows: the file and the
 * counts are those of one window, for each codec. */
TEST(windows_make_the_same_dump)
{
	static const enum kd_codec_kind codecs[] = {
		KD_CODEC_NONE, KD_CODEC_ZLIB, KD_CODEC_LZO, KD_CODEC_ZSTD,
	};
	struct system s = { .levels = 4, .map = MAP_2M };
	char path[160], one[160];
	struct kd_verify_result v;
	struct kd_stats st;
	struct kd_error e;
	size_t c;

	CHECK_INT(crashed_system_setup(), 0);
	CHECK_INT(make_system(path, sizeof path, &s), 0);
	snprintf(one, sizeof one, "%s/one", dir);
	for (c = 0; c < sizeof codecs / sizeof codecs[0]; c++) {
		CHECK(same_in_windows(kd_write_kdump, path, 31, codecs[c], &st));
		CHECK_INT(st.free, FREE);
		CHECK_INT(st.user, USER);
		CHECK_INT(st.cache + st.cache_private, CACHE + CACHE_PRIVATE);
		CHECK(st.zero > 0);
		CHECK_INT(kd_verify(path, one, -1, &v, &e), 0);
	}
	unlink(path);
	crashed_system_done();
}

int main(void)
{
	if (scratch_setup("kdump-writer") || small_vmcore_setup())
		return 1;
	RUN(kdump_every_codec);
	RUN(out_of_room_marks_incomplete);
	RUN(windows_make_the_same_dump);
	scratch_done();
	return unit_done();
}
