/* fuzz_mem.h - a fuzz input as a device: the kd_read_fn of the probes
 * (storage/probe.h) over a buffer, failing past its end as a short read
 * of a real device does. */
#ifndef KD_FUZZ_MEM_H
#define KD_FUZZ_MEM_H

#include <stdint.h>
#include <string.h>

struct fuzz_mem {
	const uint8_t *data;
	size_t size;
};

static int fuzz_mem_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	const struct fuzz_mem *m = ctx;

	if (off > m->size || len > m->size - off)
		return -1;
	memcpy(buf, m->data + off, len);
	return 0;
}

#endif
