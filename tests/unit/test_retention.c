/* test_retention.c - which old dumps go, removing them safely, and where
 * the dump directory is on the running system. */
#define UNIT_SUITE "retention"
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "dumppath.h"
#include "kdump_conf.h"
#include "retention.h"
#include "rmtree.h"

static char top[64];

static void path_of(char *out, size_t size, const char *rel)
{
	snprintf(out, size, "%s/%s", top, rel);
}

static void make_dir(const char *rel)
{
	char p[512];

	path_of(p, sizeof p, rel);
	CHECK_INT(mkdir(p, 0700), 0);
}

/* A file of `kib` KiB of real (non-sparse) data. */
static void make_file(const char *rel, int kib)
{
	char p[512], buf[1024];
	int fd, i;

	path_of(p, sizeof p, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	memset(buf, 'x', sizeof buf);
	for (i = 0; i < kib; i++)
		CHECK_INT(write(fd, buf, sizeof buf), sizeof buf);
	close(fd);
}

static void make_link(const char *target, const char *rel)
{
	char p[512];

	path_of(p, sizeof p, rel);
	CHECK_INT(symlink(target, p), 0);
}

static int exists(const char *rel)
{
	char p[512];
	struct stat st;

	path_of(p, sizeof p, rel);
	return lstat(p, &st) == 0;
}

/* ---- names ---- */

TEST(dump_names)
{
	static const char *const good[] = {
		"127.0.0.1-2024-01-02-03:04:05",
		"192.168.122.17-2025-12-31-23:59:59",
		"127.0.0.1-2024-01-02-03:04:05-2",
		"127.0.0.1-2024-01-02-03:04:05-99",
		"fe80::1-2024-01-02-03:04:05",
	};
	static const char *const bad[] = {
		"", "vmcore", "lost+found", "2024-01-02-03:04",
		"-2024-01-02-03:04:05", "127.0.0.1-2024-01-02-03:04",
		"127.0.0.1-2024-01-02-03:04:05-1", "127.0.0.1-2024-01-02-03:04:05-02",
		"127.0.0.1-2024-01-02-03:04:05-100", "127.0.0.1-2024-01-02-03:04:05x",
		"127.0.0.1-2024-13-02-03:04:05", "127.0.0.1-2024-01-00-03:04:05",
		"127.0.0.1-2024-01-02-24:04:05", "127.0.0.1-2024-01-02-03:60:05",
		"127.0.0.1-2024-01-02_03:04:05", "host.example-2024-01-02-03:04:05",
		"127.0.0.1-2024-01-02-03:04:05/..", "../127.0.0.1-2024-01-02-03:04:05",
	};
	struct kd_dump d;
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		CHECK_INT(kd_dump_name(good[i], &d), 1);
		CHECK_STR(d.name, good[i]);
	}
	CHECK_INT(kd_dump_name("10.0.0.1-2024-05-06-07:08:09-12", &d), 1);
	CHECK_STR(d.stamp, "2024-05-06-07:08:09");
	CHECK_INT(d.seq, 12);
	CHECK_INT(kd_dump_name("10.0.0.1-2024-05-06-07:08:09", &d), 1);
	CHECK_INT(d.seq, 1);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (kd_dump_name(bad[i], &d)) {
			CHECK(!"accepted");
			printf("  accepted: %s\n", bad[i]);
		}
}

/* ---- selection: fake dumps, no files ---- */

static int fill(struct kd_dump *d, const char *const *names, const int *mib)
{
	int n;

	for (n = 0; names[n]; n++) {
		CHECK_INT(kd_dump_name(names[n], &d[n]), 1);
		d[n].bytes = (uint64_t)mib[n] << 20;
	}
	return n;
}

/* The names marked for removal, oldest first, blank-separated. */
static const char *removed(const struct kd_dump *d, int n)
{
	static char out[1024];
	int i;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		if (d[i].remove)
			snprintf(out + strlen(out), sizeof out - strlen(out),
				 "%s%s", out[0] ? " " : "", d[i].name);
	return out;
}

