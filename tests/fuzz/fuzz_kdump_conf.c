/* fuzz_kdump_conf.c - kdump.conf parser on arbitrary bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "kdump_conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kdump_conf conf;
	struct kd_diag diag;
	FILE *out = fopen("/dev/null", "w");

	kd_diag_init(&diag, "fuzz");
	diag.quiet = 1;
	kdump_conf_parse(&conf, (const char *)data, size, &diag);
	kdump_conf_collector(&conf);
	if (out) {
		kdump_conf_print(&conf, out);
		fclose(out);
	}
	kdump_conf_free(&conf);
	return 0;
}
