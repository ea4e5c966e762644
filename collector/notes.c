/* notes.c - walk ELF notes (4-byte aligned name and desc) with every
 * length checked. */
#include <string.h>
#include "byteorder.h"
#include "notes.h"

#define NT_PRSTATUS 1

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

void kd_notes_scan(const uint8_t *notes, size_t size, struct kd_notes_info *info)
{
	size_t off = 0;

	memset(info, 0, sizeof *info);
	while (notes && size - off >= 12) {
		uint32_t namesz = kd_get_le32(notes + off);
		uint32_t descsz = kd_get_le32(notes + off + 4);
		uint32_t type = kd_get_le32(notes + off + 8);
		size_t name = off + 12, desc, next;

		if (namesz > size || descsz > size)
			return;
		desc = name + pad4(namesz);
		if (desc > size || descsz > size - desc)
			return;
		/* the padding of the last note may be missing */
		next = desc + pad4(descsz) < size ? desc + pad4(descsz) : size;
		if (namesz == 5 && !memcmp(notes + name, "CORE", 5) &&
		    type == NT_PRSTATUS)
			info->nr_cpus++;
		if (namesz == 11 && !memcmp(notes + name, "VMCOREINFO", 11) &&
		    !info->vmcoreinfo_size) {
			info->vmcoreinfo_offset = desc;
			info->vmcoreinfo_size = descsz;
		}
		off = next;
	}
}