/* Listed out of order on purpose: the date in the name decides. */
static const char *const names[] = {
	"127.0.0.1-2024-03-01-00:00:00",
	"127.0.0.1-2023-12-31-23:59:59",
	"127.0.0.1-2024-03-01-00:00:00-2",
	"10.0.0.5-2024-01-15-12:00:00",
	"127.0.0.1-2024-02-01-08:30:00",
	NULL,
};
static const int sizes[] = { 100, 300, 50, 200, 400 };

TEST(select_by_count)
{
	struct kd_dump d[8];
	int n = fill(d, names, sizes);

	CHECK_INT(kd_retention_select(d, n, 0, 0), 0);
	CHECK_STR(removed(d, n), "");
	CHECK_STR(d[0].name, "127.0.0.1-2023-12-31-23:59:59");
	CHECK_STR(d[4].name, "127.0.0.1-2024-03-01-00:00:00-2");
	CHECK_INT(kd_retention_select(d, n, 2, 0), 3);
	CHECK_STR(removed(d, n), "127.0.0.1-2023-12-31-23:59:59 "
		  "10.0.0.5-2024-01-15-12:00:00 127.0.0.1-2024-02-01-08:30:00");
	CHECK_INT(kd_retention_select(d, n, 1, 0), 4);
	CHECK(!d[n - 1].remove);
	CHECK_INT(kd_retention_select(d, n, 5, 0), 0);
	CHECK_INT(kd_retention_select(d, n, 100, 0), 0);
	CHECK_INT(kd_retention_select(d, 0, 1, 1), 0);
}

TEST(select_by_size)
{
	struct kd_dump d[8];
	int n = fill(d, names, sizes);	/* 1050 MiB in all */

	CHECK_INT(kd_retention_select(d, n, 0, 1050ULL << 20), 0);
	/* 1049: the oldest (300) goes */
	CHECK_INT(kd_retention_select(d, n, 0, 1049ULL << 20), 1);
	CHECK_STR(removed(d, n), "127.0.0.1-2023-12-31-23:59:59");
	/* 500: 300, 200 go (550 left), then 400 (150 left) */
	CHECK_INT(kd_retention_select(d, n, 0, 500ULL << 20), 3);
	CHECK_STR(removed(d, n), "127.0.0.1-2023-12-31-23:59:59 "
		  "10.0.0.5-2024-01-15-12:00:00 127.0.0.1-2024-02-01-08:30:00");
	/* a budget smaller than the newest: all but the newest go */
	CHECK_INT(kd_retention_select(d, n, 0, 1), 4);
	CHECK(!d[n - 1].remove);
	/* both limits: the count first, then the size of the rest */
	CHECK_INT(kd_retention_select(d, n, 3, 149ULL << 20), 4);
	CHECK_STR(removed(d, n), "127.0.0.1-2023-12-31-23:59:59 "
		  "10.0.0.5-2024-01-15-12:00:00 127.0.0.1-2024-02-01-08:30:00 "
		  "127.0.0.1-2024-03-01-00:00:00");
	CHECK_INT(kd_retention_select(d, n, 3, 1ULL << 40), 2);
}

/* ---- the directory: only dump directories, never through links ---- */

static void make_crash_tree(void)
{
	make_dir("outside");
	make_file("outside/precious", 4);
	make_dir("crash");
	make_dir("crash/127.0.0.1-2024-01-01-00:00:00");
	make_file("crash/127.0.0.1-2024-01-01-00:00:00/vmcore", 64);
	make_dir("crash/127.0.0.1-2024-01-01-00:00:00/sub");
	make_file("crash/127.0.0.1-2024-01-01-00:00:00/sub/f", 1);
	make_link("../../outside", "crash/127.0.0.1-2024-01-01-00:00:00/link");
	make_dir("crash/127.0.0.1-2024-02-01-00:00:00");
	make_file("crash/127.0.0.1-2024-02-01-00:00:00/vmcore", 64);
	make_dir("crash/127.0.0.1-2024-03-01-00:00:00");
	make_file("crash/127.0.0.1-2024-03-01-00:00:00/vmcore", 64);
	/* look like dumps but are not directories of the dump directory */
	make_link("../outside", "crash/127.0.0.1-2023-01-01-00:00:00");
	make_file("crash/127.0.0.1-2023-02-01-00:00:00", 1);
	make_dir("crash/2023-03-01-00:00");	/* a raw target's restore */
	make_dir("crash/notes");
}

