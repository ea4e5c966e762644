/* test_writefile.c - kd_write_file in a scratch directory: the mode, the
 * content, an existing file replaced, and no temporary file left behind
 * whether it succeeds or fails. */
#define UNIT_SUITE "writefile"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include "unit.h"
#include "readfile.h"
#include "rmtree.h"
#include "writefile.h"

static char top[64];

/* The names in the scratch directory (the current one), space-separated and sorted. */
static void names(char *out, size_t size)
{
	struct dirent **list;
	int n = scandir(".", &list, NULL, alphasort), i;
	size_t len = 0;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		if (list[i]->d_name[0] != '.' && len < size)
			len += (size_t)snprintf(out + len, size - len, "%s%s",
						len ? " " : "", list[i]->d_name);
		free(list[i]);
	}
	if (n >= 0)
		free(list);
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	return stat(path, &st) ? (mode_t)-1 : st.st_mode & 07777;
}

TEST(mode_and_content)
{
	struct kd_error e;
	char *text, list[256];
	mode_t old = umask(077);

	/* the mode is the caller's, whatever the umask */
	CHECK_INT(kd_write_text("a.conf", "line one\nline two\n", 0644, &e), 0);
	CHECK_INT(mode_of("a.conf"), 0644);
	text = kd_read_file("a.conf", 1 << 10, NULL);
	CHECK_STR(text, "line one\nline two\n");
	free(text);
	CHECK_INT(kd_write_file("b.bin", "x\0y", 3, 0600, &e), 0);
	CHECK_INT(mode_of("b.bin"), 0600);
	umask(old);
	names(list, sizeof list);
	CHECK_STR(list, "a.conf b.bin");
}

/* A new file under the name: a link to the old one keeps the old text. */
TEST(replaces_existing)
{
	struct kd_error e;
	char *text, list[256];

	CHECK_INT(kd_write_text("r", "old\n", 0644, &e), 0);
	CHECK_INT(link("r", "r.link"), 0);
	CHECK_INT(kd_write_text("r", "new\n", 0600, &e), 0);
	text = kd_read_file("r", 1 << 10, NULL);
	CHECK_STR(text, "new\n");
	free(text);
	CHECK_INT(mode_of("r"), 0600);
	text = kd_read_file("r.link", 1 << 10, NULL);
	CHECK_STR(text, "old\n");
	free(text);
	CHECK_INT(unlink("r.link"), 0);
	CHECK_INT(kd_write_text("r", "", 0600, &e), 0);
	text = kd_read_file("r", 1 << 10, NULL);
	CHECK_STR(text, "");
	free(text);
	names(list, sizeof list);
	CHECK_STR(list, "a.conf b.bin r");
}

TEST(failures_leave_nothing)
{
	struct kd_error e;
	char list[256];

	/* no directory: nothing can be created */
	CHECK_INT(kd_write_text("no/such/dir/f", "x", 0600, &e), -1);
	CHECK_INT(e.code, ENOENT);
	CHECK(strstr(e.msg, "cannot create ") != NULL);
	/* the temporary file is written, the rename fails: it goes */
	CHECK_INT(mkdir("d", 0700), 0);
	CHECK_INT(kd_write_text("d/f", "x", 0600, &e), 0);
	CHECK_INT(kd_write_text("d", "x", 0600, &e), -1);
	CHECK(e.code == EISDIR || e.code == ENOTEMPTY || e.code == EEXIST);
	CHECK(strstr(e.msg, "cannot write ") != NULL);
	CHECK_INT(unlink("d/f"), 0);
	CHECK_INT(rmdir("d"), 0);
	names(list, sizeof list);
	CHECK_STR(list, "a.conf b.bin r");
}

/* A write cut short (RLIMIT_FSIZE: the first write is short, the next
 * fails with EFBIG) reports that errno, and the old file stays. */
TEST(short_write_errno)
{
	struct rlimit old, lim;
	struct kd_error e;
	char big[4096], *text, list[256];
	void (*was)(int) = signal(SIGXFSZ, SIG_IGN);

	memset(big, 'z', sizeof big);
	CHECK_INT(getrlimit(RLIMIT_FSIZE, &old), 0);
	lim = old;
	lim.rlim_cur = 100;
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &lim), 0);
	e.code = 0;
	CHECK_INT(kd_write_file("r", big, sizeof big, 0600, &e), -1);
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, was);
	CHECK_INT(e.code, EFBIG);
	CHECK(strstr(e.msg, strerror(EFBIG)) != NULL);
	text = kd_read_file("r", 1 << 10, NULL);
	CHECK_STR(text, "");
	free(text);
	names(list, sizeof list);
	CHECK_STR(list, "a.conf b.bin r");
}

int main(void)
{
	struct kd_error e;

	snprintf(top, sizeof top, "/tmp/kd-writefile-XXXXXX");
	if (!mkdtemp(top) || chdir(top))
		return 1;
	RUN(mode_and_content);
	RUN(replaces_existing);
	RUN(failures_leave_nothing);
	RUN(short_write_errno);
	if (chdir("/"))
		printf("  cleanup: chdir /: %s\n", strerror(errno));
	if (kd_rmtree(AT_FDCWD, top, &e))
		printf("  cleanup: %s\n", e.msg);
	return unit_done();
}
