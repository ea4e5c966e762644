/* sink.c - write a dump to a file (pwrite) or as a flattened stream. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "byteorder.h"
#include "fdio.h"
#include "sink.h"

#define FLAT_HEADER_SIZE 4096
#define ZERO_CHUNK (64 << 10)

/* A stream's bytes: only a flat sink writes without an offset. */
static int write_all(struct kd_sink *s, const void *buf, size_t len)
{
	if (kd_write_full(s->fd, buf, len) == 0) {
		kd_sha256_update(&s->sha, buf, len);
		return 0;
	}
	s->err = errno;
	return -1;
}

static void account(struct kd_sink *s, uint64_t offset, size_t len)
{
	s->written += len;
	if (offset + len > s->end)
		s->end = offset + len;
}

/* Operations that need a seekable file refuse a stream. */
static int need_file(const struct kd_sink *s, struct kd_error *e)
{
	if (!s->flat)
		return 0;
	return kd_fail(e, ESPIPE, "a flattened stream cannot go back");
}

void kd_sink_file(struct kd_sink *s, int fd)
{
	memset(s, 0, sizeof *s);
	s->fd = fd;
}

int kd_sink_flat(struct kd_sink *s, int fd)
{
	uint8_t hdr[FLAT_HEADER_SIZE] = "makedumpfile";

	memset(s, 0, sizeof *s);
	s->fd = fd;
	s->flat = 1;
	kd_sha256_init(&s->sha);
	kd_put_be64(hdr + 16, 1);		/* type: flat header */
	kd_put_be64(hdr + 24, 1);		/* version */
	return write_all(s, hdr, sizeof hdr);
}

/* A flattened record: its header, then the pieces, hashed as they go. */
static int write_record(struct kd_sink *s, uint64_t offset,
			const struct iovec *iov, int n, size_t len)
{
	struct iovec v[KD_SINK_IOV + 1];
	uint8_t rec[16];
	int i;

	kd_put_be64(rec, offset);
	kd_put_be64(rec + 8, len);
	v[0].iov_base = rec;
	v[0].iov_len = sizeof rec;
	memcpy(v + 1, iov, (size_t)n * sizeof *iov);
	if (kd_writev_full(s->fd, v, n + 1)) {
		s->err = errno;
		return -1;
	}
	kd_sha256_update(&s->sha, rec, sizeof rec);
	for (i = 0; i < n; i++)
		kd_sha256_update(&s->sha, iov[i].iov_base, iov[i].iov_len);
	return 0;
}

static int write_at(struct kd_sink *s, uint64_t offset, const struct iovec *iov,
		    int n)
{
	struct iovec v[KD_SINK_IOV];
	size_t done;

	memcpy(v, iov, (size_t)n * sizeof *iov);
	if (kd_pwritev_full(s->fd, v, n, offset, &done) == 0)
		return 0;
	s->partial = done;
	s->err = errno;
	return -1;
}

int kd_sink_writev(struct kd_sink *s, uint64_t offset, const struct iovec *iov,
		   int n)
{
	size_t len = 0;
	int i;

	if (s->err)
		return -1;
	if (n < 0 || n > KD_SINK_IOV) {
		s->err = EINVAL;
		return -1;
	}
	for (i = 0; i < n; i++)
		len += iov[i].iov_len;
	if (!len)
		return 0;
	if (s->flat ? write_record(s, offset, iov, n, len) :
	    write_at(s, offset, iov, n))
		return -1;
	account(s, offset, len);
	return 0;
}

int kd_sink_write(struct kd_sink *s, uint64_t offset, const void *buf,
		  size_t len)
{
	struct iovec v = { (void *)buf, len };

	return kd_sink_writev(s, offset, &v, 1);
}

int kd_sink_fail(const struct kd_sink *s, struct kd_error *e, const char *what)
{
	return kd_fail(e, s->err, "cannot write %s: %s", what, strerror(s->err));
}

int kd_sink_patch(struct kd_sink *s, uint64_t offset, const void *buf,
		  size_t len, struct kd_error *e)
{
	if (need_file(s, e))
		return -1;
	if (kd_pwrite_full(s->fd, buf, len, offset, NULL))
		return kd_fail(e, errno, "%s", strerror(errno));
	account(s, offset, len);
	return 0;
}

/* Without fallocate: zeros, written as any data is. */
static int reserve_with_zeros(struct kd_sink *s, uint64_t off, uint64_t end,
			      struct kd_error *e)
{
	uint8_t *zeros = calloc(1, ZERO_CHUNK);

	if (!zeros)
		return kd_fail(e, ENOMEM, "out of memory");
	for (; off < end; off += ZERO_CHUNK)
		if (kd_sink_write(s, off, zeros, (size_t)(end - off < ZERO_CHUNK ?
							  end - off : ZERO_CHUNK)))
			break;
	free(zeros);
	return s->err ? kd_sink_fail(s, e, "the dump") : 0;
}

int kd_sink_reserve(struct kd_sink *s, uint64_t offset, uint64_t len,
		    struct kd_error *e)
{
	if (s->flat || !len)
		return 0;
	if (fallocate(s->fd, 0, (off_t)offset, (off_t)len) == 0)
		return 0;
	if (errno != EOPNOTSUPP && errno != ENOSYS && errno != EINVAL)
		return kd_fail(e, errno, "cannot reserve room for the dump: %s",
			       strerror(errno));
	return reserve_with_zeros(s, offset, offset + len, e);
}

int kd_sink_extend(struct kd_sink *s, uint64_t size, struct kd_error *e)
{
	struct stat st;

	if (need_file(s, e))
		return -1;
	if (fstat(s->fd, &st))
		return kd_fail(e, errno, "fstat: %s", strerror(errno));
	if ((uint64_t)st.st_size >= size)
		return 0;
	if (ftruncate(s->fd, (off_t)size))
		return kd_fail(e, errno, "%s", strerror(errno));
	return 0;
}

int kd_sink_sync(struct kd_sink *s, struct kd_error *e)
{
	if (s->flat || fsync(s->fd) == 0 || errno == EINVAL || errno == EROFS)
		return 0;
	return kd_fail(e, errno, "fsync: %s", strerror(errno));
}

int kd_sink_finish(struct kd_sink *s, struct kd_error *e)
{
	struct kd_error se;
	uint8_t end[16];

	if (!s->err && s->flat) {
		memset(end, 0xff, sizeof end);
		write_all(s, end, sizeof end);	/* a failure is in s->err */
	}
	if (!s->err && kd_sink_sync(s, &se))
		s->err = se.code;
	if (s->err) {
		if (e)
			kd_sink_fail(s, e, "the dump");
		return -1;
	}
	return 0;
}

void kd_sink_sha256(struct kd_sink *s, char out[KD_SHA256_HEX])
{
	out[0] = '\0';
	if (s->flat && !s->err)
		kd_sha256_hex(&s->sha, out);
}
