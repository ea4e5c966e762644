/* fence.c - the fence_kdump sender (see fence.h). */
#include <errno.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include "command.h"
#include "fence.h"
#include "log.h"
#include "number.h"

/* Send one message to every node; how many were sent. */
static int notify_all(const struct kdump_conf *conf,
		      const struct kd_fence_args *a)
{
	uint32_t msg[2] = { KD_FENCE_MAGIC, KD_FENCE_VERSION };
	char port[8];
	int i, sent = 0;

	snprintf(port, sizeof port, "%d", a->port);
	for (i = 0; i < conf->fence_kdump_nodes.n; i++) {
		const char *node = conf->fence_kdump_nodes.v[i];
		struct addrinfo hints = { .ai_family = a->family,
					  .ai_socktype = SOCK_DGRAM };
		struct addrinfo *res;
		int fd;

		if (getaddrinfo(node, port, &hints, &res)) {
			kd_warn("fence_kdump: cannot resolve %s", node);
			continue;
		}
		fd = socket(res->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd >= 0 && sendto(fd, msg, sizeof msg, 0, res->ai_addr,
				      res->ai_addrlen) == (ssize_t)sizeof msg)
			sent++;
		else if (a->verbose)
			kd_warn("fence_kdump: %s: %s", node, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(res);
	}
	return sent;
}

static void sender(const struct kdump_conf *conf, const struct kd_fence_args *a)
{
	int round;

	for (round = 1; !a->count || round <= a->count; round++) {
		int sent = notify_all(conf, a);

		if (a->verbose || round == 1)
			kd_info("fence_kdump: notified %d of %d node(s)", sent,
				conf->fence_kdump_nodes.n);
		sleep((unsigned)a->interval);
	}
	_exit(0);
}

pid_t kd_fence_start(const struct kdump_conf *conf, struct kd_error *e)
{
	struct kd_fence_args a;
	pid_t pid;

	if (!conf->fence_kdump_nodes.n)
		return 0;
	if (kd_fence_parse_args(conf->fence_kdump_args, &a, e))
		return -1;
	pid = fork();
	if (pid < 0)
		return kd_fail(e, errno, "fence_kdump: fork: %s", strerror(errno));
	/* a process group of its own: stopping a late dump attempt (watch.h)
	 * kills the attempt's group, and the peers must go on hearing that
	 * this node is dumping; both sides set it, whichever runs first */
	if (pid == 0) {
		setpgid(0, 0);
		sender(conf, &a);
	}
	setpgid(pid, pid);
	return pid;
}

void kd_fence_stop(pid_t pid)
{
	if (pid <= 0)
		return;
	/* the sender dies of the SIGTERM: its status says nothing, and a
	 * failed kill or wait leaves nothing to stop */
	if (kill(pid, SIGTERM) == 0)
		(void)kd_wait(pid);
}
