/* test_grub.c - the default crashkernel=, writing it for GRUB (a drop-in
 * in a scratch directory, a fake grubby), and the sysrq sequence of
 * `kdumpctl test` on a fake /proc. */
#define UNIT_SUITE "grub"
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "crashdefault.h"
#include "crashkernel.h"
#include "grub.h"
#include "readfile.h"
#include "rmtree.h"
#include "sysrq.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

static char top[64];

static char *slurp(const char *rel)
{
	char p[512];

	snprintf(p, sizeof p, "%s/%s", top, rel);
	return kd_read_file(p, 1 << 20, NULL);
}

static void put(const char *rel, const char *text, mode_t mode)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof p, "%s/%s", top, rel);
	f = fopen(p, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
	CHECK_INT(chmod(p, mode), 0);
}

TEST(default_value)
{
	const char *v = kd_default_crashkernel();
	struct kd_crashkernel ck;
	char why[256];

	CHECK(v != NULL);
	if (!v)
		return;
	CHECK_STR(v, "1G-4G:160M,4G-64G:192M,64G-1T:256M,1T-:512M");
	CHECK_INT(kd_crashkernel_parse(v, &ck, why, sizeof why), 0);
	CHECK_INT(kd_crashkernel_writable(v, why, sizeof why), 0);
	CHECK_INT(kd_crashkernel_size(&ck, 512 * MiB), 0);
	CHECK_INT(kd_crashkernel_size(&ck, 2 * GiB), 160 * MiB);
	CHECK_INT(kd_crashkernel_size(&ck, 4 * GiB), 192 * MiB);
	CHECK_INT(kd_crashkernel_size(&ck, 64 * GiB), 256 * MiB);
	CHECK_INT(kd_crashkernel_size(&ck, 4096 * GiB), 512 * MiB);
	/* more than the measured 96M everywhere, multiples of 16M */
	for (int i = 0; i < ck.nranges; i++) {
		CHECK(ck.ranges[i].size > 96 * MiB);
		CHECK_INT(ck.ranges[i].size % (16 * MiB), 0);
	}
}

TEST(writable_values)
{
	char why[256];

	CHECK_INT(kd_crashkernel_writable("256M", why, sizeof why), 0);
	CHECK_INT(kd_crashkernel_writable("512M@16M", why, sizeof why), 0);
	CHECK_INT(kd_crashkernel_writable("", why, sizeof why), -1);
	CHECK_INT(kd_crashkernel_writable("256M $(reboot)", why, sizeof why), -1);
	CHECK_STR(why, "\"256M $(reboot)\": only digits, letters and , : - @ "
		  "are allowed");
	CHECK_INT(kd_crashkernel_writable("256M\"", why, sizeof why), -1);
	CHECK_INT(kd_crashkernel_writable("4G-1G:256M", why, sizeof why), -1);
	CHECK_INT(kd_crashkernel_writable("lots", why, sizeof why), -1);
}

static struct kd_grub dropin_setup(const char *update)
{
	struct kd_grub g;

	memset(&g, 0, sizeof g);
	g.dir_given = 1;
	snprintf(g.dir, sizeof g.dir, "%s/grub.d", top);
	if (update)
		snprintf(g.update, sizeof g.update, "%s/%s", top, update);
	return g;
}

