/* crashed_system.h - a synthetic crashed x86_64 system for the input
 * side and the writers: page tables (4 and 5 levels; 4 KiB, 2 MiB and
 * 1 GiB mappings; an SME mask), a SPARSEMEM mem_section tree with a
 * missing section, struct pages of every class (some across windows and
 * sections), two PT_LOADs with a hole and a kernel text PT_LOAD, written
 * as a vmcore in the scratch directory (scratch.h) by make_system(); and
 * the expected per-class counts at level 31. */
#ifndef KD_TEST_CRASHED_SYSTEM_H
#define KD_TEST_CRASHED_SYSTEM_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "elfcore.h"
#include "scratch.h"
#include "input.h"
#include "log.h"
#include "sink.h"
#include "writer.h"

#ifndef PAGE
#define PAGE 4096
#endif
#define NPFN 4096ULL			/* 16 MiB of RAM */
#define HOLE_START 3072ULL		/* pfns 3072-3199 are in no PT_LOAD */
#define HOLE_END 3200ULL
#define SECTION_PFNS 512ULL		/* SECTION_SIZE_BITS 21 */
#define MISSING_SECTION 5		/* pfns 2560-3071 have no mem_map */
#define PAGE_OFFSET 0xffff888000000000ULL
#define START_KERNEL_MAP 0xffffffff80000000ULL
#define PHYS_BASE 0x100000ULL		/* kernel text at pfn 256-511 */
#define VMEMMAP 0xffffea0000000000ULL
#define VMEMMAP_L5 0xffd4000000000000ULL
#define PT_PFN 300			/* page tables: pfn 300-304 */
#define ROOT_PFN 310			/* mem_section roots, then sections */

/* struct page layout of 6.1 */
#define OFF_FLAGS 0
#define OFF_HEAD 8
#define OFF_DTOR 16
#define OFF_ORDER 17
#define OFF_MAPPING 24
#define OFF_PRIVATE 40
#define OFF_MAPCOUNT 48
#define PG_LRU 4
#define PG_PRIVATE 13
#define PG_HWPOISON 23
#define PG_HEAD 16

enum mapping { MAP_4K, MAP_2M, MAP_1G };

struct system {
	int levels;
	enum mapping map;
	uint64_t sme;			/* SME mask in every table entry */
	int broken;			/* no PGD entry for vmemmap */
	int mem_limit;			/* the last section has no mem_map */
};

static uint8_t *mem;			/* the crashed system's RAM */

static inline uint8_t *page_struct(uint64_t pfn)
{
	return mem + pfn * 64;		/* struct pages from paddr 0 */
}

static inline void set_page(uint64_t pfn, uint64_t flags, uint64_t mapping,
			    uint64_t private, int32_t mapcount)
{
	uint8_t *p = page_struct(pfn);

	put64(p + OFF_FLAGS, flags);
	put64(p + OFF_MAPPING, mapping);
	put64(p + OFF_PRIVATE, private);
	put32(p + OFF_MAPCOUNT, (uint32_t)mapcount);
}

static inline void set_compound(uint64_t head, unsigned order, int hugetlb,
				uint64_t mapping)
{
	uint64_t pfn, vmemmap_head = VMEMMAP + head * 64;

	set_page(head, 1ULL << PG_HEAD, mapping, 0, hugetlb ? -1 : 0);
	for (pfn = head + 1; pfn < head + (1ULL << order); pfn++) {
		set_page(pfn, 0, mapping, 0, -1);
		put64(page_struct(pfn) + OFF_HEAD, vmemmap_head | 1);
	}
	page_struct(head + 1)[OFF_ORDER] = (uint8_t)order;
	page_struct(head + 1)[OFF_DTOR] = hugetlb ? 2 : 3;
}

