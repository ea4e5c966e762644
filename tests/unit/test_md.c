/* test_md.c - MD superblocks (0.90, 1.0, 1.1, 1.2) on member images.
 *
 * The images are made by md_fixture.h from the on-disk layout, and mdadm
 * --examine must read each one as kd_md_read_super does: checksum
 * correct, same UUID, events, level, name and role.  (The parser was also
 * checked against superblocks that the kernel and mdadm wrote:
 * util-linux's blkid test images of a 0.90 RAID1 and a 1.2 RAID0 member
 * give what mdadm --examine prints for them.) */
#define UNIT_SUITE "md"
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include "md.h"
#include "md_fixture.h"
#include "rmtree.h"

static char dir[64];	/* scratch: the images */

static int read_image(const char *path, uint64_t size, struct kd_md_member *m)
{
	int fd = open(path, O_RDONLY), ret;

	if (fd < 0)
		return -1;
	ret = kd_md_read_super(kd_probe_fd_read, &fd, size, m);
	close(fd);
	return ret;
}

static char image[128];

static void image_path(const char *name)
{
	snprintf(image, sizeof image, "%s/%s", dir, name);
	unlink(image);
}

/* What mdadm --examine (and --export) prints for the image. */
static void examine(const char *path, char *out, size_t size)
{
	char cmd[512];
	size_t n = 0;
	FILE *p;

	snprintf(cmd, sizeof cmd, "mdadm --examine %s 2>&1; mdadm --examine "
		 "--export %s 2>&1", path, path);
	out[0] = '\0';
	p = popen(cmd, "r");
	CHECK(p != NULL);
	if (!p)
		return;
	n = fread(out, 1, size - 1, p);
	out[n] = '\0';
	pclose(p);
}

/* mdadm must agree with the parser on this image: checksum, UUID,
 * events, level. */
static void check_with_mdadm(const char *path, const struct kd_md_member *m)
{
	char out[8192], want[128];

	examine(path, out, sizeof out);
	if (!strstr(out, "Magic : a92b4efc")) {
		printf("  mdadm --examine did not read %s (is mdadm installed? "
		       "scripts/setup.sh installs it):\n%s\n", path, out);
		CHECK(0);
		return;
	}
	CHECK(strstr(out, " - correct") != NULL);
	snprintf(want, sizeof want, "MD_UUID=%s\n", m->uuid);
	CHECK(strstr(out, want) != NULL);
	snprintf(want, sizeof want, "MD_EVENTS=%llu\n", (unsigned long long)m->events);
	CHECK(strstr(out, want) != NULL);
	snprintf(want, sizeof want, "MD_LEVEL=raid%d\n", m->level);
	CHECK(strstr(out, want) != NULL);
	if (m->name[0]) {
		snprintf(want, sizeof want, "MD_NAME=%s\n", m->name);
		CHECK(strstr(out, want) != NULL);
	}
	if (m->sb_major == 1 && m->role >= 0) {
		snprintf(want, sizeof want, "Device Role : Active device %d\n", m->role);
		CHECK(strstr(out, want) != NULL);
	}
	if (!strstr(out, " - correct"))
		printf("%s\n", out);
}

static void check_format(int minor, const char *metadata, int sb_minor)
{
	struct fx f = fx_default(minor);
	struct kd_md_member m;

	image_path(metadata);
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	CHECK_STR(m.uuid, UUID_TEXT);
	CHECK_STR(m.metadata, metadata);
	CHECK_INT(m.sb_major, minor < 0 ? 0 : 1);
	CHECK_INT(m.sb_minor, sb_minor);
	CHECK_INT(m.level, 1);
	CHECK_INT(m.raid_disks, 2);
	CHECK_INT(m.role, 1);
	CHECK_INT(m.events, 42);
	CHECK_STR(m.name, minor < 0 ? "" : "kdhost:kdr1");
	CHECK_INT(m.working, 2);
	CHECK_INT(m.clean, 1);
	CHECK_INT(m.in_sync, 1);
	CHECK(m.unsupported == NULL);
	check_with_mdadm(image, &m);
}

