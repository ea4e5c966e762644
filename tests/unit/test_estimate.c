/* test_estimate.c - the crash kernel memory estimate: the arithmetic with
 * fake figures, and its readers on fake files. */
#define UNIT_SUITE "estimate"
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "estimate.h"
#include "rmtree.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

static char top[64];

static void put(const char *rel, const void *data, size_t len)
{
	char p[512];
	int fd;

	snprintf(p, sizeof p, "%s/%s", top, rel);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK_INT(write(fd, data, len), len);
	close(fd);
}

static void make_dir(const char *rel)
{
	char p[512];

	snprintf(p, sizeof p, "%s/%s", top, rel);
	CHECK_INT(mkdir(p, 0700), 0);
}

TEST(arithmetic)
{
	struct kd_estimate_in in = {
		.kernel = 60 * MiB, .initrd = 10 * MiB, .ram_top = 2 * GiB,
		.modules = 3 * MiB,
	};
	struct kd_estimate out;

	kd_estimate(&in, &out);
	CHECK_INT(out.kernel, 60 * MiB);
	CHECK_INT(out.initramfs, 30 * MiB);
	/* 2 GiB: 524288 pages, two bitmaps of 64 KiB */
	CHECK_INT(out.collector, 10 * MiB + 2 * 65536);
	CHECK_INT(out.runtime, 20 * MiB);
	CHECK_INT(out.drivers, 3 * MiB);
	CHECK_INT(out.boot, 0);
	CHECK_INT(out.total, 123 * MiB + 131072);
	/* 123.125 MiB * 1.1 = 135.4 MiB, up to 136M */
	CHECK_INT(out.recommended, 136 * MiB);

	/* 1 TiB: the bitmaps are 32 MiB each */
	in = (struct kd_estimate_in){ .ram_top = 1ULL << 40 };
	kd_estimate(&in, &out);
	CHECK_INT(out.collector, 74 * MiB);
	CHECK_INT(out.total, 94 * MiB);
	CHECK_INT(out.recommended, 104 * MiB);	/* 103.4 -> 104 */

	/* exactly on an 8M boundary stays there: 20 + 10 + 50 = 80, +10% = 88 */
	in = (struct kd_estimate_in){ .modules = 50 * MiB };
	kd_estimate(&in, &out);
	CHECK_INT(out.total, 80 * MiB);
	CHECK_INT(out.recommended, 88 * MiB);
	CHECK_INT(out.recommended % (8 * MiB), 0);
}

/* Debian 12's 6.1 on a 2 GiB guest, as measured: 45 MiB running, an
 * init_size of 64 MiB; booting needs less than running, unless the
 * image's init_size is larger than everything else together. */
TEST(boot_floor)
{
	struct kd_estimate_in in = {
		.kernel = 45 * MiB, .boot = 64 * MiB, .initrd = MiB,
		.ram_top = 2 * GiB, .modules = 2 * MiB,
	};
	struct kd_estimate out;

	kd_estimate(&in, &out);
	CHECK_INT(out.boot, 67 * MiB);
	/* 45 + 3 + 10.125 + 20 + 2 */
	CHECK_INT(out.total, 80 * MiB + 131072);
	CHECK_INT(out.recommended, 96 * MiB);	/* 88.1 -> 96 */
	in.boot = 200 * MiB;
	kd_estimate(&in, &out);
	CHECK_INT(out.total, 203 * MiB);
	CHECK_INT(out.recommended, 224 * MiB);	/* 223.3 -> 224 */
}

/* A bzImage's first 0x264 bytes with the given protocol and init_size. */
static void fake_bzimage(unsigned char *h, unsigned version, uint32_t init)
{
	memset(h, 0, 0x264);
	h[0x1fe] = 0x55;
	h[0x1ff] = 0xaa;
	memcpy(h + 0x202, "HdrS", 4);
	h[0x206] = version & 0xff;
	h[0x207] = version >> 8;
	h[0x260] = init & 0xff;
	h[0x261] = (init >> 8) & 0xff;
	h[0x262] = (init >> 16) & 0xff;
	h[0x263] = init >> 24;
}

