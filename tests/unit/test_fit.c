/* test_fit.c - collector/fit.c and estimate.c on the small synthetic
 * vmcore: the estimates are the sizes written (the sample is every page
 * of so small a dump), a room between the level 0 and level 31 sizes
 * raises the level and the dump fits and verifies, a smaller one makes
 * it compress harder, none at all still writes the last step; ELF
 * output raises the level only; --fit-to auto's room. */
#define UNIT_SUITE "fit"
#include <errno.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include "small_vmcore.h"
#include "dump_size.h"
#include "fit.h"
#include "verify.h"

static uint64_t file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? 0 : (uint64_t)st.st_size;
}

/* The size of the dump written without fitting. */
static uint64_t size_at(enum kd_codec_kind codec, enum kd_format format,
			int level)
{
	struct kd_collect_result r;
	struct kd_error e;
	char out[160];

	snprintf(out, sizeof out, "%s/plain", dir);
	CHECK_INT(collect(out, codec, format, level, 0, &r, &e), 0);
	return file_size(out);
}

/* kd_collect() with fit_bytes into `out`. */
static int fitted(const char *out, enum kd_codec_kind codec,
		  enum kd_format format, int level, uint64_t room,
		  struct kd_collect_result *r)
{
	struct kd_collect_opts o = KD_COLLECT_DEFAULTS;
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600), ret;
	struct kd_error e;

	o.vmcore = vmcore;
	o.codec = codec;
	o.format = format;
	o.dump_level = level;
	o.message_level = 0;
	o.fit_bytes = room;
	ret = kd_collect(&o, fd, r, &e);
	close(fd);
	return ret;
}

static void check_sound(const char *out, int level)
{
	struct kd_verify_result v;
	struct kd_error e;

	CHECK_INT(kd_verify(vmcore, out, level, &v, &e), 0);
	CHECK_INT(v.mismatched, 0);
	CHECK_INT(v.wrongly_excluded, 0);
	CHECK_INT(v.incomplete, 0);
}

/* Every page is sampled: the estimate is the size, for every codec and
 * level, and the ELF size is exact. */
TEST(estimates_are_exact_on_small_dumps)
{
	static const enum kd_codec_kind codecs[] = {
		KD_CODEC_NONE, KD_CODEC_ZLIB, KD_CODEC_LZO, KD_CODEC_ZSTD,
	};
	struct kd_write_opts wo;
	struct kd_dump_size est;
	struct kd_input *in;
	struct kd_error e;
	uint64_t elf;
	size_t c;
	int level;

	for (level = 0; level <= 1; level++) {
		CHECK_INT(kd_input_open(&in, vmcore, level, &e), 0);
		for (c = 0; c < 4; c++) {
			memset(&wo, 0, sizeof wo);
			wo.codec = codecs[c];
			CHECK_INT(kd_dump_size_kdump(in, &wo, 1000, &est, &e), 0);
			CHECK_INT(est.exact, 1);
			CHECK_INT(est.dumpable, PAGES_A + PAGES_B - 1);
			CHECK_INT(est.bytes, size_at(codecs[c], KD_FORMAT_KDUMP, level));
		}
		memset(&wo, 0, sizeof wo);
		CHECK_INT(kd_elf_size(in, &wo, &elf, &e), 0);
		CHECK_INT(elf, size_at(KD_CODEC_NONE, KD_FORMAT_ELF, level));
		/* nothing was counted */
		CHECK_INT(kd_input_stats(in)->read_errors, 0);
		kd_input_close(in);
	}
}

/* Sampled, the estimate is the data scaled up, plus a tenth. */
TEST(sampled_estimate_has_a_margin)
{
	struct kd_write_opts wo = { .codec = KD_CODEC_ZSTD };
	struct kd_dump_size est;
	struct kd_input *in;
	struct kd_error e;
	uint64_t real = size_at(KD_CODEC_ZSTD, KD_FORMAT_KDUMP, 0);

	CHECK_INT(kd_input_open(&in, vmcore, 0, &e), 0);
	/* 59 pages at most 8 * 4096 / 4096: every 8th one, 8 pages */
	CHECK_INT(kd_dump_size_kdump(in, &wo, 8 * KD_DUMP_SIZE_SAMPLES, &est, &e), 0);
	CHECK_INT(est.exact, 0);
	CHECK_INT(est.sampled, 8);
	CHECK(est.bytes > real / 2 && est.bytes < real * 2);
	kd_input_close(in);
}

/* Between the sizes at level 0 and 31: level 1 (the synthetic vmcore
 * can only drop zero pages), and it fits. */
TEST(room_raises_the_level)
{
	uint64_t big = size_at(KD_CODEC_NONE, KD_FORMAT_KDUMP, 0);
	uint64_t small = size_at(KD_CODEC_NONE, KD_FORMAT_KDUMP, 31);
	uint64_t room = (big + small) / 2;
	struct kd_collect_result r;
	char out[160];

	CHECK(small < big);
	snprintf(out, sizeof out, "%s/fit.level", dir);
	CHECK_INT(fitted(out, KD_CODEC_NONE, KD_FORMAT_KDUMP, 0, room, &r), 0);
	check_written(&r, out, 1, KD_CODEC_NONE);
	CHECK(file_size(out) <= room);
	CHECK(strstr(r.fit, "dump level 0 -> 1: ") == r.fit);
	CHECK(strstr(r.fit, "would not fit in") != NULL);
	CHECK_INT(r.degraded, 0);
	CHECK_INT(r.pages_written, PAGES_A + PAGES_B - 1 - 12);
	check_sound(out, -1);
}

