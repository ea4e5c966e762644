/* fuzz_probe.c - superblocks and partition tables of an untrusted disk. */
#include <stdint.h>
#include <string.h>
#include "fuzz_mem.h"
#include "probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_mem m = { data, size };
	struct kd_fsinfo fs;
	char out[64];
	unsigned part;

	kd_probe_fs(fuzz_mem_read, &m, &fs);
	for (part = 1; part <= 4; part++) {
		kd_probe_partuuid(fuzz_mem_read, &m, part, out, sizeof out);
		kd_probe_partlabel(fuzz_mem_read, &m, part, out, sizeof out);
	}
	return 0;
}
