/* test_elf_vmcore.c - reading a synthetic ELF vmcore: header checks,
 * PT_LOADs with unaligned edges and a file size short of the memory
 * size, notes, mmap windows and the read() fallback, a truncated file,
 * extended program header numbering, and kd_input without filtering. */
#define UNIT_SUITE "elf_vmcore"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "elfcore.h"
#include "elf_vmcore.h"
#include "input.h"
#include "log.h"
#include "notes.h"

#define PAGE 4096
#define MAGIC 0x5a5aa5a5c3c33c3cULL

/* The segments, by physical address:
 *   A  pfn 1-16, page aligned
 *   B  pfn 0x100-0x109, ends 0x400 bytes into pfn 0x109
 *   C  starts 0x800 bytes into pfn 0x200, 3 pages long, only its first
 *      2 pages in the file (filesz < memsz)
 *   D  pfn 0x1000-0x144f: 1104 pages, more than one 4 MiB window
 *   T  the kernel text: pfn 2-3 again, at a kernel text address */
struct seg {
	uint64_t paddr, vaddr, memsz, filesz, offset;
};

static struct seg segs[] = {
	{ 0x1000, 0, 16 * PAGE, 16 * PAGE, 0 },
	{ 0x100000, 0, 10 * PAGE - 0xc00, 10 * PAGE - 0xc00, 0 },
	{ 0x200800, 0, 3 * PAGE, 2 * PAGE, 0 },
	{ 0x1000000, 0, 1104 * PAGE, 1104 * PAGE, 0 },
	{ 0x2000, 0xffffffff81000000ULL, 2 * PAGE, 2 * PAGE, 0 },
};
#define NSEGS (sizeof segs / sizeof segs[0])

static char dir[64], path[128];
static const char vmcoreinfo[] = "OSRELEASE=6.1.0-test\nPAGESIZE=4096\n"
				 "CRASHTIME=1700000000\n";
static size_t vmcoreinfo_at;	/* offset of its payload in the notes */
static uint64_t file_size;


/* What memory holds at paddr (8-byte aligned): never zero. */
static uint64_t word(uint64_t paddr)
{
	return paddr ^ MAGIC;
}

static void fill(uint8_t *buf, uint64_t paddr, size_t len)
{
	size_t i;

	for (i = 0; i < len; i += 8)
		put64(buf + i, word(paddr + i));
}

static void phdr(uint8_t *p, uint32_t type, const struct seg *s)
{
	phdr_sized(p, type, s->offset, s->vaddr, s->paddr, s->filesz, s->memsz);
}

/* Headers (page 0), notes (page 1), then each segment's pages. */
static size_t headers(uint8_t *hdr)
{
	static const uint8_t prstatus[336];
	struct seg notes = { 0, 0, 0, 0, PAGE };
	uint64_t pos = 2 * PAGE;
	size_t n = 0, i;

	memset(hdr, 0, 2 * PAGE);
	ehdr(hdr, 1 + NSEGS);
	n += note(hdr + PAGE + n, "CORE", 1, prstatus, sizeof prstatus);
	n += note(hdr + PAGE + n, "CORE", 1, prstatus, sizeof prstatus);
	vmcoreinfo_at = n + 24;
	n += note(hdr + PAGE + n, "VMCOREINFO", 0, vmcoreinfo, sizeof vmcoreinfo - 1);
	notes.filesz = notes.memsz = n;
	phdr(hdr + 64, 4, &notes);
	for (i = 0; i < NSEGS; i++) {
		uint64_t start = segs[i].paddr & ~(uint64_t)(PAGE - 1);

		segs[i].offset = pos + (segs[i].paddr - start);
		pos += (segs[i].paddr + segs[i].filesz - start + PAGE - 1) &
		       ~(uint64_t)(PAGE - 1);
		if (segs[i].vaddr == 0)
			segs[i].vaddr = 0xffff888000000000ULL + segs[i].paddr;
		phdr(hdr + 64 + 56 * (i + 1), 1, &segs[i]);
	}
	file_size = pos;
	return 2 * PAGE;
}

