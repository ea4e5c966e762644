/* crashmem.h - what the running kernel reserved for a crash kernel.
 *
 * Read from /sys/kernel/kexec_crash_loaded, /sys/kernel/kexec_crash_size,
 * /proc/iomem ("Crash kernel" and "System RAM") and /proc/cmdline.  Every
 * path is taken below `root` ("" on a live system) so tests can point it at
 * a fake tree. */
#ifndef KD_CRASHMEM_H
#define KD_CRASHMEM_H

#include <stdint.h>
#include "error.h"

#define KD_CRASHMEM_MAX_REGIONS 4

struct kd_crashmem {
	int kexec_supported;	/* /sys/kernel/kexec_crash_loaded exists */
	int loaded;		/* a crash kernel is loaded */
	uint64_t size;		/* kexec_crash_size, bytes */
	int nregions;		/* "Crash kernel" ranges in /proc/iomem */
	uint64_t start[KD_CRASHMEM_MAX_REGIONS];
	uint64_t end[KD_CRASHMEM_MAX_REGIONS];	/* inclusive */
	uint64_t ram;		/* sum of top-level "System RAM" */
	uint64_t kernel_image;	/* "Kernel code" start to "Kernel bss" end:
				   the running kernel in memory, 0 unknown */
	char crashkernel[256];	/* the crashkernel= value, "" if absent */
	char cmdline[4096];	/* /proc/cmdline */
};

/* Fill st; fails only when /proc/cmdline cannot be read. */
int kd_crashmem_read(struct kd_crashmem *st, const char *root,
		     struct kd_error *e);

/* 0 when a crash kernel can be armed; otherwise -1 and a one-line reason
 * that says how to fix it. */
int kd_crashmem_check(const struct kd_crashmem *st, struct kd_error *e);

#endif
