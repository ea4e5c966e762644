/* readfile.h - read a whole small file (sysfs, procfs, config) into memory;
 * look into a small directory. */
#ifndef KD_READFILE_H
#define KD_READFILE_H

#include <stddef.h>

/* Read at most max bytes of `path` into a new NUL-terminated buffer.
 * Returns the buffer (free() it) and its length in *len, or NULL with errno
 * set; EFBIG when the file is larger than max. */
char *kd_read_file(const char *path, size_t max, size_t *len);

/* Read the first line of a small file into buf without the newline.
 * Returns 0, or -1 with errno set. */
int kd_read_line(const char *path, char *buf, size_t size);

/* A configuration file: only a regular file (or /dev/null) is read (a
 * FIFO would block, a device might never end).  NULL with errno set and the reason in *why
 * ("not a regular file", "file too large", strerror). */
char *kd_read_config(const char *path, size_t max, size_t *len,
		     const char **why);

/* 1 when directory dir exists and has an entry not starting with "." */
int kd_dir_has_entries(const char *dir);

#endif
