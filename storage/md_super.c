/* md_super.c - MD RAID member superblocks (0.90 and 1.x) read without the
 * kernel.
 *
 * Layouts from include/uapi/linux/raid/md_p.h (mdp_superblock_s, 0.90, and
 * mdp_superblock_1); what is accepted follows drivers/md/md.c's
 * super_90_load and super_1_load, so that a member found here is one that
 * ADD_NEW_DISK will take.  Fields are decoded explicitly little-endian:
 * 1.x is little-endian by definition; 0.90 is in the order of the host that
 * wrote it, little-endian on x86 and arm64 (a 0.90 member written by a
 * big-endian host is not recognised).  common/byteorder.h is not in this
 * tree yet: the three decoders below are its kd_get_le16/32/64. */
#include <stdio.h>
#include <string.h>
#include "byteorder.h"
#include "md.h"

#define MD_MAGIC	0xa92b4efcU
#define SB_BYTES	4096		/* read at each place, as the kernel does */

/* 1.x: 256 bytes, then one 16-bit role per device number */
#define SB1_ROLES	256
#define SB1_MAX_DEV	((SB_BYTES - SB1_ROLES) / 2)
#define ROLE_MAX	0xff00		/* 0xffff spare, 0xfffe faulty, 0xfffd journal */
#define F_RECOVERY	0x0002		/* partly recovered: not in sync */
#define F_RESHAPE	0x0004
#define F_REPLACEMENT	0x0010
#define F_NEW_OFFSET	0x0040
#define F_CLUSTERED	0x0100
#define F_JOURNAL	0x0200
#define F_ALL		0x1fff		/* every feature Linux knows (to 6.x) */

/* 0.90: 1024 host-order 32-bit words; 27 device descriptors of 32 words */
#define W_UUID0		5
#define W_CTIME		6
#define W_LEVEL		7
#define W_SIZE		8
#define W_RAID_DISKS	10
#define W_NOT_PERSISTENT 12
#define W_UUID1		13
#define W_STATE		33
#define W_CSUM		38
#define W_EVENTS_LO	39
#define W_EVENTS_HI	40
#define W_LAYOUT	64
#define W_DISKS		128
#define W_THIS_DISK	992
#define SB0_DISKS	27
#define D_FAULTY	0x1		/* descriptor state bits */
#define D_ACTIVE	0x2
#define D_SYNC		0x4

/* The 1.x checksum: 32-bit little-endian words over the header and the
 * role table, the checksum field counted as 0, the carry folded back. */
static uint32_t sb1_csum(const uint8_t *sb, uint32_t max_dev)
{
	uint32_t len = SB1_ROLES + max_dev * 2, i;
	uint64_t sum = 0;

	for (i = 0; i + 4 <= len; i += 4)
		if (i != 216)
			sum += kd_get_le32(sb + i);
	if (len - i == 2)
		sum += kd_get_le16(sb + i);
	return (uint32_t)((sum & 0xffffffff) + (sum >> 32));
}

/* The 0.90 checksum, folded to 16 bits on both sides as the kernel
 * compares it (Alpha kernels stored it folded). */
static uint32_t fold16(uint32_t c)
{
	c = (c & 0xffff) + (c >> 16);
	return (c & 0xffff) + (c >> 16);
}

static int sb0_csum_ok(const uint8_t *sb)
{
	uint64_t sum = 0;
	int i;

	for (i = 0; i < SB_BYTES / 4; i++)
		if (i != W_CSUM)
			sum += kd_get_le32(sb + 4 * i);
	return fold16((uint32_t)((sum & 0xffffffff) + (sum >> 32))) ==
	       fold16(kd_get_le32(sb + 4 * W_CSUM));
}

/* 1.x names are set by mdadm ("host:name"), but this is a disk's content:
 * keep it printable. */
static void copy_name(char *out, size_t size, const uint8_t *in, size_t len)
{
	size_t n = strnlen((const char *)in, len), i;

	if (n >= size)
		n = size - 1;
	for (i = 0; i < n; i++)
		out[i] = in[i] >= 0x20 && in[i] < 0x7f ? (char)in[i] : '?';
	out[n] = '\0';
}

/* What stops kdump-init (no mdadm, no mdmon, no cluster) from starting an
 * array with this 1.x feature map, or NULL. */
