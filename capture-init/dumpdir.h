/* dumpdir.h - the directory one dump goes into:
 * <mnt>/<path>/<host>-<YYYY-MM-DD-HH:MM:SS>/, mode 0700, created new for
 * every crash (a "-2", "-3", ... suffix if the name is taken). */
#ifndef KD_DUMPDIR_H
#define KD_DUMPDIR_H

#include <stddef.h>
#include <time.h>
#include "error.h"

/* Create every missing directory of `path` (mode 0700). */
int kd_mkdirs(const char *path, struct kd_error *e);

int kd_dumpdir_create(const char *mnt, const char *path, const char *host,
		      time_t when, char *out, size_t size, struct kd_error *e);

#endif
