/* lvm_label.c - read an LVM2 PV label, a metadata area header and the
 * current metadata text out of the area's circular buffer. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "byteorder.h"
#include "lvm_label.h"
#include "lvm_names.h"

#define SECTOR 512
#define LABEL_SCAN_SECTORS 4
#define MDA_HEADER_SIZE 512
#define MDA_MAGIC " LVM2 x[5A%r0N*>"
#define RAW_LOCN_IGNORED 0x1u

uint32_t kd_lvm_crc(uint32_t crc, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	int bit;

	/* bit by bit: metadata is at most a few MiB, read once per scan */
	while (len--) {
		crc ^= *p++;
		for (bit = 0; bit < 8; bit++)
			crc = crc >> 1 ^ (crc & 1 ? 0xedb88320u : 0);
	}
	return crc;
}

/* An id is 32 characters of lvm's alphabet; anything else is damage, and
 * would end up in messages and device names. */
static int valid_id(const uint8_t *id)
{
	int i;

	for (i = 0; i < KD_LVM_ID_LEN; i++)
		if (!kd_lvm_id_char(id[i]))
			return 0;
	return 1;
}

/* A disk_locn list in the PV header: offset/size pairs of 16 bytes,
 * ended by a zero offset that must lie inside the sector.  Returns the
 * position after the terminator, or 0 when it does not fit. */
static size_t locn_list(const uint8_t *sec, size_t pos, uint64_t *first,
			struct kd_lvm_label *l)
{
	for (; pos + 16 <= SECTOR; pos += 16) {
		uint64_t off = kd_get_le64(sec + pos), size = kd_get_le64(sec + pos + 8);

		if (!off)
			return pos + 16;
		if (first && !*first)
			*first = off;
		if (l && l->mda_count < KD_LVM_MAX_MDA) {
			l->mda[l->mda_count].offset = off;
			l->mda[l->mda_count++].size = size;
		}
	}
	return 0;
}

/* The PV header after a valid label header in sector sec. */
static int pv_header(const uint8_t *sec, struct kd_lvm_label *l,
		     struct kd_error *e)
{
	uint32_t at = kd_get_le32(sec + 20);
	size_t pos;

	if (at < 32 || at > SECTOR - 40)
		return kd_fail(e, EINVAL, "PV header offset %u out of its sector", at);
	if (!valid_id(sec + at))
		return kd_fail(e, EINVAL, "PV header holds no valid PV id");
	memcpy(l->pv_id, sec + at, KD_LVM_ID_LEN);
	l->pv_id[KD_LVM_ID_LEN] = '\0';
	l->dev_size = kd_get_le64(sec + at + 32);
	pos = locn_list(sec, at + 40, &l->data_offset, NULL);
	if (pos)
		pos = locn_list(sec, pos, NULL, l);
	if (!pos)
		return kd_fail(e, EINVAL, "PV header area lists overflow the label sector");
	return 0;
}

int kd_lvm_read_label(kd_read_fn read, void *ctx, struct kd_lvm_label *l,
		      struct kd_error *e)
{
	uint8_t buf[LABEL_SCAN_SECTORS * SECTOR];
	unsigned s;

	memset(l, 0, sizeof *l);
	if (read(ctx, 0, buf, sizeof buf))
		return kd_fail(e, EIO, "cannot read the first %u sectors",
			       LABEL_SCAN_SECTORS);
	/* As lvm: the first sector that holds "LABELONE" naming its own
	 * sector number, with a good crc, and of type "LVM2 001". */
	for (s = 0; s < LABEL_SCAN_SECTORS; s++) {
		const uint8_t *sec = buf + s * SECTOR;

		if (memcmp(sec, "LABELONE", 8) || kd_get_le64(sec + 8) != s ||
		    kd_lvm_crc(KD_LVM_INITIAL_CRC, sec + 20, SECTOR - 20) != kd_get_le32(sec + 16) ||
		    memcmp(sec + 24, "LVM2 001", 8))
			continue;
		l->sector = s;
		return pv_header(sec, l, e);
	}
	return kd_fail(e, ENOENT, "no LVM2 label");
}

