/* fence.h - fence_kdump notifications: while the dump runs, tell each
 * cluster node in fence_kdump_nodes (UDP, port 7410 by default) that this
 * node is dumping, so that its peers do not power-cycle it.  The message
 * is fence_kdump_send's: two 32-bit words in host byte order, the magic
 * 0x1B302A40 and the version 1; fence_args.h reads fence_kdump_args. */
#ifndef KD_FENCE_H
#define KD_FENCE_H

#include <stdint.h>
#include <sys/types.h>
#include "error.h"
#include "fence_args.h"
#include "kdump_conf.h"

#define KD_FENCE_MAGIC 0x1B302A40u
#define KD_FENCE_VERSION 1u

/* Start sending in a child process; its pid, 0 when there are no nodes,
 * -1 on error. */
pid_t kd_fence_start(const struct kdump_conf *conf, struct kd_error *e);

/* Stop the sender started by kd_fence_start. */
void kd_fence_stop(pid_t pid);

#endif
