/* test_collect.c - collector/collect.c: kd_collect() on a small synthetic
 * vmcore falls back to no filtering without page tables, and names an
 * input it cannot open.  What the result says of the dump: the level
 * and codec written, the pages, whether it is degraded (pages
 * unreadable, no VMCOREINFO, no filtering) or cut short, and a stream's
 * SHA-256.  (The writers have their own tests; real crashes are in
 * tests/collector/.) */
#define UNIT_SUITE "collect"
#include <sys/resource.h>
#include <signal.h>
#include "small_vmcore.h"
#include "sha256.h"

TEST(no_filtering_without_page_data)
{
	struct kd_collect_result r;
	struct kd_error e;
	char out[160];

	/* the synthetic VMCOREINFO has no page tables: level 31 falls back */
	snprintf(out, sizeof out, "%s/dump.31", dir);
	CHECK_INT(collect(out, KD_CODEC_LZO, KD_FORMAT_KDUMP, 31, 0, &r, &e), 0);
	CHECK_INT(r.filtered, 0);
	CHECK_INT(r.stats.zero, 12);
	CHECK_INT(r.stats.free + r.stats.user + r.stats.cache, 0);
	/* what was written: level 1 (all that can be done), LZO */
	check_written(&r, out, 1, KD_CODEC_LZO);
	CHECK_INT(r.degraded, KD_DEGRADED_UNFILTERED);
}

/* A whole dump: not degraded, every page but the zero ones written. */
TEST(whole_dump)
{
	struct kd_collect_result r;
	struct kd_error e;
	char out[160];

	snprintf(out, sizeof out, "%s/dump.1", dir);
	CHECK_INT(collect(out, KD_CODEC_ZSTD, KD_FORMAT_KDUMP, 1, 0, &r, &e), 0);
	CHECK_INT(r.degraded, 0);
	CHECK_INT(r.incomplete, 0);
	check_written(&r, out, 1, KD_CODEC_ZSTD);
	/* 59 pages in RAM (the last one partial), 12 of them zeros */
	CHECK_INT(r.pages_written, PAGES_A + PAGES_B - 1 - 12);
	CHECK_STR(r.sha256, "");
	CHECK_STR(r.fit, "");
	snprintf(out, sizeof out, "%s/dump.elf", dir);
	CHECK_INT(collect(out, KD_CODEC_NONE, KD_FORMAT_ELF, 0, 0, &r, &e), 0);
	CHECK_INT(r.degraded, 0);
	CHECK_INT(r.pages_written, PAGES_A + PAGES_B - 1);
}

/* dir/vmcore.damaged: the vmcore with its first `from` replaced by `to`
 * (as long), then cut to `size` bytes (0: kept whole). */
static const char *damaged_copy(const char *from, const char *to, off_t size)
{
	static uint8_t buf[(2 + PAGES_A + PAGES_B) * PAGE];
	static char path[160];
	int in = open(vmcore, O_RDONLY), out;
	ssize_t n = in >= 0 ? read(in, buf, sizeof buf) : -1;
	size_t len = strlen(from), i;

	CHECK(n > 0);
	for (i = 0; n > 0 && i + len <= (size_t)n; i++)
		if (!memcmp(buf + i, from, len)) {
			memcpy(buf + i, to, len);
			break;
		}
	snprintf(path, sizeof path, "%s/vmcore.damaged", dir);
	out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(out >= 0 && write(out, buf, (size_t)n) == n);
	CHECK(!size || ftruncate(out, size) == 0);
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return path;
}

/* The degradation bits of an LZO dump of `input` at `level`. */
static unsigned degraded_at(const char *input, int level)
{
	struct kd_collect_result r;
	struct kd_error e;
	char out[160];

	snprintf(out, sizeof out, "%s/dump.damaged", dir);
	CHECK_INT(collect_from(input, out, KD_CODEC_LZO, KD_FORMAT_KDUMP, level,
			       0, &r, &e), 0);
	CHECK_INT(r.incomplete, 0);
	/* no read error without the bit that says so */
	CHECK_INT(!!r.stats.read_errors, !!(r.degraded & KD_DEGRADED_READ_ERRORS));
	return r.degraded;
}

