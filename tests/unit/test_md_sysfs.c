/* test_md_sysfs.c - describing a running MD array (kdumpctl) and
 * finding an array's members (kdump-init) on a fake sysfs tree laid out
 * as the kernel does, with member images from md_fixture.h as the device
 * nodes. */
#define UNIT_SUITE "md_sysfs"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "md.h"
#include "md_fixture.h"
#include "rmtree.h"

static char dir[64];	/* scratch: sys/ and sys/dev/ */

static char sys[96], devdir[96];

static void mkdirs(const char *path)
{
	char p[512], *s;

	snprintf(p, sizeof p, "%s", path);
	for (s = p + 1; (s = strchr(s, '/')); s++) {
		*s = '\0';
		mkdir(p, 0755);
		*s = '/';
	}
	mkdir(p, 0755);
}

static void put(const char *name, const char *attr, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/class/block/%s/%s", sys, name, attr);
	*strrchr(path, '/') = '\0';
	mkdirs(path);
	snprintf(path, sizeof path, "%s/class/block/%s/%s", sys, name, attr);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Block device NAME, major:minor, holding superblock f (or nothing). */
static void blockdev(const char *name, const char *devno, const struct fx *f)
{
	char path[512], text[32];

	snprintf(text, sizeof text, "%llu\n",
		 (unsigned long long)(f ? f->size : 16 * MIB) / 512);
	put(name, "size", text);
	snprintf(text, sizeof text, "%s\n", devno);
	put(name, "dev", text);
	snprintf(path, sizeof path, "%s/%s", devdir, name);
	if (f)
		write_member(path, f, 0);
	else
		close(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600));
}

/* md/dev-MEMBER/block -> the member's directory, as md makes it */
static void md_member(const char *md, const char *member)
{
	char path[512], target[512];

	snprintf(path, sizeof path, "%s/class/block/%s/md/dev-%s", sys, md, member);
	mkdirs(path);
	snprintf(target, sizeof target, "../../../%s", member);
	snprintf(path, sizeof path, "%s/class/block/%s/md/dev-%s/block", sys, md, member);
	CHECK_INT(symlink(target, path), 0);
}

static void fake_array(const char *md, const char *meta, const char *state)
{
	put(md, "md/metadata_version", meta);
	put(md, "md/array_state", state);
	put(md, "md/level", "raid1\n");
	put(md, "dev", "9:127\n");
}

static void new_tree(void)
{
	struct kd_error e;

	if (sys[0])
		CHECK_INT(kd_rmtree(AT_FDCWD, sys, &e), 0);
	snprintf(sys, sizeof sys, "%s/sys", dir);
	snprintf(devdir, sizeof devdir, "%s/sys/dev", dir);
	mkdirs(devdir);
	mkdirs(sys);
}

/* Array `md` (metadata meta, in state) on member (or none) is refused
 * with a message that says `want`. */
static void check_refused(const char *md, const char *meta, const char *state,
			  const char *member, const char *want)
{
	struct kd_md_array arr;
	struct kd_error e;

	fake_array(md, meta, state);
	if (member)
		md_member(md, member);
	CHECK_INT(kd_md_describe_at(sys, devdir, md, &arr, &e), -1);
	if (!strstr(e.msg, want)) {
		printf("  %s: \"%s\" does not say \"%s\"\n", md, e.msg, want);
		CHECK(0);
	}
}

TEST(describe)
{
	struct fx a = fx_default(2), b = fx_default(2);
	struct kd_md_array arr;
	struct kd_error e;

	new_tree();
	a.dev = a.role = 0;
	blockdev("vda", "252:0", &a);
	blockdev("vdb", "252:16", &b);
	fake_array("md127", "1.2\n", "clean\n");
	md_member("md127", "vda");
	md_member("md127", "vdb");
	CHECK_INT(kd_md_describe_at(sys, devdir, "md127", &arr, &e), 0);
	CHECK_STR(arr.uuid, UUID_TEXT);
	CHECK_STR(arr.metadata, "1.2");
	CHECK_INT(arr.level, 1);
	CHECK_INT(arr.raid_disks, 2);

	CHECK_INT(kd_md_describe_at(sys, devdir, "vda", &arr, &e), -1);
	CHECK(strstr(e.msg, "not an MD array") != NULL);
	check_refused("md126", "external:imsm\n", "active\n", NULL,
		      "external metadata (imsm)");
	check_refused("md125", "external:/md126/0\n", "active\n", NULL, "IMSM or DDF");
	check_refused("md124", "none\n", "clean\n", NULL, "no RAID superblock");
	check_refused("md123", "1.2\n", "inactive\n", "vda", "not running");
}