/* Every class, some of them across windows and sections. */
static inline void struct_pages(void)
{
	uint64_t pfn;

	for (pfn = 0; pfn < NPFN; pfn++)
		set_page(pfn, 0, 0, 0, -1);
	set_page(992, 0, 0, 4, -129);			/* free, 992-1007 */
	set_page(1024, 0, 0, 3, -129);			/* free, 1024-1031 */
	set_compound(1536, 9, 0, 0xffff888000123001ULL);	/* anon THP */
	for (pfn = 2100; pfn < 2200; pfn++)		/* page cache */
		set_page(pfn, 1ULL << PG_LRU, 0xffff888000456000ULL, 0, -1);
	for (pfn = 2200; pfn < 2210; pfn++)		/* with buffers */
		set_page(pfn, 1ULL << PG_LRU | 1ULL << PG_PRIVATE,
			 0xffff888000456000ULL, 0, -1);
	for (pfn = 2300; pfn < 2350; pfn++)		/* anonymous */
		set_page(pfn, 1ULL << PG_LRU, 0xffff888000789001ULL, 0, 0);
	set_page(2400, 1ULL << PG_HWPOISON, 0, 0, -1);
	set_page(2401, 0, 0, 0, -257);			/* offline */
	set_page(2560, 0, 0, 2, -129);			/* no mem_map: kept */
	set_page(3100, 0, 0xffff888000789001ULL, 0, 0);	/* in the hole */
	set_page(3200, 0, 0, 7, -129);			/* free, 3200-3327 */
	set_compound(3584, 9, 1, 0);			/* hugetlb, to the end */
}

/* Expected counts at level 31 (pfns of the hole excluded from nothing). */
#define FREE (16 + 8 + 128)
#define USER (512 + 50 + 512)
#define CACHE 100
#define CACHE_PRIVATE 10
#define RAM (NPFN - (HOLE_END - HOLE_START))

static inline uint64_t table(int index)
{
	return (PT_PFN + (uint64_t)index) * PAGE;
}

static inline void entry(uint64_t table_paddr, uint64_t vaddr, int shift,
			 uint64_t value, const struct system *s)
{
	put64(mem + table_paddr + ((vaddr >> shift) & 511) * 8, value | s->sme);
}

/* Map 256 KiB of struct pages at the vmemmap base to paddr 0. */
static inline uint64_t page_tables(const struct system *s)
{
	uint64_t base = s->levels == 5 ? VMEMMAP_L5 : VMEMMAP, i;
	int t = 0, shift = s->levels == 5 ? 48 : 39;

	memset(mem + table(0), 0, 5 * PAGE);
	for (; shift > 12; shift -= 9, t++) {
		if (s->broken)
			break;
		if ((shift == 30 && s->map == MAP_1G) ||
		    (shift == 21 && s->map == MAP_2M)) {
			entry(table(t), base, shift, 0x80 | 0x63, s);	/* PSE */
			break;
		}
		entry(table(t), base, shift, table(t + 1) | 0x63, s);
	}
	if (shift == 12)
		for (i = 0; i < NPFN * 64 / PAGE; i++)
			entry(table(t), base + i * PAGE, 12, i * PAGE | 0x63, s);
	return base;
}

/* mem_section roots (SIZE 16) and the sections of the first root. */
static inline void mem_sections(uint64_t vmemmap, const struct system *s)
{
	uint64_t root = ROOT_PFN * PAGE, sections = root + PAGE, n;
	uint64_t last = NPFN / SECTION_PFNS - (s->mem_limit ? 1 : 0);

	memset(mem + root, 0, 2 * PAGE);
	put64(mem + root, PAGE_OFFSET + sections);
	for (n = 0; n < last; n++)
		if (n != MISSING_SECTION)
			put64(mem + sections + n * 16, vmemmap | 0x3);
}

