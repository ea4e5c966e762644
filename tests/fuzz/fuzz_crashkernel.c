/* fuzz_crashkernel.c - the crashkernel= parser on arbitrary strings.
 *
 * Besides not crashing: an accepted value has ordered, non-empty ranges,
 * and each range's own start selects that range. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "crashkernel.h"
#include "number.h"

static void check(int ok, const char *value, const char *what)
{
	if (!ok) {
		fprintf(stderr, "crashkernel=%s: %s\n", value, what);
		abort();
	}
}

static void check_ranges(const struct kd_crashkernel *ck, const char *value)
{
	int i;

	check(ck->nranges >= 0 && ck->nranges <= KD_CK_MAX_RANGES, value,
	      "range count");
	if (!ck->nranges) {
		check(kd_crashkernel_size(ck, 0) == ck->size, value, "plain size");
		return;
	}
	check(ck->kind == KD_CK_PLAIN, value, ",high with ranges");
	for (i = 0; i < ck->nranges; i++) {
		const struct kd_ck_range *r = &ck->ranges[i];

		check(r->start < r->end, value, "empty range");
		check(!i || r->start >= ck->ranges[i - 1].end, value, "overlap");
		check(kd_crashkernel_size(ck, r->start) == r->size, value,
		      "start of a range does not select it");
		check(kd_crashkernel_size(ck, r->end - 1) == r->size, value,
		      "end of a range does not select it");
	}
	if (ck->ranges[0].start)
		check(kd_crashkernel_size(ck, ck->ranges[0].start - 1) == 0,
		      value, "below the first range");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_crashkernel ck;
	char value[512], err[128];
	const char *end;
	uint64_t n;

	if (size >= sizeof value)
		return 0;
	memcpy(value, data, size);
	value[size] = '\0';
	err[0] = '\0';
	if (kd_crashkernel_parse(value, &ck, err, sizeof err) == 0) {
		check_ranges(&ck, value);
	} else {
		check(err[0] && strlen(err) < sizeof err, value, "no reason");
	}
	if (kd_parse_size(value, &n, &end) == 0)
		check(end > value && end <= value + strlen(value), value, "end");
	return 0;
}
