/* memdebug.h - what debug_mem_level prints of the capture kernel's memory
 * (at its start and before the dump), to size crashkernel=:
 *	1  MemTotal, MemFree, MemAvailable, Buffers, Cached and Slab
 *	2  all of /proc/meminfo
 *	3  /proc/meminfo and /proc/slabinfo (a note when it cannot be read:
 *	   a kernel without it, or SLOB) */
#ifndef KD_MEMDEBUG_H
#define KD_MEMDEBUG_H

#include <stdio.h>
#include "error.h"

/* 1 when the /proc/meminfo line is shown at `level`. */
int kd_memdebug_shows(const char *line, int level);

/* Print to `out` what `level` shows of the files `meminfo` and `slabinfo`
 * (paths, so that tests can give their own).  Returns 0, or -1 when
 * meminfo cannot be read. */
int kd_memdebug_print(FILE *out, int level, const char *meminfo,
		      const char *slabinfo, struct kd_error *e);

/* The lowest MemFree and MemAvailable (kB) of `meminfo` seen by the
 * samples so far: PID 1 samples on every watch tick, so that the
 * capture's tightest moment is known (-1 before the first sample). */
struct kd_memlow {
	long free_kb, available_kb;
	double at;		/* seconds since boot, when MemFree was lowest */
};

void kd_memdebug_sample(const char *meminfo);
struct kd_memlow kd_memdebug_lowest(void);

#endif
