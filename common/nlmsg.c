/* nlmsg.c - one rtnetlink request over an AF_NETLINK socket. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include "nlmsg.h"

#define BUF_SIZE 32768
#define ANSWER_TIMEOUT 10	/* seconds */

void kd_nlmsg_init(struct nl_request *r, int type, int flags, size_t body)
{
	memset(r, 0, sizeof *r);
	r->h.nlmsg_len = (unsigned)NLMSG_LENGTH(body);
	r->h.nlmsg_type = (unsigned short)type;
	r->h.nlmsg_flags = (unsigned short)(NLM_F_REQUEST | flags);
}

struct rtattr *kd_nlmsg_attr(struct nl_request *r, int type, const void *data,
			     int len)
{
	struct rtattr *a = (struct rtattr *)((char *)r + NLMSG_ALIGN(r->h.nlmsg_len));

	a->rta_type = (unsigned short)type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	if (len)
		memcpy(RTA_DATA(a), data, (size_t)len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
	return a;
}

void kd_nlmsg_nest_end(struct nl_request *r, struct rtattr *nest)
{
	nest->rta_len = (unsigned short)((char *)r + r->h.nlmsg_len - (char *)nest);
}

/* A socket whose answers come within ANSWER_TIMEOUT seconds. */
static int open_socket(struct kd_error *e)
{
	struct timeval tv = { ANSWER_TIMEOUT, 0 };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0)
		kd_fail(e, errno, "netlink socket: %s", strerror(errno));
	else if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv)) {
		kd_fail(e, errno, "netlink socket: %s", strerror(errno));
		close(fd);
		fd = -1;
	}
	return fd;
}

/* One batch of answers; 1 when the conversation is over. */
static int take_answers(char *buf, ssize_t n, struct nl_request *r,
			int (*each)(struct nlmsghdr *, void *), void *arg,
			const char *what, int *ret, struct kd_error *e)
{
	struct nlmsghdr *h;
	int done = 0;

	for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)n);
	     h = NLMSG_NEXT(h, n)) {
		if (h->nlmsg_type == NLMSG_DONE) {
			done = 1;
		} else if (h->nlmsg_type == NLMSG_ERROR) {
			struct nlmsgerr *err = NLMSG_DATA(h);
			/* EEXIST: already there, unless it had to be new */
			int ok_exists = !(r->h.nlmsg_flags & NLM_F_EXCL);

			if (h->nlmsg_len < NLMSG_LENGTH(sizeof *err))
				*ret = kd_fail(e, EPROTO, "netlink %s: a short "
					       "answer", what);
			else if (err->error && (-err->error != EEXIST || !ok_exists))
				*ret = kd_fail(e, -err->error, "netlink %s: %s",
					       what, strerror(-err->error));
			done = 1;
		} else if (each && each(h, arg)) {
			*ret = -1;
		}
		if (!(h->nlmsg_flags & NLM_F_MULTI) &&
		    h->nlmsg_type != NLMSG_ERROR && !(r->h.nlmsg_flags & NLM_F_DUMP))
			done = 1;
	}
	return done;
}

int kd_nlmsg_talk(struct nl_request *r, int (*each)(struct nlmsghdr *, void *),
		  void *arg, const char *what, struct kd_error *e)
{
	/* off the stack of PID 1 in the small capture kernel; never reentered */
	static char buf[BUF_SIZE];
	int fd = open_socket(e), done = 0, ret = 0;

	if (fd < 0)
		return -1;
	r->h.nlmsg_seq = 1;
	if (send(fd, r, r->h.nlmsg_len, 0) < 0) {
		ret = kd_fail(e, errno, "netlink %s: %s", what, strerror(errno));
		done = 1;
	}
	while (!done) {
		ssize_t n = recv(fd, buf, sizeof buf, MSG_TRUNC);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			ret = kd_fail(e, errno, "netlink %s: %s", what,
				      errno == EAGAIN ? "no answer" : strerror(errno));
			break;
		}
		if ((size_t)n > sizeof buf) {
			ret = kd_fail(e, EMSGSIZE, "netlink %s: an answer of %zd "
				      "bytes", what, n);
			break;
		}
		done = take_answers(buf, n, r, each, arg, what, &ret, e);
	}
	close(fd);
	return ret;
}
