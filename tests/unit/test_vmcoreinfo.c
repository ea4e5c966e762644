/* test_vmcoreinfo.c - the VMCOREINFO parser and the ELF notes walker. */
#define UNIT_SUITE "vmcoreinfo"
#include <stdint.h>
#include <stdlib.h>
#include "unit.h"
#include "log.h"
#include "notes.h"
#include "vmcoreinfo.h"

/* A piece of the 6.1 fixture's VMCOREINFO, with the formats that matter. */
static const char sample[] =
	"OSRELEASE=6.1.0-56-amd64\n"
	"PAGESIZE=4096\n"
	"SYMBOL(mem_section)=ffff8cea7ffd2000\n"
	"LENGTH(mem_section)=4096\n"
	"SIZE(page)=64\n"
	"OFFSET(page._mapcount)=48\n"
	"NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-129\n"
	"NUMBER(phys_base)=213909504\n"
	"NUMBER(VMALLOC_START)=0xffffc90000000000\n"
	"NUMBER(KERNEL_IMAGE_SIZE)=1073741824\n"
	"KERNELOFFSET=600000\n"
	"CRASHTIME=1795365742\n";

static int64_t num(const struct kd_vmcoreinfo *v, const char *key)
{
	int64_t n = -12345;

	if (kd_vmci_num(v, key, &n))
		return -12345;
	return n;
}

TEST(formats_by_kind)
{
	struct kd_vmcoreinfo v;

	CHECK_INT(kd_vmci_parse(&v, sample, sizeof sample - 1), 0);
	CHECK_STR(kd_vmci_str(&v, "OSRELEASE"), "6.1.0-56-amd64");
	CHECK_INT(num(&v, "PAGESIZE"), 4096);
	CHECK(num(&v, "SYMBOL(mem_section)") == (int64_t)0xffff8cea7ffd2000ULL);
	CHECK_INT(num(&v, "LENGTH(mem_section)"), 4096);
	CHECK_INT(num(&v, "NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)"), -129);
	CHECK_INT(num(&v, "NUMBER(phys_base)"), 213909504);
	CHECK(num(&v, "NUMBER(VMALLOC_START)") == (int64_t)0xffffc90000000000ULL);
	CHECK_INT(num(&v, "KERNELOFFSET"), 0x600000);
	CHECK_INT(num(&v, "CRASHTIME"), 1795365742);
	CHECK_INT(num(&v, "OSRELEASE"), -12345);	/* not a number */
	CHECK_INT(num(&v, "SIZE(nothing)"), -12345);
	kd_vmci_free(&v);
}

TEST(shorthand_lookup)
{
	struct kd_vmcoreinfo v;
	int64_t n = 0;

	CHECK_INT(kd_vmci_parse(&v, sample, sizeof sample - 1), 0);
	CHECK_INT(kd_vmci_get(&v, "SIZE", "page", &n), 0);
	CHECK_INT(n, 64);
	CHECK_INT(kd_vmci_get(&v, "OFFSET", "page._mapcount", &n), 0);
	CHECK_INT(n, 48);
	n = 7;
	CHECK_INT(kd_vmci_get(&v, "OFFSET", "page.lru", &n), -1);
	CHECK_INT(n, 7);	/* untouched when absent */
	kd_vmci_free(&v);
}

TEST(garbage_is_skipped)
{
	static const char text[] =
		"\n\n=nokey\nno equals sign here\n"
		"SIZE(page)=64\r\n"			/* trailing junk */
		"OFFSET(page.flags)=\n"			/* empty value */
		"NUMBER(x)=12xyz\n"			/* neither base */
		"NUMBER(y)=1f\n"			/* hex after decimal fails */
		"NUMBER(z)= 5\n"			/* leading space */
		"SYMBOL(a)=0\n"				/* 0 means no symbol */
		"SYMBOL(b)=ffffffffffffffff\n"		/* and so does ~0 */
		"SYMBOL(c)=-10\n"
		"SIZE(dup)=1\nSIZE(dup)=2\n"		/* the first wins */
		"OSRELEASE=a=b\n"			/* '=' inside a value */
		"\0\0PAGESIZE=4096\n"			/* NULs inside the text */
		"CRASHTIME=99";				/* no final newline */
	struct kd_vmcoreinfo v;

	CHECK_INT(kd_vmci_parse(&v, text, sizeof text - 1), 0);
	CHECK_INT(num(&v, "SIZE(page)"), -12345);
	CHECK_INT(num(&v, "OFFSET(page.flags)"), -12345);
	CHECK_INT(num(&v, "NUMBER(x)"), -12345);
	CHECK_INT(num(&v, "NUMBER(y)"), 0x1f);
	CHECK_INT(num(&v, "NUMBER(z)"), -12345);
	CHECK_INT(num(&v, "SYMBOL(a)"), -12345);
	CHECK_INT(num(&v, "SYMBOL(b)"), -12345);
	CHECK_INT(num(&v, "SYMBOL(c)"), -12345);
	CHECK_INT(num(&v, "SIZE(dup)"), 1);
	CHECK_STR(kd_vmci_str(&v, "OSRELEASE"), "a=b");
	CHECK_INT(num(&v, "CRASHTIME"), 99);
	CHECK(kd_vmci_str(&v, "") == NULL);
	kd_vmci_free(&v);
}

