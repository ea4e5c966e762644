/* test_bootfiles.c - finding the kernel and the capture initramfs. */
#define UNIT_SUITE "bootfiles"
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "bootfiles.h"

static char dir[64];

static void touch(const char *name)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f)
		fclose(f);
}

static void cleanup(const char *name)
{
	char path[256];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	unlink(path);
}

TEST(bootdir_and_names)
{
	struct kdump_sysconfig sc = { 0 };
	struct kd_bootfiles bf;
	struct kd_error e;
	char initrd[256];

	touch("bzImage-9.9.9-test.efi");
	touch("kdump.img");
	sc.bootdir = dir;
	sc.img = "bzImage";
	sc.kernelver = "9.9.9-test";
	sc.img_ext = ".efi";
	snprintf(initrd, sizeof initrd, "%s/kdump.img", dir);
	sc.initrd = initrd;
	CHECK_INT(kd_bootfiles_find(&bf, &sc, "ro", NULL, NULL, &e), 0);
	CHECK(strstr(bf.kernel, "/bzImage-9.9.9-test.efi") != NULL);
	CHECK_STR(bf.initrd, initrd);
	CHECK_STR(bf.kver, "9.9.9-test");
	cleanup("bzImage-9.9.9-test.efi");
	cleanup("kdump.img");
}

TEST(missing_kernel_names_what_was_tried)
{
	struct kdump_sysconfig sc = { 0 };
	struct kd_bootfiles bf;
	struct kd_error e;

	sc.bootdir = dir;
	sc.kernelver = "0.0.0-none";
	CHECK_INT(kd_bootfiles_find(&bf, &sc, "", NULL, NULL, &e), -1);
	CHECK(strstr(e.msg, "vmlinuz-0.0.0-none not found") != NULL);
	CHECK(strstr(e.msg, "KDUMP_BOOTDIR") != NULL);

	sc.bootdir = NULL;
	CHECK_INT(kd_bootfiles_find(&bf, &sc, "", NULL, NULL, &e), -1);
	CHECK(strstr(e.msg, "/boot/vmlinuz-0.0.0-none") != NULL);
	CHECK(strstr(e.msg, "/usr/lib/modules/0.0.0-none/vmlinuz") != NULL);
}

/* BOOT_IMAGE naming the kernel-install layout's image. */
TEST(kernel_install_layout)
{
	struct kdump_sysconfig sc = { 0 };
	struct kd_bootfiles bf;
	struct kd_error e;
	char cmdline[300], path[256];

	snprintf(path, sizeof path, "%s/modules", dir);
	CHECK_INT(mkdir(path, 0755), 0);
	snprintf(path, sizeof path, "%s/modules/7.3.4+deb13-amd64", dir);
	CHECK_INT(mkdir(path, 0755), 0);
	touch("modules/7.3.4+deb13-amd64/vmlinuz");
	sc.kernelver = "7.3.4+deb13-amd64";
	snprintf(cmdline, sizeof cmdline, "BOOT_IMAGE=%s/vmlinuz ro", path);
	memset(&bf, 0, sizeof bf);
	CHECK_INT(kd_bootfiles_kernel(&bf, &sc, cmdline, &e), 0);
	CHECK(strstr(bf.kernel, "/modules/7.3.4+deb13-amd64/vmlinuz") != NULL);
	/* another version's image is not taken */
	sc.kernelver = "7.3.5+deb13-amd64";
	CHECK_INT(kd_bootfiles_kernel(&bf, &sc, cmdline, &e), -1);
	cleanup("modules/7.3.4+deb13-amd64/vmlinuz");
	rmdir(path);
	snprintf(path, sizeof path, "%s/modules", dir);
	rmdir(path);
}

TEST(default_initrd_location_and_overrides)
{
	struct kdump_sysconfig sc = { 0 };
	struct kd_bootfiles bf;
	struct kd_error e;
	char kernel[256];

	touch("vmlinuz");
	snprintf(kernel, sizeof kernel, "%s/vmlinuz", dir);
	sc.kernelver = "7.7.7-x";
	CHECK_INT(kd_bootfiles_find(&bf, &sc, "", kernel, NULL, &e), -1);
	CHECK(strstr(e.msg, "capture initramfs /var/lib/kdump/initramfs-7.7.7-x.img") != NULL);
	CHECK(strstr(e.msg, "kdumpctl rebuild") != NULL);
	CHECK_INT(kd_bootfiles_find(&bf, &sc, "", kernel, kernel, &e), 0);
	CHECK_STR(bf.kernel, kernel);
	CHECK_STR(bf.initrd, kernel);
	CHECK_INT(kd_bootfiles_find(&bf, &sc, "", "/nonexistent/vmlinuz", kernel, &e), -1);
	CHECK(strstr(e.msg, "kernel /nonexistent/vmlinuz") != NULL);
	cleanup("vmlinuz");
}

int main(void)
{
	snprintf(dir, sizeof dir, "/tmp/kd-boot-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	RUN(bootdir_and_names);
	RUN(missing_kernel_names_what_was_tried);
	RUN(kernel_install_layout);
	RUN(default_initrd_location_and_overrides);
	rmdir(dir);
	return unit_done();
}
