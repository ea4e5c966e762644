/* test_lvm_scan.c - finding a VG's PVs and its newest metadata among the
 * block devices of a fake sysfs tree, whose /dev nodes are sparse image
 * files holding lvm's real labels and texts (lvm_fixture.h); the plan
 * (the table) built from it, and what kdumpctl's describe reports. */
#define UNIT_SUITE "lvm_scan"
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lvm.h"
#include "lvm_fixture.h"
#include "lvm_scan.h"
#include "rmtree.h"
#include "unit.h"

#define PV_SECTORS 262144		/* 128 MiB, as the real PVs */

static char root[64], sys[96], dev[96];

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* Directory sys/class/block/<name>[/<sub>]. */
static void sysfs_dir(const char *name, const char *sub)
{
	char path[256];

	snprintf(path, sizeof path, "%s/class/block/%s%s%s", sys, name, sub ? "/" : "",
		 sub ? sub : "");
	mkdir(path, 0755);
}

static void sysfs_file(const char *name, const char *file, const char *text)
{
	char path[256];

	snprintf(path, sizeof path, "%s/class/block/%s/%s", sys, name, file);
	put_file(path, text);
}

/* A block device in the fake sysfs (holder: an entry of holders/, or
 * NULL), its node an empty sparse file of `sectors`; returns the node's
 * descriptor for the caller to fill. */
