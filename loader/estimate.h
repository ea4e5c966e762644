/* estimate.h - how much memory the crash kernel needs on this machine.
 *
 *	kernel		the capture kernel in memory once it runs (text to
 *			bss): the running kernel's image in /proc/iomem when
 *			the capture kernel is the running one, else init_size
 *			of its bzImage setup header (an upper bound: it holds
 *			room for decompressing in place)
 *	initramfs	3 times the image file: the compressed image
 *			itself, its unpacked files, and the page cache and
 *			rootfs overhead of unpacking (kdump-utils counts 3
 *			times too, rhkdump/kdump-utils#99)
 *	collector	kdump-collect's working set, 10 MiB, plus its two
 *			page bitmaps of max_pfn / 8 bytes each for this
 *			machine's memory (an upper bound: the writer works
 *			in windows)
 *	runtime		the capture kernel's own allocations: struct pages
 *			of its memory, per-cpu areas, page tables, slab,
 *			stacks: 20 MiB, measured on Debian's 6.1 kernel with
 *			tracefs left out (scripts/measure-capture.sh)
 *	drivers		the modules the capture image loads, at the size
 *			/proc/modules gives for those loaded here
 *
 * While it boots, the kernel needs init_size and the initramfs at once;
 * the total is never below that.  The recommendation is the total plus
 * 10%, rounded up to 8 MiB: on a 2 GiB guest the total is 80 MiB, the
 * smallest reservation that saved a dump in three runs out of three. */
#ifndef KD_ESTIMATE_H
#define KD_ESTIMATE_H

#include <stdint.h>
#include "error.h"

#define KD_EST_MIB			(1ULL << 20)
#define KD_EST_COLLECTOR_BASE		(10 * KD_EST_MIB)
#define KD_EST_RUNTIME			(20 * KD_EST_MIB)
#define KD_EST_BOOT_EXTRA		(2 * KD_EST_MIB)	/* elfcorehdr, purgatory, boot data */
#define KD_EST_INITRD_FACTOR		3
#define KD_EST_MARGIN_PERCENT		10
#define KD_EST_ALIGN			(8 * KD_EST_MIB)

struct kd_estimate_in {
	uint64_t kernel;	/* bytes in memory once running */
	uint64_t boot;		/* bytes while it boots (init_size), 0 unknown */
	uint64_t initrd;	/* bytes of the image file */
	uint64_t ram_top;	/* highest RAM address + 1 (max_pfn * 4096) */
	uint64_t modules;	/* bytes */
};

struct kd_estimate {
	uint64_t kernel, initramfs, collector, runtime, drivers;
	uint64_t boot;		/* init_size + the initramfs + boot data */
	uint64_t total;		/* the sum, or boot when larger */
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