TEST(dropin)
{
	struct kd_grub g = dropin_setup("update-grub");
	char where[1024], want[1024], path[512];
	struct kd_error e;
	struct stat st;
	char *text;

	/* the fake update-grub records that it ran */
	put("update-grub", "#!/bin/sh\necho ran >> \"${0%/*}/update.log\"\n", 0755);
	CHECK_INT(kd_grub_set_crashkernel(&g, NULL, "256M", where, sizeof where,
					  &e), 0);
	snprintf(path, sizeof path, "%s/grub.d/" KD_GRUB_DROPIN, top);
	CHECK_STR(where, path);
	text = slurp("grub.d/" KD_GRUB_DROPIN);
	CHECK_INT(kd_grub_dropin_text("256M", want, sizeof want), 0);
	CHECK_STR(text, want);
	CHECK(text && strstr(text, "\nGRUB_CMDLINE_LINUX_DEFAULT=\""
			     "$GRUB_CMDLINE_LINUX_DEFAULT crashkernel=256M\"\n"));
	free(text);
	CHECK_INT(stat(path, &st), 0);
	CHECK_INT(st.st_mode & 07777, 0644);
	text = slurp("update.log");
	CHECK_STR(text, "ran\n");
	free(text);
	/* the same again: nothing changes, update-grub does not run */
	CHECK_INT(kd_grub_set_crashkernel(&g, "ALL", "256M", where, sizeof where,
					  &e), 1);
	text = slurp("update.log");
	CHECK_STR(text, "ran\n");
	free(text);
	/* another value replaces it */
	CHECK_INT(kd_grub_set_crashkernel(&g, NULL, "1G-4G:160M,4G-:192M", where,
					  sizeof where, &e), 0);
	text = slurp("grub.d/" KD_GRUB_DROPIN);
	CHECK(text && strstr(text, " crashkernel=1G-4G:160M,4G-:192M\"\n"));
	free(text);
	text = slurp("update.log");
	CHECK_STR(text, "ran\nran\n");
	free(text);
}

TEST(dropin_failures)
{
	struct kd_grub g = dropin_setup("false-update");
	char where[1024];
	struct kd_error e;

	put("false-update", "#!/bin/sh\nexit 3\n", 0755);
	CHECK_INT(kd_grub_set_crashkernel(&g, NULL, "128M", where, sizeof where,
					  &e), -1);
	CHECK(strstr(e.msg, "kdump-crashkernel.cfg is written but ") != NULL);
	CHECK(strstr(e.msg, "false-update failed (exit 3)") != NULL);
	/* no update program at all (a test directory): just the file */
	g = dropin_setup(NULL);
	CHECK_INT(kd_grub_set_crashkernel(&g, NULL, "144M", where, sizeof where,
					  &e), 0);
	/* a directory that cannot be created */
	snprintf(g.dir, sizeof g.dir, "%s/no/such/dir", top);
	CHECK_INT(kd_grub_set_crashkernel(&g, NULL, "144M", where, sizeof where,
					  &e), -1);
	CHECK(strstr(e.msg, "cannot create ") != NULL);
}

TEST(with_grubby)
{
	struct kd_grub g;
	char where[1024];
	struct kd_error e;
	char *log;

	/* --info shows two entries, crashkernel= on the first only; --update
	 * records its arguments */
	put("grubby",
	    "#!/bin/sh\n"
	    "echo \"$*\" >> \"${0%/*}/grubby.log\"\n"
	    "case $1 in\n"
	    "--info) [ \"$2\" = ALL ] || [ \"$2\" = /boot/vmlinuz-1 ] || exit 1\n"
	    "  echo 'index=0'; echo 'kernel=\"/boot/vmlinuz-1\"'\n"
	    "  echo \"args=\\\"ro crashkernel=$(cat \"${0%/*}/ck\")\\\"\"\n"
	    "  echo 'index=1'; echo 'kernel=\"/boot/vmlinuz-2\"'\n"
	    "  echo \"args=\\\"ro $(cat \"${0%/*}/ck2\")\\\"\"\n"
	    "esac\n", 0755);
	put("ck", "256M", 0644);
	put("ck2", "quiet", 0644);
	memset(&g, 0, sizeof g);
	snprintf(g.grubby, sizeof g.grubby, "%s/grubby", top);
	CHECK_INT(kd_grub_set_crashkernel(&g, NULL, "256M", where, sizeof where,
					  &e), 0);
	CHECK_STR(where, "the boot entries of ALL (grubby)");
	log = slurp("grubby.log");
	CHECK_STR(log, "--info ALL\n--update-kernel ALL --args crashkernel=256M\n");
	free(log);
	/* every entry has it: nothing runs */
	put("ck2", "crashkernel=256M", 0644);
	CHECK_INT(kd_grub_set_crashkernel(&g, NULL, "256M", where, sizeof where,
					  &e), 1);
	/* crashkernel=2560M is not crashkernel=256M */
	put("ck", "2560M", 0644);
	CHECK_INT(kd_grub_set_crashkernel(&g, "/boot/vmlinuz-1", "256M", where,
					  sizeof where, &e), 0);
	CHECK_STR(where, "the boot entries of /boot/vmlinuz-1 (grubby)");
	/* a kernel grubby does not know */
	CHECK_INT(kd_grub_set_crashkernel(&g, "/boot/nothing", "256M", where,
					  sizeof where, &e), -1);
	CHECK(strstr(e.msg, "--info /boot/nothing failed (exit 1)") != NULL);
}

