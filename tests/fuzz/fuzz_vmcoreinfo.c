/* fuzz_vmcoreinfo.c - VMCOREINFO text, the page rules read from it, and
 * the classification of struct pages under those rules.  The input is
 * two struct pages (the first 128 bytes) and the text after them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "classify.h"
#include "vmcoreinfo.h"

#define PAGES 128
#define MAX_STRUCT_PAGE 4096	/* SIZE(page) may say up to this */

static void lookups(const struct kd_vmcoreinfo *v)
{
	static const char *const keys[] = {
		"OSRELEASE", "PAGESIZE", "CRASHTIME", "KERNELOFFSET",
		"SYMBOL(mem_section)", "SIZE(page)", "OFFSET(page.flags)",
		"NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)", "LENGTH(mem_section)",
	};
	size_t i;
	int64_t n;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		kd_vmci_str(v, keys[i]);
		kd_vmci_num(v, keys[i], &n);
	}
}

static void classify(const struct kd_page_rules *r, const uint8_t *data)
{
	static uint8_t pages[2 * MAX_STRUCT_PAGE];
	uint64_t nr;
	int level;

	memset(pages, 0, sizeof pages);
	memcpy(pages, data, PAGES / 2);
	memcpy(pages + r->size, data + PAGES / 2, PAGES / 2);
	for (level = 0; level <= 31; level += 3) {
		kd_classify(r, pages, pages + r->size, level, 512, &nr);
		kd_classify(r, pages, NULL, level, 7, &nr);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_page_rules r;
	struct kd_vmcoreinfo v;
	struct kd_error e;

	if (size < PAGES)
		return 0;
	if (kd_vmci_parse(&v, (const char *)data + PAGES, size - PAGES))
		return 0;
	lookups(&v);
	if (kd_page_rules_init(&r, &v, &e) == 0)
		classify(&r, data);
	kd_vmci_free(&v);
	return 0;
}
