/* dumplist.h - the dumps in a dump directory, as `kdumpctl list` shows
 * them: every directory directly in it (not a symbolic link) that holds a
 * record (vmcore.json) or a dump file (vmcore, vmcore-incomplete,
 * vmcore.flat), oldest first as retention.h orders them; a directory
 * whose name is not kdump-init's is placed by its modification time. */
#ifndef KD_DUMPLIST_H
#define KD_DUMPLIST_H

#include <stdint.h>
#include "error.h"
#include "retention.h"

struct kd_listed {
	struct kd_dump d;	/* name, date (UTC), suffix */
	int record;		/* vmcore.json is there, of whatever type */
	uint64_t file_size;	/* of the dump file, 0 when there is none */
};

/* The dumps in dir, in a new array (free() it); 0, or -1 with e set. */
int kd_dumplist_scan(const char *dir, struct kd_listed **out, int *n,
		     struct kd_error *e);

/* A warning about dir/name (/file when not NULL): why, every part of it
 * printable (the names and the reason come from the dump disk). */
void kd_dumplist_warn(const char *dir, const char *name, const char *file,
		      const char *why);

/* dumpline.c: the columns of kdumpctl list, and one dump's cells: its record read
 * (an unreadable or bad one is a warning naming the file, and the dump is
 * a "bad record"); every text printable (printable.h). */
enum { KD_LIST_COLS = 7, KD_LIST_CELL = 2100 };
extern const char *const kd_dumplist_header[KD_LIST_COLS];
void kd_dumplist_cells(const char *dir, const struct kd_listed *l,
		       char cells[KD_LIST_COLS][KD_LIST_CELL]);

#endif