TEST(degraded_without_vmcoreinfo)
{
	const char *in = damaged_copy("VMCOREINFO", "VMCOREINFX", 0);

	CHECK_INT(degraded_at(in, 1), KD_DEGRADED_NO_VMCOREINFO);
	CHECK_INT(degraded_at(in, 31),
		  KD_DEGRADED_NO_VMCOREINFO | KD_DEGRADED_UNFILTERED);
}

TEST(degraded_by_read_errors)
{
	/* the last 10 pages of PT_LOAD B are beyond the end of the file */
	const char *in = damaged_copy("", "", (2 + PAGES_A + PAGES_B - 10) * PAGE);

	CHECK_INT(degraded_at(in, 0), KD_DEGRADED_READ_ERRORS);
}

TEST(degraded_reasons)
{
	CHECK_STR(kd_degraded_reason(KD_DEGRADED_READ_ERRORS),
		  "pages unreadable, zero-filled");
	CHECK(kd_degraded_reason(KD_DEGRADED_NO_VMCOREINFO) != NULL);
	CHECK(kd_degraded_reason(KD_DEGRADED_UNFILTERED) != NULL);
	CHECK(kd_degraded_reason(0) == NULL);
	CHECK(kd_degraded_reason(3) == NULL);
	CHECK(kd_degraded_reason(8) == NULL);
}

/* The hash of a stream is that of every byte that went out. */
TEST(stream_sha256)
{
	char out[160], hex[KD_SHA256_HEX];
	struct kd_collect_result r;
	struct kd_error e;
	int fd;

	snprintf(out, sizeof out, "%s/dump.flat", dir);
	CHECK_INT(collect(out, KD_CODEC_ZLIB, KD_FORMAT_KDUMP, 1, 1, &r, &e), 0);
	fd = open(out, O_RDONLY);
	CHECK(fd >= 0);
	CHECK_INT(kd_sha256_file(fd, hex, &e), 0);
	CHECK_INT(strlen(r.sha256), 64);
	CHECK_STR(r.sha256, hex);
	close(fd);
	CHECK_INT(collect(out, KD_CODEC_NONE, KD_FORMAT_ELF, 31, 1, &r, &e), 0);
	fd = open(out, O_RDONLY);
	CHECK_INT(kd_sha256_file(fd, hex, &e), 0);
	CHECK_STR(r.sha256, hex);
	close(fd);
}

/* Cut short by the disk, a stream too: incomplete, and no hash. */
TEST(cut_short)
{
	struct rlimit old, small = { 64 << 10, 0 };
	struct kd_collect_result r;
	struct kd_error e;
	char out[160];

	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	small.rlim_max = old.rlim_max;
	snprintf(out, sizeof out, "%s/dump.cut", dir);
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &small), 0);
	CHECK_INT(collect(out, KD_CODEC_NONE, KD_FORMAT_KDUMP, 0, 0, &r, &e), -1);
	CHECK_INT(r.incomplete, 1);
	CHECK(r.pages_written < PAGES_A + PAGES_B - 1);
	CHECK_INT(collect(out, KD_CODEC_NONE, KD_FORMAT_KDUMP, 0, 1, &r, &e), -1);
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK_INT(r.incomplete, 1);
	CHECK_STR(r.sha256, "");
}

TEST(missing_input)
{
	struct kd_collect_opts o = KD_COLLECT_DEFAULTS;
	struct kd_collect_result r;
	struct kd_error e;

	o.vmcore = "/nonexistent/vmcore";
	CHECK_INT(kd_collect(&o, 1, &r, &e), -1);
	CHECK(strstr(e.msg, "/nonexistent/vmcore") != NULL);
	CHECK_INT(r.incomplete, 0);
	CHECK_INT(o.fit_bytes, 0);
}


int main(void)
{
	if (scratch_setup("collect") || small_vmcore_setup())
		return 1;
	RUN(no_filtering_without_page_data);
	RUN(whole_dump);
	RUN(degraded_without_vmcoreinfo);
	RUN(degraded_by_read_errors);
	RUN(degraded_reasons);
	RUN(stream_sha256);
	RUN(cut_short);
	RUN(missing_input);
	scratch_done();
	return unit_done();
}
