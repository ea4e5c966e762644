/* elf_vmcore.h - an ELF64 core file (/proc/vmcore or a copy of it).
 *
 * Parses the ELF header, the program headers (PN_XNUM extended numbering
 * included), copies the PT_NOTE segment and keeps the PT_LOAD table.
 * Physical memory is read through 4 MiB mmap windows, or pread() for good
 * once mmap fails; never the whole file.  Pages that straddle a PT_LOAD
 * edge are read piecewise and the part outside every PT_LOAD reads as
 * zeros.  kd_elf_parse_mem() does the same parsing on bytes in memory
 * (for the fuzzer). */
#ifndef KD_ELF_VMCORE_H
#define KD_ELF_VMCORE_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "input.h"

#define KD_MAX_NOTES (16 << 20)
#define KD_MAX_LOADS 65536
#define KD_ELF_WINDOW (4ULL << 20)	/* bytes mapped at a time */

struct kd_elf {
	int fd;
	uint64_t file_size;		/* UINT64_MAX when unknown */
	uint8_t ehdr[64];
	struct kd_load *loads;
	int nloads;
	int hint;			/* index of the last PT_LOAD found */
	uint8_t *notes;
	size_t notes_size;
	uint64_t notes_offset;
	uint64_t max_mapnr;		/* highest PT_LOAD end, in pages */
	/* the current mmap window */
	const uint8_t *win;
	uint64_t win_off, win_len;
	int no_mmap;			/* mmap failed once: pread() only */
};

/* Parse the ELF header and program headers found in buf (the first bytes
 * of the file, at least up to the end of the program headers, or the
 * function says how many bytes it needs in *need and fails with ENOBUFS).
 * Does not read the notes.  On failure el->loads may be allocated: free
 * it with kd_elf_close(). */
int kd_elf_parse_headers(struct kd_elf *el, const uint8_t *buf, size_t len,
			 uint64_t file_size, size_t *need, struct kd_error *e);

/* Parse a whole core held in memory: headers and a copy of the notes
 * (left out when they lie beyond len).  No page can be read from it. */
int kd_elf_parse_mem(struct kd_elf *el, const uint8_t *buf, size_t len,
		     struct kd_error *e);

/* Open and parse a file, notes included. */
int kd_elf_open(struct kd_elf *el, const char *path, struct kd_error *e);
void kd_elf_close(struct kd_elf *el);

/* The first PT_LOAD that holds paddr, or NULL. */
const struct kd_load *kd_elf_find(struct kd_elf *el, uint64_t paddr);

/* 1 when pfn is in [paddr >> 12, (paddr + memsz) >> 12) of a PT_LOAD: a
 * partial last page is out (makedumpfile's 1st bitmap). */
int kd_elf_pfn_in_ram(const struct kd_elf *el, uint64_t pfn);

/* Read len bytes of physical memory at paddr (within one page).  Bytes
 * outside every PT_LOAD read as zeros.  0 on success, -1 when no byte of
 * the range is in a PT_LOAD, -2 on an I/O error (buf zero-filled). */
int kd_elf_read_phys(struct kd_elf *el, uint64_t paddr, void *buf, size_t len);

/* The len bytes at paddr in the mmap window, without a copy, when all of
 * them are file data of one PT_LOAD within one window; NULL when they
 * must be read (kd_elf_read_phys), or with `stay` set, when the window
 * would have to move for them.  Valid until the window moves: any read
 * may move it. */
const uint8_t *kd_elf_view(struct kd_elf *el, uint64_t paddr, size_t len,
			   int stay);

#endif
