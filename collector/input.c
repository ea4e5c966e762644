/* input.c - the crashed system as the writers see it (input.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "bitmap.h"
#include "classify.h"
#include "elf_vmcore.h"
#include "filter.h"
#include "log.h"
#include "memmap.h"
#include "notes.h"
#include "vmcoreinfo.h"
#include "x86_64.h"

struct kd_input {
	struct kd_elf el;
	struct kd_vmcoreinfo vmci;
	struct kd_x86 x;
	struct kd_memmap mm;
	struct kd_page_rules rules;
	struct kd_filter filter;
	struct kd_meta meta;
	struct kd_stats stats;
	int asked_level;		/* the dump level asked for */
	int have_vmci, have_x86;
	int in_error_run;		/* the last page read failed */
};

static void set_str(char *dst, const char *src)
{
	strncpy(dst, src ? src : "", 64);
	dst[64] = '\0';
}

/* utsname: from init_uts_ns when it can be read, else from VMCOREINFO. */
static void read_utsname(struct kd_input *in)
{
	struct kd_meta *m = &in->meta;
	int64_t sym, off = 0;
	char uts[6 * 65];

	set_str(m->sysname, "Linux");
	set_str(m->release, kd_vmci_str(&in->vmci, "OSRELEASE"));
	set_str(m->machine, "x86_64");
	if (!in->have_x86 || kd_vmci_get(&in->vmci, "SYMBOL", "init_uts_ns", &sym))
		return;
	if (kd_vmci_get(&in->vmci, "OFFSET", "uts_namespace.name", &off))
		off = 4;	/* before 5.11 only an int came first */
	if (kd_x86_read(&in->x, (uint64_t)(sym + off), uts, sizeof uts) ||
	    strncmp(uts, "Linux", 5))
		return;
	memcpy(m->sysname, uts, 65);
	memcpy(m->nodename, uts + 65, 65);
	memcpy(m->release, uts + 130, 65);
	memcpy(m->version, uts + 195, 65);
	memcpy(m->machine, uts + 260, 65);
	memcpy(m->domainname, uts + 325, 65);
	m->sysname[64] = m->nodename[64] = m->release[64] = m->version[64] =
		m->machine[64] = m->domainname[64] = '\0';
}

/* Say why pages are not filtered: a warning when filtering was asked for. */
static void no_filtering(const struct kd_input *in, const char *why)
{
	if (in->asked_level & ~KD_DL_ZERO)
		kd_warn("%s: dumping without filtering", why);
	else
		kd_debug("%s: no struct page scan", why);
}

static void read_notes(struct kd_input *in)
{
	struct kd_notes_info ni;
	int64_t crashtime;

	kd_notes_scan(in->el.notes, in->el.notes_size, &ni);
	in->meta.notes = in->el.notes;
	in->meta.notes_size = in->el.notes_size;
	in->meta.nr_cpus = ni.nr_cpus;
	in->meta.vmcoreinfo_offset = ni.vmcoreinfo_offset;
	in->meta.vmcoreinfo_size = ni.vmcoreinfo_size;
	if (!ni.vmcoreinfo_size) {
		no_filtering(in, "the vmcore has no VMCOREINFO");
		return;
	}
	if (kd_vmci_parse(&in->vmci, (const char *)in->el.notes + ni.vmcoreinfo_offset,
			  ni.vmcoreinfo_size)) {
		no_filtering(in, "VMCOREINFO is not usable");
		return;
	}
	if (kd_vmci_num(&in->vmci, "CRASHTIME", &crashtime) == 0)
		in->meta.crashtime = crashtime;
	if (!kd_vmci_str(&in->vmci, "OSRELEASE") || !kd_vmci_str(&in->vmci, "PAGESIZE")) {
		no_filtering(in, "VMCOREINFO lacks OSRELEASE or PAGESIZE");
		return;
	}
	in->have_vmci = 1;
	in->meta.have_vmcoreinfo = 1;
}

/* Page tables, mem_map and page rules; any failure means no filtering. */
static void prepare_filtering(struct kd_input *in)
{
	struct kd_error e;
	int64_t page_size = 0;

	if (!in->have_vmci)
		return;
	kd_vmci_num(&in->vmci, "PAGESIZE", &page_size);
	if (page_size != KD_PAGE_SIZE) {
		kd_fail(&e, EINVAL, "page size %lld is not supported",
			(long long)page_size);
		no_filtering(in, e.msg);
		return;
	}
	if (kd_x86_init(&in->x, &in->el, &in->vmci, &e)) {
		no_filtering(in, e.msg);
		return;
	}
	in->have_x86 = 1;
	in->meta.phys_base = in->x.phys_base;
	if (kd_page_rules_init(&in->rules, &in->vmci, &e) ||
	    kd_memmap_init(&in->mm, &in->x, &in->vmci, in->el.max_mapnr, &e)) {
		no_filtering(in, e.msg);
		return;
	}
	in->meta.filtered = 1;
	/* as makedumpfile: RAM beyond the last mem_map (mem=) is left out */
	if (in->mm.complete && in->mm.end_pfn < in->meta.max_mapnr) {
		kd_info("the crashed kernel used memory below pfn %#llx only",
			(unsigned long long)in->mm.end_pfn);
		in->meta.max_mapnr = in->mm.end_pfn;
	}
}

static int bad_level(int dump_level, struct kd_error *e)
{
	if (dump_level < 0 || dump_level > KD_DL_MAX)
		return kd_fail(e, EINVAL, "dump level %d is not 0..31", dump_level);
	return 0;
}

/* The filter for `dump_level`: without struct pages, only zero pages
 * (the writers' business) can be left out. */
