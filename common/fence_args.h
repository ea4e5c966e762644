/* fence_args.h - fence_kdump_args: fence_kdump_send's options, -p PORT,
 * -f auto|ipv4|ipv6, -c COUNT (0: until the dump ends), -i INTERVAL
 * seconds (default 10), -v.  kdumpctl checks them when it builds the
 * image; kdump-init uses them to send. */
#ifndef KD_FENCE_ARGS_H
#define KD_FENCE_ARGS_H

#include "error.h"

#define KD_FENCE_PORT 7410

struct kd_fence_args {
	int port;
	int family;		/* AF_UNSPEC, AF_INET or AF_INET6 */
	int count;		/* 0: until stopped */
	int interval;		/* seconds */
	int verbose;
};

/* Parse fence_kdump_args (NULL: the defaults). */
int kd_fence_parse_args(const char *args, struct kd_fence_args *out,
			struct kd_error *e);

#endif
