/* md_fixture.h - MD member superblocks written from the on-disk layout
 * (include/uapi/linux/raid/md_p.h), for test_md.c and test_md_sysfs.c.
 *
 * The build machine's kernel has no MD, so mdadm cannot create arrays
 * here; these builders lay out 0.90 and 1.x superblocks as mdadm and the
 * kernel write them, with their checksums computed anew (not with the
 * code under test), and test_md.c has mdadm --examine read each image. */
#ifndef KD_MD_FIXTURE_H
#define KD_MD_FIXTURE_H

#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"

#define MIB (1024 * 1024ULL)
#define UUID_TEXT "3d000000:4b444000:80000000:00000007"
static const uint8_t uuid_bytes[16] = {
	0x3d, 0, 0, 0, 0x4b, 0x44, 0x40, 0, 0x80, 0, 0, 0, 0, 0, 0, 0x07,
};
static const uint32_t uuid_words[4] = { 0x3d000000, 0x4b444000, 0x80000000, 7 };

/* One member's superblock as mdadm and the kernel lay it out. */
struct fx {
	int minor;		/* 1.x: 0, 1, 2; 0.90: -1 */
	uint64_t size;		/* of the member */
	int level, layout, raid_disks;
	int dev;		/* 1.x dev_number, 0.90 descriptor number */
	unsigned role;		/* its dev_roles[] entry (0xffff spare, 0xfffe
				 * faulty); 0.90: its slot */
	unsigned state;		/* 0.90 descriptor state (6: active, sync) */
	int failed;		/* another device marked faulty, or -1 */
	uint64_t events, ctime;
	int clean;
	uint32_t features, new_offset;
	uint64_t data_size;	/* 1.x sectors, 0.90 KiB; 0: all there is */
	const char *name;
};

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)v); put16(p + 2, (uint16_t)(v >> 16)); }
static void put64(uint8_t *p, uint64_t v) { put32(p, (uint32_t)v); put32(p + 4, (uint32_t)(v >> 32)); }
static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static struct fx fx_default(int minor)
{
	struct fx f = { .minor = minor, .size = 16 * MIB, .level = 1,
			.raid_disks = 2, .dev = 1, .role = 1, .state = 6,
			.failed = -1, .events = 42, .ctime = 1700000000,
			.clean = 1, .name = "kdhost:kdr1" };
	return f;
}

/* Byte offset of the superblock, as md.c computes it. */
static uint64_t sb_offset(const struct fx *f)
{
	uint64_t sectors = f->size / 512;

	if (f->minor < 0)
		return (f->size & ~0xffffULL) - 0x10000;
	if (f->minor == 0)
		return ((sectors - 16) & ~7ULL) * 512;
	return f->minor == 1 ? 0 : 4096;
}

/* The 1.x checksum, written out again from md_p.h's description (sum of
 * little-endian words up to the role table's end, carry folded in). */
static void sb1_sum(uint8_t *sb)
{
	uint32_t len = 256 + get32(sb + 220) * 2, i;
	uint64_t sum = 0;

	put32(sb + 216, 0);
	for (i = 0; i + 4 <= len; i += 4)
		sum += get32(sb + i);
	put32(sb + 216, (uint32_t)((sum & 0xffffffff) + (sum >> 32)));
}

static void build_sb1(const struct fx *f, uint8_t *sb)
{
	uint64_t at = sb_offset(f) / 512, sectors = f->size / 512;
	uint64_t data_offset = f->minor == 0 ? 0 : 2048;
	uint64_t data_size = f->minor == 0 ? at - 8 : sectors - data_offset;
	int i;

	if (f->data_size)
		data_size = f->data_size;

	put32(sb, 0xa92b4efc);
	put32(sb + 4, 1);
	put32(sb + 8, f->features);
	memcpy(sb + 16, uuid_bytes, 16);
	memcpy(sb + 32, f->name, strlen(f->name));
	put64(sb + 64, f->ctime);
	put32(sb + 72, (uint32_t)f->level);
	put32(sb + 76, (uint32_t)f->layout);
	put64(sb + 80, data_size);
	put32(sb + 88, 1024);			/* chunk: 512 KiB */
	put32(sb + 92, (uint32_t)f->raid_disks);
	put32(sb + 124, f->new_offset);
	put64(sb + 128, data_offset);
	put64(sb + 136, data_size);
	put64(sb + 144, at);
	put32(sb + 160, (uint32_t)f->dev);
	memset(sb + 168, 0x5a, 16);		/* device UUID */
	put64(sb + 192, f->ctime + 60);
	put64(sb + 200, f->events);
	put64(sb + 208, f->clean ? UINT64_MAX : 0);
	put32(sb + 220, 128);			/* max_dev, as Linux writes */
	for (i = 0; i < 128; i++)
		put16(sb + 256 + 2 * i, i < f->raid_disks ? (uint16_t)i : 0xffff);
	if (f->failed >= 0)
		put16(sb + 256 + 2 * f->failed, 0xfffe);
	put16(sb + 256 + 2 * f->dev, (uint16_t)f->role);
	sb1_sum(sb);
}

