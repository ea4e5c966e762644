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
	int codec_level;		/* 0: the codec's default (codec.h) */
};

/* What a writer counts itself; the caller adds it to the input's stats. */
struct kd_write_result {
	uint64_t zero;			/* zero pages left out (-d bit 1) */
	uint64_t pages;			/* dumpable pages whose data reached
					 * the sink (zero pages left out not
					 * counted) */
};

/* r is filled as far as the writing got, failure or not. */
int kd_write_kdump(struct kd_input *in, struct kd_sink *out,
		   const struct kd_write_opts *o, struct kd_write_result *r,
		   struct kd_error *e);
int kd_write_elf(struct kd_input *in, struct kd_sink *out,
		 const struct kd_write_opts *o, struct kd_write_result *r,
		 struct kd_error *e);

/* Sizes, for fitting a dump to its target (fit.h).  Where the page data
 * of a kdump-compressed dump with `dumpable` pages starts: the headers,
 * the notes, both bitmaps and the descriptors come before it. */
uint64_t kd_kdump_data_offset(const struct kd_meta *m, uint64_t dumpable);

/* The exact size of the ELF dump at the input's dump level, found by the
 * writer's own first pass (with dump level bit 1, which reads every
 * dumpable page); nothing is written, and the input's counts stay. */
int kd_elf_size(struct kd_input *in, const struct kd_write_opts *o,
		uint64_t *size, struct kd_error *e);

#endif
