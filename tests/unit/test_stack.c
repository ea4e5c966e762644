/* test_stack.c - what a block device is built on, read from a fake sysfs
 * tree laid out as the kernel does. */
#define UNIT_SUITE "stack"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "rmtree.h"
#include "stack.h"
#include "unit.h"

static char sys[64];

static void mk(const char *rel)
{
	char path[512], *p;

	snprintf(path, sizeof path, "%s/%s", sys, rel);
	for (p = path + strlen(sys) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
}

static void put(const char *rel, const char *text)
{
	char path[512], dir[512];
	FILE *f;

	snprintf(dir, sizeof dir, "%s", rel);
	*strrchr(dir, '/') = '\0';
	mk(dir);
	snprintf(path, sizeof path, "%s/%s", sys, rel);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* /sys/class/block/NAME -> ../../devices/DEVPATH/block/NAME */
static void dev(const char *name, const char *devpath)
{
	char target[512], link[512];

	snprintf(target, sizeof target, "devices/%s/block/%s", devpath, name);
	mk(target);
	snprintf(target, sizeof target, "../../devices/%s/block/%s", devpath, name);
	snprintf(link, sizeof link, "%s/class/block/%s", sys, name);
	CHECK_INT(symlink(target, link), 0);
}

TEST(kinds)
{
	mk("class/block");
	dev("sda", "pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0");
	dev("dm-0", "virtual");
	put("devices/virtual/block/dm-0/dm/uuid", "LVM-abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcd\n");
	dev("dm-1", "virtual");
	put("devices/virtual/block/dm-1/dm/uuid", "CRYPT-LUKS2-0123456789abcdef0123456789abcdef-luks\n");
	dev("dm-2", "virtual");
	put("devices/virtual/block/dm-2/dm/uuid", "mpath-3600508b400105e210000900000490000\n");
	dev("dm-3", "virtual");
	put("devices/virtual/block/dm-3/dm/uuid", "part1-mpath-3600508b400105e210000900000490000\n");
	dev("dm-4", "virtual");
	mk("devices/virtual/block/dm-4/dm");
	dev("md0", "virtual");
	mk("devices/virtual/block/md0/md");
	dev("sdb", "platform/host2/session1/target2:0:0/2:0:0:0");

	CHECK_INT(kd_stack_of(sys, "sda"), KD_STACK_PLAIN);
	CHECK_INT(kd_stack_of(sys, "dm-0"), KD_STACK_LVM);
	CHECK_INT(kd_stack_of(sys, "dm-1"), KD_STACK_CRYPT);
	CHECK_INT(kd_stack_of(sys, "dm-2"), KD_STACK_MULTIPATH);
	CHECK_INT(kd_stack_of(sys, "dm-3"), KD_STACK_MULTIPATH);
	CHECK_INT(kd_stack_of(sys, "dm-4"), KD_STACK_DM);
	CHECK_INT(kd_stack_of(sys, "md0"), KD_STACK_MD);
	CHECK_INT(kd_stack_of(sys, "sdb"), KD_STACK_ISCSI);
	CHECK_INT(kd_stack_of(sys, "nothere"), KD_STACK_PLAIN);
}

TEST(refusals)
{
	CHECK(kd_stack_refusal(KD_STACK_PLAIN) == NULL);
	CHECK(strstr(kd_stack_refusal(KD_STACK_CRYPT), "LUKS") != NULL);
	CHECK(strstr(kd_stack_refusal(KD_STACK_CRYPT), "6.16") != NULL);
	CHECK(kd_stack_refusal(KD_STACK_LVM) == NULL);
	CHECK(kd_stack_refusal(KD_STACK_MD) == NULL);
	CHECK(strstr(kd_stack_refusal(KD_STACK_DM), "device-mapper") != NULL);
	CHECK(strstr(kd_stack_refusal(KD_STACK_ISCSI), "iSCSI") != NULL);
	CHECK(strstr(kd_stack_refusal(KD_STACK_MULTIPATH), "multipath") != NULL);
}

int main(void)
{
	struct kd_error e;
	int ret;

	snprintf(sys, sizeof sys, "/tmp/kd-stack-XXXXXX");
	if (!mkdtemp(sys))
		return 1;
	RUN(kinds);
	RUN(refusals);
	ret = unit_done();
	if (kd_rmtree(AT_FDCWD, sys, &e))
		printf("  cannot remove %s: %s\n", sys, e.msg);
	return ret;
}