/* Smaller than level 31 uncompressed: a codec, and still whole. */
TEST(room_compresses_harder)
{
	uint64_t small = size_at(KD_CODEC_NONE, KD_FORMAT_KDUMP, 31);
	struct kd_collect_result r;
	char out[160];

	snprintf(out, sizeof out, "%s/fit.codec", dir);
	CHECK_INT(fitted(out, KD_CODEC_NONE, KD_FORMAT_KDUMP, 0, small - 1, &r), 0);
	CHECK(r.codec != KD_CODEC_NONE);
	check_written(&r, out, 1, r.codec);
	CHECK(file_size(out) < small);
	CHECK(strstr(r.fit, "dump level 0 -> 1, uncompressed -> ") == r.fit);
	check_sound(out, -1);
}

/* No room is enough: the last step is written, whole where it can be. */
TEST(nothing_fits)
{
	struct kd_collect_result r;
	char out[160];

	snprintf(out, sizeof out, "%s/fit.none", dir);
	CHECK_INT(fitted(out, KD_CODEC_LZO, KD_FORMAT_KDUMP, 0, 4096, &r), 0);
	check_written(&r, out, 1, KD_CODEC_ZSTD);
	CHECK(strstr(r.fit, "writing that anyway") != NULL);
	CHECK(strstr(r.fit, "zstd level 12") != NULL);
	check_sound(out, -1);
}

/* Room enough from the start: nothing changes, nothing is said. */
TEST(fits_as_configured)
{
	struct kd_collect_result r;
	char out[160];

	snprintf(out, sizeof out, "%s/fit.ok", dir);
	CHECK_INT(fitted(out, KD_CODEC_LZO, KD_FORMAT_KDUMP, 0, 1 << 30, &r), 0);
	check_written(&r, out, 0, KD_CODEC_LZO);
	CHECK_STR(r.fit, "");
}

/* ELF: the level rises, the pages are never compressed. */
TEST(elf_raises_the_level_only)
{
	uint64_t big = size_at(KD_CODEC_NONE, KD_FORMAT_ELF, 0);
	uint64_t small = size_at(KD_CODEC_NONE, KD_FORMAT_ELF, 1);
	struct kd_collect_result r;
	char out[160];

	CHECK(small < big);
	snprintf(out, sizeof out, "%s/fit.elf", dir);
	CHECK_INT(fitted(out, KD_CODEC_NONE, KD_FORMAT_ELF, 0, small, &r), 0);
	CHECK_INT(r.dump_level, 1);
	CHECK_INT(r.codec, KD_CODEC_NONE);
	CHECK_INT(file_size(out), small);
	check_sound(out, 1);
	CHECK_INT(fitted(out, KD_CODEC_NONE, KD_FORMAT_ELF, 0, small - 1, &r), 0);
	CHECK_INT(r.codec, KD_CODEC_NONE);
	CHECK(strstr(r.fit, "writing that anyway") != NULL);
}

/* The free space of the output's filesystem, less the reserve; a pipe
 * has none to tell. */
TEST(auto_room)
{
	struct kd_error e;
	struct statvfs v;
	uint64_t room = 0, free_bytes;
	char out[160];
	int fd, p[2];

	snprintf(out, sizeof out, "%s/fit.auto", dir);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_INT(fstatvfs(fd, &v), 0);
	free_bytes = (uint64_t)v.f_bavail * v.f_frsize;
	CHECK_INT(kd_fit_room(fd, &room, &e), 0);
	CHECK(room < free_bytes);
	CHECK(room + KD_FIT_RESERVE(free_bytes) + (64 << 20) > free_bytes);
	close(fd);
	CHECK_INT(pipe(p), 0);
	CHECK_INT(kd_fit_room(p[1], &room, &e), -1);
	CHECK_INT(e.code, EINVAL);
	close(p[0]);
	close(p[1]);
}

/* KD_FIT_AUTO through kd_collect(): the dump is written, and fits. */
TEST(auto_through_collect)
{
	struct kd_collect_result r;
	char out[160];

	snprintf(out, sizeof out, "%s/fit.auto", dir);
	CHECK_INT(fitted(out, KD_CODEC_LZO, KD_FORMAT_KDUMP, 1, KD_FIT_AUTO, &r), 0);
	CHECK_INT(r.dump_level, 1);
	CHECK_STR(r.fit, "");
	check_sound(out, -1);
}

int main(void)
{
	if (scratch_setup("fit") || small_vmcore_setup())
		return 1;
	RUN(estimates_are_exact_on_small_dumps);
	RUN(sampled_estimate_has_a_margin);
	RUN(room_raises_the_level);
	RUN(room_compresses_harder);
	RUN(nothing_fits);
	RUN(fits_as_configured);
	RUN(elf_raises_the_level_only);
	RUN(auto_room);
	RUN(auto_through_collect);
	scratch_done();
	return unit_done();
}
