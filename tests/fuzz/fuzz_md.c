/* fuzz_md.c - MD superblocks (0.90 and 1.x) of an untrusted member, and
 * the start-or-wait decision on what they say. */
#include <stdint.h>
#include <string.h>
#include "fuzz_mem.h"
#include "md.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_mem m = { data, size };
	struct kd_md_candidate c[2];
	struct kd_error e;

	memset(c, 0, sizeof c);
	if (kd_md_read_super(fuzz_mem_read, &m, size, &c[0].m))
		return 0;
	/* the device seen twice, once as a partition: both paths of the
	 * slot choice */
	c[1] = c[0];
	c[1].partition = 1;
	kd_md_choose(c, 1, 0, &e);
	kd_md_choose(c, 2, 1, &e);
	return 0;
}
