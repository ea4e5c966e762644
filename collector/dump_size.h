/* dump_size.h - how big a kdump-compressed dump will be, before any of it
 * is written: what fitting a dump to its target measures (fit.h).
 *
 * One pass over the pfn windows at the input's dump level counts the
 * dumpable pages, so the headers, bitmaps and descriptors are exact.  So
 * is the page data when it does not depend on what the pages hold
 * (uncompressed, zero pages kept), or when every page it depends on is
 * read: uncompressed with zero pages left out (dump level bit 1), every
 * dumpable page is read to find the zero ones.  Compressed, a sample is
 * read and compressed with the dump's codec: every Nth dumpable page,
 * about KD_DUMP_SIZE_SAMPLES of them, scaled up to all, plus a margin of a
 * tenth (none when the sample is every page).  Nothing is written, and
 * the input's counts stay as they were. */
#ifndef KD_DUMP_SIZE_H
#define KD_DUMP_SIZE_H

#include <stdint.h>
#include "error.h"
#include "input.h"
#include "writer.h"

#define KD_DUMP_SIZE_SAMPLES 4096	/* pages read and compressed, at most
					 * about: 16 MiB, a few ms each */

struct kd_dump_size {
	uint64_t dumpable;		/* pages the dump level keeps */
	uint64_t sampled;		/* pages read */
	uint64_t bytes;			/* the size of the dump */
	int exact;			/* bytes is the size, not an estimate */
};

/* The dump's size at the input's dump level with o's codec, level and
 * windows.  upper: at least the number of dumpable pages (max_mapnr will
 * do; an estimate at a lower level is closer), to space the samples. */
int kd_dump_size_kdump(struct kd_input *in, const struct kd_write_opts *o,
		      uint64_t upper, struct kd_dump_size *est,
		      struct kd_error *e);

#endif
