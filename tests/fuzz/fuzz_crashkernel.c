/* fuzz_crashkernel.c - crashkernel= parser on arbitrary strings. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "crashkernel.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_crashkernel ck;
	char value[256], err[128];

	if (size >= sizeof value)
		return 0;
	memcpy(value, data, size);
	value[size] = '\0';
	if (kd_crashkernel_parse(value, &ck, err, sizeof err) == 0) {
		kd_crashkernel_size(&ck, 0);
		kd_crashkernel_size(&ck, UINT64_MAX);
		kd_crashkernel_size(&ck, 1ULL << 31);
	}
	return 0;
}
