/* fuzz_dmesg.c - the log walkers on arbitrary ring contents. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dmesg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct kd_prb_layout pl = { 24, 88, 0, 8, 16, 8, 16 };
	static const struct kd_logbuf_layout ll = { 16, 0, 8, 10 };
	struct kd_text *t;
	uint64_t tail, head;

	if (size < 16 + 8 * (24 + 88) + 64)
		return 0;
	t = calloc(1, sizeof *t);
	if (!t)
		return 0;
	t->fd = -1;		/* output is discarded */
	memcpy(&tail, data, 8);
	memcpy(&head, data + 8, 8);
	data += 16;
	size -= 16;
	kd_dmesg_lockless(t, &pl, data, data + 8 * 24, 8, data + 8 * (24 + 88),
			  size - 8 * (24 + 88), tail, head);
	t->err = 0;
	t->len = 0;
	kd_dmesg_logbuf(t, &ll, data, size, tail % (size + 1), head % (size + 1));
	free(t);
	return 0;
}
