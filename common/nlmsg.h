/* nlmsg.h - building and sending one rtnetlink request (netlink.c and
 * netlink_query.c). */
#ifndef KD_NLMSG_H
#define KD_NLMSG_H

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_link.h>
#include <linux/if_addr.h>
#include "error.h"

struct nl_request {
	struct nlmsghdr h;
	union {
		struct ifinfomsg link;
		struct ifaddrmsg addr;
		struct rtmsg route;
	} u;
	char attrs[512];
};

void kd_nlmsg_init(struct nl_request *r, int type, int flags, size_t body);
/* Append an attribute; its start (for a nest). */
struct rtattr *kd_nlmsg_attr(struct nl_request *r, int type, const void *data,
			     int len);
/* Close a nest opened with kd_nlmsg_attr(r, type, NULL, 0). */
void kd_nlmsg_nest_end(struct nl_request *r, struct rtattr *nest);
/* Send r; call each(reply) for every answer until the end of a dump, the
 * ack, or an error. */
int kd_nlmsg_talk(struct nl_request *r, int (*each)(struct nlmsghdr *, void *),
		  void *arg, const char *what, struct kd_error *e);

#endif