static int make_vmcore(void)
{
	uint8_t hdr[2 * PAGE], page[PAGE];
	size_t i;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600), ok = fd >= 0;

	ok = ok && write(fd, hdr, headers(hdr)) == 2 * PAGE;
	for (i = 0; ok && i < NSEGS; i++) {
		uint64_t start = segs[i].paddr & ~(uint64_t)(PAGE - 1), p;

		for (p = start; p < segs[i].paddr + segs[i].filesz; p += PAGE) {
			fill(page, p, PAGE);
			ok = pwrite(fd, page, PAGE, (off_t)(segs[i].offset -
				    (segs[i].paddr - start) + (p - start))) == PAGE;
		}
	}
	ok = ok && ftruncate(fd, (off_t)file_size) == 0;
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/* Does the page at pfn read back as memory outside [lo, hi) zeros? */
static int page_is(const uint8_t *buf, uint64_t pfn, uint64_t lo, uint64_t hi)
{
	uint64_t i, p = pfn * PAGE, v;

	for (i = 0; i < PAGE; i += 8) {
		memcpy(&v, buf + i, 8);
		if (v != (p + i >= lo && p + i < hi ? word(p + i) : 0))
			return 0;
	}
	return 1;
}

TEST(headers_and_loads)
{
	struct kd_elf el;
	struct kd_error e;

	CHECK_INT(kd_elf_open(&el, path, &e), 0);
	CHECK_INT(el.nloads, NSEGS);
	CHECK_INT(el.max_mapnr, 0x1450);
	CHECK_INT(el.notes_offset, PAGE);
	CHECK_INT(el.file_size, file_size);
	CHECK(el.notes != NULL);
	CHECK(kd_elf_find(&el, 0x1000) == &el.loads[0]);
	CHECK(kd_elf_find(&el, 0x2000) == &el.loads[0]);	/* the first wins */
	CHECK(kd_elf_find(&el, 0x200800) == &el.loads[2]);
	CHECK(kd_elf_find(&el, 0x2007ff) == NULL);
	CHECK(kd_elf_find(&el, 0) == NULL);
	kd_elf_close(&el);
}

TEST(pfn_in_ram)
{
	struct kd_elf el;
	struct kd_error e;

	CHECK_INT(kd_elf_open(&el, path, &e), 0);
	CHECK_INT(kd_elf_pfn_in_ram(&el, 0), 0);
	CHECK_INT(kd_elf_pfn_in_ram(&el, 1), 1);
	CHECK_INT(kd_elf_pfn_in_ram(&el, 16), 1);
	CHECK_INT(kd_elf_pfn_in_ram(&el, 17), 0);
	CHECK_INT(kd_elf_pfn_in_ram(&el, 0x108), 1);
	CHECK_INT(kd_elf_pfn_in_ram(&el, 0x109), 0);	/* partial last page */
	CHECK_INT(kd_elf_pfn_in_ram(&el, 0x200), 1);	/* partial first page */
	CHECK_INT(kd_elf_pfn_in_ram(&el, 0x202), 1);
	CHECK_INT(kd_elf_pfn_in_ram(&el, 0x203), 0);
	CHECK_INT(kd_elf_pfn_in_ram(&el, 0x144f), 1);
	CHECK_INT(kd_elf_pfn_in_ram(&el, 0x1450), 0);
	kd_elf_close(&el);
}

static void check_reads(struct kd_elf *el)
{
	uint8_t buf[PAGE];
	uint64_t pfn;

	CHECK_INT(kd_elf_read_phys(el, 0x1000, buf, PAGE), 0);
	CHECK(page_is(buf, 1, 0x1000, 0x11000));
	CHECK_INT(kd_elf_read_phys(el, 0x10000, buf, PAGE), 0);
	CHECK(page_is(buf, 0x10, 0x1000, 0x11000));
	/* the partial last page of B: its tail reads as zeros */
	CHECK_INT(kd_elf_read_phys(el, 0x109000, buf, PAGE), 0);
	CHECK(page_is(buf, 0x109, 0x100000, 0x109400));
	/* C: a head before the segment, and memory beyond its file size */
	CHECK_INT(kd_elf_read_phys(el, 0x200000, buf, PAGE), 0);
	CHECK(page_is(buf, 0x200, 0x200800, 0x202800));
	CHECK_INT(kd_elf_read_phys(el, 0x202000, buf, PAGE), 0);
	CHECK(page_is(buf, 0x202, 0x200800, 0x202800));
	CHECK_INT(kd_elf_read_phys(el, 0x203000, buf, PAGE), 0);
	CHECK(page_is(buf, 0x203, 0, 0));
	/* every page of D, across windows, then back */
	for (pfn = 0x1000; pfn < 0x1450; pfn++) {
		CHECK_INT(kd_elf_read_phys(el, pfn * PAGE, buf, PAGE), 0);
		if (!page_is(buf, pfn, 0x1000000, 0x1450000)) {
			CHECK(!"D reads back");
			break;
		}
	}
	CHECK_INT(kd_elf_read_phys(el, 0x1000000 + 8, buf, 16), 0);
	CHECK(!memcmp(buf, (uint64_t[]){ word(0x1000008), word(0x1000010) }, 16));
	/* a hole */
	CHECK_INT(kd_elf_read_phys(el, 0x50000, buf, PAGE), -1);
}