TEST(v1_2) { check_format(2, "1.2", 2); }
TEST(v1_1) { check_format(1, "1.1", 1); }
TEST(v1_0) { check_format(0, "1.0", 0); }
TEST(v0_90) { check_format(-1, "0.90", 90); }

/* 1.0 and 0.90 sit at the end: an odd size moves them as the kernel's
 * rounding does. */
TEST(end_offsets)
{
	struct fx f = fx_default(0);
	struct kd_md_member m;

	f.size = 16 * MIB + 5 * 512 + 4096 * 3;
	image_path("odd-1.0");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	CHECK_STR(m.metadata, "1.0");
	f.minor = -1;
	f.size = 16 * MIB + 70000;
	image_path("odd-0.90");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	CHECK_STR(m.metadata, "0.90");
	check_with_mdadm(image, &m);
}

static void check_rejected(int minor, int corrupt_at)
{
	struct fx f = fx_default(minor);
	struct kd_md_member m;

	image_path("bad");
	write_member(image, &f, corrupt_at);
	CHECK_INT(read_image(image, f.size, &m), -1);
	CHECK_STR(m.uuid, "");
	CHECK_INT(m.role, -1);
}

TEST(bad_magic)
{
	check_rejected(2, 1);
	check_rejected(0, 3);
	check_rejected(-1, 2);
}

/* a flipped bit in the name, the events, a role: only the checksum tells */
TEST(bad_checksum)
{
	check_rejected(2, 40);
	check_rejected(1, 200);
	check_rejected(0, 256 + 2);
	check_rejected(-1, 4 * 39);
	check_rejected(-1, 4 * 128 + 4 * 3);
}

TEST(bad_version_and_features)
{
	struct fx f = fx_default(2);
	struct kd_md_member m;

	check_rejected(2, 4);			/* major_version 1 -> 0x41 */
	check_rejected(-1, 8);			/* 0.90 minor 90 -> 26 */
	f.features = 0x8000;			/* unknown to Linux */
	image_path("feature");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), -1);
}

/* A member read through a smaller device (truncated image, a shrunk
 * partition): the 1.x data does not fit, the end-of-device superblocks
 * are not where they are looked for; a read past the end fails. */
TEST(truncated)
{
	struct fx f = fx_default(2);
	struct kd_md_member m;

	image_path("trunc-1.2");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, 8 * MIB, &m), -1);
	CHECK_INT(read_image(image, 6000, &m), -1);
	f = fx_default(0);
	image_path("trunc-1.0");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size - 4096, &m), -1);
	CHECK_INT(truncate(image, 12 * MIB), 0);
	CHECK_INT(read_image(image, 16 * MIB, &m), -1);
	f = fx_default(-1);
	image_path("trunc-0.90");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size - 65536, &m), -1);
	CHECK_INT(read_image(image, 60000, &m), -1);
}

/* The superblock is where it belongs but claims more data than the
 * device holds (a member copied to a smaller disk). */
TEST(data_does_not_fit)
{
	struct fx f = fx_default(0);
	struct kd_md_member m;

	f.data_size = sb_offset(&f) / 512 + 8;	/* past its own superblock */
	image_path("fit-1.0");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), -1);
	f.data_size = sb_offset(&f) / 512;	/* up to it: fine */
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	f = fx_default(2);
	f.data_size = f.size / 512 - 2048 + 1;
	image_path("fit-1.2");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), -1);
	f.data_size = 9;			/* the kernel wants 10 sectors */
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), -1);
	/* 0.90: the size in KiB, checked for RAID1 and up only */
	f = fx_default(-1);
	f.data_size = sb_offset(&f) / 1024 + 1;
	image_path("fit-0.90");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), -1);
	f.level = 0;
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
}

static void check_role(int minor, unsigned role, unsigned state, int want_role)
{
	struct fx f = fx_default(minor);
	struct kd_md_member m;

	f.dev = 2;				/* a third device */
	f.role = role;
	f.state = state;
	image_path("role");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	CHECK_INT(m.role, want_role);
	CHECK_INT(m.in_sync, want_role >= 0);
	CHECK_INT(m.working, 2);
	check_with_mdadm(image, &m);
}

