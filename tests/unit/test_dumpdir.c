/* test_dumpdir.c - dump directory naming and modes; running hooks. */
#define UNIT_SUITE "dumpdir"
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "dumpdir.h"
#include "run.h"

static char top[64];

TEST(name_mode_and_uniqueness)
{
	char dir[4200], dir2[4200], want[4200];
	struct kd_error e;
	struct stat st;

	/* 2024-01-02 03:04:05 UTC */
	CHECK_INT(kd_dumpdir_create(top, "var/crash", "127.0.0.1", 1704164645,
				    dir, sizeof dir, &e), 0);
	snprintf(want, sizeof want, "%s/var/crash/127.0.0.1-2024-01-02-03:04:05", top);
	CHECK_STR(dir, want);
	CHECK_INT(stat(dir, &st), 0);
	CHECK_INT(st.st_mode & 07777, 0700);
	snprintf(want, sizeof want, "%s/var", top);
	CHECK_INT(stat(want, &st), 0);
	CHECK_INT(st.st_mode & 07777, 0700);
	/* the same second again: a new directory, never a shared one */
	CHECK_INT(kd_dumpdir_create(top, "/var/crash/", "127.0.0.1", 1704164645,
				    dir2, sizeof dir2, &e), 0);
	CHECK(strstr(dir2, "03:04:05-2") != NULL);
	rmdir(dir);
	rmdir(dir2);
}

TEST(unwritable_parent)
{
	char dir[4200];
	struct kd_error e;

	CHECK_INT(kd_dumpdir_create("/proc", "crash", "h", 0, dir, sizeof dir, &e), -1);
	CHECK(strstr(e.msg, "cannot create /proc/crash") != NULL);
}

static void script(const char *name, const char *body)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/hooks/%s", top, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	chmod(path, 0700);
}

TEST(hooks_in_order_with_status)
{
	char dir[256], log[256], cmd[600], *argv[3];
	FILE *f;
	char buf[256] = "";

	snprintf(dir, sizeof dir, "%s/hooks", top);
	mkdir(dir, 0700);
	snprintf(log, sizeof log, "%s/log", top);
	snprintf(cmd, sizeof cmd, "echo b:$1 >> %s", log);
	script("20-b", cmd);
	snprintf(cmd, sizeof cmd, "echo a:$1 >> %s", log);
	script("10-a", cmd);
	script("30-fails", "exit 3");
	script(".hidden", "exit 9");
	CHECK_INT(kd_run_dir(dir, "0"), 1);
	f = fopen(log, "r");
	CHECK(f != NULL);
	if (f) {
		size_t n = fread(buf, 1, sizeof buf - 1, f);

		buf[n] = '\0';
		fclose(f);
	}
	CHECK_STR(buf, "a:0\nb:0\n");
	snprintf(cmd, sizeof cmd, "%s/hooks/30-fails", top);
	argv[0] = cmd;
	argv[1] = NULL;
	CHECK_INT(kd_run(argv), 3);
	argv[0] = "/nonexistent";
	CHECK_INT(kd_run(argv), 127);
	CHECK_INT(kd_run_dir("/nonexistent-dir", NULL), 0);
}

int main(void)
{
	char cmd[128];

	snprintf(top, sizeof top, "/tmp/kd-dumpdir-XXXXXX");
	if (!mkdtemp(top))
		return 1;
	RUN(name_mode_and_uniqueness);
	RUN(unwritable_parent);
	RUN(hooks_in_order_with_status);
	snprintf(cmd, sizeof cmd, "%s", top);
	{
		char *argv[] = { "/bin/rm", "-rf", cmd, NULL };
		kd_run(argv);
	}
	return unit_done();
}