TEST(reads_through_mmap)
{
	struct kd_elf el;
	struct kd_error e;

	CHECK_INT(kd_elf_open(&el, path, &e), 0);
	check_reads(&el);
	CHECK_INT(el.no_mmap, 0);
	CHECK(el.win != NULL);
	CHECK(el.win_len <= KD_ELF_WINDOW);
	kd_elf_close(&el);
}

TEST(reads_through_read)
{
	struct kd_elf el;
	struct kd_error e;

	CHECK_INT(kd_elf_open(&el, path, &e), 0);
	el.no_mmap = 1;			/* as after a failed mmap */
	check_reads(&el);
	CHECK(el.win == NULL);
	kd_elf_close(&el);
}

/* A view is the page kd_elf_read_phys() reads, without a copy: only for
 * file data of one PT_LOAD, and with `stay`, only in the window as it
 * is; without mmap there is none. */
TEST(views)
{
	const uint8_t *v;
	struct kd_elf el;
	struct kd_error e;
	uint64_t pfn;
	int bad = 0;

	CHECK_INT(kd_elf_open(&el, path, &e), 0);
	for (pfn = 0x1000; pfn < 0x1450; pfn++) {
		v = kd_elf_view(&el, pfn * PAGE, PAGE, 0);
		bad += !v || !page_is(v, pfn, 0x1000000, 0x1450000);
	}
	CHECK_INT(bad, 0);
	CHECK(kd_elf_view(&el, 0x1000000, PAGE, 1) == NULL);	/* another window */
	CHECK(kd_elf_view(&el, 0x1448000, 2 * PAGE, 1) != NULL);
	CHECK(kd_elf_view(&el, 0x109000, PAGE, 0) == NULL);	/* partial page */
	CHECK(kd_elf_view(&el, 0x200000, PAGE, 0) == NULL);	/* starts before C */
	CHECK(kd_elf_view(&el, 0x203000, PAGE, 0) == NULL);	/* beyond its file */
	CHECK(kd_elf_view(&el, 0x50000, PAGE, 0) == NULL);	/* a hole */
	CHECK(kd_elf_view(&el, 0x1000000, 0, 0) == NULL);
	el.no_mmap = 1;
	CHECK(kd_elf_view(&el, 0x1448000, PAGE, 0) != NULL);	/* still mapped */
	CHECK(kd_elf_view(&el, 0x1000000, PAGE, 0) == NULL);
	kd_elf_close(&el);
}

TEST(input_meta_without_filtering)
{
	struct kd_input *in;
	struct kd_error e;
	const struct kd_meta *m;
	uint8_t bits[0x1450 / 8], buf[PAGE];
	int64_t n = 0;

	CHECK_INT(kd_input_open(&in, path, 31, &e), 0);
	m = kd_input_meta(in);
	CHECK_INT(m->nr_cpus, 2);
	CHECK_INT(m->vmcoreinfo_offset, vmcoreinfo_at);
	CHECK_INT(m->vmcoreinfo_size, sizeof vmcoreinfo - 1);
	CHECK(!memcmp(m->notes + m->vmcoreinfo_offset, "OSRELEASE=", 10));
	CHECK_INT(m->max_mapnr, 0x1450);
	CHECK_INT(m->nloads, NSEGS);
	CHECK_INT(m->crashtime, 1700000000);
	CHECK_STR(m->release, "6.1.0-test");
	CHECK_INT(m->filtered, 0);
	CHECK_INT(m->dump_level, 1);		/* no page tables: zeros only */
	CHECK(!memcmp(m->elf_header, "\177ELF", 4));
	CHECK_INT(kd_input_vmcoreinfo(in, "PAGESIZE", &n), 0);
	CHECK_INT(n, 4096);
	kd_input_ram(in, 0, 0x1450, bits);
	CHECK_INT(bits[0], 0xfe);
	CHECK_INT(kd_input_dumpable(in, 0, 0x1450, bits, 1, &e), 0);
	CHECK_INT(bits[0], 0xfe);
	CHECK_INT(bits[0x100 / 8 + 1], 0x01);	/* pfn 0x108 in, 0x109 out */
	CHECK_INT(kd_input_pfn_in_ram(in, 0x109), 0);
	CHECK_INT(kd_input_read_page(in, 0x109, buf), 0);
	CHECK(page_is(buf, 0x109, 0x100000, 0x109400));
	CHECK_INT(kd_input_read_page(in, 0x50, buf), -1);
	CHECK_INT(kd_input_read_virt(in, 0xffff888000001000ULL, buf, 8), -1);
	CHECK_INT(kd_input_stats(in)->read_errors, 0);
	kd_input_close(in);
}

