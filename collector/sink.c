/* sink.c - write a dump to a file (pwrite) or as a flattened stream. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "byteorder.h"
#include "fdio.h"
#include "sink.h"

#define FLAT_HEADER_SIZE 4096

static int write_all(struct kd_sink *s, const void *buf, size_t len)
{
	if (kd_write_full(s->fd, buf, len) == 0)
		return 0;
	s->err = errno;
	return -1;
}

static int pwrite_all(struct kd_sink *s, uint64_t off, const void *buf,
		      size_t len)
{
	size_t done;

	if (kd_pwrite_full(s->fd, buf, len, off, &done) == 0)
		return 0;
	s->partial = done;
	s->err = errno;
	return -1;
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
	kd_put_be64(hdr + 16, 1);		/* type: flat header */
	kd_put_be64(hdr + 24, 1);		/* version */
	return write_all(s, hdr, sizeof hdr);
}

int kd_sink_write(struct kd_sink *s, uint64_t offset, const void *buf,
		  size_t len)
{
	uint8_t rec[16];

	if (s->err)
		return -1;
	if (!len)
		return 0;
	if (s->flat) {
		kd_put_be64(rec, offset);
		kd_put_be64(rec + 8, len);
		if (write_all(s, rec, sizeof rec) || write_all(s, buf, len))
			return -1;
	} else if (pwrite_all(s, offset, buf, len)) {
		return -1;
	}
	s->written += len;
	if (offset + len > s->end)
		s->end = offset + len;
	return 0;
}

int kd_sink_finish(struct kd_sink *s, struct kd_error *e)
{
	uint8_t end[16];

	if (!s->err && s->flat) {
		memset(end, 0xff, sizeof end);
		write_all(s, end, sizeof end);
	}
	if (!s->err && !s->flat && fsync(s->fd) && errno != EINVAL &&
	    errno != EROFS)
		s->err = errno;
	if (s->err) {
		if (e)
			kd_fail(e, s->err, "cannot write the dump: %s",
				strerror(s->err));
		return -1;
	}
	return 0;
}
