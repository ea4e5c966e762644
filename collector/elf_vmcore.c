/* elf_vmcore.c - read an ELF64 x86_64 core file: headers, notes, and
 * physical memory through mmap windows or pread(). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "byteorder.h"
#include "elf_vmcore.h"
#include "fdio.h"
#include "log.h"

#define PT_LOAD 1
#define PT_NOTE 4
#define PN_XNUM 0xffff
#define ET_CORE 4
#define EM_X86_64 62
#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define SHDR_SIZE 64
#define PAGE_MASK (~(uint64_t)(KD_PAGE_SIZE - 1))
#define MAX_PADDR (1ULL << 52)	/* x86_64's physical address limit */

static int check_ehdr(const uint8_t *h, struct kd_error *e)
{
	if (memcmp(h, "\177ELF", 4))
		return kd_fail(e, EINVAL, "not an ELF file");
	if (h[4] != 2 || h[5] != 1)
		return kd_fail(e, EINVAL, "not a 64-bit little-endian ELF file");
	if (kd_get_le16(h + 16) != ET_CORE)
		return kd_fail(e, EINVAL, "not an ELF core file");
	if (kd_get_le16(h + 18) != EM_X86_64)
		return kd_fail(e, EINVAL, "not an x86_64 core (machine %u)",
			       kd_get_le16(h + 18));
	if (kd_get_le16(h + 54) != PHDR_SIZE)
		return kd_fail(e, EINVAL, "unexpected program header size %u",
			       kd_get_le16(h + 54));
	return 0;
}

/* e_phnum, or sh_info of section header 0 under extended numbering. */
static int phdr_count(const uint8_t *buf, size_t len, uint64_t *count,
		      size_t *need, struct kd_error *e)
{
	uint64_t shoff = kd_get_le64(buf + 40);

	*count = kd_get_le16(buf + 56);
	if (*count != PN_XNUM)
		return 0;
	if (shoff < EHDR_SIZE || shoff > (64ULL << 20) ||
	    kd_get_le16(buf + 58) < SHDR_SIZE)
		return kd_fail(e, EINVAL, "bad extended program header count");
	if (shoff + SHDR_SIZE > len) {
		*need = (size_t)(shoff + SHDR_SIZE);
		return kd_fail(e, ENOBUFS, "need more header bytes");
	}
	*count = kd_get_le32(buf + shoff + 44);
	return 0;
}

/* Keep a PT_LOAD; one that cannot describe x86_64 RAM is left out. */
static void add_load(struct kd_elf *el, const uint8_t *ph, uint64_t index)
{
	struct kd_load *l = &el->loads[el->nloads];
	uint64_t end;

	l->offset = kd_get_le64(ph + 8);
	l->vaddr = kd_get_le64(ph + 16);
	l->paddr = kd_get_le64(ph + 24);
	l->filesz = kd_get_le64(ph + 32);
	l->memsz = kd_get_le64(ph + 40);
	if (l->filesz > l->memsz || l->paddr >= MAX_PADDR ||
	    l->memsz > MAX_PADDR - l->paddr || l->offset > UINT64_MAX - l->filesz) {
		kd_warn("program header %llu is a corrupt PT_LOAD: leaving it "
			"out", (unsigned long long)index);
		return;
	}
	if (!l->memsz)
		return;
	if (el->file_size != UINT64_MAX && l->offset + l->filesz > el->file_size)
		kd_warn("PT_LOAD %d ends beyond the end of the file: its "
			"missing part reads as zeros", el->nloads);
	end = (l->paddr + l->memsz + KD_PAGE_SIZE - 1) >> KD_PAGE_SHIFT;
	if (end > el->max_mapnr)
		el->max_mapnr = end;
	el->nloads++;
}

static int add_note(struct kd_elf *el, const uint8_t *ph, struct kd_error *e)
{
	if (el->notes_size)
		return 0;		/* /proc/vmcore merges them into one */
	if (kd_get_le64(ph + 32) > KD_MAX_NOTES)
		return kd_fail(e, EINVAL, "PT_NOTE too large");
	el->notes_offset = kd_get_le64(ph + 8);
	el->notes_size = (size_t)kd_get_le64(ph + 32);
	return 0;
}

static void init(struct kd_elf *el, uint64_t file_size)
{
	memset(el, 0, sizeof *el);
	el->fd = -1;
	el->file_size = file_size;
}