/* Copy the first len bytes of the vmcore to dst. */
static int copy_prefix(const char *dst, uint64_t len)
{
	uint8_t buf[PAGE];
	int from = open(path, O_RDONLY), to = open(dst, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	uint64_t off;
	int ok = from >= 0 && to >= 0;

	for (off = 0; ok && off < len; off += PAGE) {
		size_t n = len - off < PAGE ? (size_t)(len - off) : PAGE;

		ok = pread(from, buf, n, (off_t)off) == (ssize_t)n &&
		     pwrite(to, buf, n, (off_t)off) == (ssize_t)n;
	}
	if (from >= 0)
		close(from);
	if (to >= 0)
		close(to);
	return ok ? 0 : -1;
}

TEST(truncated_file_reads_zeros)
{
	struct kd_input *in;
	struct kd_error e;
	uint8_t buf[PAGE];
	char cut[160];
	uint64_t pfn, zeros = 0;

	/* the last 100 pages of D are missing and the one before is short
	 * (and all of T, which comes after it: A holds those pages too) */
	snprintf(cut, sizeof cut, "%s/short", dir);
	CHECK_INT(copy_prefix(cut, segs[3].offset + 1004 * PAGE - 10), 0);
	CHECK_INT(kd_input_open(&in, cut, 31, &e), 0);
	for (pfn = 0x1000; pfn < 0x1450; pfn++) {
		memset(buf, 0xee, sizeof buf);
		CHECK_INT(kd_input_read_page(in, pfn, buf), 0);
		if (page_is(buf, pfn, 0, 0))
			zeros++;
		else if (!page_is(buf, pfn, 0x1000000, 0x1450000))
			CHECK(!"a readable page reads back");
	}
	CHECK_INT(zeros, 101);
	CHECK_INT(kd_input_stats(in)->read_errors, 101);
	CHECK_INT(kd_input_read_page(in, 2, buf), 0);
	CHECK(page_is(buf, 2, 0x1000, 0x11000));
	CHECK_INT(kd_input_stats(in)->read_errors, 101);
	kd_input_close(in);
	unlink(cut);
}

TEST(parse_from_memory)
{
	uint8_t hdr[2 * PAGE];
	struct kd_notes_info ni;
	struct kd_error e;
	struct kd_elf el;

	headers(hdr);
	CHECK_INT(kd_elf_parse_mem(&el, hdr, sizeof hdr, &e), 0);
	CHECK_INT(el.nloads, NSEGS);
	CHECK(el.notes != NULL);
	kd_notes_scan(el.notes, el.notes_size, &ni);
	CHECK_INT(ni.nr_cpus, 2);
	CHECK_INT(ni.vmcoreinfo_offset, vmcoreinfo_at);
	kd_elf_close(&el);
	/* notes beyond the buffer are left out, not an error */
	CHECK_INT(kd_elf_parse_mem(&el, hdr, PAGE, &e), 0);
	CHECK(el.notes == NULL);
	CHECK_INT(el.notes_size, 0);
	kd_elf_close(&el);
}

TEST(extended_numbering)
{
	uint8_t buf[3 * PAGE];
	struct seg one = { 0x1000, 0xffff888000001000ULL, PAGE, PAGE, 2 * PAGE };
	struct kd_error e;
	struct kd_elf el;

	memset(buf, 0, sizeof buf);
	ehdr(buf, 0xffff);			/* PN_XNUM */
	put64(buf + 40, 1024);			/* e_shoff */
	put16(buf + 58, 64);			/* e_shentsize */
	put16(buf + 60, 1);
	put32(buf + 1024 + 44, 1);		/* sh_info: 1 program header */
	phdr(buf + 64, 1, &one);
	CHECK_INT(kd_elf_parse_mem(&el, buf, sizeof buf, &e), 0);
	CHECK_INT(el.nloads, 1);
	CHECK_INT(el.max_mapnr, 2);
	kd_elf_close(&el);
	put32(buf + 1024 + 44, 70000);		/* too many */
	CHECK_INT(kd_elf_parse_mem(&el, buf, sizeof buf, &e), -1);
	kd_elf_close(&el);
	put64(buf + 40, 3 * PAGE);		/* section header beyond the end */
	CHECK_INT(kd_elf_parse_mem(&el, buf, sizeof buf, &e), -1);
	kd_elf_close(&el);
}

TEST(bad_headers)
{
	uint8_t good[2 * PAGE], buf[2 * PAGE];
	struct kd_error e;
	struct kd_elf el;
	size_t i;
	static const struct { size_t off; uint8_t val; const char *what; } bad[] = {
		{ 0, 0x7e, "ELF" }, { 4, 1, "64-bit" }, { 5, 2, "little-endian" },
		{ 16, 2, "core" }, { 18, 3, "x86_64" }, { 54, 32, "program header" },
		{ 56, 0, "program header" },
	};

	headers(good);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memcpy(buf, good, sizeof buf);
		buf[bad[i].off] = bad[i].val;
		CHECK_INT(kd_elf_parse_mem(&el, buf, sizeof buf, &e), -1);
		CHECK(strstr(e.msg, bad[i].what) != NULL);
		kd_elf_close(&el);
	}
	CHECK_INT(kd_elf_parse_mem(&el, good, 63, &e), -1);
	kd_elf_close(&el);
	CHECK_INT(kd_elf_parse_mem(&el, good, 64 + 56 * 3, &e), -1);	/* cut phdrs */
	kd_elf_close(&el);
	/* a PT_LOAD with filesz > memsz is left out; with none left: error */
	memcpy(buf, good, sizeof buf);
	put16(buf + 56, 2);
	put64(buf + 64 + 56 + 32, segs[0].memsz + 1);
	CHECK_INT(kd_elf_parse_mem(&el, buf, sizeof buf, &e), -1);
	CHECK(strstr(e.msg, "no PT_LOAD") != NULL);
	kd_elf_close(&el);
}

