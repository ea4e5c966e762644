/* collect.h - the collector as a library: what kdump-init runs in-process
 * and the kdump-collect command wraps.
 *
 *	struct kd_collect_opts o = KD_COLLECT_DEFAULTS;
 *	o.vmcore = "/proc/vmcore";
 *	kd_collect(&o, fd, &result, &e);
 *
 * Options mirror makedumpfile's: dump level (-d), codec (-c -l -z), ELF
 * (-E), flattened (-F), message level (--message-level), bitmap window
 * (--cyclic-buffer). */
#ifndef KD_COLLECT_H
#define KD_COLLECT_H

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
};

#define KD_COLLECT_DEFAULTS { "/proc/vmcore", 0, KD_CODEC_NONE, \
			      KD_FORMAT_KDUMP, 0, KD_ML_DEFAULT, 0, 0 }

struct kd_collect_result {
	struct kd_stats stats;
	uint64_t ram_pages;		/* pfns backed by a PT_LOAD */
	uint64_t max_mapnr;
	uint64_t bytes_written;
	int incomplete;			/* the dump was cut short */
	int filtered;			/* struct pages were consulted */
};

/* Write the dump of o->vmcore to out_fd.  Returns 0, or -1 with the
 * reason; `r` is filled as far as the work got either way. */
int kd_collect(const struct kd_collect_opts *o, int out_fd,
	       struct kd_collect_result *r, struct kd_error *e);

/* The kernel log of o->vmcore, as vmcore-dmesg.txt, to out_fd. */
int kd_collect_dmesg(const char *vmcore, int out_fd, struct kd_error *e);

/* makedumpfile's report table (--message-level bit 16). */
void kd_collect_report(FILE *out, const struct kd_collect_result *r);

#endif
