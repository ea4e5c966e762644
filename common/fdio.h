/* fdio.h - whole reads and writes on file descriptors: retried on EINTR
 * and short transfers, so a caller sees all or an error. */
#ifndef KD_FDIO_H
#define KD_FDIO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/uio.h>

/* 0 when len bytes were read at off; -1 otherwise (errno set; EIO at EOF). */
int kd_pread_full(int fd, void *buf, size_t len, uint64_t off);

/* 1 when len bytes were read, 0 at end of file before the first byte,
 * -1 on an error or end of file in the middle. */
int kd_read_full(int fd, void *buf, size_t len);

/* 0 when len bytes were written at off; -1 otherwise (errno set), with
 * *done (may be NULL) the bytes that were. */
int kd_pwrite_full(int fd, const void *buf, size_t len, uint64_t off,
		   size_t *done);

/* The same for write(2). */
int kd_write_full(int fd, const void *buf, size_t len);

/* The same for the n pieces at iov, in one pwritev(2) or writev(2) where
 * the kernel takes them whole; iov is changed (what went out is dropped
 * from its front). */
int kd_pwritev_full(int fd, struct iovec *iov, int n, uint64_t off,
		    size_t *done);
int kd_writev_full(int fd, struct iovec *iov, int n);

#endif
