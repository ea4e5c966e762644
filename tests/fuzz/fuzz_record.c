/* fuzz_record.c - the vmcore.json reader (common/record.h) on arbitrary
 * bytes.  Besides not crashing: a record it accepts formats (within
 * KD_RECORD_JSON_MAX), the text reads back, and formats to the same text
 * again (the round trip a record makes from kdump-init to kdumpctl). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "record.h"

static char first[KD_RECORD_JSON_MAX], second[KD_RECORD_JSON_MAX];

static void fail(const char *what, const struct kd_error *e)
{
	fprintf(stderr, "%s%s%s\n--- formatted:\n%s\n--- again:\n%s\n", what,
		e ? ": " : "", e ? e->msg : "", first, second);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_record r, back;
	struct kd_error e;
	int len, len2;

	if (kd_record_parse(&r, (const char *)data, size, &e))
		return 0;
	first[0] = second[0] = '\0';
	len = kd_record_format(&r, first, sizeof first);
	if (len < 0)
		fail("an accepted record does not format", NULL);
	if (kd_record_parse(&back, first, (size_t)len, &e))
		fail("the formatted record does not read back", &e);
	len2 = kd_record_format(&back, second, sizeof second);
	if (len2 != len || memcmp(first, second, (size_t)len))
		fail("the record read back formats differently", NULL);
	return 0;
}
