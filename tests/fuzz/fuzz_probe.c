/* fuzz_probe.c - superblocks and partition tables of an untrusted disk. */
#include <stdint.h>
#include <string.h>
#include "probe.h"

struct mem {
	const uint8_t *data;
	size_t size;
};

static int read_mem(void *ctx, uint64_t off, void *buf, size_t len)
{
	const struct mem *m = ctx;

	if (off > m->size || len > m->size - off)
		return -1;
	memcpy(buf, m->data + off, len);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mem m = { data, size };
	struct kd_fsinfo fs;
	char out[64];
	unsigned part;

	kd_probe_fs(read_mem, &m, &fs);
	for (part = 1; part <= 4; part++) {
		kd_probe_partuuid(read_mem, &m, part, out, sizeof out);
		kd_probe_partlabel(read_mem, &m, part, out, sizeof out);
	}
	return 0;
}