static inline size_t vmcoreinfo(char *buf, size_t size, const struct system *s)
{
	return (size_t)snprintf(buf, size,
		"OSRELEASE=6.1.0-56-amd64\nPAGESIZE=4096\n"
		"SYMBOL(mem_section)=%llx\nLENGTH(mem_section)=65536\n"
		"SIZE(mem_section)=16\nOFFSET(mem_section.section_mem_map)=0\n"
		"NUMBER(SECTION_SIZE_BITS)=21\nNUMBER(MAX_PHYSMEM_BITS)=%d\n"
		"SIZE(page)=64\nOFFSET(page.flags)=0\nOFFSET(page._refcount)=52\n"
		"OFFSET(page.mapping)=24\nOFFSET(page.lru)=8\n"
		"OFFSET(page._mapcount)=48\nOFFSET(page.private)=40\n"
		"OFFSET(page.compound_dtor)=16\nOFFSET(page.compound_order)=17\n"
		"OFFSET(page.compound_head)=8\nLENGTH(zone.free_area)=11\n"
		"NUMBER(PG_lru)=4\nNUMBER(PG_private)=13\nNUMBER(PG_swapcache)=10\n"
		"NUMBER(PG_swapbacked)=19\nNUMBER(PG_slab)=9\n"
		"NUMBER(PG_hwpoison)=23\nNUMBER(PG_head_mask)=65536\n"
		"NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-129\nNUMBER(HUGETLB_PAGE_DTOR)=2\n"
		"NUMBER(PAGE_OFFLINE_MAPCOUNT_VALUE)=-257\n"
		"SYMBOL(init_top_pgt)=%llx\nNUMBER(pgtable_l5_enabled)=%d\n"
		"NUMBER(sme_mask)=%llu\nCRASHTIME=1700000000\n",
		(unsigned long long)(PAGE_OFFSET + ROOT_PFN * PAGE),
		s->levels == 5 ? 52 : 46,
		(unsigned long long)(START_KERNEL_MAP + table(0) - PHYS_BASE),
		s->levels == 5, (unsigned long long)s->sme);
}

