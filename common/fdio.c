/* fdio.c - whole reads and writes: one loop for the four calls, one for
 * the two vector writes. */
#include <errno.h>
#include <unistd.h>
#include "fdio.h"

typedef ssize_t io_fn(int fd, char *buf, size_t len, off_t off);

static ssize_t io_pread(int fd, char *buf, size_t len, off_t off)
{
	return pread(fd, buf, len, off);
}

static ssize_t io_read(int fd, char *buf, size_t len, off_t off)
{
	(void)off;
	return read(fd, buf, len);
}

static ssize_t io_pwrite(int fd, char *buf, size_t len, off_t off)
{
	return pwrite(fd, buf, len, off);
}

static ssize_t io_write(int fd, char *buf, size_t len, off_t off)
{
	(void)off;
	return write(fd, buf, len);
}

/* len bytes through io at off + done; *done how many went.  0; 1 when io
 * returned 0 (end of file, or a device that takes no more); -1 with errno
 * on an error. */
static int full(io_fn *io, int fd, char *buf, size_t len, uint64_t off,
		size_t *done)
{
	*done = 0;
	while (*done < len) {
		ssize_t n = io(fd, buf + *done, len - *done, (off_t)(off + *done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			return 1;
		*done += (size_t)n;
	}
	return 0;
}

/* A short transfer is an error: errno `end` (EIO, ENOSPC) when io said 0. */
static int all_or_error(int ret, int end)
{
	if (ret == 1)
		errno = end;
	return ret ? -1 : 0;
}

int kd_pread_full(int fd, void *buf, size_t len, uint64_t off)
{
	size_t done;

	return all_or_error(full(io_pread, fd, buf, len, off, &done), EIO);
}

int kd_read_full(int fd, void *buf, size_t len)
{
	size_t done;
	int ret = full(io_read, fd, buf, len, 0, &done);

	if (ret == 1)
		return done ? -1 : 0;
	return ret ? -1 : 1;
}

int kd_pwrite_full(int fd, const void *buf, size_t len, uint64_t off,
		   size_t *done_out)
{
	size_t done;
	int ret = full(io_pwrite, fd, (char *)buf, len, off, &done);

	if (done_out)
		*done_out = done;
	return all_or_error(ret, ENOSPC);
}

int kd_write_full(int fd, const void *buf, size_t len)
{
	size_t done;

	return all_or_error(full(io_write, fd, (char *)buf, len, 0, &done), EIO);
}

/* Drop the first `done` bytes of v[0..*n). */
static struct iovec *advance(struct iovec *v, int *n, size_t done)
{
	while (*n && done >= v->iov_len) {
		done -= v->iov_len;
		v++;
		(*n)--;
	}
	if (*n) {
		v->iov_base = (char *)v->iov_base + done;
		v->iov_len -= done;
	}
	return v;
}

/* full() for pieces: pwritev() at off, or writev() when `at` is 0. */
static int fullv(int fd, struct iovec *v, int n, int at, uint64_t off,
		 size_t *done)
{
	*done = 0;
	while (n) {
		ssize_t r = at ? pwritev(fd, v, n, (off_t)(off + *done)) :
				 writev(fd, v, n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return 1;
		*done += (size_t)r;
		v = advance(v, &n, (size_t)r);
	}
	return 0;
}

int kd_pwritev_full(int fd, struct iovec *iov, int n, uint64_t off,
		    size_t *done_out)
{
	size_t done;
	int ret = fullv(fd, iov, n, 1, off, &done);

	if (done_out)
		*done_out = done;
	return all_or_error(ret, ENOSPC);
}

int kd_writev_full(int fd, struct iovec *iov, int n)
{
	size_t done;

	return all_or_error(fullv(fd, iov, n, 0, 0, &done), EIO);
}