static int block(const char *name, const char *majmin, uint64_t sectors,
		 const char *holder)
{
	char path[256], num[32];
	int fd;

	sysfs_dir(name, NULL);
	sysfs_dir(name, "holders");
	if (holder) {
		snprintf(path, sizeof path, "holders/%s", holder);
		sysfs_dir(name, path);
	}
	sysfs_file(name, "dev", majmin);
	snprintf(num, sizeof num, "%llu\n", (unsigned long long)sectors);
	sysfs_file(name, "size", num);
	snprintf(path, sizeof path, "%s/%s", dev, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK(ftruncate(fd, (off_t)(sectors * 512)) == 0);
	return fd;
}

/* A PV as pvcreate lays it out (label in sector 1, one metadata area at
 * 4 KiB of 0xff000 bytes, data at 1 MiB) holding corpus text `vg` at
 * 0x1c00 of its area, or no metadata area when vg is NULL. */
static void pv(const char *name, const char *majmin, const char *pv_id,
	       const char *vg, const char *holder)
{
	uint8_t head[8192 + 0x1c00];
	size_t len = 0;
	char *text = vg ? fixture(vg, &len) : NULL;
	int fd = block(name, majmin, PV_SECTORS, holder);

	CHECK(!vg || (text && len <= sizeof head - 4096 - 0x1c00));
	memset(head, 0, sizeof head);
	put_label(head + 512, 1, pv_id, (uint64_t)PV_SECTORS * 512, 1 << 20,
		  text ? 4096 : 0, text ? 0xff000 : 0);
	if (text) {
		put_mda(head + 4096, 4096, 0xff000, 0x1c00, len,
			kd_lvm_crc(KD_LVM_INITIAL_CRC, text, len), 0);
		memcpy(head + 4096 + 0x1c00, text, len);
	}
	CHECK(pwrite(fd, head, sizeof head, 0) == (ssize_t)sizeof head);
	close(fd);
	free(text);
}

static void fresh(void)
{
	struct kd_error e;
	char path[128];

	if (root[0])
		CHECK_INT(kd_rmtree(AT_FDCWD, root, &e), 0);
	strcpy(root, "/tmp/kd-lvm-XXXXXX");
	CHECK(mkdtemp(root) != NULL);
	snprintf(sys, sizeof sys, "%s/sys", root);
	snprintf(dev, sizeof dev, "%s/dev", root);
	mkdir(sys, 0755);
	mkdir(dev, 0755);
	snprintf(path, sizeof path, "%s/class", sys);
	mkdir(path, 0755);
	snprintf(path, sizeof path, "%s/class/block", sys);
	mkdir(path, 0755);
}

/* The table the capture kernel would load for LV lv_id of kd-vg, or
 * "<errno> <message>". */
static const char *plan(const char *lv_id)
{
	static char out[1024];
	struct kd_lvm_plan p;
	struct kd_error e;

	if (kd_lvm_plan(sys, dev, KD_VG_ID, lv_id, 0, &p, &e))
		snprintf(out, sizeof out, "%d %s", e.code, e.msg);
	else
		snprintf(out, sizeof out, "%llu %zu %s %s", (unsigned long long)p.seqno,
			 p.ndev, p.dev[0].name, p.dev[0].table);
	kd_lvm_plan_free(&p);
	return out;
}

/* A fresh tree with kd-vg's pv0 on sda (8:0), pv1 on sdb (8:16), each
 * holding the corpus text named. */
static void kd_vg_on(const char *pv0_text, const char *pv1_text)
{
	fresh();
	pv("sda", "8:0", PV0_ID, pv0_text, NULL);
	pv("sdb", "8:16", PV1_ID, pv1_text, NULL);
}

#define SPAN_NOW "5 1 kd--vg-span 0 237568 linear 8:0 18432\n237568 8192 linear 8:16 18432\n"

/* span was extended after seqno 3 (the image was made): whichever PV
 * holds the newer copy, the table maps the LV as it is now. */
TEST(newest_metadata_wins)
{
	struct kd_lvm_found f;
	struct kd_error e;

	kd_vg_on("kd-vg-seqno5.vg", "kd-vg-seqno3.vg");
	CHECK_STR(plan(SPAN_ID), SPAN_NOW);
	CHECK_INT(kd_lvm_scan(sys, dev, KD_VG_ID, &f, &e), 0);
	CHECK_INT(f.copies, 2);
	CHECK_INT(f.seqno, 5);
	CHECK_STR(f.text_dev, "sda");
	CHECK_INT(f.oldest, 3);
	CHECK_STR(f.oldest_dev, "sdb");
	CHECK_INT(f.dev_count, 2);
	kd_lvm_found_free(&f);
	kd_vg_on("kd-vg-seqno3.vg", "kd-vg-seqno5.vg");
	CHECK_STR(plan(SPAN_ID), SPAN_NOW);
	/* the old layout, had the old copy been taken */
	CHECK(strcmp(plan(SPAN_ID), "3 1 kd--vg-span 0 163840 linear 8:0 18432\n"));
	CHECK_STR(plan(STRIPE_ID), "5 1 kd--vg-stripe 0 32768 striped 2 128 8:0 2048 "
		  "8:16 2048\n");
}

/* Two copies of one seqno that differ: lvm refuses to activate. */
TEST(same_seqno_different_text)
{
	char path[256];
	int fd;

	kd_vg_on("kd-vg-seqno5.vg", "kd-vg-seqno5.vg");
	CHECK_STR(plan(SPAN_ID), SPAN_NOW);
	/* change a byte of sdb's text and its crc so that it is read */
	snprintf(path, sizeof path, "%s/sdb", dev);
	fd = open(path, O_RDWR);
	CHECK(fd >= 0);
	{
		uint8_t area[512 + 0x1c00 + 2001];
		uint32_t crc;

		CHECK(pread(fd, area, sizeof area, 4096) == (ssize_t)sizeof area);
		area[0x1c00 + 1990] ^= 1;		/* in the final comment */
		crc = kd_lvm_crc(KD_LVM_INITIAL_CRC, area + 0x1c00, 2001);
		put_mda(area, 4096, 0xff000, 0x1c00, 2001, crc, 0);
		CHECK(pwrite(fd, area, sizeof area, 4096) == (ssize_t)sizeof area);
	}
	close(fd);
	CHECK_STR(plan(SPAN_ID), "22 VG " KD_VG_ID ": sda and sdb hold different "
		  "metadata of the same seqno 5 (lvm will not activate it either)");
}

TEST(missing_pvs)
{
	fresh();
	CHECK_STR(plan(SPAN_ID), "19 no PV with readable metadata of VG " KD_VG_ID
		  " (of 0 PVs seen)");
	pv("sdb", "8:16", PV1_ID, "kd-vg-seqno5.vg", NULL);
	/* dump-lv is all on pv1: it maps; span and stripe need pv0 too */
	CHECK_STR(plan(DUMP_LV_ID), "5 1 kd--vg-dump--lv 0 16384 linear 8:16 26624\n");
	CHECK_STR(plan(SPAN_ID), "19 VG kd-vg: PV pv0 (9p7QUz-Xqxq-uc8f-XFOE-WBtV-vFHc-"
		  "sYis6g, last seen as /dev/loop1) is not there");
	CHECK(!strncmp(plan(STRIPE_ID), "19 VG kd-vg: PV pv0", 19));
	/* a PV with no metadata area of its own still counts */
	pv("sda", "8:0", PV0_ID, NULL, NULL);
	CHECK_STR(plan(SPAN_ID), SPAN_NOW);
}

/* Devices that are not read as PVs, and a PV seen twice. */
TEST(devices_skipped_and_duplicates)
{
	kd_vg_on("kd-vg-seqno5.vg", "kd-vg-seqno5.vg");
	pv("dm-0", "253:0", PV1_ID, "kd-vg-seqno5.vg", NULL);	/* an LV */
	pv("sdc", "8:32", PV1_ID, "kd-vg-seqno5.vg", "md0");	/* an md member */
	block("sr0", "11:0", 0, NULL);				/* no medium */
	CHECK_STR(plan(SPAN_ID), SPAN_NOW);
	pv("sdd", "8:48", PV1_ID, "kd-vg-seqno5.vg", NULL);	/* the same PV again */
	CHECK(!strncmp(plan(SPAN_ID), "17 VG kd-vg: PV pv1 (VuBMxK-Oyn7-IU1L-bS95-vFx2-"
		       "ds2N-air5gi) is on more than one device", 70));
}

/* An MD member with its superblock at the end (metadata 1.0), array not
 * assembled: its sector 1 shows the array's PV label, not its own. */
TEST(unassembled_md_member)
{
	static const uint8_t magic[4] = { 0xfc, 0x4e, 0x2b, 0xa9 };
	char path[256];
	int fd;

	kd_vg_on("kd-vg-seqno5.vg", "kd-vg-seqno5.vg");
	pv("sdc", "8:32", PV1_ID, "kd-vg-seqno5.vg", NULL);
	snprintf(path, sizeof path, "%s/sdc", dev);
	fd = open(path, O_RDWR);
	CHECK(fd >= 0);
	CHECK(pwrite(fd, magic, 4, ((PV_SECTORS - 16) & ~7ull) * 512) == 4);
	close(fd);
	CHECK_STR(plan(SPAN_ID), SPAN_NOW);
}

/* The real wrapped text, read through the scan. */
TEST(wrapped_pv)
{
	uint8_t *head = calloc(1, 65536);
	struct kd_lvm_plan p;
	struct kd_error e;
	size_t len = 0;
	char *text = fixture("wrapped.vg", &len);
	int fd;

	fresh();
	fd = block("vda", "254:0", PV_SECTORS, NULL);
	CHECK(head && text);
	if (head && text) {
		unhex(WRAP_LABEL, head + 512);
		unhex(WRAP_MDA, head + 4096);
		put_text(head, 4096, 61440, 0xea00, text, len);
		CHECK(pwrite(fd, head, 65536, 0) == 65536);
	}
	close(fd);
	CHECK_INT(kd_lvm_plan(sys, dev, "lKUSmj-xpg7-Osh5-k7as-1Vc3-ZJwY-oSzSGU",
			      "0ZoVfN-jdC9-07Uv-3fm8-phbt-Mbjy-bQXfk9", 0, &p, &e), 0);
	CHECK_INT(p.ndev, 1);
	CHECK_STR(p.dev[0].table, "0 8192 linear 254:0 128\n");
	CHECK_INT(p.seqno, 72);
	CHECK_STR(p.dev[0].name, "wrap-lv");
	kd_lvm_plan_free(&p);
	free(head);
	free(text);
}

static void dm_uuid(const char *name, const char *uuid)
{
	sysfs_dir(name, NULL);
	sysfs_dir(name, "dm");
	sysfs_file(name, "dm/uuid", uuid);
}

TEST(describe)
{
	struct kd_lv_ref ref;
	struct kd_error e;

	kd_vg_on("kd-vg-seqno5.vg", "kd-vg-seqno5.vg");
	dm_uuid("dm-0", "LVM-" KD_VG_ID SPAN_ID "\n");
	CHECK_INT(kd_lvm_describe_at(sys, dev, "dm-0", &ref, &e), 0);
	CHECK_STR(ref.vg_uuid, "kqrApI-V4fq-CwHD-9OlL-I67x-iS0X-aeZYO4");
	CHECK_STR(ref.lv_uuid, "EVzu7v-kZTN-KWH1-qga9-1AqT-qbTp-MCyFjK");
	CHECK_STR(ref.vg_name, "kd-vg");
	CHECK_STR(ref.lv_name, "span");
	CHECK_INT(ref.seqno, 5);
	dm_uuid("dm-1", "LVM-" KD_VG_ID SPAN_ID "-real\n");	/* a layer */
	CHECK_INT(kd_lvm_describe_at(sys, dev, "dm-1", &ref, &e), -1);
	CHECK(strstr(e.msg, "is not a top-level LVM logical volume") != NULL);
	dm_uuid("dm-2", "CRYPT-LUKS2-0123456789abcdef0123456789abcdef-luks\n");
	CHECK_INT(kd_lvm_describe_at(sys, dev, "dm-2", &ref, &e), -1);
	CHECK_INT(kd_lvm_describe_at(sys, dev, "dm-9", &ref, &e), -1);
	CHECK(strstr(e.msg, "dm-9: no device-mapper uuid") != NULL);
	fresh();
	pv("sda", "8:0", PV0_ID, "kd-vg-seqno5.vg", NULL);
	dm_uuid("dm-0", "LVM-" KD_VG_ID STRIPE_ID "\n");
	CHECK_INT(kd_lvm_describe_at(sys, dev, "dm-0", &ref, &e), -1);
	CHECK_INT(e.code, ENODEV);
	CHECK(strstr(e.msg, "PV pv1") != NULL);
}

int main(void)
{
	struct kd_error e;

	RUN(newest_metadata_wins);
	RUN(same_seqno_different_text);
	RUN(missing_pvs);
	RUN(devices_skipped_and_duplicates);
	RUN(unassembled_md_member);
	RUN(wrapped_pv);
	RUN(describe);
	if (root[0] && kd_rmtree(AT_FDCWD, root, &e))
		printf("  %s: %s\n", root, e.msg);
	return unit_done();
}