TEST(kernel_size)
{
	unsigned char h[0x400];
	struct kd_error e;
	char path[256];
	uint64_t bytes;
	int exact;

	snprintf(path, sizeof path, "%s/vmlinuz", top);
	fake_bzimage(h, 0x020f, 0x03a1c000);
	put("vmlinuz", h, sizeof h);
	CHECK_INT(kd_kernel_mem_size(path, &bytes, &exact, &e), 0);
	CHECK_INT(exact, 1);
	CHECK_INT(bytes, 0x03a1c000);
	/* protocol 2.09 has no init_size: 6 times the file */
	fake_bzimage(h, 0x0209, 0x03a1c000);
	put("vmlinuz", h, sizeof h);
	CHECK_INT(kd_kernel_mem_size(path, &bytes, &exact, &e), 0);
	CHECK_INT(exact, 0);
	CHECK_INT(bytes, 6 * sizeof h);
	/* not a bzImage, and shorter than the header */
	put("vmlinuz", "\177ELF", 4);
	CHECK_INT(kd_kernel_mem_size(path, &bytes, &exact, &e), 0);
	CHECK_INT(exact, 0);
	CHECK_INT(bytes, 24);
	snprintf(path, sizeof path, "%s/missing", top);
	CHECK_INT(kd_kernel_mem_size(path, &bytes, &exact, &e), -1);
	CHECK(strstr(e.msg, "cannot open") != NULL);
}

TEST(ram_top)
{
	struct kd_error e;
	uint64_t top_bytes;

	/* no sysfs: MemTotal */
	make_dir("proc");
	{
		static const char meminfo[] = "MemTotal:        2030080 kB\n"
					      "MemFree: 1 kB\n";

		put("proc/meminfo", meminfo, sizeof meminfo - 1);
	}
	CHECK_INT(kd_ram_top(top, &top_bytes, &e), 0);
	CHECK_INT(top_bytes, 2030080ULL * 1024);
	/* memory blocks of 128 MiB, 0-15 and 32-39 (a hole): the top is 5 GiB */
	make_dir("sys");
	make_dir("sys/devices");
	make_dir("sys/devices/system");
	make_dir("sys/devices/system/memory");
	put("sys/devices/system/memory/block_size_bytes", "8000000\n", 8);
	make_dir("sys/devices/system/memory/memory0");
	make_dir("sys/devices/system/memory/memory15");
	make_dir("sys/devices/system/memory/memory39");
	make_dir("sys/devices/system/memory/memory_tiering");
	CHECK_INT(kd_ram_top(top, &top_bytes, &e), 0);
	CHECK_INT(top_bytes, 5 * GiB);
	CHECK_INT(kd_ram_top("/nonexistent", &top_bytes, &e), -1);
}

TEST(modules)
{
	static const char modules[] =
		"xfs 2113536 1 - Live 0x0000000000000000\n"
		"virtio_blk 24576 2 - Live 0x0000000000000000\n"
		"crc32c_generic 16384 0 - Live 0x0000000000000000\n"
		"dm_mod 184320 0 - Live 0x0000000000000000\n";
	struct kd_error e;
	uint64_t bytes;
	int loaded, wanted;

	put("proc/modules", modules, sizeof modules - 1);
	CHECK_INT(kd_modules_size(top, " crc32c-generic xfs  dm_mod nvme ", &bytes,
				  &loaded, &wanted, &e), 0);
	CHECK_INT(wanted, 4);
	CHECK_INT(loaded, 3);
	CHECK_INT(bytes, 2113536 + 16384 + 184320);
	CHECK_INT(kd_modules_size(top, "xf virtio", &bytes, &loaded, &wanted, &e), 0);
	CHECK_INT(loaded, 0);
	CHECK_INT(bytes, 0);
	CHECK_INT(kd_modules_size(top, "", &bytes, &loaded, &wanted, &e), 0);
	CHECK_INT(wanted, 0);
	/* no /proc/modules (a kernel without modules): nothing loaded */
	CHECK_INT(kd_modules_size("/nonexistent", "xfs", &bytes, &loaded,
				  &wanted, &e), 0);
	CHECK_INT(loaded, 0);
	CHECK_INT(wanted, 1);
}

int main(void)
{
	struct kd_error e;

	snprintf(top, sizeof top, "/tmp/kd-estimate-XXXXXX");
	if (!mkdtemp(top))
		return 1;
	RUN(arithmetic);
	RUN(boot_floor);
	RUN(kernel_size);
	RUN(ram_top);
	RUN(modules);
	if (kd_rmtree(AT_FDCWD, top, &e))
		printf("  cleanup: %s\n", e.msg);
	return unit_done();
}