static const char *sb1_unsupported(const uint8_t *sb, uint32_t features)
{
	if (features & F_CLUSTERED)
		return "a clustered array (md-cluster needs the cluster's "
		       "lock manager)";
	if (features & F_JOURNAL)
		return "an array with a write journal device";
	/* a reshape that moves data in place has a critical section that
	 * only mdadm, with its backup file, can restore */
	if ((features & F_RESHAPE) &&
	    !((features & F_NEW_OFFSET) && kd_get_le32(sb + 124)))
		return "a reshape in progress that needs mdadm's backup file";
	return NULL;
}

/* The role of this device and how many devices are active, from the role
 * table: dev_roles[dev_number]. */
static void sb1_roles(const uint8_t *sb, uint32_t max_dev,
		      struct kd_md_member *m)
{
	uint32_t dev = kd_get_le32(sb + 160), i, features = kd_get_le32(sb + 8);
	unsigned role = dev < max_dev ? kd_get_le16(sb + SB1_ROLES + 2 * dev) : 0xffff;

	m->role = role < ROLE_MAX && role < (unsigned)m->raid_disks ? (int)role : -1;
	m->replacement = m->role >= 0 && (features & F_REPLACEMENT);
	m->in_sync = m->role >= 0 && !(features & (F_RECOVERY | F_REPLACEMENT));
	m->working = 0;
	for (i = 0; i < max_dev; i++)
		if (kd_get_le16(sb + SB1_ROLES + 2 * i) < (unsigned)m->raid_disks)
			m->working++;
}

static void sb1_fill(const uint8_t *sb, int minor, uint32_t max_dev,
		     struct kd_md_member *m)
{
	const uint8_t *u = sb + 16;

	snprintf(m->uuid, sizeof m->uuid,
		 "%02x%02x%02x%02x:%02x%02x%02x%02x:%02x%02x%02x%02x:%02x%02x%02x%02x",
		 u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9],
		 u[10], u[11], u[12], u[13], u[14], u[15]);
	snprintf(m->metadata, sizeof m->metadata, "1.%d", minor);
	m->sb_major = 1;
	m->sb_minor = minor;
	copy_name(m->name, sizeof m->name, sb + 32, 32);
	m->ctime = kd_get_le64(sb + 64) & ((1ULL << 40) - 1);
	m->level = (int)kd_get_le32(sb + 72);
	m->layout = (int)kd_get_le32(sb + 76);
	m->raid_disks = (int)kd_get_le32(sb + 92);
	m->events = kd_get_le64(sb + 200);
	m->clean = kd_get_le64(sb + 208) == UINT64_MAX;	/* resync_offset */
	m->unsupported = sb1_unsupported(sb, kd_get_le32(sb + 8));
	sb1_roles(sb, max_dev, m);
}

/* The padding the kernel insists is zero (pad0 and pad3): non-zero is a
 * feature it does not know. */
static int sb1_padding_zero(const uint8_t *sb)
{
	int i;

	for (i = 224; i < 256; i++)
		if (sb[i])
			return 0;
	return kd_get_le32(sb + 12) == 0;
}

/* Where the data lies must fit the device: a truncated or shrunk member
 * is refused, as super_1_load does. */
static int sb1_fits(const uint8_t *sb, int minor, uint64_t sectors,
		    uint64_t sb_sector, uint32_t max_dev)
{
	uint64_t data_offset = kd_get_le64(sb + 128), data_size = kd_get_le64(sb + 136);
	uint64_t sb_sectors = (SB1_ROLES + max_dev * 2 + 511) / 512;

	if (data_size < 10)
		return 0;
	if (minor == 0)
		return data_size <= sb_sector;
	return data_offset >= sb_sector + sb_sectors && data_offset <= sectors &&
	       data_size <= sectors - data_offset;
}

static int read_sb1(kd_read_fn read, void *ctx, uint64_t size, int minor,
		    struct kd_md_member *m)
{
	uint8_t sb[SB_BYTES];
	uint64_t sectors = size / 512, at;
	uint32_t max_dev, raid_disks;

	if (sectors < 24)	/* 12 KiB: mdadm's smallest member */
		return -1;
	at = minor == 0 ? (sectors - 16) & ~(uint64_t)7 : minor == 1 ? 0 : 8;
	if (read(ctx, at * 512, sb, sizeof sb))
		return -1;
	max_dev = kd_get_le32(sb + 220);
	raid_disks = kd_get_le32(sb + 92);
	if (kd_get_le32(sb) != MD_MAGIC || kd_get_le32(sb + 4) != 1 || max_dev > SB1_MAX_DEV ||
	    kd_get_le64(sb + 144) != at || (kd_get_le32(sb + 8) & ~(uint32_t)F_ALL) ||
	    !sb1_padding_zero(sb) || kd_get_le32(sb + 216) != sb1_csum(sb, max_dev))
		return -1;
	if (raid_disks < 1 || raid_disks > SB1_MAX_DEV ||
	    !sb1_fits(sb, minor, sectors, at, max_dev))
		return -1;
	memset(m, 0, sizeof *m);
	sb1_fill(sb, minor, max_dev, m);
	return 0;
}