TEST(scan_only_dump_directories)
{
	struct kd_dump *d;
	struct kd_error e;
	char dir[512];
	int n;

	make_crash_tree();
	path_of(dir, sizeof dir, "crash");
	CHECK_INT(kd_retention_scan(dir, &d, &n, &e), 0);
	CHECK_INT(n, 3);
	CHECK_INT(kd_retention_select(d, n, 0, 0), 0);
	CHECK_STR(d[0].name, "127.0.0.1-2024-01-01-00:00:00");
	/* 64 KiB + 1 KiB and the directories; the link's target not counted */
	CHECK(d[0].bytes >= 65 * 1024 && d[0].bytes < 120 * 1024);
	free(d);
	CHECK_INT(kd_retention_scan("/nonexistent-dir", &d, &n, &e), -1);
	CHECK_STR(e.msg, "cannot open /nonexistent-dir: No such file or directory");
}

TEST(enforce_removes_oldest)
{
	struct kd_error e;
	char dir[512];

	path_of(dir, sizeof dir, "crash");
	CHECK_INT(kd_retention_enforce(dir, 0, 0, &e), 0);
	CHECK(exists("crash/127.0.0.1-2024-01-01-00:00:00"));
	CHECK_INT(kd_retention_enforce(dir, 2, 0, &e), 0);
	CHECK(!exists("crash/127.0.0.1-2024-01-01-00:00:00"));
	CHECK(exists("crash/127.0.0.1-2024-02-01-00:00:00"));
	CHECK(exists("crash/127.0.0.1-2024-03-01-00:00:00"));
	/* the symlink inside was removed as a link */
	CHECK(exists("outside/precious"));
	/* the look-alikes stay */
	CHECK(exists("crash/127.0.0.1-2023-01-01-00:00:00"));
	CHECK(exists("crash/127.0.0.1-2023-02-01-00:00:00"));
	CHECK(exists("crash/2023-03-01-00:00"));
	CHECK(exists("crash/notes"));
	/* a budget under one dump: only the newest stays */
	CHECK_INT(kd_retention_enforce(dir, 0, 1, &e), 0);
	CHECK(!exists("crash/127.0.0.1-2024-02-01-00:00:00"));
	CHECK(exists("crash/127.0.0.1-2024-03-01-00:00:00/vmcore"));
	CHECK(exists("outside/precious"));
}

TEST(rmtree_errors)
{
	struct kd_error e;
	uint64_t bytes;
	int fd;

	make_dir("ro");
	make_dir("ro/d");
	make_file("ro/d/f", 1);
	fd = open(top, O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0);
	CHECK_INT(kd_tree_size(fd, "ro", &bytes, &e), 0);
	CHECK(bytes >= 1024);
	CHECK_INT(kd_rmtree(fd, "missing", &e), -1);
	CHECK_STR(e.msg, "cannot stat missing: No such file or directory");
	/* a link to a directory is removed, not followed */
	make_link("ro", "ro-link");
	CHECK_INT(kd_rmtree(fd, "ro-link", &e), 0);
	CHECK(exists("ro/d/f"));
	CHECK_INT(kd_rmtree(fd, "ro", &e), 0);
	CHECK(!exists("ro"));
	close(fd);
}

/* ---- where the dumps are ---- */