/* 0.90: 1024 words; the checksum is their sum (itself counted as 0). */
static void sb0_desc(uint8_t *sb, int word, int number, unsigned slot, unsigned state)
{
	put32(sb + 4 * word, (uint32_t)number);
	put32(sb + 4 * (word + 1), 8);
	put32(sb + 4 * (word + 2), (uint32_t)(16 * number + 1));
	put32(sb + 4 * (word + 3), slot);
	put32(sb + 4 * (word + 4), state);
}

static void build_sb0(const struct fx *f, uint8_t *sb)
{
	uint64_t sum = 0;
	int i;

	put32(sb, 0xa92b4efc);
	put32(sb + 8, 90);
	/* 0.90 keeps the UUID as four words (uuid0 at word 5, 1-3 at 13-15)
	 * and mdadm prints each as %08x */
	for (i = 0; i < 4; i++)
		put32(sb + 4 * (i ? 12 + i : 5), uuid_words[i]);
	put32(sb + 4 * 6, (uint32_t)f->ctime);
	put32(sb + 4 * 7, (uint32_t)f->level);
	put32(sb + 4 * 8, (uint32_t)(f->data_size ? f->data_size : sb_offset(f) / 1024));
	put32(sb + 4 * 9, (uint32_t)f->raid_disks);
	put32(sb + 4 * 10, (uint32_t)f->raid_disks);
	put32(sb + 4 * 32, (uint32_t)f->ctime + 60);
	put32(sb + 4 * 33, f->clean ? 1 : 0);
	put32(sb + 4 * 34, (uint32_t)f->raid_disks);
	put32(sb + 4 * 35, (uint32_t)f->raid_disks);
	put32(sb + 4 * 39, (uint32_t)f->events);
	put32(sb + 4 * 40, (uint32_t)(f->events >> 32));
	put32(sb + 4 * 64, (uint32_t)f->layout);
	put32(sb + 4 * 65, 65536);
	for (i = 0; i < f->raid_disks; i++)
		sb0_desc(sb, 128 + 32 * i, i, (unsigned)i, 6);
	if (f->failed >= 0)
		sb0_desc(sb, 128 + 32 * f->failed, f->failed, (unsigned)f->failed, 1);
	sb0_desc(sb, 128 + 32 * f->dev, f->dev, f->role, f->state);
	sb0_desc(sb, 992, f->dev, f->role, f->state);
	for (i = 0; i < 1024; i++)
		sum += get32(sb + 4 * i);
	put32(sb + 4 * 38, (uint32_t)((sum & 0xffffffff) + (sum >> 32)));
}

/* Write f's superblock into image `path` (created sparse at f->size
 * when it does not exist); `corrupt` flips one byte after the checksum. */
static void write_member(const char *path, const struct fx *f, int corrupt)
{
	uint8_t sb[4096];
	int fd = open(path, O_RDWR | O_CREAT, 0600);

	memset(sb, 0, sizeof sb);
	if (f->minor < 0)
		build_sb0(f, sb);
	else
		build_sb1(f, sb);
	if (corrupt)
		sb[corrupt] ^= 0x40;
	CHECK(fd >= 0);
	CHECK_INT(ftruncate(fd, (off_t)f->size), 0);
	CHECK_INT(pwrite(fd, sb, sizeof sb, (off_t)sb_offset(f)), (long long)sizeof sb);
	close(fd);
}

#endif