/* Members the capture kernel's scan skips; levels and features it
 * cannot start. */
TEST(describe_refusals)
{
	struct fx a = fx_default(2);

	new_tree();
	a.dev = a.role = 0;
	blockdev("dm-3", "253:3", &a);
	put("dm-3", "dm/uuid", "CRYPT-LUKS2-0123456789abcdef-x\n");
	check_refused("md0", "1.2\n", "clean\n", "dm-3", "member dm-3 is an encrypted");
	check_refused("md1", "1.2\n", "clean\n", "md0", "member md0 is itself an MD array");
	a.features = 0x100;
	blockdev("vdc", "252:32", &a);
	check_refused("md2", "1.2\n", "clean\n", "vdc", "clustered");
	a = fx_default(-1);
	a.level = -4;				/* multipath */
	blockdev("vdd", "252:48", &a);
	check_refused("md3", "0.90\n", "clean\n", "vdd", "level -4");
	check_refused("md4", "1.0\n", "clean\n", "vdd", "its member has a 0.90 superblock");
}

/* The capture kernel's look: disks and partitions with the UUID, not the
 * array itself nor device-mapper maps on it. */
TEST(scan)
{
	struct kd_md_candidate c[8];
	struct fx a = fx_default(0), b = fx_default(0), other = fx_default(2);
	struct kd_error e;
	int n, i, part = -1, disk = -1;

	new_tree();
	a.dev = a.role = 0;
	blockdev("vda", "252:0", &a);
	/* a 1.0 superblock at the end of vdb1, which ends where vdb does:
	 * both show it */
	blockdev("vdb", "252:16", &b);
	blockdev("vdb1", "252:17", &b);
	put("vdb1", "partition", "1\n");
	other.name = "other";
	blockdev("vdc", "252:32", &other);
	put("vdc", "dm/uuid", "LVM-x\n");	/* pretend: skipped as dm */
	blockdev("md127", "9:127", &a);
	put("md127", "md/metadata_version", "1.0\n");
	blockdev("sr0", "11:0", NULL);

	n = kd_md_scan(sys, devdir, UUID_TEXT, c, 8, &e);
	CHECK_INT(n, 3);
	for (i = 0; i < n; i++) {
		if (!strcmp(c[i].name, "vdb1"))
			part = i;
		if (!strcmp(c[i].name, "vdb"))
			disk = i;
	}
	CHECK(part >= 0 && disk >= 0);
	if (part < 0 || disk < 0)
		return;
	CHECK_INT(c[part].partition, 1);
	CHECK_INT(c[part].major, 252);
	CHECK_INT(c[part].minor, 17);
	CHECK_INT(c[disk].partition, 0);
	CHECK_INT(kd_md_choose(c, (size_t)n, 0, &e), 2);
	CHECK_INT(c[part].chosen, 1);
	CHECK_INT(c[disk].chosen, 0);
	/* the UUID as blkid prints a 1.x one matches too */
	CHECK_INT(kd_md_scan(sys, devdir, "3D000000-4B44-4000-8000-000000000007",
			     c, 8, &e), 3);
	CHECK_INT(kd_md_scan(sys, devdir, "3d000000:4b444000:80000000:00000008",
			     c, 8, &e), 0);
	CHECK_INT(kd_md_scan(sys, devdir, UUID_TEXT, c, 2, &e), 2);
}

int main(void)
{
	struct kd_error e;
	int ret;

	snprintf(dir, sizeof dir, "/tmp/kd-md-sysfs-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	RUN(describe);
	RUN(describe_refusals);
	RUN(scan);
	ret = unit_done();
	if (kd_rmtree(AT_FDCWD, dir, &e))
		printf("  cannot remove %s: %s\n", dir, e.msg);
	return ret;
}
