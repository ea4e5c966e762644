/* fuzz_elf_vmcore.c - ELF headers, notes and VMCOREINFO of an untrusted
 * vmcore, parsed from memory as kd_input_open() parses a file. */
#include <stdint.h>
#include <stdlib.h>
#include "classify.h"
#include "elf_vmcore.h"
#include "notes.h"
#include "vmcoreinfo.h"

static void use_vmcoreinfo(const char *text, size_t len)
{
	struct kd_page_rules r;
	struct kd_vmcoreinfo v;
	struct kd_error e;
	int64_t n;

	if (kd_vmci_parse(&v, text, len))
		return;
	kd_vmci_get(&v, "SYMBOL", "mem_section", &n);
	kd_vmci_num(&v, "OSRELEASE", &n);
	kd_vmci_num(&v, "CRASHTIME", &n);
	kd_page_rules_init(&r, &v, &e);
	kd_vmci_free(&v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_notes_info ni;
	struct kd_error e;
	struct kd_elf el;

	if (kd_elf_parse_mem(&el, data, size, &e) == 0) {
		kd_notes_scan(el.notes, el.notes_size, &ni);
		if (ni.vmcoreinfo_size)
			use_vmcoreinfo((const char *)el.notes + ni.vmcoreinfo_offset,
				       ni.vmcoreinfo_size);
		kd_elf_find(&el, 0x100000);
		kd_elf_pfn_in_ram(&el, 256);
	}
	kd_elf_close(&el);
	/* the notes walker on the raw bytes too */
	kd_notes_scan(data, size, &ni);
	return 0;
}