int kd_lvm_read_mda(kd_read_fn read, void *ctx, uint64_t offset,
		    struct kd_lvm_locn *loc, struct kd_error *e)
{
	uint8_t h[MDA_HEADER_SIZE];
	uint32_t flags;

	memset(loc, 0, sizeof *loc);
	if (read(ctx, offset, h, sizeof h))
		return kd_fail(e, EIO, "cannot read the metadata area header "
			       "at %llu", (unsigned long long)offset);
	if (kd_lvm_crc(KD_LVM_INITIAL_CRC, h + 4, sizeof h - 4) != kd_get_le32(h) ||
	    memcmp(h + 4, MDA_MAGIC, 16) || kd_get_le32(h + 20) != 1)
		return kd_fail(e, EINVAL, "bad metadata area header at %llu (checksum, "
			       "magic or version)", (unsigned long long)offset);
	loc->area = offset;
	loc->area_size = kd_get_le64(h + 32);
	/* raw_locns[0] is the committed text (slot 1, the precommitted
	 * one, is only used by lvm while it suspends devices) */
	loc->offset = kd_get_le64(h + 40);
	loc->size = kd_get_le64(h + 48);
	loc->checksum = kd_get_le32(h + 56);
	flags = kd_get_le32(h + 60);
	if (kd_get_le64(h + 24) != offset || loc->area_size < MDA_HEADER_SIZE ||
	    loc->area_size > UINT64_MAX - offset)
		return kd_fail(e, EINVAL, "metadata area header at %llu names another area",
			       (unsigned long long)offset);
	if ((!loc->offset && !loc->size) || (flags & RAW_LOCN_IGNORED))
		return kd_fail(e, ENOENT, "metadata area at %llu holds no metadata%s",
			       (unsigned long long)offset,
			       flags & RAW_LOCN_IGNORED ? " (ignored)" : "");
	if (loc->offset < MDA_HEADER_SIZE || loc->offset >= loc->area_size || !loc->size ||
	    loc->size > loc->area_size - MDA_HEADER_SIZE)
		return kd_fail(e, EINVAL, "metadata text at %llu+%llu is outside its area",
			       (unsigned long long)loc->offset, (unsigned long long)loc->size);
	return 0;
}

int kd_lvm_read_text(kd_read_fn read, void *ctx, const struct kd_lvm_locn *loc,
		     char **text, size_t *len, struct kd_error *e)
{
	uint64_t first = loc->size, wrap = 0;
	char *buf;

	*text = NULL;
	if (loc->size > KD_LVM_MAX_TEXT)
		return kd_fail(e, EFBIG, "metadata text of %llu bytes is larger than %u",
			       (unsigned long long)loc->size, KD_LVM_MAX_TEXT);
	/* the circular buffer is the area after its header: a text that
	 * runs past the area's end goes on right after the header */
	if (loc->offset + loc->size > loc->area_size) {
		first = loc->area_size - loc->offset;
		wrap = loc->size - first;
	}
	buf = malloc(loc->size + 1);
	if (!buf)
		return kd_fail(e, ENOMEM, "no memory for %llu bytes of metadata",
			       (unsigned long long)loc->size);
	if (read(ctx, loc->area + loc->offset, buf, first) ||
	    (wrap && read(ctx, loc->area + MDA_HEADER_SIZE, buf + first, wrap))) {
		free(buf);
		return kd_fail(e, EIO, "cannot read the metadata text");
	}
	if (kd_lvm_crc(KD_LVM_INITIAL_CRC, buf, loc->size) != loc->checksum) {
		free(buf);
		return kd_fail(e, EINVAL, "metadata text checksum mismatch");
	}
	buf[loc->size] = '\0';
	*text = buf;
	*len = strlen(buf);
	return 0;
}
