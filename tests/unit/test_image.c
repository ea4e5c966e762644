/* test_image.c - what goes into the capture initramfs and when it is
 * rebuilt. */
#define UNIT_SUITE "image"
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "image.h"
#include "kmodules.h"

static char dir[64];

static void put(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	CHECK(fd >= 0);
	CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	chmod(path, mode);
}

static void parse(struct kdump_conf *c, const char *text)
{
	struct kd_diag d;

	kd_diag_init(&d, "kdump.conf");
	d.quiet = 1;
	CHECK_INT(kdump_conf_parse(c, text, strlen(text), &d), 0);
}

/* Kernel kver's files in the scratch directory. */
static void boot_files(struct kd_bootfiles *bf, const char *kver)
{
	memset(bf, 0, sizeof *bf);
	snprintf(bf->kver, sizeof bf->kver, "%s", kver);
	snprintf(bf->kernel, sizeof bf->kernel, "%s/vmlinuz", dir);
	snprintf(bf->initrd, sizeof bf->initrd, "%s/initramfs.img", dir);
}

TEST(plan_and_staleness)
{
	struct kd_image_plan *p = malloc(sizeof *p);
	struct kd_bootfiles bf;
	struct kdump_conf c;
	struct kd_error e;
	char conf[512], hook[128], why[256];

	snprintf(hook, sizeof hook, "%s/post.sh", dir);
	put(hook, "#!/bin/sh\n", 0755);
	boot_files(&bf, "9.9.9");
	put(bf.kernel, "kernel", 0600);
	snprintf(conf, sizeof conf, "xfs LABEL=crash\npath /dumps\nkdump_post %s\n"
		 "extra_modules dm_mod\n", hook);
	parse(&c, conf);
	CHECK_INT(kd_image_plan(p, &c, NULL, &bf, dir, &e), 0);
	CHECK_STR(p->modules, "crc32c_generic xfs dm_mod");
	CHECK_STR(p->files, hook);
	CHECK(strstr(p->conf_text, "xfs LABEL=crash\npath /dumps\n") == p->conf_text);
	CHECK_INT(kd_image_stale(p, &c, why, sizeof why), 1);
	CHECK(strstr(why, "does not exist") != NULL);

	put(bf.initrd, "image", 0600);
	CHECK_INT(kd_image_write_stamp(p, &e), 0);
	CHECK_INT(kd_image_stale(p, &c, why, sizeof why), 0);
	c.force_rebuild = 1;
	CHECK_INT(kd_image_stale(p, &c, why, sizeof why), 1);
	CHECK_STR(why, "force_rebuild is set");
	c.force_rebuild = 0;

	/* a changed hook makes the image stale, unless force_no_rebuild */
	put(hook, "#!/bin/sh\necho changed\n", 0755);
	CHECK_INT(kd_image_stale(p, &c, why, sizeof why), 1);
	c.force_no_rebuild = 1;
	CHECK_INT(kd_image_stale(p, &c, why, sizeof why), 0);
	kdump_conf_free(&c);

	/* a changed kdump.conf too */
	parse(&c, "xfs LABEL=crash\npath /other\n");
	CHECK_INT(kd_image_plan(p, &c, NULL, &bf, dir, &e), 0);
	CHECK_INT(kd_image_stale(p, &c, why, sizeof why), 1);
	kdump_conf_free(&c);
	free(p);
}

/* crc32c_generic goes in where the kernel has it (6.1, 6.12), and is left
 * out without a word where it has not (7.x: the crc32c library). */
