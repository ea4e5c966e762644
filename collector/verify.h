/* verify.h - check a dump against the ELF vmcore it was made from: every
 * page the dump holds must read back identical to the input, and every
 * page it lacks must be one the dump level excludes (a zero page, when bit
 * 1 is set).  Works on kdump-compressed and ELF dumps. */
#ifndef KD_VERIFY_H
#define KD_VERIFY_H

#include <stdint.h>
#include "error.h"

struct kd_verify_result {
	uint64_t checked;		/* pages compared */
	uint64_t excluded;		/* pages the dump leaves out */
	uint64_t incomplete;		/* never written (incomplete dump) */
	uint64_t mismatched;		/* kept but different: corruption */
	uint64_t wrongly_excluded;	/* left out but dumpable and not zero */
	uint64_t first_bad_pfn;
};

/* dump_level is used for ELF dumps, which do not record theirs (-1: the
 * level recorded in a kdump-compressed dump).  0 when the dump is sound
 * (incomplete pages are reported, not failures). */
int kd_verify(const char *vmcore, const char *dump, int dump_level,
	      struct kd_verify_result *r, struct kd_error *e);

#endif
