/* probe.c - recognise ext2/3/4, xfs, btrfs and vfat; read GPT/MBR PARTUUIDs
 * and GPT partition names. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "byteorder.h"
#include "fdio.h"
#include "probe.h"

int kd_probe_fd_read(void *fdp, uint64_t offset, void *buf, size_t len)
{
	return kd_pread_full(*(int *)fdp, buf, len, offset);
}

/* 16 bytes in order, as ext4, xfs and btrfs UUIDs are printed. */
static void format_uuid(const uint8_t *u, char *out, size_t size)
{
	snprintf(out, size, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3], u[4], u[5],
		 u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
}

/* A GUID as stored on disk: the first three fields little-endian. */
static void format_guid(const uint8_t *g, char *out, size_t size)
{
	uint8_t u[16];

	u[0] = g[3]; u[1] = g[2]; u[2] = g[1]; u[3] = g[0];
	u[4] = g[5]; u[5] = g[4]; u[6] = g[7]; u[7] = g[6];
	memcpy(u + 8, g + 8, 8);
	format_uuid(u, out, size);
}

/* Copy a fixed-size, possibly unterminated label; trim trailing spaces. */
static void copy_label(char *out, size_t size, const uint8_t *in, size_t len)
{
	size_t n = strnlen((const char *)in, len);

	if (n >= size)
		n = size - 1;
	memcpy(out, in, n);
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

static int probe_ext(kd_read_fn read, void *ctx, struct kd_fsinfo *fs)
{
	uint8_t sb[256];
	uint32_t compat, incompat, ro_compat;

	if (read(ctx, 1024, sb, sizeof sb) || kd_get_le16(sb + 0x38) != 0xef53)
		return -1;
	compat = kd_get_le32(sb + 0x5c);
	incompat = kd_get_le32(sb + 0x60);
	ro_compat = kd_get_le32(sb + 0x64);
	/* ext4-only features: anything beyond ext3's filetype/recover/
	 * journal_dev/meta_bg incompat bits or its ro_compat bits */
	if ((incompat & ~0x001fU) || (ro_compat & ~0x0007U))
		strcpy(fs->type, "ext4");
	else if (compat & 0x0004)	/* has_journal */
		strcpy(fs->type, "ext3");
	else
		strcpy(fs->type, "ext2");
	format_uuid(sb + 0x68, fs->uuid, sizeof fs->uuid);
	copy_label(fs->label, sizeof fs->label, sb + 0x78, 16);
	return 0;
}

static int probe_xfs(kd_read_fn read, void *ctx, struct kd_fsinfo *fs)
{
	uint8_t sb[128];

	if (read(ctx, 0, sb, sizeof sb) || memcmp(sb, "XFSB", 4))
		return -1;
	strcpy(fs->type, "xfs");
	format_uuid(sb + 32, fs->uuid, sizeof fs->uuid);
	copy_label(fs->label, sizeof fs->label, sb + 108, 12);
	return 0;
}

static int probe_btrfs(kd_read_fn read, void *ctx, struct kd_fsinfo *fs)
{
	uint8_t sb[0x12b + 256];

	if (read(ctx, 0x10000, sb, sizeof sb) || memcmp(sb + 0x40, "_BHRfS_M", 8))
		return -1;
	strcpy(fs->type, "btrfs");
	format_uuid(sb + 0x20, fs->uuid, sizeof fs->uuid);
	copy_label(fs->label, sizeof fs->label, sb + 0x12b, 256);
	return 0;
}

/* FAT: the volume serial as XXXX-XXXX and the boot sector label. */
static int probe_vfat(kd_read_fn read, void *ctx, struct kd_fsinfo *fs)
{
	uint8_t bs[512];
	const uint8_t *serial, *label;

	if (read(ctx, 0, bs, sizeof bs) || bs[510] != 0x55 || bs[511] != 0xaa)
		return -1;
	if (!memcmp(bs + 0x52, "FAT32   ", 8)) {
		serial = bs + 0x43;
		label = bs + 0x47;
	} else if (!memcmp(bs + 0x36, "FAT1", 4)) {
		serial = bs + 0x27;
		label = bs + 0x2b;
	} else {
		return -1;
	}
	strcpy(fs->type, "vfat");
	snprintf(fs->uuid, sizeof fs->uuid, "%04X-%04X",
		 kd_get_le16(serial + 2), kd_get_le16(serial));
	copy_label(fs->label, sizeof fs->label, label, 11);
	if (!strcmp(fs->label, "NO NAME"))
		fs->label[0] = '\0';
	return 0;
}

int kd_probe_fs(kd_read_fn read, void *ctx, struct kd_fsinfo *info)
{
	static int (*const probes[])(kd_read_fn, void *, struct kd_fsinfo *) = {
		probe_ext, probe_xfs, probe_btrfs, probe_vfat,
	};
	size_t i;

	for (i = 0; i < sizeof probes / sizeof probes[0]; i++) {
		memset(info, 0, sizeof *info);
		if (probes[i](read, ctx, info) == 0)
			return 0;
	}
	memset(info, 0, sizeof *info);
	return -1;
}

/* GPT entry partno (1-based) into entry[128]; its length (32 or 128),
 * or -1.  Names need the whole 128 bytes. */
static int gpt_entry(kd_read_fn read, void *ctx, unsigned partno,
		     uint8_t entry[128])
{
	uint8_t hdr[92];
	uint64_t lba;
	uint32_t count, esize, len;

	if (read(ctx, 512, hdr, sizeof hdr) || memcmp(hdr, "EFI PART", 8))
		return -1;
	lba = kd_get_le64(hdr + 72);
	count = kd_get_le32(hdr + 80);
	esize = kd_get_le32(hdr + 84);
	if (partno == 0 || partno > count || esize < 32 || esize > 4096 ||
	    lba > (UINT64_MAX - (uint64_t)esize * count) / 512)
		return -1;
	len = esize < 128 ? 32 : 128;
	if (read(ctx, lba * 512 + (uint64_t)(partno - 1) * esize, entry, len))
		return -1;
	return (int)len;
}

static int gpt_partuuid(kd_read_fn read, void *ctx, unsigned partno,
			char *out, size_t size)
{
	uint8_t entry[128];

	if (gpt_entry(read, ctx, partno, entry) < 0)
		return -1;
	format_guid(entry + 16, out, size);
	return 0;
}

/* UTF-16LE (no surrogates: GPT names are BMP text) to UTF-8. */
static void utf16_name(const uint8_t *in, size_t units, char *out, size_t size)
{
	size_t i, n = 0;

	for (i = 0; i < units; i++) {
		unsigned c = kd_get_le16(in + 2 * i);
		char b[3];
		size_t k;

		if (!c)
			break;
		if (c < 0x80) {
			b[0] = (char)c;
			k = 1;
		} else if (c < 0x800) {
			b[0] = (char)(0xc0 | c >> 6);
			b[1] = (char)(0x80 | (c & 0x3f));
			k = 2;
		} else {
			b[0] = (char)(0xe0 | c >> 12);
			b[1] = (char)(0x80 | ((c >> 6) & 0x3f));
			b[2] = (char)(0x80 | (c & 0x3f));
			k = 3;
		}
		if (n + k >= size)
			break;
		memcpy(out + n, b, k);
		n += k;
	}
	out[n] = '\0';
}

int kd_probe_partlabel(kd_read_fn read, void *ctx, unsigned partno,
		       char *out, size_t size)
{
	uint8_t entry[128];

	if (!size || gpt_entry(read, ctx, partno, entry) != 128)
		return -1;
	utf16_name(entry + 56, 36, out, size);
	return out[0] ? 0 : -1;
}

int kd_probe_partuuid(kd_read_fn read, void *ctx, unsigned partno,
		      char *out, size_t size)
{
	uint8_t mbr[512];

	if (gpt_partuuid(read, ctx, partno, out, size) == 0)
		return 0;
	if (read(ctx, 0, mbr, sizeof mbr) || mbr[510] != 0x55 || mbr[511] != 0xaa)
		return -1;
	if (partno == 0 || partno > 255 || !kd_get_le32(mbr + 0x1b8))
		return -1;
	snprintf(out, size, "%08x-%02x", kd_get_le32(mbr + 0x1b8), partno);
	return 0;
}

int kd_probe_device(const char *dev, struct kd_fsinfo *info)
{
	int fd = open(dev, O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -1;
	ret = kd_probe_fs(kd_probe_fd_read, &fd, info);
	close(fd);
	return ret;
}
