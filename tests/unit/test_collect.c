/* test_collect.c - the collector on a small synthetic vmcore: every format
 * and codec, byte-level header checks, read-back, -F | -R, and a write
 * that runs out of room.  (Real crashes are in tests/collector/.) */
#define UNIT_SUITE "collect"
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "elfcore.h"
#include "collect.h"
#include "flat_reader.h"
#include "kdump_reader.h"
#include "log.h"
#include "verify.h"

#define PAGE 4096
#define LOAD_A 0x100000ULL	/* 40 pages */
#define LOAD_B 0x200000ULL	/* 20 pages, the last one partial */
#define PAGES_A 40
#define PAGES_B 20

static char dir[64], vmcore[128];
static const char vmcoreinfo[] =
	"OSRELEASE=6.1.0-test\nPAGESIZE=4096\nCRASHTIME=1700000000\n";


/* Page i of the synthetic memory: every 5th page zero, the rest a pattern. */
static void fill_page(uint8_t *p, unsigned i)
{
	unsigned j;

	if (i % 5 == 3) {
		memset(p, 0, PAGE);
		return;
	}
	for (j = 0; j < PAGE; j++)
		p[j] = (uint8_t)(i * 7 + j / 64);
}

static void make_vmcore(void)
{
	uint8_t hdr[2 * PAGE], page[PAGE], prstatus[336];
	size_t notes = 0;
	unsigned i;
	int fd;

	memset(hdr, 0, sizeof hdr);
	memset(prstatus, 0, sizeof prstatus);
	memcpy(hdr, "\177ELF\2\1\1", 7);
	put16(hdr + 16, 4);		/* ET_CORE */
	put16(hdr + 18, 62);		/* EM_X86_64 */
	put32(hdr + 20, 1);
	put64(hdr + 32, 64);
	put16(hdr + 52, 64);
	put16(hdr + 54, 56);
	put16(hdr + 56, 3);
	notes += note(hdr + PAGE + notes, "CORE", 1, prstatus, sizeof prstatus);
	notes += note(hdr + PAGE + notes, "CORE", 1, prstatus, sizeof prstatus);
	notes += note(hdr + PAGE + notes, "VMCOREINFO", 0, vmcoreinfo,
		      sizeof vmcoreinfo - 1);
	phdr_load(hdr + 64, 4, PAGE, 0, 0, notes);
	phdr_load(hdr + 64 + 56, 1, 2 * PAGE, 0xffff888000000000ULL + LOAD_A, LOAD_A,
	     PAGES_A * PAGE);
	phdr_load(hdr + 64 + 112, 1, (2 + PAGES_A) * PAGE, 0xffff888000000000ULL + LOAD_B,
	     LOAD_B, PAGES_B * PAGE - 100);
	fd = open(vmcore, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK(write(fd, hdr, sizeof hdr) == (ssize_t)sizeof hdr);
	for (i = 0; i < PAGES_A + PAGES_B; i++) {
		fill_page(page, i);
		CHECK(write(fd, page, PAGE) == PAGE);
	}
	CHECK(ftruncate(fd, (2 + PAGES_A + PAGES_B) * PAGE - 100) == 0);
	close(fd);
}

static int files_equal(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int ca, cb, same = fa && fb;

	while (same) {
		ca = getc(fa);
		cb = getc(fb);
		same = ca == cb;
		if (ca == EOF)
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

static void remove_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char file[300];

	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.') {
			snprintf(file, sizeof file, "%s/%s", path, de->d_name);
			unlink(file);
		}
	if (d)
		closedir(d);
	rmdir(path);
}

static int collect(const char *out, enum kd_codec_kind codec,
		   enum kd_format format, int level, int flat,
		   struct kd_collect_result *r, struct kd_error *e)
{
	struct kd_collect_opts o = KD_COLLECT_DEFAULTS;
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600), ret;

	o.vmcore = vmcore;
	o.codec = codec;
	o.format = format;
	o.dump_level = level;
	o.flat = flat;
	o.message_level = 0;
	ret = kd_collect(&o, fd, r, e);
	close(fd);
	return ret;
}

static uint32_t u32_at(const char *path, off_t off)
{
	uint32_t v = 0;
	int fd = open(path, O_RDONLY);

	if (fd >= 0) {
		if (pread(fd, &v, 4, off) != 4)
			v = 0xffffffff;
		close(fd);
	}
	return v;
}

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
}

TEST(missing_input)
{
	struct kd_collect_opts o = KD_COLLECT_DEFAULTS;
	struct kd_collect_result r;
	struct kd_error e;

	o.vmcore = "/nonexistent/vmcore";
	CHECK_INT(kd_collect(&o, 1, &r, &e), -1);
	CHECK(strstr(e.msg, "/nonexistent/vmcore") != NULL);
}

int main(void)
{
	kd_log_set_level(KD_LOG_ERR);
	snprintf(dir, sizeof dir, "/tmp/kd-collect-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(vmcore, sizeof vmcore, "%s/vmcore", dir);
	make_vmcore();
	RUN(kdump_every_codec);
	RUN(elf_output);
	RUN(flattened_then_rearranged);
	RUN(out_of_room_marks_incomplete);
	RUN(no_filtering_without_page_data);
	RUN(missing_input);
	if (!getenv("KD_KEEP"))
		remove_dir(dir);
	else
		printf("kept %s\n", dir);
	return unit_done();
}
