/* notes.h - the ELF notes of a vmcore: how many CPUs saved their registers
 * (NT_PRSTATUS "CORE" notes) and where the VMCOREINFO text is. */
#ifndef KD_NOTES_H
#define KD_NOTES_H

#include <stddef.h>
#include <stdint.h>

struct kd_notes_info {
	int nr_cpus;
	size_t vmcoreinfo_offset;	/* of the payload, in the notes */
	size_t vmcoreinfo_size;		/* 0 when there is none */
};

/* Walk the notes; stops quietly at the first malformed one. */
void kd_notes_scan(const uint8_t *notes, size_t size, struct kd_notes_info *info);

#endif
