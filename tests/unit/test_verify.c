/* test_verify.c - collector/verify.c on dumps of the small synthetic
 * vmcore: sound dumps pass; a stored page changed, or a page left out of
 * the 2nd bitmap that the vmcore says is dumpable and not zero, fail with
 * the pfn. */
#define UNIT_SUITE "verify"
#include "small_vmcore.h"
#include "verify.h"
#include <sys/stat.h>

#define LAST_DATA_PFN ((LOAD_B >> 12) + 17)	/* page 57, the last kept */
#define BITMAP2 (3 * PAGE)	/* after the header, sub header, 1st bitmap */

static void patch(const char *path, off_t off, const char *bytes)
{
	int fd = open(path, O_WRONLY);

	CHECK(fd >= 0);
	CHECK(pwrite(fd, bytes, strlen(bytes), off) == (ssize_t)strlen(bytes));
	close(fd);
}

TEST(sound_dumps_pass)
{
	struct kd_collect_result r;
	struct kd_verify_result v;
	struct kd_error e;
	char out[160];

	snprintf(out, sizeof out, "%s/dump", dir);
	CHECK_INT(collect(out, KD_CODEC_LZO, KD_FORMAT_KDUMP, 1, 0, &r, &e), 0);
	/* zero pages are kept, as the shared zero page */
	CHECK_INT(kd_verify(vmcore, out, -1, &v, &e), 0);
	CHECK_INT(v.checked, PAGES_A + PAGES_B - 1);
	CHECK_INT(v.mismatched + v.wrongly_excluded + v.incomplete, 0);
	CHECK_INT(collect(out, KD_CODEC_NONE, KD_FORMAT_ELF, 0, 0, &r, &e), 0);
	CHECK_INT(kd_verify(vmcore, out, 0, &v, &e), 0);
	CHECK_INT(v.mismatched + v.wrongly_excluded, 0);
}

TEST(changed_page_is_caught)
{
	struct kd_collect_result r;
	struct kd_verify_result v;
	struct kd_error e;
	char out[160];
	struct stat st;

	snprintf(out, sizeof out, "%s/dump-raw", dir);
	CHECK_INT(collect(out, KD_CODEC_NONE, KD_FORMAT_KDUMP, 1, 0, &r, &e), 0);
	CHECK_INT(stat(out, &st), 0);
	/* the last stored page is the last one written */
	patch(out, st.st_size - 100, "XXXXXXXX");
	CHECK_INT(kd_verify(vmcore, out, -1, &v, &e), -1);
	CHECK_INT(v.mismatched, 1);
	CHECK_INT(v.wrongly_excluded, 0);
	CHECK_INT(v.first_bad_pfn, LAST_DATA_PFN);
	CHECK(strstr(e.msg, "1 pages differ from the vmcore") != NULL);
}

TEST(missing_page_is_caught)
{
	struct kd_collect_result r;
	struct kd_verify_result v;
	struct kd_error e;
	char out[160], byte = 0;
	int fd;

	snprintf(out, sizeof out, "%s/dump-1", dir);
	CHECK_INT(collect(out, KD_CODEC_ZSTD, KD_FORMAT_KDUMP, 1, 0, &r, &e), 0);
	/* the last page's bit cleared: the dump says it left it out */
	fd = open(out, O_RDWR);
	CHECK(fd >= 0);
	CHECK(pread(fd, &byte, 1, BITMAP2 + LAST_DATA_PFN / 8) == 1);
	CHECK(byte & 1 << (LAST_DATA_PFN & 7));
	byte &= (char)~(1 << (LAST_DATA_PFN & 7));
	CHECK(pwrite(fd, &byte, 1, BITMAP2 + LAST_DATA_PFN / 8) == 1);
	close(fd);
	CHECK_INT(kd_verify(vmcore, out, -1, &v, &e), -1);
	CHECK_INT(v.wrongly_excluded, 1);
	CHECK_INT(v.first_bad_pfn, LAST_DATA_PFN);
	/* and the zero page after it now reads the page's descriptor */
	CHECK_INT(v.mismatched, 1);
	CHECK(strstr(e.msg, "1 dumpable pages are missing") != NULL);
}

int main(void)
{
	if (scratch_setup("verify") || small_vmcore_setup())
		return 1;
	RUN(sound_dumps_pass);
	RUN(changed_page_is_caught);
	RUN(missing_page_is_caught);
	scratch_done();
	return unit_done();
}