TEST(spare_and_faulty)
{
	check_role(2, 0xffff, 0, -1);		/* spare */
	check_role(2, 0xfffe, 0, -1);		/* faulty */
	check_role(1, 0xfffd, 0, -1);		/* journal */
	check_role(-1, 2, 0, -1);		/* 0.90 spare: not in sync */
	check_role(-1, 0, 1 | 2 | 4, -1);	/* 0.90 faulty */
}

/* The freshest superblock counts a failed member out; dirty arrays,
 * recovering and replacement members, reshapes. */
TEST(state)
{
	struct fx f = fx_default(2);
	struct kd_md_member m;

	f.failed = 0;
	f.clean = 0;
	image_path("state");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	CHECK_INT(m.working, 1);
	CHECK_INT(m.clean, 0);
	f = fx_default(-1);
	f.failed = 0;
	image_path("state0");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	CHECK_INT(m.working, 1);
	f = fx_default(2);
	f.features = 0x2;			/* recovery_offset: rebuilding */
	image_path("state1");
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	CHECK_INT(m.role, 1);
	CHECK_INT(m.in_sync, 0);
	f.features = 0x10 | 0x2;		/* replacement */
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	CHECK_INT(m.replacement, 1);
	f.features = 0x4;			/* reshape in place */
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	CHECK(m.unsupported && strstr(m.unsupported, "backup file"));
	f.features = 0x4 | 0x40;		/* reshape to a new data offset */
	f.new_offset = (uint32_t)-1024;
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	CHECK(m.unsupported == NULL);
	f.features = 0x200;			/* write journal */
	f.new_offset = 0;
	write_member(image, &f, 0);
	CHECK_INT(read_image(image, f.size, &m), 0);
	CHECK(m.unsupported && strstr(m.unsupported, "journal"));
}

/* A disk reused: an old 0.90 superblock at the end, a newer 1.2 at the
 * start (and the other way round): the newer one is the array. */
TEST(two_superblocks)
{
	struct fx old = fx_default(-1), cur = fx_default(2);
	struct kd_md_member m;

	old.ctime = 1500000000;
	old.level = 5;
	old.raid_disks = 3;
	image_path("reused");
	write_member(image, &old, 0);
	write_member(image, &cur, 0);
	CHECK_INT(read_image(image, cur.size, &m), 0);
	CHECK_STR(m.metadata, "1.2");
	old.ctime = 1800000000;
	write_member(image, &old, 0);
	CHECK_INT(read_image(image, cur.size, &m), 0);
	CHECK_STR(m.metadata, "0.90");
	CHECK_INT(m.level, 5);
	/* the same age: the first in mdadm's order (0.90, 1.0, 1.1, 1.2) */
	old.ctime = cur.ctime;
	write_member(image, &old, 0);
	CHECK_INT(read_image(image, cur.size, &m), 0);
	CHECK_STR(m.metadata, "0.90");
	image_path("reused2");
	cur.minor = 0;
	write_member(image, &cur, 0);
	cur.minor = 1;
	cur.level = 0;
	write_member(image, &cur, 0);
	CHECK_INT(read_image(image, cur.size, &m), 0);
	CHECK_STR(m.metadata, "1.0");
	CHECK_INT(m.level, 1);
}

int main(void)
{
	struct kd_error e;
	int ret;

	snprintf(dir, sizeof dir, "/tmp/kd-md-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	RUN(v1_2);
	RUN(v1_1);
	RUN(v1_0);
	RUN(v0_90);
	RUN(end_offsets);
	RUN(bad_magic);
	RUN(bad_checksum);
	RUN(bad_version_and_features);
	RUN(truncated);
	RUN(data_does_not_fit);
	RUN(spare_and_faulty);
	RUN(state);
	RUN(two_superblocks);
	ret = unit_done();
	if (kd_rmtree(AT_FDCWD, dir, &e))
		printf("  cannot remove %s: %s\n", dir, e.msg);
	return ret;
}
