/* fuzz_netconf.c - the network words of a command line (ip=, ifname=,
 * bond=, vlan=, bridge=, nameserver=, kdump.*) on arbitrary text.  Besides not crashing: what is
 * accepted formats, and the format parses back to the same words. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "netconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_netconf nc, again;
	struct kd_error e;
	char *text = malloc(size + 1), out[2048], out2[2048];

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&nc, 0, sizeof nc);
	if (kd_netconf_parse(&nc, text, &e) == 0 &&
	    kd_netconf_check(&nc, &e) == 0 &&
	    kd_netconf_format(&nc, out, sizeof out) == 0) {
		memset(&again, 0, sizeof again);
		if (kd_netconf_parse(&again, out, &e) ||
		    kd_netconf_check(&again, &e) ||
		    kd_netconf_format(&again, out2, sizeof out2) ||
		    strcmp(out, out2)) {
			fprintf(stderr, "round trip: \"%s\" -> \"%s\"\n", out, out2);
			abort();
		}
	}
	free(text);
	return 0;
}
