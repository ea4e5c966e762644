/* estimate.h - how much memory the crash kernel needs on this machine.
 *
 *	kernel		the capture kernel's size in memory: init_size of
 *			its bzImage setup header, the memory the kernel needs
 *			to decompress and run (text, data, bss, brk); a
 *			little more than it keeps once running, as it holds
 *			room for decompressing in place
 *	initramfs	3 times the image file: the compressed image
 *			itself, its unpacked files, and the page cache and
 *			rootfs overhead of unpacking (kdump-utils counts 3
 *			times too, rhkdump/kdump-utils#99)
 *	collector	kdump-collect's working set, 10 MiB, plus its two
 *			page bitmaps of max_pfn / 8 bytes each for this
 *			machine's memory (an upper bound: the writer works
 *			in windows)
 *	runtime		the capture kernel's own allocations: slab, page
 *			tables, per-cpu areas, 40 MiB as measured
 *	drivers		the modules the capture image loads, at the size
 *			/proc/modules gives for those loaded here
 *
 * The recommendation is the total plus 20%, rounded up to 16 MiB (the
 * reservation's alignment on x86). */
#ifndef KD_ESTIMATE_H
#define KD_ESTIMATE_H

#include <stdint.h>
#include "error.h"

#define KD_EST_MIB			(1ULL << 20)
#define KD_EST_COLLECTOR_BASE		(10 * KD_EST_MIB)
#define KD_EST_RUNTIME			(40 * KD_EST_MIB)
#define KD_EST_INITRD_FACTOR		3
#define KD_EST_MARGIN_PERCENT		20
#define KD_EST_ALIGN			(16 * KD_EST_MIB)

struct kd_estimate_in {
	uint64_t kernel;	/* bytes in memory */
	uint64_t initrd;	/* bytes of the image file */
	uint64_t ram_top;	/* highest RAM address + 1 (max_pfn * 4096) */
	uint64_t modules;	/* bytes */
};

struct kd_estimate {
	uint64_t kernel, initramfs, collector, runtime, drivers;
	uint64_t total;
	uint64_t recommended;	/* total + margin, aligned */
};

/* The arithmetic, nothing read. */
void kd_estimate(const struct kd_estimate_in *in, struct kd_estimate *out);

/* The memory the kernel image needs: init_size of a bzImage (boot
 * protocol 2.10 or later: setup header at 0x1f1, "HdrS" at 0x202,
 * init_size at 0x260).  *exact is 0 when the file is not such an image
 * and 6 times its size is used instead (Debian's kdump-tools factor for
 * x86).  0, or -1 with e set. */
int kd_kernel_mem_size(const char *path, uint64_t *bytes, int *exact,
		       struct kd_error *e);

/* The top of RAM, below root ("" live): the highest memory block of
 * /sys/devices/system/memory, else MemTotal from /proc/meminfo.  0, or
 * -1 with e set. */
int kd_ram_top(const char *root, uint64_t *bytes, struct kd_error *e);

/* The /proc/modules (below root) sizes of the modules in `names`
 * (blank-separated; "-" and "_" are the same).  *loaded gets how many of
 * them are loaded here, *wanted how many were named.  0, or -1 with e. */
int kd_modules_size(const char *root, const char *names, uint64_t *bytes,
		    int *loaded, int *wanted, struct kd_error *e);

#endif
