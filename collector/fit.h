/* fit.h - fit a dump to the room its target has (kdump-collect --fit-to),
 * which no other kdump does: a dump that fills the disk is cut short, one
 * that fits a little less is whole.
 *
 * When the dump at the configured level and codec would not fit in
 * `room` bytes, the level is raised a bit at a time, the pages least
 * useful for debugging left out first: 1 zero, 16 free, 2 cache, 4 cache
 * with private data, 8 user data.  At 31 (or at 1 when the struct pages
 * cannot be read: nothing else can be left out) it compresses harder:
 * none, LZO, zlib, zstd, zstd at KD_CODEC_ZSTD_HARD.  Every step is
 * measured (kdump-compressed: dump_size.h; ELF: the exact size, and its
 * pages are never compressed) until one fits.  When none does, the last
 * one is written all the same: a dump that runs out of room is kept,
 * marked incomplete. */
#ifndef KD_FIT_H
#define KD_FIT_H

#include <stdint.h>
#include "codec.h"
#include "collect.h"
#include "error.h"
#include "input.h"

/* What --fit-to auto keeps free: 1/64 of the free space and 1 MiB, for
 * the filesystem's own blocks (extent maps, indirect blocks) and what
 * others write meanwhile. */
#define KD_FIT_RESERVE(free) ((free) / 64 + (1 << 20))

struct kd_fit {
	int level;			/* the dump level to write */
	enum kd_codec_kind codec;
	int codec_level;		/* 0: the codec's default */
	uint64_t bytes;			/* the dump's size at that step */
	int exact;			/* bytes is exact, not estimated */
	int fits;			/* bytes <= room */
	int steps;			/* steps measured */
	char why[256];			/* what was changed and why ("dump
					 * level 1 -> 17: 850 MiB at level 1
					 * would not fit in 300 MiB"), ""
					 * when nothing was */
};

/* Choose the step for o (its level, codec, format, windows and
 * flattening) and `room` bytes; `free_space` says that room is the
 * target's free space, for the message.  The input is left at the
 * chosen level.  0, or -1 with the reason (the input's level is then
 * unknown: set it again). */
int kd_fit(struct kd_input *in, const struct kd_collect_opts *o,
	   uint64_t room, int free_space, struct kd_fit *f, struct kd_error *e);

/* The room for --fit-to auto: the free space of the filesystem of fd, a
 * regular file, less KD_FIT_RESERVE.  The blocks only root may use are
 * not counted (f_bavail): they keep a full root filesystem usable. */
int kd_fit_room(int fd, uint64_t *room, struct kd_error *e);

#endif