int kd_elf_parse_headers(struct kd_elf *el, const uint8_t *buf, size_t len,
			 uint64_t file_size, size_t *need, struct kd_error *e)
{
	uint64_t phoff, count, i;

	init(el, file_size);
	if (len < EHDR_SIZE) {
		*need = EHDR_SIZE;
		return kd_fail(e, ENOBUFS, "file shorter than an ELF header");
	}
	if (check_ehdr(buf, e) || phdr_count(buf, len, &count, need, e))
		return -1;
	memcpy(el->ehdr, buf, EHDR_SIZE);
	phoff = kd_get_le64(buf + 32);
	if (count == 0 || count > KD_MAX_LOADS + 1 || phoff < EHDR_SIZE ||
	    phoff > (64ULL << 20))
		return kd_fail(e, EINVAL, "bad program header table (%llu "
			       "entries at %llu)", (unsigned long long)count,
			       (unsigned long long)phoff);
	if (phoff + count * PHDR_SIZE > len) {
		*need = (size_t)(phoff + count * PHDR_SIZE);
		return kd_fail(e, ENOBUFS, "need more header bytes");
	}
	el->loads = calloc((size_t)count, sizeof *el->loads);
	if (!el->loads)
		return kd_fail(e, ENOMEM, "out of memory");
	for (i = 0; i < count; i++) {
		const uint8_t *ph = buf + phoff + i * PHDR_SIZE;
		uint32_t type = kd_get_le32(ph);

		if (type == PT_LOAD)
			add_load(el, ph, i);
		if (type == PT_NOTE && add_note(el, ph, e))
			return -1;
	}
	if (!el->nloads)
		return kd_fail(e, EINVAL, "no PT_LOAD segments");
	return 0;
}

int kd_elf_parse_mem(struct kd_elf *el, const uint8_t *buf, size_t len,
		     struct kd_error *e)
{
	size_t need = 0;

	if (kd_elf_parse_headers(el, buf, len, len, &need, e))
		return -1;
	if (!el->notes_size || el->notes_offset > len ||
	    el->notes_size > len - el->notes_offset) {
		el->notes_size = 0;
		return 0;
	}
	el->notes = malloc(el->notes_size);
	if (!el->notes)
		return kd_fail(e, ENOMEM, "out of memory");
	memcpy(el->notes, buf + el->notes_offset, el->notes_size);
	return 0;
}

/* Read as many header bytes as the parser asks for, at most 64 MiB. */
static int read_headers(struct kd_elf *el, int fd, uint64_t size,
			struct kd_error *e)
{
	size_t len = 4096, need = 0, got;
	uint8_t *buf = NULL;
	int ret;

	for (;;) {
		uint8_t *nbuf = realloc(buf, len);

		if (!nbuf) {
			free(buf);
			return kd_fail(e, ENOMEM, "out of memory");
		}
		buf = nbuf;
		got = len < size ? len : (size_t)size;
		if (kd_pread_full(fd, buf, got, 0)) {
			free(buf);
			return kd_fail(e, errno, "cannot read the ELF headers: "
				       "%s", strerror(errno));
		}
		ret = kd_elf_parse_headers(el, buf, got, size, &need, e);
		if (ret == 0 || e->code != ENOBUFS || need <= got ||
		    need > (64 << 20) || need > size)
			break;
		free(el->loads);
		el->loads = NULL;
		len = need;
	}
	free(buf);
	if (ret && e->code == ENOBUFS)
		return kd_fail(e, EINVAL, "truncated ELF headers");
	return ret;
}

static void read_notes(struct kd_elf *el)
{
	if (!el->notes_size)
		return;
	el->notes = malloc(el->notes_size);
	if (el->notes && kd_pread_full(el->fd, el->notes, el->notes_size,
				    el->notes_offset) == 0)
		return;
	kd_warn("cannot read the ELF notes: continuing without them");
	free(el->notes);
	el->notes = NULL;
	el->notes_size = 0;
}

int kd_elf_open(struct kd_elf *el, const char *path, struct kd_error *e)
{
	struct stat st;
	uint64_t size;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	init(el, UINT64_MAX);
	if (fd < 0)
		return kd_fail(e, errno, "cannot open %s: %s", path, strerror(errno));
	if (fstat(fd, &st)) {
		close(fd);
		return kd_fail(e, errno, "%s: %s", path, strerror(errno));
	}
	/* a regular file or /proc/vmcore has a size; anything else: unknown */
	size = S_ISREG(st.st_mode) && st.st_size > 0 ? (uint64_t)st.st_size :
	       UINT64_MAX;
	if (read_headers(el, fd, size, e)) {
		kd_elf_close(el);
		close(fd);
		return kd_prefix(e, "%s", path);
	}
	el->fd = fd;
	read_notes(el);
	return 0;
}

void kd_elf_close(struct kd_elf *el)
{
	if (el->win)
		munmap((void *)el->win, el->win_len);
	if (el->fd >= 0)
		close(el->fd);
	free(el->loads);
	free(el->notes);
	init(el, UINT64_MAX);
}

static int load_has(const struct kd_load *l, uint64_t paddr)
{
	return paddr >= l->paddr && paddr - l->paddr < l->memsz;
}

const struct kd_load *kd_elf_find(struct kd_elf *el, uint64_t paddr)
{
	int i;

	if (el->hint < el->nloads && load_has(&el->loads[el->hint], paddr))
		return &el->loads[el->hint];
	for (i = 0; i < el->nloads; i++)
		if (load_has(&el->loads[i], paddr)) {
			el->hint = i;
			return &el->loads[i];
		}
	return NULL;
}

