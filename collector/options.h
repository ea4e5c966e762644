/* options.h - makedumpfile-style options, as core_collector lines and the
 * kdump-collect command give them.
 *
 *	-c -l -z    compress pages with zlib, LZO, zstd     -E  ELF output
 *	-F          flattened output to stdout              -R  rearrange
 *	-d N        dump level 0..31                        -f  overwrite
 *	--message-level N       --dump-dmesg        --num-threads N
 *	--cyclic-buffer KiB     bitmap memory per window (0: 4 MiB)
 *	--verify    compare a dump with its vmcore
 *	--fit-to BYTES|auto     make the dump fit its target (fit.h)
 *
 * -p (snappy) and every other option are refused with a clear reason, so
 * a kdump.conf line that would not do what it says is caught when the
 * image is built, not at crash time. */
#ifndef KD_OPTIONS_H
#define KD_OPTIONS_H

#include <stddef.h>
#include "collect.h"
#include "error.h"

/* --cyclic-buffer's largest value, KiB: 1 GiB of bitmap, 32 TiB of memory
 * per window. */
#define KD_MAX_CYCLIC_BUFFER (1 << 20)

struct kd_options {
	struct kd_collect_opts collect;
	int rearrange;		/* -R */
	int dump_dmesg;		/* --dump-dmesg */
	int verify;		/* --verify VMCORE DUMPFILE */
	int level_given;	/* -d was on the line */
	int force;		/* -f */
	const char *args[2];	/* the non-option arguments */
	int nargs;
};

/* Parse argv[0..argc) (argv[0] is an option or argument, not the program
 * name).  Returns 0, or -1 with a one-line reason. */
int kd_options_parse(struct kd_options *o, int argc, char *const argv[],
		     struct kd_error *e);

/* A whole core_collector line of the built-in collector ("makedumpfile
 * -l -d 31"): split into `words` (size bytes: the args point there) as
 * kdump-init splits it, the program's name skipped, then parsed. */
int kd_options_parse_line(struct kd_options *o, const char *line, char *words,
			  size_t size, struct kd_error *e);

#endif
