/* fuzz_lvm_label.c - an untrusted disk as a PV: the label in its first
 * four sectors, each metadata area header it lists, and the text they
 * locate in their circular buffers, then parsed.
 *
 * The first input byte is not part of the disk: when it is odd, the
 * checksums of the label, of each metadata area header and of the text
 * it names are made right before reading (libFuzzer would otherwise
 * rarely get past lvm's CRCs to what they protect). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "lvm_label.h"
#include "lvm_text.h"
#include "../unit/lvm_fixture.h"	/* struct mem, read_mem, put32 */

static void fix_labels(uint8_t *disk, size_t size)
{
	size_t s;

	for (s = 0; s < 4 && (s + 1) * 512 <= size; s++)
		if (!memcmp(disk + s * 512, "LABELONE", 8))
			put32(disk + s * 512 + 16, kd_lvm_crc(KD_LVM_INITIAL_CRC,
				disk + s * 512 + 20, 492));
}

/* The header at off, and the crc of the text it names (as far as the
 * disk holds it: the reader must cope with the rest). */
static void fix_mda(uint8_t *disk, struct mem *m, uint64_t off)
{
	struct kd_lvm_locn loc;
	struct kd_error e;
	uint8_t *h = disk + off;
	uint64_t first, wrap = 0;
	uint32_t crc;

	if (off > m->size || m->size - off < 512)
		return;
	put32(h, kd_lvm_crc(KD_LVM_INITIAL_CRC, h + 4, 508));
	if (kd_lvm_read_mda(read_mem, m, off, &loc, &e))
		return;
	first = loc.size;
	if (loc.offset + loc.size > loc.area_size) {
		first = loc.area_size - loc.offset;
		wrap = loc.size - first;
	}
	if (loc.area + loc.offset + first > m->size || loc.area + 512 + wrap > m->size)
		return;
	crc = kd_lvm_crc(KD_LVM_INITIAL_CRC, disk + loc.area + loc.offset, first);
	put32(h + 56, kd_lvm_crc(crc, disk + loc.area + 512, wrap));
	put32(h, kd_lvm_crc(KD_LVM_INITIAL_CRC, h + 4, 508));
}

static void read_area(struct mem *m, uint64_t off)
{
	struct kd_lvm_locn loc;
	struct kd_lvm_tree t;
	struct kd_error e;
	char *text;
	size_t len;

	if (kd_lvm_read_mda(read_mem, m, off, &loc, &e) ||
	    kd_lvm_read_text(read_mem, m, &loc, &text, &len, &e))
		return;
	if (strlen(text) != len || len > KD_LVM_MAX_TEXT)
		abort();
	kd_lvm_parse(text, len, &t, &e);
	kd_lvm_tree_free(&t);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_lvm_label l;
	struct kd_error e;
	struct mem m;
	uint8_t *disk;
	unsigned i;

	if (!size)
		return 0;
	disk = malloc(size);
	if (!disk)
		return 0;
	memcpy(disk, data + 1, size - 1);
	m.data = disk;
	m.size = size - 1;
	if (data[0] & 1)
		fix_labels(disk, m.size);
	if (kd_lvm_read_label(read_mem, &m, &l, &e) == 0) {
		if (l.mda_count > KD_LVM_MAX_MDA || strlen(l.pv_id) != KD_LVM_ID_LEN)
			abort();
		for (i = 0; i < l.mda_count; i++) {
			if (data[0] & 1)
				fix_mda(disk, &m, l.mda[i].offset);
			read_area(&m, l.mda[i].offset);
		}
	}
	free(disk);
	return 0;
}
