/* sink.h - where a dump is written: a seekable file, or the flattened
 * stream (makedumpfile -F) on a pipe.
 *
 * Writers call kd_sink_write(offset, data): a file sink pwrite()s it; a
 * flat sink emits one record (big-endian offset and size, then the data)
 * after the 4096-byte "makedumpfile" header.  A write error is sticky: the
 * first one is kept, later writes fail at once, so a writer can finish its
 * bookkeeping and mark the dump incomplete.  What a file allows beyond
 * that (going back after an error, reserving room, syncing) is asked of
 * the sink too, so the writers never touch the descriptor.
 *
 * A stream is hashed (SHA-256) as it goes out, header and end marker
 * included: it cannot be read back to hash afterwards, and the receiving
 * end can check what it got.  libmd hashes about 200 MB/s a CPU: 0.2 s
 * for the usual compressed -d 31 stream of a 1 GiB machine.  A file is
 * hashed afterwards, as it lies on the disk (kd_sha256_file). */
#ifndef KD_SINK_H
#define KD_SINK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>
#include "error.h"
#include "sha256.h"

struct kd_sink {
	int fd;
	int flat;		/* 1: flattened stream (cannot go back) */
	int err;		/* first errno, 0 when none */
	uint64_t written;	/* payload bytes accepted */
	uint64_t end;		/* highest offset + size written */
	uint64_t partial;	/* bytes of the failed write that landed */
	struct kd_sha256 sha;	/* of a stream's bytes */
};

void kd_sink_file(struct kd_sink *s, int fd);
/* Writes the flattened header at once; -1 on error. */
int kd_sink_flat(struct kd_sink *s, int fd);

int kd_sink_write(struct kd_sink *s, uint64_t offset, const void *buf,
		  size_t len);

/* The same for data in pieces (at most KD_SINK_IOV), written as one:
 * one pwritev(), one flattened record. */
#define KD_SINK_IOV 1024
int kd_sink_writev(struct kd_sink *s, uint64_t offset, const struct iovec *iov,
		   int n);

/* The sticky error as "cannot write WHAT: reason"; returns -1. */
int kd_sink_fail(const struct kd_sink *s, struct kd_error *e, const char *what);

/* Write at offset even after a write failed, the first error kept: the
 * header that says a dump is incomplete, the descriptors of the pages
 * that landed.  File sinks only (ESPIPE on a stream). */
int kd_sink_patch(struct kd_sink *s, uint64_t offset, const void *buf,
		  size_t len, struct kd_error *e);

/* Allocate [offset, offset + len) on disk now (fallocate; where the
 * filesystem has none, zeros are written), so that writes there cannot
 * later fail for room.  A stream holds no room: nothing to do. */
int kd_sink_reserve(struct kd_sink *s, uint64_t offset, uint64_t len,
		    struct kd_error *e);

/* Make the file at least size bytes long, sparse: it needs no free
 * blocks, so it works on a full disk.  File sinks only (ESPIPE). */
int kd_sink_extend(struct kd_sink *s, uint64_t size, struct kd_error *e);

/* fsync a file (one that cannot be synced, EINVAL or EROFS, is not an
 * error); nothing for a stream. */
int kd_sink_sync(struct kd_sink *s, struct kd_error *e);

/* Flat: the end marker.  File: fsync, so that an error the disk reports
 * late is the dump's.  Returns -1 when any write failed. */
int kd_sink_finish(struct kd_sink *s, struct kd_error *e);

/* After kd_sink_finish(): the SHA-256 of the whole stream in out, or ""
 * for a file or a stream cut short. */
void kd_sink_sha256(struct kd_sink *s, char out[KD_SHA256_HEX]);

#endif