static uint32_t w(const uint8_t *sb, int word) { return kd_get_le32(sb + 4 * word); }

/* Role and active count from the 0.90 descriptors: the kernel reads this
 * device's entry in disks[] (this_disk.number), not this_disk itself. */
static int sb0_roles(const uint8_t *sb, struct kd_md_member *m)
{
	uint32_t number = w(sb, W_THIS_DISK), state, slot;
	int i;

	if (number >= SB0_DISKS)
		return -1;
	state = w(sb, W_DISKS + 32 * (int)number + 4);
	slot = w(sb, W_DISKS + 32 * (int)number + 3);
	m->role = !(state & D_FAULTY) && (state & D_SYNC) &&
		  slot < (uint32_t)m->raid_disks ? (int)slot : -1;
	m->in_sync = m->role >= 0;
	m->working = 0;
	for (i = 0; i < SB0_DISKS; i++) {
		state = w(sb, W_DISKS + 32 * i + 4);
		slot = w(sb, W_DISKS + 32 * i + 3);
		if ((state & (D_SYNC | D_ACTIVE)) == (D_SYNC | D_ACTIVE) &&
		    !(state & D_FAULTY) && slot < (uint32_t)m->raid_disks)
			m->working++;
	}
	return 0;
}

static int read_sb0(kd_read_fn read, void *ctx, uint64_t size,
		    struct kd_md_member *m)
{
	uint8_t sb[SB_BYTES];
	uint64_t at = (size & ~(uint64_t)0xffff);
	uint32_t minor, raid_disks;

	if (at < 0x10000 || read(ctx, at - 0x10000, sb, sizeof sb))
		return -1;
	at -= 0x10000;
	minor = w(sb, 2);
	raid_disks = w(sb, W_RAID_DISKS);
	if (w(sb, 0) != MD_MAGIC || w(sb, 1) != 0 || minor < 90 || minor > 91 ||
	    raid_disks < 1 || raid_disks > SB0_DISKS || w(sb, W_NOT_PERSISTENT) ||
	    !sb0_csum_ok(sb))
		return -1;
	/* the data ends at the superblock; size is in KiB (levels >= 1) */
	if ((int32_t)w(sb, W_LEVEL) >= 1 && (uint64_t)w(sb, W_SIZE) * 1024 > at)
		return -1;
	memset(m, 0, sizeof *m);
	snprintf(m->uuid, sizeof m->uuid, "%08x:%08x:%08x:%08x", w(sb, W_UUID0),
		 w(sb, W_UUID1), w(sb, W_UUID1 + 1), w(sb, W_UUID1 + 2));
	snprintf(m->metadata, sizeof m->metadata, "0.%u", minor);
	m->sb_minor = (int)minor;
	m->ctime = w(sb, W_CTIME);
	m->level = (int)w(sb, W_LEVEL);
	m->layout = (int)w(sb, W_LAYOUT);
	m->raid_disks = (int)raid_disks;
	m->events = (uint64_t)w(sb, W_EVENTS_HI) << 32 | w(sb, W_EVENTS_LO);
	m->clean = w(sb, W_STATE) & 1;
	/* 0.91 is 0.90 during a reshape, which always has a critical
	 * section in mdadm's backup file */
	if (minor == 91)
		m->unsupported = "a reshape in progress that needs mdadm's backup file";
	return sb0_roles(sb, m);
}

/* In mdadm's order (0.90, then 1.0, 1.1, 1.2); a later one replaces an
 * earlier only when it is strictly newer. */
int kd_md_read_super(kd_read_fn read, void *ctx, uint64_t size,
		     struct kd_md_member *m)
{
	static const int minors[] = { -1, 0, 1, 2 };	/* -1: 0.90 */
	struct kd_md_member got;
	int found = 0;
	size_t i;

	memset(m, 0, sizeof *m);
	m->role = -1;
	for (i = 0; i < sizeof minors / sizeof minors[0]; i++) {
		int ret = minors[i] < 0 ? read_sb0(read, ctx, size, &got)
					: read_sb1(read, ctx, size, minors[i], &got);

		if (ret == 0 && (!found || got.ctime > m->ctime)) {
			*m = got;
			found = 1;
		}
	}
	return found ? 0 : -1;
}
