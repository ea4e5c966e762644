/* fuzz_elf_vmcore.c - ELF headers, notes and VMCOREINFO of an untrusted
 * vmcore, parsed from memory. */
#include <stdint.h>
#include <stdlib.h>
#include "elf_vmcore.h"
#include "notes.h"
#include "vmcoreinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_notes_info ni;
	struct kd_vmcoreinfo v;
	struct kd_error e;
	struct kd_elf el;
	size_t need = 0;
	int64_t n;

	if (kd_elf_parse_headers(&el, data, size, size, &need, &e) == 0 &&
	    el.notes_offset < size && el.notes_size <= size - el.notes_offset) {
		kd_notes_scan(data + el.notes_offset, el.notes_size, &ni);
		if (ni.vmcoreinfo_size &&
		    kd_vmci_parse(&v, (const char *)data + el.notes_offset +
				  ni.vmcoreinfo_offset, ni.vmcoreinfo_size) == 0) {
			kd_vmci_get(&v, "SYMBOL", "mem_section", &n);
			kd_vmci_num(&v, "OSRELEASE", &n);
			kd_vmci_free(&v);
		}
		kd_elf_find(&el, 0x100000);
		kd_elf_pfn_in_ram(&el, 256);
	}
	free(el.loads);
	/* the notes walker and VMCOREINFO parser on the raw bytes too */
	kd_notes_scan(data, size, &ni);
	if (kd_vmci_parse(&v, (const char *)data, size) == 0) {
		kd_vmci_get(&v, "NUMBER", "phys_base", &n);
		kd_vmci_free(&v);
	}
	return 0;
}