/* Write the vmcore: RAM [0, HOLE_START), [HOLE_END, NPFN), kernel text. */
static inline int write_vmcore(const char *path, const struct system *s)
{
	static const uint8_t prstatus[336];
	uint8_t hdr[2 * PAGE];
	char text[4096];
	size_t n = 0, len = vmcoreinfo(text, sizeof text, s);
	uint64_t a = HOLE_START * PAGE, b = (NPFN - HOLE_END) * PAGE;
	uint64_t off = 2 * PAGE;
	int fd, ok;

	memset(hdr, 0, sizeof hdr);
	memcpy(hdr, "\177ELF\2\1\1", 7);
	put16(hdr + 16, 4);
	put16(hdr + 18, 62);
	put32(hdr + 20, 1);
	put64(hdr + 32, 64);
	put16(hdr + 52, 64);
	put16(hdr + 54, 56);
	put16(hdr + 56, 4);
	n += note(hdr + PAGE, "CORE", 1, prstatus, sizeof prstatus);
	n += note(hdr + PAGE + n, "VMCOREINFO", 0, text, (uint32_t)len);
	phdr_load(hdr + 64, 4, PAGE, 0, 0, n);
	phdr_load(hdr + 120, 1, off, PAGE_OFFSET, 0, a);
	phdr_load(hdr + 176, 1, off + a, PAGE_OFFSET + HOLE_END * PAGE, HOLE_END * PAGE, b);
	phdr_load(hdr + 232, 1, off + a + b, START_KERNEL_MAP, PHYS_BASE, 256 * PAGE);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ok = fd >= 0 && pwrite(fd, hdr, sizeof hdr, 0) == (ssize_t)sizeof hdr &&
	     pwrite(fd, mem, a, (off_t)off) == (ssize_t)a &&
	     pwrite(fd, mem + HOLE_END * PAGE, b, (off_t)(off + a)) == (ssize_t)b &&
	     pwrite(fd, mem + PHYS_BASE, 256 * PAGE, (off_t)(off + a + b)) ==
		(ssize_t)(256 * PAGE);
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static inline int make_system(char *path, size_t size, const struct system *s)
{
	struct_pages();
	mem_sections(page_tables(s), s);
	snprintf(path, size, "%s/vmcore-%d-%d-%d-%d", dir, s->levels, (int)s->map,
		 s->broken, s->mem_limit);
	return write_vmcore(path, s);
}

static inline uint64_t count_bits(const uint8_t *bits, uint64_t n)
{
	uint64_t i, c = 0;

	for (i = 0; i < n; i++)
		c += bits[i >> 3] >> (i & 7) & 1;
	return c;
}

/* Run the filter over windows of `window` pfns; the bitmap into all. */
static inline void filter(struct kd_input *in, uint64_t window, uint8_t *all)
{
	uint8_t *bits = calloc(1, window / 8 + 1);
	struct kd_error e;
	uint64_t start, i;

	memset(all, 0, NPFN / 8);
	for (start = 0; bits && start < NPFN; start += window) {
		uint64_t end = start + window < NPFN ? start + window : NPFN;

		CHECK_INT(kd_input_dumpable(in, start, end, bits, 1, &e), 0);
		for (i = start; i < end; i++)
			if (bits[(i - start) >> 3] >> ((i - start) & 7) & 1)
				all[i >> 3] |= (uint8_t)(1 << (i & 7));
	}
	free(bits);
}

typedef int (*writer_fn)(struct kd_input *in, struct kd_sink *out,
			 const struct kd_write_opts *o,
			 struct kd_write_result *r, struct kd_error *e);

/* Dump the vmcore at path at `level` into out with `write`, the bitmaps
 * made `window` pfns at a time (0: one window); the counts into *st. */
static inline int write_windows(writer_fn write, const char *path,
				const char *out, int level, uint64_t window,
				enum kd_codec_kind codec, struct kd_stats *st)
{
	struct kd_write_opts o = { codec, window, NULL, 2, 0 };
	struct kd_write_result r;
	struct kd_input *in;
	struct kd_sink sink;
	struct kd_error e;
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600), ret = -1;

	if (fd >= 0 && kd_input_open(&in, path, level, &e) == 0) {
		kd_sink_file(&sink, fd);
		ret = write(in, &sink, &o, &r, &e);
		if (kd_sink_finish(&sink, &e))
			ret = -1;
		*st = *kd_input_stats(in);
		st->zero = r.zero;
		kd_input_close(in);
	}
	if (fd >= 0)
		close(fd);
	return ret;
}

/* Dump with `write` in one window into dir/one, then in windows of 8,
 * 520, 1000 and 2048 pfns, which exclusions and zero runs cross: 1 when
 * every file and its counts are the first's (those in *st). */
static inline int same_in_windows(writer_fn write, const char *path,
				  int level, enum kd_codec_kind codec,
				  struct kd_stats *st)
{
	static const uint64_t windows[] = { 8, 520, 1000, 2048 };
	char one[160], many[160];
	struct kd_stats other;
	int same = 1;
	size_t w;

	snprintf(one, sizeof one, "%s/one", dir);
	snprintf(many, sizeof many, "%s/many", dir);
	if (write_windows(write, path, one, level, 0, codec, st))
		return 0;
	for (w = 0; w < sizeof windows / sizeof windows[0]; w++)
		same &= write_windows(write, path, many, level, windows[w], codec,
				      &other) == 0 && files_equal(one, many) &&
			!memcmp(&other, st, sizeof other);
	unlink(many);
	return same;
}

/* The system's RAM, NPFN pages; 0 when allocated.  make_system() writes
 * its vmcores into the scratch directory (scratch_setup() first). */
static inline int crashed_system_setup(void)
{
	kd_log_set_level(KD_LOG_ERR);
	mem = calloc(1, NPFN * PAGE);
	return mem ? 0 : -1;
}

static inline void crashed_system_done(void)
{
	free(mem);
}

#endif