int kd_elf_pfn_in_ram(const struct kd_elf *el, uint64_t pfn)
{
	int i;

	for (i = 0; i < el->nloads; i++) {
		const struct kd_load *l = &el->loads[i];

		if (pfn >= l->paddr >> KD_PAGE_SHIFT &&
		    pfn < (l->paddr + l->memsz) >> KD_PAGE_SHIFT)
			return 1;
	}
	return 0;
}

static int in_window(const struct kd_elf *el, uint64_t off, size_t len)
{
	return el->win && off >= el->win_off && off + len <= el->win_off + el->win_len;
}

/* Map the window of `l` that holds [off, off + len) of the file: 4 MiB
 * aligned, clipped to the segment's pages.  NULL: use pread(). */
static const uint8_t *window(struct kd_elf *el, const struct kd_load *l,
			     uint64_t off, size_t len)
{
	uint64_t start, end, seg_start, seg_end;
	void *p;

	if (in_window(el, off, len))
		return el->win + (off - el->win_off);
	if (el->no_mmap || el->fd < 0)
		return NULL;
	seg_start = l->offset & PAGE_MASK;
	seg_end = (l->offset + l->filesz + KD_PAGE_SIZE - 1) & PAGE_MASK;
	start = off & ~(KD_ELF_WINDOW - 1);
	if (start < seg_start)
		start = seg_start;
	end = (off & ~(KD_ELF_WINDOW - 1)) + KD_ELF_WINDOW;
	if (end > seg_end)
		end = seg_end;
	if (end < off + len)
		return NULL;	/* straddles two windows: rare, pread() it */
	if (el->win)
		munmap((void *)el->win, el->win_len);
	el->win = NULL;
	p = mmap(NULL, (size_t)(end - start), PROT_READ, MAP_PRIVATE, el->fd,
		 (off_t)start);
	if (p == MAP_FAILED) {
		kd_debug("mmap of the vmcore failed (%s): using read()",
			 strerror(errno));
		el->no_mmap = 1;
		return NULL;
	}
	el->win = p;
	el->win_off = start;
	el->win_len = end - start;
	return el->win + (off - start);
}

/* Read from one PT_LOAD: the bytes beyond its file size are zeros. */
static int read_in_load(struct kd_elf *el, const struct kd_load *l,
			uint64_t paddr, uint8_t *buf, size_t len)
{
	uint64_t rel = paddr - l->paddr, off = l->offset + rel;
	size_t in_file = rel >= l->filesz ? 0 :
			 (size_t)(l->filesz - rel < len ? l->filesz - rel : len);
	const uint8_t *w;

	memset(buf + in_file, 0, len - in_file);
	if (!in_file)
		return 0;
	/* never touch a mapping beyond the end of a (truncated) file */
	if (el->file_size != UINT64_MAX && off + in_file > el->file_size)
		return -2;
	w = window(el, l, off, in_file);
	if (w) {
		memcpy(buf, w, in_file);
		return 0;
	}
	return kd_pread_full(el->fd, buf, in_file, off) ? -2 : 0;
}

/* How many of the n bytes from paddr (in no PT_LOAD) come before the
 * next PT_LOAD. */
static size_t next_load(const struct kd_elf *el, uint64_t paddr, size_t n)
{
	int i;

	for (i = 0; i < el->nloads; i++)
		if (el->loads[i].paddr > paddr && el->loads[i].paddr - paddr < n)
			n = (size_t)(el->loads[i].paddr - paddr);
	return n;
}

int kd_elf_read_phys(struct kd_elf *el, uint64_t paddr, void *out, size_t len)
{
	uint8_t *buf = out;
	size_t done = 0;
	int found = 0, ret = 0;

	while (done < len) {
		const struct kd_load *l = kd_elf_find(el, paddr + done);
		size_t n = len - done;

		if (!l) {			/* a hole: zeros up to the next PT_LOAD */
			n = next_load(el, paddr + done, n);
			memset(buf + done, 0, n);
			done += n;
			continue;
		}
		found = 1;
		if (l->memsz - (paddr + done - l->paddr) < n)
			n = (size_t)(l->memsz - (paddr + done - l->paddr));
		if (read_in_load(el, l, paddr + done, buf + done, n))
			ret = -2;
		done += n;
	}
	if (ret)
		memset(buf, 0, len);
	return ret ? ret : found ? 0 : -1;
}

const uint8_t *kd_elf_view(struct kd_elf *el, uint64_t paddr, size_t len,
			   int stay)
{
	const struct kd_load *l = kd_elf_find(el, paddr);
	uint64_t rel, off;

	if (!l || !len)
		return NULL;
	rel = paddr - l->paddr;
	if (rel >= l->filesz || l->filesz - rel < len)
		return NULL;
	off = l->offset + rel;
	if (el->file_size != UINT64_MAX && (off > el->file_size ||
	    el->file_size - off < len))
		return NULL;
	if (stay && !in_window(el, off, len))
		return NULL;
	return window(el, l, off, len);
}