static void put(const char *rel, const char *text)
{
	char p[512];
	FILE *f;

	path_of(p, sizeof p, rel);
	f = fopen(p, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static int dump_path(const char *conf_text, char *out, size_t size,
		     struct kd_error *e)
{
	struct kdump_conf conf;
	struct kd_diag d;
	int ret;

	kd_diag_init(&d, "kdump.conf");
	d.quiet = 1;
	CHECK_INT(kdump_conf_parse(&conf, conf_text, strlen(conf_text), &d), 0);
	ret = kd_dump_path(&conf, top, out, size, e);
	kdump_conf_free(&conf);
	return ret;
}

TEST(where_the_dumps_are)
{
	struct kd_error e;
	char out[512];

	make_dir("proc");
	make_dir("proc/self");
	make_dir("dev");
	make_dir("dev/disk");
	make_dir("dev/disk/by-label");
	make_dir("dev/disk/by-uuid");
	put("dev/vdb1", "");
	put("dev/vdc1", "");
	make_link("../../vdb1", "dev/disk/by-label/DUMPS");
	make_link("../../vdb1", "dev/disk/by-uuid/1234-abcd");
	make_link("../../vdc1", "dev/disk/by-label/BIND");
	put("proc/self/mountinfo",
	    "22 1 254:1 / / rw,relatime - ext4 /dev/vda1 rw\n"
	    "30 22 254:33 /sub /srv/bind rw - ext4 /dev/vdc1 rw\n"
	    "31 22 254:17 / /mnt/dumps\\040here rw - xfs /dev/vdb1 rw\n"
	    "32 22 0:40 / /mnt/shared rw - virtiofs hostshare rw\n");

	CHECK_INT(dump_path("path /var/crash\n", out, sizeof out, &e), 0);
	CHECK_STR(out, "/var/crash");
	CHECK_INT(dump_path("xfs LABEL=DUMPS\npath /crash\n", out, sizeof out, &e), 0);
	CHECK_STR(out, "/mnt/dumps here/crash");
	CHECK_INT(dump_path("xfs UUID=1234-abcd\npath /\n", out, sizeof out, &e), 0);
	CHECK_STR(out, "/mnt/dumps here");
	CHECK_INT(dump_path("xfs /dev/vdb1\n", out, sizeof out, &e), 0);
	CHECK_STR(out, "/mnt/dumps here/var/crash");
	CHECK_INT(dump_path("virtiofs hostshare\npath /d\n", out, sizeof out, &e), 0);
	CHECK_STR(out, "/mnt/shared/d");
	/* only a bind mount of a subdirectory: not the filesystem's root */
	CHECK_INT(dump_path("ext4 LABEL=BIND\n", out, sizeof out, &e), 1);
	CHECK_STR(e.msg, "the dump target LABEL=BIND is not mounted: its dumps "
		  "were not looked at");
	CHECK_INT(dump_path("ext4 LABEL=NONE\n", out, sizeof out, &e), 1);
	CHECK_STR(e.msg, "the dump target LABEL=NONE is not present here (No "
		  "such file or directory): its dumps were not looked at");
	CHECK_INT(dump_path("raw /dev/vdb1\n", out, sizeof out, &e), 1);
	CHECK_STR(e.msg, "the dumps on the raw target /dev/vdb1 are not looked "
		  "at from here");
	CHECK_INT(dump_path("nfs server:/export\n", out, sizeof out, &e), 1);
	CHECK_INT(dump_path("ssh root@server\n", out, sizeof out, &e), 1);
}

int main(void)
{
	snprintf(top, sizeof top, "/tmp/kd-retention-XXXXXX");
	if (!mkdtemp(top))
		return 1;
	RUN(dump_names);
	RUN(select_by_count);
	RUN(select_by_size);
	RUN(scan_only_dump_directories);
	RUN(enforce_removes_oldest);
	RUN(rmtree_errors);
	RUN(where_the_dumps_are);
	{
		struct kd_error e;

		if (kd_rmtree(AT_FDCWD, top, &e))
			printf("  cleanup: %s\n", e.msg);
	}
	return unit_done();
}