TEST(size_is_bounded)
{
	struct kd_vmcoreinfo v;
	size_t big = KD_VMCI_MAX_TEXT + 1;
	char *text = malloc(big);

	CHECK(text != NULL);
	if (!text)
		return;
	memset(text, '\n', big);
	CHECK_INT(kd_vmci_parse(&v, text, big), -1);
	CHECK_INT(kd_vmci_parse(&v, text, big - 1), 0);
	CHECK_INT(v.n, 0);
	kd_vmci_free(&v);
	CHECK_INT(kd_vmci_parse(&v, "", 0), 0);
	CHECK_INT(v.n, 0);
	kd_vmci_free(&v);
	free(text);
}

TEST(many_lines)
{
	struct kd_vmcoreinfo v;
	char text[20000], key[32];
	size_t len = 0;
	int i;

	for (i = 0; i < 1000; i++)
		len += (size_t)snprintf(text + len, sizeof text - len,
					"SIZE(s%d)=%d\n", i, i);
	CHECK_INT(kd_vmci_parse(&v, text, len), 0);
	CHECK_INT(v.n, 1000);
	snprintf(key, sizeof key, "SIZE(s%d)", 999);
	CHECK_INT(num(&v, key), 999);
	kd_vmci_free(&v);
}

/* Append a note to p; returns its size. */
static size_t note(uint8_t *p, const char *name, uint32_t type, const char *desc,
		   uint32_t descsz, int pad_desc)
{
	uint32_t namesz = (uint32_t)strlen(name) + 1;
	size_t off = 12;

	memcpy(p, &namesz, 4);
	memcpy(p + 4, &descsz, 4);
	memcpy(p + 8, &type, 4);
	memset(p + off, 0, (namesz + 3) & ~3u);
	memcpy(p + off, name, namesz);
	off += (namesz + 3) & ~3u;
	memcpy(p + off, desc, descsz);
	if (!pad_desc)
		return off + descsz;
	memset(p + off + descsz, 0, ((descsz + 3) & ~3u) - descsz);
	return off + ((descsz + 3) & ~3u);
}

TEST(notes_cpus_and_vmcoreinfo)
{
	static const char prstatus[336];
	struct kd_notes_info ni;
	uint8_t buf[2048];
	size_t len = 0, vmci;

	len += note(buf + len, "CORE", 1, prstatus, sizeof prstatus, 1);
	len += note(buf + len, "CORE", 2, prstatus, 16, 1);	/* not PRSTATUS */
	len += note(buf + len, "LINUX", 1, prstatus, 8, 1);	/* not CORE */
	len += note(buf + len, "CORE", 1, prstatus, sizeof prstatus, 1);
	vmci = len + 24;
	len += note(buf + len, "VMCOREINFO", 0, "PAGESIZE=4096\n", 14, 0);
	kd_notes_scan(buf, len, &ni);
	CHECK_INT(ni.nr_cpus, 2);
	CHECK_INT(ni.vmcoreinfo_offset, vmci);
	CHECK_INT(ni.vmcoreinfo_size, 14);
	/* a truncated last note is ignored, the ones before still count */
	kd_notes_scan(buf, len - 1, &ni);
	CHECK_INT(ni.nr_cpus, 2);
	CHECK_INT(ni.vmcoreinfo_size, 0);
	kd_notes_scan(NULL, 0, &ni);
	CHECK_INT(ni.nr_cpus, 0);
}

TEST(notes_hostile_sizes)
{
	struct kd_notes_info ni;
	uint8_t buf[64];
	uint32_t huge = 0xfffffff0u;

	memset(buf, 0, sizeof buf);
	memcpy(buf, &huge, 4);			/* namesz */
	kd_notes_scan(buf, sizeof buf, &ni);
	CHECK_INT(ni.nr_cpus, 0);
	memset(buf, 0, sizeof buf);
	buf[0] = 5;
	memcpy(buf + 4, &huge, 4);		/* descsz */
	memcpy(buf + 12, "CORE", 5);
	kd_notes_scan(buf, sizeof buf, &ni);
	CHECK_INT(ni.nr_cpus, 0);
	memset(buf, 0, sizeof buf);		/* empty notes: 12 bytes each */
	kd_notes_scan(buf, sizeof buf, &ni);
	CHECK_INT(ni.nr_cpus, 0);
	CHECK_INT(ni.vmcoreinfo_size, 0);
}

int main(void)
{
	kd_log_set_level(KD_LOG_ERR);
	RUN(formats_by_kind);
	RUN(shorthand_lookup);
	RUN(garbage_is_skipped);
	RUN(size_is_bounded);
	RUN(many_lines);
	RUN(notes_cpus_and_vmcoreinfo);
	RUN(notes_hostile_sizes);
	return unit_done();
}
