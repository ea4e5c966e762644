/* flat_reader.c - makedumpfile -R. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "byteorder.h"
#include "fdio.h"
#include "flat_reader.h"

#define HEADER_SIZE 4096
#define CHUNK (1 << 20)

static int copy_record(int in, int out, uint64_t off, uint64_t size,
		       uint8_t *buf, struct kd_error *e)
{
	while (size) {
		size_t n = size < CHUNK ? (size_t)size : CHUNK;

		if (kd_read_full(in, buf, n) != 1)
			return kd_fail(e, EPIPE, "the flattened stream ended in "
				       "the middle of a record: the dump is "
				       "incomplete");
		if (kd_pwrite_full(out, buf, n, off, NULL))
			return kd_fail(e, errno, "cannot write the dump: %s",
				       strerror(errno));
		off += n;
		size -= n;
	}
	return 0;
}

static int records(int in, int out, uint8_t *buf, struct kd_error *e)
{
	uint8_t rec[16];

	for (;;) {
		uint64_t off, size;
		int r = kd_read_full(in, rec, sizeof rec);

		if (r != 1)
			return kd_fail(e, EPIPE, "the flattened stream ended "
				       "without its end marker: the dump is "
				       "incomplete");
		off = kd_get_be64(rec);
		size = kd_get_be64(rec + 8);
		if (off == UINT64_MAX && size == UINT64_MAX)
			return 0;
		if (off >> 62 || size >> 40)
			return kd_fail(e, EINVAL, "corrupt record in the "
				       "flattened stream (offset %llu, size %llu)",
				       (unsigned long long)off,
				       (unsigned long long)size);
		if (copy_record(in, out, off, size, buf, e))
			return -1;
	}
}

int kd_flat_rearrange(int in_fd, int out_fd, struct kd_error *e)
{
	uint8_t *buf = malloc(CHUNK);
	int ret;

	if (!buf)
		return kd_fail(e, ENOMEM, "out of memory");
	if (kd_read_full(in_fd, buf, HEADER_SIZE) != 1 ||
	    memcmp(buf, "makedumpfile\0", 13) || kd_get_be64(buf + 16) != 1) {
		free(buf);
		return kd_fail(e, EINVAL, "not a flattened dump (no makedumpfile "
			       "header)");
	}
	ret = records(in_fd, out_fd, buf, e);
	if (!ret && fsync(out_fd) && errno != EINVAL)
		ret = kd_fail(e, errno, "fsync: %s", strerror(errno));
	free(buf);
	return ret;
}
