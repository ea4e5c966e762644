/* writer.h - the output formats.
 *
 * kdump-compressed (what `crash` and makedumpfile read; header version 6,
 * cyclic bitmaps, one descriptor per dumpable page, shared zero page) and
 * ELF (makedumpfile -E).  Both write through a kd_sink, so either can be
 * flattened.  On a write error (ENOSPC) the kdump writer keeps what reached
 * the file, marks it incomplete (status 0x8; ELF: e_flags bit 0) when the
 * sink can seek, and returns -1. */
#ifndef KD_WRITER_H
#define KD_WRITER_H

#include "codec.h"
#include "error.h"
#include "input.h"
#include "sink.h"

struct kd_progress;

struct kd_write_opts {
	enum kd_codec_kind codec;
	size_t cycle_pfns;		/* bitmap window; 0 = default budget */
	struct kd_progress *progress;	/* may be NULL */
	int threads;			/* compressing threads; 0: one per CPU */
};

/* What a writer counts itself; the caller adds it to the input's stats. */
struct kd_write_result {
	uint64_t zero;			/* zero pages left out (-d bit 1) */
};

/* r is filled as far as the writing got, failure or not. */
int kd_write_kdump(struct kd_input *in, struct kd_sink *out,
		   const struct kd_write_opts *o, struct kd_write_result *r,
		   struct kd_error *e);
int kd_write_elf(struct kd_input *in, struct kd_sink *out,
		 const struct kd_write_opts *o, struct kd_write_result *r,
		 struct kd_error *e);

#endif
