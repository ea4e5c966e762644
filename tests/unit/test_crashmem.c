/* test_crashmem.c - reading the reservation from a fake /proc and /sys. */
#define UNIT_SUITE "crashmem"
#include <stdlib.h>
#include <sys/stat.h>
#include "unit.h"
#include "crashmem.h"

static char root[64];

static void put(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", root, rel);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(text, f);
	fclose(f);
}

static void remove_tree(void)
{
	static const char *const files[] = {
		"proc/cmdline", "proc/iomem", "sys/kernel/kexec_crash_loaded",
		"sys/kernel/kexec_crash_size", "sys/kernel", "sys", "proc", "",
	};
	char path[256];
	size_t i;

	for (i = 0; root[0] && i < sizeof files / sizeof files[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", root, files[i]);
		remove(path);
	}
	root[0] = '\0';
}

static void make_tree(const char *cmdline, const char *loaded, const char *size)
{
	char path[256];

	remove_tree();
	snprintf(root, sizeof root, "/tmp/kd-crashmem-XXXXXX");
	CHECK(mkdtemp(root) != NULL);
	snprintf(path, sizeof path, "%s/proc", root);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/sys", root);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/sys/kernel", root);
	mkdir(path, 0700);
	put("proc/cmdline", cmdline);
	if (loaded)
		put("sys/kernel/kexec_crash_loaded", loaded);
	if (size)
		put("sys/kernel/kexec_crash_size", size);
	put("proc/iomem",
	    "00000000-00000fff : Reserved\n"
	    "00001000-0009fbff : System RAM\n"
	    "00100000-3ffdffff : System RAM\n"
	    "  0e000000-1dffffff : Crash kernel\n"
	    "  33000000-33e02581 : Kernel code\n"
	    "  34000000-348fffff : Kernel rodata\n"
	    "  34a00000-34c4efff : Kernel data\n"
	    "  3511b000-361fffff : Kernel bss\n"
	    "fd000000-fdffffff : PCI Bus 0000:00\n");
}

TEST(reserved_and_loaded)
{
	struct kd_crashmem m;
	struct kd_error e;

	make_tree("root=/dev/vda ro crashkernel=256M console=ttyS0\n", "1\n", "268435456\n");
	CHECK_INT(kd_crashmem_read(&m, root, &e), 0);
	CHECK_INT(m.kexec_supported, 1);
	CHECK_INT(m.loaded, 1);
	CHECK_INT(m.size, 268435456);
	CHECK_STR(m.crashkernel, "256M");
	CHECK_INT(m.nregions, 1);
	CHECK_INT(m.start[0], 0x0e000000);
	CHECK_INT(m.end[0], 0x1dffffff);
	CHECK_INT(m.ram, (0x9fc00 - 0x1000) + (0x3ffe0000 - 0x100000));
	CHECK_INT(m.kernel_image, 0x36200000 - 0x33000000);
	CHECK_INT(kd_crashmem_check(&m, &e), 0);
}

TEST(no_crashkernel)
{
	struct kd_crashmem m;
	struct kd_error e;

	make_tree("root=/dev/vda ro\n", "0\n", "0\n");
	CHECK_INT(kd_crashmem_read(&m, root, &e), 0);
	CHECK_INT(m.loaded, 0);
	CHECK_STR(m.crashkernel, "");
	CHECK_INT(kd_crashmem_check(&m, &e), -1);
	CHECK(strstr(e.msg, "no memory is reserved for the crash kernel: add "
		      "crashkernel=") != NULL);
}

TEST(crashkernel_but_nothing_reserved)
{
	struct kd_crashmem m;
	struct kd_error e;

	make_tree("crashkernel=2G-:256M\n", "0\n", "0\n");
	CHECK_INT(kd_crashmem_read(&m, root, &e), 0);
	CHECK_INT(kd_crashmem_check(&m, &e), -1);
	CHECK(strstr(e.msg, "although the command line has crashkernel=2G-:256M") != NULL);
}

TEST(kernel_without_kexec)
{
	struct kd_crashmem m;
	struct kd_error e;

	make_tree("crashkernel=256M\n", NULL, NULL);
	CHECK_INT(kd_crashmem_read(&m, root, &e), 0);
	CHECK_INT(m.kexec_supported, 0);
	CHECK_INT(kd_crashmem_check(&m, &e), -1);
	CHECK(strstr(e.msg, "kexec_crash_loaded is missing") != NULL);
}

TEST(missing_proc_cmdline)
{
	struct kd_crashmem m;
	struct kd_error e;

	CHECK_INT(kd_crashmem_read(&m, "/nonexistent-root", &e), -1);
	CHECK(strstr(e.msg, "/nonexistent-root/proc/cmdline") != NULL);
}

int main(void)
{
	RUN(reserved_and_loaded);
	RUN(no_crashkernel);
	RUN(crashkernel_but_nothing_reserved);
	RUN(kernel_without_kexec);
	RUN(missing_proc_cmdline);
	remove_tree();
	return unit_done();
}
