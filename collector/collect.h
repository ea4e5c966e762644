/* collect.h - the collector as a library: what kdump-init runs in-process
 * and the kdump-collect command wraps.
 *
 *	struct kd_collect_opts o = KD_COLLECT_DEFAULTS;
 *	o.vmcore = "/proc/vmcore";
 *	kd_collect(&o, fd, &result, &e);
 *
 * Options mirror makedumpfile's: dump level (-d), codec (-c -l -z), ELF
 * (-E), flattened (-F), message level (--message-level), bitmap window
 * (--cyclic-buffer); and one of kdump's own: fit the dump to its target
 * (--fit-to, fit.h).
 *
 * A dump that was written whole may still hold less than its level
 * promises: `degraded` says why (pages that could not be read, no
 * VMCOREINFO, no filtering), so that nobody takes it for a complete one
 * without being told. */
#ifndef KD_COLLECT_H
#define KD_COLLECT_H

#include <stdint.h>
#include <stdio.h>
#include "codec.h"
#include "error.h"
#include "input.h"

enum kd_format { KD_FORMAT_KDUMP, KD_FORMAT_ELF };

/* makedumpfile's --message-level bits */
enum {
	KD_ML_PROGRESS = 1,
	KD_ML_COMMON = 2,
	KD_ML_ERROR = 4,
	KD_ML_DEBUG = 8,
	KD_ML_REPORT = 16,
	KD_ML_DEFAULT = 7,
};

struct kd_collect_opts {
	const char *vmcore;		/* input: /proc/vmcore or an ELF file */
	int dump_level;			/* 0..31 */
	enum kd_codec_kind codec;
	enum kd_format format;
	int flat;			/* write the flattened stream */
	int message_level;
	int threads;			/* compressing threads, 0: one per CPU */
	int cyclic_buffer;		/* KiB of bitmap per window (8 Ki pfns
					 * each), 0: 4 MiB */
	uint64_t fit_bytes;		/* make the dump fit in this many bytes
					 * (fit.h); 0: off; KD_FIT_AUTO: the
					 * free space where out_fd lies */
};

#define KD_FIT_AUTO UINT64_MAX

#define KD_COLLECT_DEFAULTS { "/proc/vmcore", 0, KD_CODEC_NONE, \
			      KD_FORMAT_KDUMP, 0, KD_ML_DEFAULT, 0, 0, 0 }

/* Why a dump written whole holds less than its dump level says. */
enum {
	KD_DEGRADED_READ_ERRORS = 1,	/* pages unreadable, zero-filled */
	KD_DEGRADED_NO_VMCOREINFO = 2,	/* none, or not usable */
	KD_DEGRADED_UNFILTERED = 4,	/* filtering was asked for, but the
					 * page tables or struct pages could
					 * not be used: every page kept */
};

struct kd_collect_result {
	struct kd_stats stats;
	uint64_t ram_pages;		/* pfns backed by a PT_LOAD */
	uint64_t max_mapnr;
	uint64_t bytes_written;
	int incomplete;			/* the dump was cut short: something
					 * was written, not all of it */
	int filtered;			/* struct pages were consulted */
	unsigned degraded;		/* KD_DEGRADED_* bits */
	int dump_level;			/* the level written (in its header) */
	enum kd_codec_kind codec;	/* the codec written */
	uint64_t pages_written;		/* dumpable pages stored in the dump
					 * (zero pages left out not counted) */
	char sha256[65];		/* of every byte written to out_fd when
					 * it is a stream (o->flat), "" when
					 * not (a file: kd_sha256_file()) or
					 * when the stream was cut short */
	char fit[256];			/* what fitting changed, and why; ""
					 * when nothing */
};

/* A short English reason for one KD_DEGRADED_* bit ("pages unreadable,
 * zero-filled"); NULL for any other value. */
const char *kd_degraded_reason(unsigned bit);

/* Write the dump of o->vmcore to out_fd.  Returns 0, or -1 with the
 * reason; `r` is filled as far as the work got either way. */
int kd_collect(const struct kd_collect_opts *o, int out_fd,
	       struct kd_collect_result *r, struct kd_error *e);

/* The kernel log of o->vmcore, as vmcore-dmesg.txt, to out_fd. */
int kd_collect_dmesg(const char *vmcore, int out_fd, struct kd_error *e);

/* makedumpfile's report table (--message-level bit 16). */
void kd_collect_report(FILE *out, const struct kd_collect_result *r);

#endif
