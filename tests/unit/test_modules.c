/* test_modules.c - dependency order from modules.dep, builtins, blacklist. */
#define UNIT_SUITE "modules"
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "modname.h"
#include "modules.h"

static char dir[64];

static void put(const char *name, const char *text)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static const char dep[] =
	"kernel/fs/ext4/ext4.ko.xz: kernel/lib/crc16.ko.xz kernel/fs/mbcache.ko.xz kernel/fs/jbd2/jbd2.ko.xz\n"
	"kernel/lib/crc16.ko.xz:\n"
	"kernel/fs/mbcache.ko.xz:\n"
	"kernel/fs/jbd2/jbd2.ko.xz: kernel/lib/crc32c_generic.ko.xz\n"
	"kernel/lib/crc32c_generic.ko.xz:\n"
	"kernel/drivers/block/virtio_blk.ko: kernel/drivers/virtio/virtio_ring.ko\n"
	"kernel/drivers/virtio/virtio_ring.ko:\n"
	"kernel/drivers/net/loop-a.ko: kernel/drivers/net/loop-b.ko\n"
	"kernel/drivers/net/loop-b.ko: kernel/drivers/net/loop-a.ko\n";

TEST(dependencies_first)
{
	struct kd_modules *m;
	struct kd_error e;
	const char *p[16];
	int n;

	CHECK_INT(kd_modules_open(&m, dir, NULL, &e), 0);
	n = kd_modules_plan(m, "ext4", p, 16, &e);
	CHECK_INT(n, 5);
	if (n == 5) {
		CHECK_STR(p[0], "kernel/lib/crc16.ko.xz");
		CHECK_STR(p[1], "kernel/fs/mbcache.ko.xz");
		CHECK_STR(p[2], "kernel/lib/crc32c_generic.ko.xz");
		CHECK_STR(p[3], "kernel/fs/jbd2/jbd2.ko.xz");
		CHECK_STR(p[4], "kernel/fs/ext4/ext4.ko.xz");
	}
	/* dashes and underscores are the same name */
	CHECK_INT(kd_modules_plan(m, "virtio-blk", p, 16, &e), 2);
	CHECK_STR(p[0], "kernel/drivers/virtio/virtio_ring.ko");
	kd_modules_close(m);
}

TEST(builtin_missing_and_loops)
{
	struct kd_modules *m;
	struct kd_error e;
	const char *p[16];

	CHECK_INT(kd_modules_open(&m, dir, NULL, &e), 0);
	CHECK_INT(kd_modules_plan(m, "virtio_pci", p, 16, &e), 0);
	CHECK_INT(kd_modules_plan(m, "nosuchmod", p, 16, &e), -1);
	CHECK(strstr(e.msg, "module nosuchmod is not in the initramfs") != NULL);
	CHECK_INT(kd_modules_plan(m, "loop_a", p, 16, &e), -1);
	CHECK(strstr(e.msg, "dependency loop") != NULL);
	kd_modules_close(m);
}

TEST(blacklist)
{
	struct kdump_conf conf = { 0 };
	char *names[] = { "virtio_blk", "crc16" };
	struct kd_modules *m;
	struct kd_error e;
	const char *p[16];

	conf.blacklist.v = names;
	conf.blacklist.n = 2;
	CHECK_INT(kd_modules_open(&m, dir, &conf, &e), 0);
	/* requested and blacklisted: nothing is loaded */
	CHECK_INT(kd_modules_plan(m, "virtio_blk", p, 16, &e), 0);
	/* a blacklisted dependency is still needed */
	CHECK_INT(kd_modules_plan(m, "ext4", p, 16, &e), 5);
	kd_modules_close(m);
}

/* A module's name from its path, as both kdumpctl and kdump-init read
 * modules.dep: the file name to its first '.', '-' as '_'. */
TEST(module_names)
{
	char n[64], small[5];
	const char *p = "kernel/crypto/crc32c-generic.ko.xz: kernel/lib/x.ko";

	kd_module_name(p, strcspn(p, ":"), n, sizeof n);
	CHECK_STR(n, "crc32c_generic");
	kd_module_name("dm-mod", 6, n, sizeof n);
	CHECK_STR(n, "dm_mod");
	kd_module_name("kernel/fs/ext4/ext4.ko", 22, small, sizeof small);
	CHECK_STR(small, "ext4");
	kd_module_name("kernel/fs/jbd2/jbd2.ko", 22, small, sizeof small);
	CHECK_STR(small, "jbd2");
	kd_module_name("kernel/fs/mbcache.ko", 20, small, sizeof small);
	CHECK_STR(small, "mbca");
	CHECK_INT(kd_module_name_is("dm_mod", "dm-mod", 6), 1);
	CHECK_INT(kd_module_name_is("dm-mod", "dm_mod", 6), 1);
	CHECK_INT(kd_module_name_is("dm_mod", "dm-mo", 5), 0);
	CHECK_INT(kd_module_name_is("dm", "dm-mod", 6), 0);
}

TEST(missing_moddir)
{
	struct kd_modules *m;
	struct kd_error e;

	CHECK_INT(kd_modules_open(&m, "/nonexistent", NULL, &e), -1);
	CHECK(strstr(e.msg, "/nonexistent/modules.dep") != NULL);
}

int main(void)
{
	char path[128];

	snprintf(dir, sizeof dir, "/tmp/kd-mod-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	put("modules.dep", dep);
	put("modules.builtin", "kernel/drivers/virtio/virtio_pci.ko\nkernel/fs/ext2/ext2.ko\n");
	RUN(dependencies_first);
	RUN(builtin_missing_and_loops);
	RUN(blacklist);
	RUN(module_names);
	RUN(missing_moddir);
	snprintf(path, sizeof path, "%s/modules.dep", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/modules.builtin", dir);
	unlink(path);
	rmdir(dir);
	return unit_done();
}