TEST(optional_module_only_where_the_kernel_has_it)
{
	struct kd_image_plan *p = malloc(sizeof *p);
	struct kd_bootfiles bf;
	struct kdump_conf c;
	struct kd_error e;
	char kmod[96], path[128];

	snprintf(kmod, sizeof kmod, "%s/kmod", dir);
	CHECK_INT(mkdir(kmod, 0700), 0);
	snprintf(path, sizeof path, "%s/modules.dep", kmod);
	put(path, "kernel/fs/jbd2/jbd2.ko.xz: kernel/lib/crc32c.ko.xz\n"
	    "kernel/fs/ext4/ext4.ko.xz: kernel/fs/jbd2/jbd2.ko.xz\n"
	    "kernel/lib/crc32c.ko.xz:\n", 0600);
	snprintf(path, sizeof path, "%s/modules.builtin", kmod);
	put(path, "kernel/fs/nls/nls_iso8859-1.ko\n", 0600);
	CHECK_INT(kd_kernel_has_module(kmod, "ext4"), 1);
	CHECK_INT(kd_kernel_has_module(kmod, "ext"), 0);
	CHECK_INT(kd_kernel_has_module(kmod, "nls_iso8859_1"), 1);
	CHECK_INT(kd_kernel_has_module(kmod, "crc32c_generic"), 0);
	CHECK_INT(kd_kernel_has_module("/nonexistent", "ext4"), -1);

	boot_files(&bf, "7.3.4");
	parse(&c, "ext4 LABEL=crash\nextra_modules dm_mod\n");
	CHECK_INT(kd_image_plan(p, &c, NULL, &bf, kmod, &e), 0);
	CHECK_STR(p->modules, "ext4 dm_mod");

	/* built in counts as there (the capture kernel loads nothing) */
	put(path, "kernel/crypto/crc32c_generic.ko\n", 0600);
	CHECK_INT(kd_image_plan(p, &c, NULL, &bf, kmod, &e), 0);
	CHECK_STR(p->modules, "crc32c_generic ext4 dm_mod");
	kdump_conf_free(&c);
	free(p);
}

TEST(missing_hook_is_an_error)
{
	struct kd_image_plan *p = malloc(sizeof *p);
	struct kd_bootfiles bf;
	struct kdump_conf c;
	struct kd_error e;

	memset(&bf, 0, sizeof bf);
	parse(&c, "ext4 UUID=1234\nkdump_pre /nonexistent/pre\n");
	CHECK_INT(kd_image_plan(p, &c, NULL, &bf, dir, &e), -1);
	CHECK(strstr(e.msg, "kdump_pre /nonexistent/pre") != NULL);
	kdump_conf_free(&c);
	free(p);
}

/* A core_collector program goes into the image, named by its full path
 * in the image's kdump.conf (kdump-init has no PATH); the built-in
 * collector and the copies add nothing. */
TEST(collector_program_in_image)
{
	struct kd_image_plan *p = malloc(sizeof *p);
	struct kd_bootfiles bf;
	struct kdump_conf c;
	struct kd_error e;
	char prog[128], conf[256];

	memset(&bf, 0, sizeof bf);
	snprintf(prog, sizeof prog, "%s/my-collector", dir);
	put(prog, "#!/bin/sh\n", 0755);
	snprintf(conf, sizeof conf, "ext4 UUID=1234\ncore_collector %s -q  x\n", prog);
	parse(&c, conf);
	CHECK_INT(kd_image_plan(p, &c, NULL, &bf, dir, &e), 0);
	CHECK_STR(p->files, prog);
	snprintf(conf, sizeof conf, "\ncore_collector %s -q  x\n", prog);
	CHECK(strstr(p->conf_text, conf) != NULL);
	kdump_conf_free(&c);

	parse(&c, "ext4 UUID=1234\ncore_collector sh -c true\n");
	CHECK_INT(kd_image_plan(p, &c, NULL, &bf, dir, &e), 0);
	CHECK(strstr(p->files, "/sh") != NULL);
	CHECK(strstr(p->conf_text, "\ncore_collector /") != NULL);
	kdump_conf_free(&c);

	parse(&c, "ext4 UUID=1234\ncore_collector cp --sparse=always\n");
	CHECK_INT(kd_image_plan(p, &c, NULL, &bf, dir, &e), 0);
	CHECK_STR(p->files, "");
	CHECK(strstr(p->conf_text, "\ncore_collector cp --sparse=always\n") != NULL);
	kdump_conf_free(&c);

	parse(&c, "ext4 UUID=1234\ncore_collector /no/such/collector\n");
	CHECK_INT(kd_image_plan(p, &c, NULL, &bf, dir, &e), -1);
	CHECK_STR(e.msg, "core_collector /no/such/collector: no such program");
	kdump_conf_free(&c);
	free(p);
}

