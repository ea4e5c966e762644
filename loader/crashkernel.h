/* crashkernel.h - the crashkernel= boot parameter.
 *
 * Forms: "X[@Y]", "range1:size1[,range2:size2...][@Y]", "X,high", "X,low"
 * (also "X,cma" on newer kernels; these suffixes only follow a plain size,
 * as in the kernel).  Numbers are read as the kernel's memparse() does:
 * decimal, "0x" hex, or octal with a leading 0, then an optional K, M, G,
 * T, P or E suffix (binary).  A range "start-[end]" includes start and
 * excludes end.  Stricter than the kernel: ranges must be in increasing
 * order without overlaps, at most KD_CK_MAX_RANGES, and nothing may follow
 * the value. */
#ifndef KD_CRASHKERNEL_H
#define KD_CRASHKERNEL_H

#include <stdint.h>

enum kd_ck_kind { KD_CK_PLAIN, KD_CK_HIGH, KD_CK_LOW, KD_CK_CMA };

#define KD_CK_MAX_RANGES 16

struct kd_ck_range {
	uint64_t start;
	uint64_t end;		/* UINT64_MAX when open-ended */
	uint64_t size;
};

struct kd_crashkernel {
	enum kd_ck_kind kind;
	int nranges;		/* 0: a plain size */
	uint64_t size;		/* plain size (nranges == 0) */
	struct kd_ck_range ranges[KD_CK_MAX_RANGES];
	int has_offset;
	uint64_t offset;
};

/* Parse the value of one crashkernel= parameter (without "crashkernel=").
 * Returns 0, or -1 with a one-line reason in err. */
int kd_crashkernel_parse(const char *value, struct kd_crashkernel *ck,
			 char *err, size_t err_size);

/* The reservation that applies to a machine with `ram` bytes of system RAM
 * (0 when no range matches): the plain size, or the size of the first range
 * with start <= ram < end (an open-ended range takes every ram >= start).
 * The kernel matches the ranges against the total system RAM
 * (memblock_phys_mem_size(), a little more than MemTotal), so callers pass
 * that; kdump-utils rounds System RAM up to 128M for it. */
uint64_t kd_crashkernel_size(const struct kd_crashkernel *ck, uint64_t ram);

#endif