TEST(environment)
{
	struct kd_grub g;

	setenv("KDUMP_GRUB_DIR", "/tmp/x", 1);
	unsetenv("KDUMP_GRUBBY");
	unsetenv("KDUMP_UPDATE_GRUB");
	kd_grub_from_env(&g);
	CHECK_INT(g.dir_given, 1);
	CHECK_STR(g.dir, "/tmp/x");
	CHECK_STR(g.grubby, "");
	CHECK_STR(g.update, "");
	setenv("KDUMP_UPDATE_GRUB", "/bin/true", 1);
	kd_grub_from_env(&g);
	CHECK_STR(g.update, "/bin/true");
	unsetenv("KDUMP_GRUB_DIR");
	setenv("KDUMP_GRUBBY", "", 1);
	kd_grub_from_env(&g);
	CHECK_INT(g.dir_given, 0);
	CHECK_STR(g.dir, KD_GRUB_DIR);
	CHECK_STR(g.grubby, "");
	unsetenv("KDUMP_GRUBBY");
	unsetenv("KDUMP_UPDATE_GRUB");
}

TEST(sysrq_sequence)
{
	struct kd_error e;
	char root[256];
	char *text;

	snprintf(root, sizeof root, "%s/fake", top);
	CHECK_INT(kd_sysrq_crash(root, &e), -1);
	CHECK(strstr(e.msg, "/proc/sys/kernel/sysrq: No such file") != NULL);
	CHECK_INT(mkdir(root, 0700), 0);
	snprintf(root, sizeof root, "%s/fake/proc", top);
	CHECK_INT(mkdir(root, 0700), 0);
	snprintf(root, sizeof root, "%s/fake/proc/sys", top);
	CHECK_INT(mkdir(root, 0700), 0);
	snprintf(root, sizeof root, "%s/fake/proc/sys/kernel", top);
	CHECK_INT(mkdir(root, 0700), 0);
	put("fake/proc/sys/kernel/sysrq", "0\n", 0644);
	snprintf(root, sizeof root, "%s/fake", top);
	/* no sysrq-trigger: sysrq enabled, then the error */
	CHECK_INT(kd_sysrq_crash(root, &e), -1);
	CHECK(strstr(e.msg, "/proc/sysrq-trigger: No such file") != NULL);
	put("fake/proc/sysrq-trigger", "", 0200);
	CHECK_INT(kd_sysrq_crash(root, &e), 0);
	text = slurp("fake/proc/sys/kernel/sysrq");
	CHECK_STR(text, "1\n");
	free(text);
	text = slurp("fake/proc/sysrq-trigger");
	CHECK_STR(text, "c");
	free(text);
}

int main(void)
{
	struct kd_error e;

	snprintf(top, sizeof top, "/tmp/kd-grub-XXXXXX");
	if (!mkdtemp(top))
		return 1;
	RUN(default_value);
	RUN(writable_values);
	RUN(dropin);
	RUN(dropin_failures);
	RUN(with_grubby);
	RUN(environment);
	RUN(sysrq_sequence);
	if (kd_rmtree(AT_FDCWD, top, &e))
		printf("  cleanup: %s\n", e.msg);
	return unit_done();
}