/* The type of the filesystem mounted on /, from /proc/self/mounts. */
static void root_fstype(char *out, size_t size)
{
	FILE *f = fopen("/proc/self/mounts", "r");
	char dev[256], dir[256], type[64];

	out[0] = '\0';
	while (f && fscanf(f, "%255s %255s %63s %*[^\n]", dev, dir, type) == 3)
		if (!strcmp(dir, "/"))
			snprintf(out, size, "%s", type);
	if (f)
		fclose(f);
}

/* No target, path on the root filesystem: the capture kernel mounts the
 * root filesystem, so its drivers go into the image. */
TEST(root_fs_drivers_without_target)
{
	struct kd_image_plan *p = malloc(sizeof *p);
	struct kd_bootfiles bf;
	struct kdump_conf c;
	struct kd_error e;
	char type[64];

	memset(&bf, 0, sizeof bf);
	root_fstype(type, sizeof type);
	parse(&c, "path /\n");
	CHECK_INT(kd_image_plan(p, &c, NULL, &bf, dir, &e), 0);
	CHECK(type[0] != '\0');
	if (!strcmp(type, "ext2") || !strcmp(type, "ext3"))
		strcpy(type, "ext4");
	if (strcmp(type, "rootfs") && strcmp(type, "tmpfs"))
		CHECK(strstr(p->modules, type) != NULL);
	CHECK(strstr(p->conf_text, "\npath /\n") != NULL);
	kdump_conf_free(&c);
	free(p);
}

/* BusyBox only when something needs a shell (or udhcpc). */
TEST(busybox_only_when_needed)
{
	static const struct { const char *conf; int busybox; } cases[] = {
		{ "ext4 UUID=1234\n", 0 },
		{ "ext4 UUID=1234\nfailure_action shell\n", 1 },
		{ "ext4 UUID=1234\nfailure_action dump_to_rootfs\n", 0 },
		{ "raw /dev/sdz9\n", 0 },
	};
	struct kd_image_plan *p = malloc(sizeof *p);
	struct kd_bootfiles bf;
	struct kdump_conf c;
	struct kd_error e;
	size_t i;

	memset(&bf, 0, sizeof bf);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		parse(&c, cases[i].conf);
		CHECK_INT(kd_image_plan(p, &c, NULL, &bf, dir, &e), 0);
		if (access("/etc/kdump/pre.d", F_OK) && access("/etc/kdump/post.d", F_OK))
			CHECK_INT(p->busybox, cases[i].busybox);
		kdump_conf_free(&c);
	}
	/* DHCP needs BusyBox's udhcpc, also as a bare ip=dhcp */
	{
		static const char text[] = "KDUMP_COMMANDLINE_APPEND=\"ip=dhcp\"\n";
		struct kdump_sysconfig sc;
		struct kd_diag d;

		kd_diag_init(&d, "sysconfig");
		CHECK_INT(kdump_sysconfig_parse(&sc, text, strlen(text), &d), 0);
		parse(&c, "nfs 192.0.2.1:/export\n");
		CHECK_INT(kd_image_plan(p, &c, &sc, &bf, dir, &e), 0);
		CHECK_STR(p->net.words, "ip=dhcp");
		CHECK_INT(p->busybox, 1);
		kdump_conf_free(&c);
		kdump_sysconfig_free(&sc);
	}
	/* a hook may be a script */
	parse(&c, "ext4 UUID=1234\nkdump_post /bin/true\n");
	CHECK_INT(kd_image_plan(p, &c, NULL, &bf, dir, &e), 0);
	CHECK_INT(p->busybox, 1);
	kdump_conf_free(&c);
	free(p);
}

int main(void)
{
	char path[128];

	snprintf(dir, sizeof dir, "/tmp/kd-image-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	RUN(plan_and_staleness);
	RUN(optional_module_only_where_the_kernel_has_it);
	RUN(missing_hook_is_an_error);
	RUN(collector_program_in_image);
	RUN(busybox_only_when_needed);
	RUN(root_fs_drivers_without_target);
	for (const char *f = "my-collector\0post.sh\0vmlinuz\0initramfs.img\0initramfs.img.stamp\0";
	     *f; f += strlen(f) + 1) {
		snprintf(path, sizeof path, "%s/%s", dir, f);
		unlink(path);
	}
	rmdir(dir);
	return unit_done();
}
