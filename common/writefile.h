/* writefile.h - write a whole file so that it is either the old one or
 * the new one, never a part: a temporary file in the same directory,
 * synced, renamed over the path. */
#ifndef KD_WRITEFILE_H
#define KD_WRITEFILE_H

#include <stddef.h>
#include <sys/types.h>
#include "error.h"

/* Replace (or create) path with the len bytes of buf, with exactly `mode`
 * (the umask does not apply).  Returns 0, or -1 with e set (the errno of
 * the step that failed) and no temporary file left behind. */
int kd_write_file(const char *path, const void *buf, size_t len, mode_t mode,
		  struct kd_error *e);

/* The same for a NUL-terminated text. */
int kd_write_text(const char *path, const char *text, mode_t mode,
		  struct kd_error *e);

/* Write text into an existing kernel file (sysfs, procfs) in one write:
 * no temporary file, no creation.  0, or -1 with e naming the path. */
int kd_write_kernel_file(const char *path, const char *text,
			 struct kd_error *e);

#endif