static int start_filter(struct kd_input *in, int dump_level, struct kd_error *e)
{
	int filtered = in->meta.filtered;

	in->meta.dump_level = filtered ? dump_level : dump_level & KD_DL_ZERO;
	if (kd_filter_init(&in->filter, &in->el, filtered ? &in->x : NULL,
			   filtered ? &in->mm : NULL, filtered ? &in->rules : NULL,
			   in->meta.dump_level))
		return kd_fail(e, ENOMEM, "out of memory");
	return 0;
}

int kd_input_set_level(struct kd_input *in, int dump_level, struct kd_error *e)
{
	if (bad_level(dump_level, e))
		return -1;
	kd_filter_free(&in->filter);
	in->asked_level = dump_level;
	return start_filter(in, dump_level, e);
}

int kd_input_open(struct kd_input **out, const char *path, int dump_level,
		  struct kd_error *e)
{
	struct kd_input *in = calloc(1, sizeof *in);

	if (!in)
		return kd_fail(e, ENOMEM, "out of memory");
	if (bad_level(dump_level, e)) {
		free(in);
		return -1;
	}
	if (kd_elf_open(&in->el, path, e)) {
		free(in);
		return -1;
	}
	in->meta.max_mapnr = in->el.max_mapnr;
	in->asked_level = dump_level;
	read_notes(in);
	prepare_filtering(in);
	read_utsname(in);
	in->meta.loads = in->el.loads;
	in->meta.nloads = in->el.nloads;
	in->meta.elf_header = in->el.ehdr;
	if (start_filter(in, dump_level, e)) {
		kd_input_close(in);
		return -1;
	}
	*out = in;
	return 0;
}

void kd_input_close(struct kd_input *in)
{
	if (!in)
		return;
	kd_filter_free(&in->filter);
	kd_memmap_free(&in->mm);
	kd_vmci_free(&in->vmci);
	kd_elf_close(&in->el);
	free(in);
}

const struct kd_meta *kd_input_meta(const struct kd_input *in)
{
	return &in->meta;
}

const struct kd_stats *kd_input_stats(const struct kd_input *in)
{
	return &in->stats;
}

int kd_input_pfn_in_ram(const struct kd_input *in, uint64_t pfn)
{
	return pfn < in->meta.max_mapnr && kd_elf_pfn_in_ram(&in->el, pfn);
}

/* Clear the bits of pfns at or beyond max_mapnr. */
static void clip(const struct kd_input *in, uint64_t start, uint64_t end,
		 uint8_t *bits)
{
	uint64_t from = start > in->meta.max_mapnr ? 0 : in->meta.max_mapnr - start;

	kd_bits_fill(bits, from, end - start, 0);
}

void kd_input_ram(const struct kd_input *in, uint64_t start, uint64_t end,
		  uint8_t *bits)
{
	kd_ram_bits(&in->el, start, end, bits);
	clip(in, start, end, bits);
}

static int bad_window(uint64_t start, uint64_t end, struct kd_error *e)
{
	if ((start & 7) || end < start)
		return kd_fail(e, EINVAL, "bad pfn window %llu-%llu",
			       (unsigned long long)start, (unsigned long long)end);
	return 0;
}

int kd_input_exclude(struct kd_input *in, uint64_t start, uint64_t end,
		     uint8_t *bits, int count, struct kd_error *e)
{
	uint64_t max = in->meta.max_mapnr;

	if (bad_window(start, end, e))
		return -1;
	/* nothing at or beyond max_mapnr is scanned or counted (and
	 * kd_input_ram() left those bits clear) */
	if (start < max)
		kd_filter_window(&in->filter, start, end < max ? end : max, bits,
				 count ? &in->stats : NULL);
	return 0;
}

int kd_input_dumpable(struct kd_input *in, uint64_t start, uint64_t end,
		      uint8_t *bits, int count, struct kd_error *e)
{
	if (bad_window(start, end, e))
		return -1;
	kd_input_ram(in, start, end, bits);
	return kd_input_exclude(in, start, end, bits, count, e);
}

int kd_input_read_page(struct kd_input *in, uint64_t pfn, void *buf)
{
	int ret = kd_elf_read_phys(&in->el, pfn << KD_PAGE_SHIFT, buf, KD_PAGE_SIZE);

	if (ret == -1)
		return -1;
	if (ret == -2) {
		in->stats.read_errors++;
		if (!in->in_error_run)
			kd_warn("cannot read page %#llx of the vmcore: writing "
				"zeros for it and its unreadable neighbours",
				(unsigned long long)pfn);
		in->in_error_run = 1;
		return 0;
	}
	in->in_error_run = 0;
	return 0;
}

int kd_input_page(struct kd_input *in, uint64_t pfn, uint8_t *buf,
		  const uint8_t **page, int stay)
{
	*page = kd_elf_view(&in->el, pfn << KD_PAGE_SHIFT, KD_PAGE_SIZE, stay);
	if (*page) {
		in->in_error_run = 0;
		return 0;
	}
	if (stay)
		return 1;
	*page = buf;
	return kd_input_read_page(in, pfn, buf);
}

int kd_input_reread_page(struct kd_input *in, uint64_t pfn, void *buf)
{
	return kd_elf_read_phys(&in->el, pfn << KD_PAGE_SHIFT, buf,
				KD_PAGE_SIZE) == -1 ? -1 : 0;
}

int kd_input_read_virt(struct kd_input *in, uint64_t vaddr, void *buf, size_t len)
{
	if (!in->have_x86)
		return -1;
	return kd_x86_read(&in->x, vaddr, buf, len);
}

int kd_input_vmcoreinfo(const struct kd_input *in, const char *key,
			int64_t *value)
{
	if (!in->have_vmci)
		return -1;
	return kd_vmci_num(&in->vmci, key, value);
}
