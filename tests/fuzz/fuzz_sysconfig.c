/* fuzz_sysconfig.c - /etc/sysconfig/kdump parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "sysconfig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kdump_sysconfig sc;
	struct kd_diag diag;
	FILE *out = fopen("/dev/null", "w");

	kd_diag_init(&diag, "fuzz");
	diag.quiet = 1;
	kdump_sysconfig_parse(&sc, (const char *)data, size, &diag);
	if (out) {
		kdump_sysconfig_print(&sc, out);
		fclose(out);
	}
	kdump_sysconfig_free(&sc);
	return 0;
}
