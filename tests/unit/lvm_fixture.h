/* lvm_fixture.h - LVM2 test material for test_lvm.c and test_lvm_scan.c.
 *
 * The metadata texts are real: lvm2 2.03.16 wrote them on loop devices
 * (pvcreate, vgcreate, lvcreate --activate n, lvextend, vgcfgrestore for
 * the types that need device-mapper to be created), and they are copied
 * byte for byte, trailing NUL included, from the metadata areas into
 * the seed corpus of fuzz_lvm_text:
 *
 *   kd-vg-seqno5.vg  VG kd-vg on pv0 (loop1) and pv1 (loop2), 4 MiB
 *                    extents: stripe (2 stripes of 64 KiB), span (pv0
 *                    2-30 then pv1 2), dump-lv (pv1 3-4)
 *   kd-vg-seqno3.vg  the same VG before span was extended (pv0 2-21)
 *   refused.vg       VG bad: raid0, raid1, mirror, thin-pool, thin,
 *                    cache-pool, a snapshot (snap) of orig, a plain LV
 *   wrapped.vg       VG wrap (60 KiB metadata area), whose text lvm
 *                    wrote across the end of the circular buffer
 *   backup.vg        vgcfgbackup's file of VG bad (indented, comments)
 *
 * The label sectors and metadata area headers below are the real ones of
 * those PVs (their non-zero bytes): lvm's checksums are checked on
 * them, not on bytes this code computed. */
#ifndef KD_LVM_FIXTURE_H
#define KD_LVM_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lvm_label.h"
#include "readfile.h"

#define LVM_CORPUS "tests/fuzz/corpus/fuzz_lvm_text/"

/* kd-vg's pv0: label in sector 1, data at 1 MiB, one metadata area at
 * 4 KiB of 0xff000 bytes whose text (seqno 5) is at 0x1c00, 2001 bytes,
 * crc 0x895d7ba8. */
#define PV0_ID "9p7QUzXqxquc8fXFOEWBtVvFHcsYis6g"
#define PV0_LABEL \
	"4c4142454c4f4e450100000000000000463d0e9e200000004c564d3220303031" \
	"39703751557a587178717563386658464f455742745676464863735969733667" \
	"0000000800000000000010000000000000000000000000000000000000000000" \
	"0000000000000000001000000000000000f00f00000000000000000000000000" \
	"00000000000000000200000001000000"
#define PV0_MDA \
	"d8f41e5f204c564d3220785b35412572304e2a3e010000000010000000000000" \
	"00f00f0000000000001c000000000000d107000000000000a87b5d8900000000"
#define PV1_ID "VuBMxKOyn7IU1LbS95vFx2ds2Nair5gi"
/* VG wrap's PV: data at 64 KiB, area at 4 KiB of 61440 bytes; the text
 * (seqno 72) at 0xea00, 1747 bytes: 1536 to the area's end, 211 after
 * the area's header. */
#define WRAP_PV_ID "3t6R1Q3xnMCyhNR9soaSB6PWIC28k0TP"
#define WRAP_LABEL \
	"4c4142454c4f4e450100000000000000f023bdef200000004c564d3220303031" \
	"33743652315133786e4d4379684e5239736f615342365057494332386b305450" \
	"0000000800000000000001000000000000000000000000000000000000000000" \
	"0000000000000000001000000000000000f00000000000000000000000000000" \
	"00000000000000000200000001000000"
#define WRAP_MDA \
	"5ee19e93204c564d3220785b35412572304e2a3e010000000010000000000000" \
	"00f000000000000000ea000000000000d30600000000000019b9188700000000"

#define KD_VG_ID "kqrApIV4fqCwHD9OlLI67xiS0XaeZYO4"
#define STRIPE_ID "zDxFK3cvElFRfUofAO3oHj3C6dPQajBj"
#define SPAN_ID "EVzu7vkZTNKWH1qga91AqTqbTpMCyFjK"
#define DUMP_LV_ID "PK4F3TA0vwhPXP9VznhIHIk3LNr8ieUi"

static inline void unhex(const char *hex, uint8_t *out)
{
	unsigned v;

	for (; hex[0] && hex[1]; hex += 2) {
		sscanf(hex, "%2x", &v);
		*out++ = (uint8_t)v;
	}
}

/* A corpus file, all of it (its trailing NUL too): len bytes. */
static inline char *fixture(const char *name, size_t *len)
{
	char path[256];

	snprintf(path, sizeof path, LVM_CORPUS "%s", name);
	return kd_read_file(path, 1 << 20, len);
}

static inline void put32(uint8_t *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> 8 * i);
}

static inline void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

/* A label sector as pvcreate writes it: label header, PV header with one
 * data area and one metadata area, extension version 2 (flags 1: in a
 * VG). */
static inline void put_label(uint8_t *sec, uint64_t sector, const char *pv_id,
			     uint64_t dev_size, uint64_t data, uint64_t mda,
			     uint64_t mda_size)
{
	memset(sec, 0, 512);
	memcpy(sec, "LABELONE", 8);
	put64(sec + 8, sector);
	put32(sec + 20, 32);
	memcpy(sec + 24, "LVM2 001", 8);
	memcpy(sec + 32, pv_id, 32);
	put64(sec + 64, dev_size);
	put64(sec + 72, data);
	put64(sec + 104, mda);
	put64(sec + 112, mda_size);
	put32(sec + 136, 2);
	put32(sec + 140, 1);
	put32(sec + 16, kd_lvm_crc(KD_LVM_INITIAL_CRC, sec + 20, 512 - 20));
}

/* A metadata area header naming its committed text. */
static inline void put_mda(uint8_t *h, uint64_t area, uint64_t area_size,
			   uint64_t off, uint64_t size, uint32_t crc, uint32_t flags)
{
	memset(h, 0, 512);
	memcpy(h + 4, " LVM2 x[5A%r0N*>", 16);
	put32(h + 20, 1);
	put64(h + 24, area);
	put64(h + 32, area_size);
	put64(h + 40, off);
	put64(h + 48, size);
	put32(h + 56, crc);
	put32(h + 60, flags);
	put32(h, kd_lvm_crc(KD_LVM_INITIAL_CRC, h + 4, 512 - 4));
}

/* The text placed in the circular buffer of the area at `area` of
 * area_size bytes, from offset off, wrapping after the area's header. */
static inline void put_text(uint8_t *disk, uint64_t area, uint64_t area_size,
			    uint64_t off, const char *text, size_t len)
{
	size_t first = off + len > area_size ? area_size - off : len;

	memcpy(disk + area + off, text, first);
	memcpy(disk + area + 512, text + first, len - first);
}

/* An image in memory, read through kd_read_fn. */
struct mem {
	const uint8_t *data;
	size_t size;
};

static inline int read_mem(void *ctx, uint64_t off, void *buf, size_t len)
{
	const struct mem *m = ctx;

	if (off > m->size || len > m->size - off)
		return -1;
	memcpy(buf, m->data + off, len);
	return 0;
}

#endif
