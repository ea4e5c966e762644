/* raw.h - a dump the capture kernel wrote onto a raw device (flattened)
 * is restored by `kdumpctl start` on the next boot into
 * <path>/<YYYY-MM-DD-HH:MM>/vmcore on the running system, and the
 * device's header is cleared so it is not restored twice. */
#ifndef KD_RAW_H
#define KD_RAW_H

#include "error.h"

/* 1 when a dump was restored (its directory in dir), 0 when the device
 * holds none, -1 on error. */
int kd_raw_restore(const char *device, const char *path, char *dir,
		   size_t size, struct kd_error *e);

#endif
