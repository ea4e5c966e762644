/* input.h - the crashed system as the writers see it.
 *
 * kd_input_open() reads an ELF vmcore (/proc/vmcore or a file), its notes
 * and VMCOREINFO, and prepares page filtering for the requested dump level.
 * Writers then only need the calls below: which pfns exist (the 1st
 * bitmap), which are dumpable in a window of pfns (the 2nd bitmap), and
 * each page's contents.  They never see page tables or struct pages.
 *
 * When VMCOREINFO is missing or corrupt, or the page tables or mem_map
 * cannot be walked, the input falls back to no filtering (dump level 0
 * semantics apart from zero pages) with a warning instead of failing. */
#ifndef KD_INPUT_H
#define KD_INPUT_H

#include <stdint.h>
#include <stddef.h>
#include "error.h"

#define KD_PAGE_SIZE 4096
#define KD_PAGE_SHIFT 12

/* makedumpfile's -d bits */
enum {
	KD_DL_ZERO = 1,			/* pages filled with zeros */
	KD_DL_CACHE = 2,		/* cache pages without private */
	KD_DL_CACHE_PRIVATE = 4,	/* cache pages, private or not */
	KD_DL_USER = 8,			/* anonymous and hugetlb pages */
	KD_DL_FREE = 16,		/* free (buddy) pages */
	KD_DL_MAX = 31,
};

/* An ELF PT_LOAD of the input, for ELF output. */
struct kd_load {
	uint64_t paddr;
	uint64_t vaddr;
	uint64_t memsz;
	uint64_t offset;	/* in the input file */
	uint64_t filesz;
};

/* Per-class counts of excluded pages, as makedumpfile's report names them. */
struct kd_stats {
	uint64_t zero;			/* counted by the writers */
	uint64_t cache;			/* non-private cache */
	uint64_t cache_private;
	uint64_t user;
	uint64_t free;
	uint64_t hwpoison;
	uint64_t offline;
	uint64_t read_errors;		/* pages zero-filled after a read error */
};

/* What the output headers need, filled by kd_input_open(). */
struct kd_meta {
	char sysname[65], nodename[65], release[65], version[65], machine[65],
	     domainname[65];		/* the crashed kernel's utsname */
	int64_t crashtime;		/* CRASHTIME, 0 when unknown */
	uint64_t phys_base;
	int nr_cpus;			/* NT_PRSTATUS notes */
	const uint8_t *notes;		/* copy of the PT_NOTE segment */
	size_t notes_size;
	size_t vmcoreinfo_offset;	/* of the VMCOREINFO payload in notes */
	size_t vmcoreinfo_size;		/* 0 when absent */
	uint64_t max_mapnr;		/* pfns covered: highest PT_LOAD end,
					 * lowered as makedumpfile does to the
					 * end of the last section with a
					 * mem_map (mem=) when filtering */
	const struct kd_load *loads;
	int nloads;
	const uint8_t *elf_header;	/* the input's 64-byte Elf64_Ehdr */
	int dump_level;			/* effective level (0 after fallback) */
	int filtered;			/* 1 when struct pages are consulted */
	int have_vmcoreinfo;		/* VMCOREINFO read, with OSRELEASE and
					 * PAGESIZE */
};

struct kd_input;

/* Open `path` for dump level `dump_level` (0..31). */
int kd_input_open(struct kd_input **in, const char *path, int dump_level,
		  struct kd_error *e);
void kd_input_close(struct kd_input *in);

/* Filter for another dump level from now on (fitting a dump to its
 * target tries several before writing): meta.dump_level follows, and the
 * next window asked for must be pfn 0's.  The counts are not reset:
 * estimates count nothing (count 0, kd_input_reread_page). */
int kd_input_set_level(struct kd_input *in, int dump_level, struct kd_error *e);

const struct kd_meta *kd_input_meta(const struct kd_input *in);
/* What the input counted: excluded pages by class, read errors.  Zero
 * pages are the writers' to count (struct kd_write_result). */
const struct kd_stats *kd_input_stats(const struct kd_input *in);

/* 1 when pfn lies in a PT_LOAD (bit of the 1st bitmap): in [paddr >> 12,
 * (paddr + memsz) >> 12) of one (a partial last page is out, a partial
 * first page in, as makedumpfile has it) and below max_mapnr. */
int kd_input_pfn_in_ram(const struct kd_input *in, uint64_t pfn);

/* The 1st bitmap for [start, end): bit (pfn - start) set for every pfn in
 * a PT_LOAD (start a multiple of 8). */
void kd_input_ram(const struct kd_input *in, uint64_t start, uint64_t end,
		  uint8_t *bits);

/* Set bit (pfn - start) of `bits` (LSB first) for every dumpable pfn in
 * [start, end), per the dump level (zero pages are the writers' business);
 * start is a multiple of 8, bits has (end - start + 7) / 8 bytes.  Adds the
 * excluded counts to the stats when `count` is set (a writer that computes
 * a window twice counts it once).  kd_input_ram(), then kd_input_exclude(). */
int kd_input_dumpable(struct kd_input *in, uint64_t start, uint64_t end,
		      uint8_t *bits, int count, struct kd_error *e);

/* The same from bits that already hold the window's 1st bitmap (from
 * kd_input_ram(), for a writer that stores it too): clears the pfns the
 * dump level excludes, so the RAM bits are not made twice. */
int kd_input_exclude(struct kd_input *in, uint64_t start, uint64_t end,
		     uint8_t *bits, int count, struct kd_error *e);

/* Read page pfn into buf (KD_PAGE_SIZE bytes).  A read error zero-fills
 * the page, counts it in stats.read_errors, warns, and still returns 0;
 * -1 only for a pfn outside every PT_LOAD. */
int kd_input_read_page(struct kd_input *in, uint64_t pfn, void *buf);

/* The same without a copy where the input allows: *page points into its
 * mmap window, valid until the window moves (any later read may move
 * it); otherwise the page is read into buf and *page is buf.  With
 * `stay` set, a page that is not in the window as it is now is not read
 * at all: returns 1 (views taken before stay valid). */
int kd_input_page(struct kd_input *in, uint64_t pfn, uint8_t *buf,
		  const uint8_t **page, int stay);

/* The same for a page read before (a writer's second pass): a read error
 * zero-fills it but was counted and reported the first time. */
int kd_input_reread_page(struct kd_input *in, uint64_t pfn, void *buf);

/* Read `len` bytes of the crashed kernel's virtual memory (for the log). */
int kd_input_read_virt(struct kd_input *in, uint64_t vaddr, void *buf,
		       size_t len);
/* Look up a VMCOREINFO value: "SYMBOL(prb)", "OFFSET(printk_info.seq)",
 * "SIZE(page)", "LENGTH(..)", "NUMBER(..)" or a plain key like "OSRELEASE".
 * 0 when present. */
int kd_input_vmcoreinfo(const struct kd_input *in, const char *key,
			int64_t *value);

#endif