TEST(open_errors)
{
	struct kd_input *in;
	struct kd_error e;
	char empty[160];
	int fd;

	CHECK_INT(kd_input_open(&in, "/nonexistent/vmcore", 31, &e), -1);
	CHECK(strstr(e.msg, "/nonexistent/vmcore") != NULL);
	snprintf(empty, sizeof empty, "%s/empty", dir);
	fd = open(empty, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
	CHECK_INT(kd_input_open(&in, empty, 31, &e), -1);
	CHECK(strstr(e.msg, empty) != NULL);
	CHECK_INT(kd_input_open(&in, path, 32, &e), -1);
	unlink(empty);
}

/* The file's name, then the reason (it used to be formatted into itself,
 * which left the name and nothing after it). */
TEST(open_error_keeps_reason)
{
	static const char text[] = "hello, not a vmcore at all: sixty-four "
				   "bytes or more of plain text\n";
	struct kd_input *in;
	struct kd_error e;
	char name[160], want[256];
	int fd;

	snprintf(name, sizeof name, "%s/not-an-elf", dir);
	fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	CHECK_INT(write(fd, text, sizeof text - 1), sizeof text - 1);
	CHECK_INT(close(fd), 0);
	CHECK_INT(kd_input_open(&in, name, 31, &e), -1);
	snprintf(want, sizeof want, "%s: not an ELF file", name);
	CHECK_STR(e.msg, want);
	CHECK_INT(e.code, EINVAL);
	CHECK_INT(truncate(name, 10), 0);
	CHECK_INT(kd_input_open(&in, name, 31, &e), -1);
	snprintf(want, sizeof want, "%s: truncated ELF headers", name);
	CHECK_STR(e.msg, want);
	unlink(name);
}

int main(void)
{
	kd_log_set_level(KD_LOG_ERR);
	snprintf(dir, sizeof dir, "/tmp/kd-elf-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof path, "%s/vmcore", dir);
	if (make_vmcore()) {
		printf("FAIL elf_vmcore:make_vmcore\n");
		return 1;
	}
	RUN(headers_and_loads);
	RUN(pfn_in_ram);
	RUN(reads_through_mmap);
	RUN(reads_through_read);
	RUN(views);
	RUN(input_meta_without_filtering);
	RUN(truncated_file_reads_zeros);
	RUN(parse_from_memory);
	RUN(extended_numbering);
	RUN(bad_headers);
	RUN(open_errors);
	RUN(open_error_keeps_reason);
	unlink(path);
	rmdir(dir);
	return unit_done();
}
