/* retention.h - remove old dumps: KDUMP_KEEP_DUMPS and KDUMP_KEEP_SIZE.
 *
 * Only directories directly in the dump directory whose name is the one
 * kdump-init gives a dump, <ip>-YYYY-MM-DD-HH:MM:SS or the same with -N
 * (N from 2), are ever considered; they are ordered by the date in the
 * name (then N).  Everything else there is left alone and not counted. */
#ifndef KD_RETENTION_H
#define KD_RETENTION_H

#include <stdint.h>
#include "error.h"

struct kd_dump {
	char name[256];
	char stamp[20];		/* YYYY-MM-DD-HH:MM:SS */
	int seq;		/* the -N suffix; 1 without one */
	uint64_t bytes;		/* allocated, as du counts */
	int remove;		/* chosen by kd_retention_select */
};

/* 1 when name is a dump directory's name, with the date and suffix in d. */
int kd_dump_name(const char *name, struct kd_dump *d);

/* Oldest first: the date, then the suffix, then the name (a qsort
 * comparator of struct kd_dump). */
int kd_dump_older(const void *a, const void *b);

/* Sort d oldest first and mark (d[i].remove) the dumps to remove: all but
 * the `keep` newest (0: no limit), then the oldest of the rest until their
 * total size is at most `budget` bytes (0: no limit).  The newest dump is
 * never marked.  Returns how many were marked. */
int kd_retention_select(struct kd_dump *d, int n, unsigned long keep,
			uint64_t budget);

/* The dumps in dir, sizes measured, in a new array (free() it). */
int kd_retention_scan(const char *dir, struct kd_dump **out, int *n,
		      struct kd_error *e);

/* Scan dir, select, remove the selected dumps and print
 * "removed old dump DIR (N MiB)" for each.  A dump that cannot be removed
 * is a warning and does not stop the others; -1 then, e says how many. */
int kd_retention_enforce(const char *dir, unsigned long keep, uint64_t budget,
			 struct kd_error *e);

#endif
