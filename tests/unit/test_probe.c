/* test_probe.c - superblock and partition-table probing on real images
 * made by mkfs and sfdisk with known labels and UUIDs. */
#define UNIT_SUITE "probe"
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "unit.h"
#include "probe.h"

extern char **environ;

static char image[64];

/* Run argv (no shell) with stdin from `input` when given; 0 on exit 0. */
static int run(char *const argv[], const char *input)
{
	posix_spawn_file_actions_t fa;
	int status, in_fd = -1;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (input) {
		char tmp[] = "/tmp/kd-probe-in-XXXXXX";

		in_fd = mkstemp(tmp);
		if (in_fd < 0 || write(in_fd, input, strlen(input)) < 0)
			return -1;
		unlink(tmp);
		lseek(in_fd, 0, SEEK_SET);
		posix_spawn_file_actions_adddup2(&fa, in_fd, 0);
	}
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ))
		return -1;
	posix_spawn_file_actions_destroy(&fa);
	if (in_fd >= 0)
		close(in_fd);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void new_image(long long size)
{
	int fd;

	snprintf(image, sizeof image, "/tmp/kd-probe-XXXXXX");
	fd = mkstemp(image);
	CHECK(fd >= 0);
	CHECK(ftruncate(fd, size) == 0);
	close(fd);
}

static int probe_image(struct kd_fsinfo *fs)
{
	int fd = open(image, O_RDONLY), ret;

	if (fd < 0)
		return -1;
	ret = kd_probe_fs(kd_probe_fd_read, &fd, fs);
	close(fd);
	return ret;
}

static void check_fs(char *const mkfs[], const char *type, const char *uuid,
		     const char *label, long long size)
{
	struct kd_fsinfo fs;

	new_image(size);
	CHECK_INT(run(mkfs, NULL), 0);
	CHECK_INT(probe_image(&fs), 0);
	CHECK_STR(fs.type, type);
	CHECK_STR(fs.uuid, uuid);
	CHECK_STR(fs.label, label);
	unlink(image);
}

#define U "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f"

TEST(ext4)
{
	char *argv[] = { "mkfs.ext4", "-q", "-F", "-U", U, "-L", "kdump-ext4", image, NULL };
	check_fs(argv, "ext4", U, "kdump-ext4", 16 << 20);
}

TEST(ext3_and_ext2)
{
	char *a3[] = { "mkfs.ext3", "-q", "-F", "-U", U, "-L", "e3", image, NULL };
	char *a2[] = { "mkfs.ext2", "-q", "-F", "-U", U, image, NULL };
	check_fs(a3, "ext3", U, "e3", 16 << 20);
	check_fs(a2, "ext2", U, "", 16 << 20);
}

TEST(xfs)
{
	char *argv[] = { "mkfs.xfs", "-q", "-f", "-m", "uuid=" U, "-L", "crashfs", image, NULL };
	check_fs(argv, "xfs", U, "crashfs", 300 << 20);
}

TEST(btrfs)
{
	char *argv[] = { "mkfs.btrfs", "-q", "-f", "-U", U, "-L", "a label with spaces", image, NULL };
	check_fs(argv, "btrfs", U, "a label with spaces", 128 << 20);
}

TEST(vfat)
{
	char *a32[] = { "mkfs.vfat", "-F", "32", "-i", "1a2b3c4d", "-n", "KDUMP", image, NULL };
	char *a16[] = { "mkfs.vfat", "-F", "16", "-i", "deadbeef", image, NULL };
	check_fs(a32, "vfat", "1A2B-3C4D", "KDUMP", 64 << 20);
	check_fs(a16, "vfat", "DEAD-BEEF", "", 16 << 20);
}

TEST(unknown_and_empty)
{
	struct kd_fsinfo fs;

	new_image(1 << 20);
	CHECK_INT(probe_image(&fs), -1);
	CHECK_STR(fs.type, "");
	unlink(image);
}

static void check_partuuid(const char *script, unsigned partno, const char *want)
{
	char *argv[] = { "sfdisk", "-q", image, NULL };
	char out[64] = "";
	int fd;

	new_image(8 << 20);
	CHECK_INT(run(argv, script), 0);
	fd = open(image, O_RDONLY);
	CHECK_INT(kd_probe_partuuid(kd_probe_fd_read, &fd, partno, out, sizeof out), 0);
	CHECK_STR(out, want);
	close(fd);
	unlink(image);
}

TEST(gpt_partuuid)
{
	check_partuuid("label: gpt\n"
		       "size=1M, uuid=11111111-2222-3333-4444-555555555555\n"
		       "size=1M, uuid=A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF\n",
		       2, "a1b2c3d4-e5f6-4711-8899-aabbccddeeff");
}

TEST(mbr_partuuid)
{
	check_partuuid("label: dos\nlabel-id: 0x0badcafe\nsize=1M\nsize=1M\n",
		       2, "0badcafe-02");
}

/* PARTLABEL: the GPT entry's UTF-16 name, in UTF-8; none on MBR. */
TEST(gpt_partlabel)
{
	char *argv[] = { "sfdisk", "-q", image, NULL };
	char out[80] = "";
	int fd;

	new_image(8 << 20);
	CHECK_INT(run(argv, "label: gpt\nsize=1M, name=kdump\n"
		      "size=1M, name=\"dump f\xc3\xa4\xe2\x82\xac\"\nsize=1M\n"), 0);
	fd = open(image, O_RDONLY);
	CHECK_INT(kd_probe_partlabel(kd_probe_fd_read, &fd, 1, out, sizeof out), 0);
	CHECK_STR(out, "kdump");
	CHECK_INT(kd_probe_partlabel(kd_probe_fd_read, &fd, 2, out, sizeof out), 0);
	CHECK_STR(out, "dump f\xc3\xa4\xe2\x82\xac");
	CHECK_INT(kd_probe_partlabel(kd_probe_fd_read, &fd, 3, out, sizeof out), -1);
	CHECK_INT(kd_probe_partlabel(kd_probe_fd_read, &fd, 9, out, sizeof out), -1);
	close(fd);
	unlink(image);
	new_image(8 << 20);
	CHECK_INT(run(argv, "label: dos\nsize=1M\n"), 0);
	fd = open(image, O_RDONLY);
	CHECK_INT(kd_probe_partlabel(kd_probe_fd_read, &fd, 1, out, sizeof out), -1);
	close(fd);
	unlink(image);
}

int main(void)
{
	RUN(ext4);
	RUN(ext3_and_ext2);
	RUN(xfs);
	RUN(btrfs);
	RUN(vfat);
	RUN(unknown_and_empty);
	RUN(gpt_partuuid);
	RUN(mbr_partuuid);
	RUN(gpt_partlabel);
	return unit_done();
}
