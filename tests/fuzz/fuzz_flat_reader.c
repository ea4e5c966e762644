/* fuzz_flat_reader.c - rearranging an untrusted flattened stream. */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include "flat_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_error e;
	int in = memfd_create("in", 0), out = memfd_create("out", 0);

	if (in >= 0 && out >= 0 && write(in, data, size) == (ssize_t)size &&
	    lseek(in, 0, SEEK_SET) == 0)
		kd_flat_rearrange(in, out, &e);
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return 0;
}
