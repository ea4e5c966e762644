/* elfcore.h - pieces for writing small synthetic ELF core files in tests:
 * little-endian stores, a note, a program header, the ELF header. */
#ifndef KD_TEST_ELFCORE_H
#define KD_TEST_ELFCORE_H

#include <stdint.h>
#include <string.h>
#include "byteorder.h"

#define put16 kd_put_le16
#define put32 kd_put_le32
#define put64 kd_put_le64

/* A note at p; returns its size with padding. */
static inline size_t note(uint8_t *p, const char *name, uint32_t type,
			  const void *desc, uint32_t descsz)
{
	uint32_t namesz = (uint32_t)strlen(name) + 1;
	size_t off = 12;

	put32(p, namesz);
	put32(p + 4, descsz);
	put32(p + 8, type);
	memcpy(p + off, name, namesz);
	off += (namesz + 3) & ~3u;
	memcpy(p + off, desc, descsz);
	return off + ((descsz + 3) & ~3u);
}

/* A program header (flags RWX, as /proc/vmcore has them). */
static inline void phdr_sized(uint8_t *p, uint32_t type, uint64_t off,
			      uint64_t vaddr, uint64_t paddr, uint64_t filesz,
			      uint64_t memsz)
{
	put32(p, type);
	put32(p + 4, 7);
	put64(p + 8, off);
	put64(p + 16, vaddr);
	put64(p + 24, paddr);
	put64(p + 32, filesz);
	put64(p + 40, memsz);
}

/* One whose file size is its memory size. */
static inline void phdr_load(uint8_t *p, uint32_t type, uint64_t off,
			     uint64_t vaddr, uint64_t paddr, uint64_t size)
{
	phdr_sized(p, type, off, vaddr, paddr, size, size);
}

/* The ELF header of an x86_64 core with phnum program headers at 64. */
static inline void ehdr(uint8_t *h, uint16_t phnum)
{
	memcpy(h, "\177ELF\2\1\1", 7);
	put16(h + 16, 4);		/* ET_CORE */
	put16(h + 18, 62);		/* EM_X86_64 */
	put32(h + 20, 1);
	put64(h + 32, 64);		/* e_phoff */
	put16(h + 52, 64);
	put16(h + 54, 56);
	put16(h + 56, phnum);
}

#endif
