/* sink.h - where a dump is written: a seekable file, or the flattened
 * stream (makedumpfile -F) on a pipe.
 *
 * Writers only call kd_sink_write(offset, data): a file sink pwrite()s it;
 * a flat sink emits one record (big-endian offset and size, then the data)
 * after the 4096-byte "makedumpfile" header.  A write error is sticky: the
 * first one is kept, later writes fail at once, so a writer can finish its
 * bookkeeping and mark the dump incomplete. */
#ifndef KD_SINK_H
#define KD_SINK_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"

struct kd_sink {
	int fd;
	int flat;		/* 1: flattened stream */
	int err;		/* first errno, 0 when none */
	uint64_t written;	/* payload bytes accepted */
	uint64_t end;		/* highest offset + size written */
	uint64_t partial;	/* bytes of the failed write that landed */
};

void kd_sink_file(struct kd_sink *s, int fd);
/* Writes the flattened header at once; -1 on error. */
int kd_sink_flat(struct kd_sink *s, int fd);

int kd_sink_write(struct kd_sink *s, uint64_t offset, const void *buf,
		  size_t len);
/* Flat: the end marker.  File: fsync.  Returns -1 when any write failed. */
int kd_sink_finish(struct kd_sink *s, struct kd_error *e);

#endif
