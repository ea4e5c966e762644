/* dumppath.h - where kdump.conf's `path` is on the running system, for
 * work done on the dumps from here (KDUMP_KEEP_DUMPS, KDUMP_KEEP_SIZE).
 *
 * No target: `path` itself (the capture kernel writes to the filesystem
 * that holds it).  A filesystem target: the mount point of that device
 * (a path, LABEL=, UUID= or PARTUUID= through /dev/disk/by-*, or the
 * virtiofs tag) in /proc/self/mountinfo, mounted at its root, joined with
 * `path`.  raw, nfs and ssh targets, and a device that is not mounted
 * here, are not reachable.  Every file is read below `root` ("" on a live
 * system); the directory returned is not. */
#ifndef KD_DUMPPATH_H
#define KD_DUMPPATH_H

#include <stddef.h>
#include "error.h"
#include "kdump_conf.h"

/* 0 with the directory in out; 1 when it is not reachable from here, with
 * a one-line note in e; -1 on an error. */
int kd_dump_path(const struct kdump_conf *conf, const char *root, char *out,
		 size_t size, struct kd_error *e);

#endif
