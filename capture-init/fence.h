/* fence.h - fence_kdump notifications: while the dump runs, tell each
 * cluster node in fence_kdump_nodes (UDP, port 7410 by default) that this
 * node is dumping, so that its peers do not power-cycle it.  The message
 * is fence_kdump_send's: two 32-bit words in host byte order, the magic
 * 0x1B302A40 and the version 1.  fence_kdump_args takes fence_kdump_send's
 * options: -p PORT, -f auto|ipv4|ipv6, -c COUNT (0: until the dump ends),
 * -i INTERVAL seconds (default 10), -v. */
#ifndef KD_FENCE_H
#define KD_FENCE_H

#include <stdint.h>
#include <sys/types.h>
#include "error.h"
#include "kdump_conf.h"

#define KD_FENCE_MAGIC 0x1B302A40u
#define KD_FENCE_VERSION 1u
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

/* Start sending in a child process; its pid, 0 when there are no nodes,
 * -1 on error. */
pid_t kd_fence_start(const struct kdump_conf *conf, struct kd_error *e);

/* Stop the sender started by kd_fence_start. */
void kd_fence_stop(pid_t pid);

#endif
