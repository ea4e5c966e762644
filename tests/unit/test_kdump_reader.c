/* test_kdump_reader.c - collector/kdump_reader.c on a dump of the small
 * synthetic vmcore: each page's status and contents, a descriptor table
 * cut short, a corrupt descriptor, and files that are not dumps. */
#define UNIT_SUITE "kdump_reader"
#include "small_vmcore.h"
#include "kdump_reader.h"

#define PFN_A (LOAD_A >> 12)
#define PFN_B (LOAD_B >> 12)

static char out[160];

/* A dump at level 1 with `codec`, opened: its descriptor, or -1. */
static int dump_and_open(enum kd_codec_kind codec, struct kd_kdump *k)
{
	struct kd_collect_result r;
	struct kd_error e;
	int fd;

	CHECK_INT(collect(out, codec, KD_FORMAT_KDUMP, 1, 0, &r, &e), 0);
	fd = open(out, O_RDWR);
	if (fd < 0 || kd_kdump_open_fd(k, fd, &e)) {
		CHECK(!"the dump opens");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

TEST(pages_and_their_status)
{
	uint8_t page[PAGE], want[PAGE];
	struct kd_kdump k;
	int fd = dump_and_open(KD_CODEC_ZLIB, &k);

	if (fd < 0)
		return;
	CHECK_INT(k.header_version, 6);
	CHECK_INT(k.nr_cpus, 2);
	CHECK_INT(k.dump_level, 1);
	CHECK_STR(k.release, "6.1.0-test");
	CHECK_INT(kd_kdump_read_page(&k, PFN_A + 1, page), KD_PAGE_OK);
	fill_page(want, 1);
	CHECK(!memcmp(page, want, PAGE));
	/* a zero page is the shared zero page */
	CHECK_INT(kd_kdump_read_page(&k, PFN_A + 3, page), KD_PAGE_OK);
	CHECK(page[0] == 0 && !memcmp(page, page + 1, PAGE - 1));
	CHECK_INT(kd_kdump_read_page(&k, PFN_B + 17, page), KD_PAGE_OK);
	fill_page(want, PAGES_A + 17);
	CHECK(!memcmp(page, want, PAGE));
	/* between the loads, the partial last page, beyond the end */
	CHECK_INT(kd_kdump_read_page(&k, PFN_A + PAGES_A, page), KD_PAGE_NOT_IN_RAM);
	CHECK_INT(kd_kdump_read_page(&k, PFN_B + PAGES_B - 1, page), KD_PAGE_NOT_IN_RAM);
	CHECK_INT(kd_kdump_read_page(&k, PFN_B + PAGES_B, page), KD_PAGE_NOT_IN_RAM);
	kd_kdump_close(&k);
	close(fd);
}

/* Descriptors: one claiming more than a page, one never written (offset
 * 0, as a full disk leaves them), then the file cut inside the table. */
TEST(corrupt_and_cut_short)
{
	uint8_t page[PAGE], d[24];
	struct kd_kdump k;
	struct kd_error e;
	int fd = dump_and_open(KD_CODEC_LZO, &k);

	if (fd < 0)
		return;
	kd_put_le32(d, PAGE + 1);
	CHECK(pwrite(fd, d, 4, (off_t)k.desc_offset + 8) == 4);
	memset(d, 0, sizeof d);
	CHECK(pwrite(fd, d, 24, (off_t)k.desc_offset + 2 * 24) == 24);
	CHECK_INT(kd_kdump_read_page(&k, PFN_A, page), KD_PAGE_ERROR);
	CHECK_INT(kd_kdump_read_page(&k, PFN_A + 1, page), KD_PAGE_OK);
	CHECK_INT(kd_kdump_read_page(&k, PFN_A + 2, page), KD_PAGE_INCOMPLETE);
	kd_kdump_close(&k);
	/* descriptor 10 is beyond the end; 9's page data went with the rest */
	CHECK(ftruncate(fd, (off_t)k.desc_offset + 24 * 10) == 0);
	CHECK_INT(kd_kdump_open_fd(&k, fd, &e), 0);
	CHECK_INT(kd_kdump_read_page(&k, PFN_A + 9, page), KD_PAGE_ERROR);
	CHECK_INT(kd_kdump_read_page(&k, PFN_A + 10, page), KD_PAGE_INCOMPLETE);
	kd_kdump_close(&k);
	close(fd);
}

TEST(not_a_dump)
{
	struct kd_kdump k;
	struct kd_error e;
	int fd = open(vmcore, O_RDONLY);

	CHECK_INT(kd_kdump_open_fd(&k, fd, &e), -1);
	CHECK_STR(e.msg, "not a kdump-compressed file");
	close(fd);
	fd = open(out, O_RDWR);
	CHECK(ftruncate(fd, 5000) == 0);
	CHECK_INT(kd_kdump_open_fd(&k, fd, &e), -1);
	CHECK_STR(e.msg, "file too short for a kdump header");
	close(fd);
}

int main(void)
{
	if (scratch_setup("kdump-reader") || small_vmcore_setup())
		return 1;
	snprintf(out, sizeof out, "%s/dump", dir);
	RUN(pages_and_their_status);
	RUN(corrupt_and_cut_short);
	RUN(not_a_dump);
	scratch_done();
	return unit_done();
}
