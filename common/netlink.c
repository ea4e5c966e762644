/* netlink.c - rtnetlink requests over an AF_NETLINK socket. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/if_addr.h>
#include "netlink.h"
#include "readfile.h"

#define BUF_SIZE 16384

struct request {
	struct nlmsghdr h;
	union {
		struct ifinfomsg link;
		struct ifaddrmsg addr;
		struct rtmsg route;
	} u;
	char attrs[256];
};

static void add_attr(struct request *r, int type, const void *data, int len)
{
	struct rtattr *a = (struct rtattr *)((char *)r + NLMSG_ALIGN(r->h.nlmsg_len));

	a->rta_type = (unsigned short)type;
	a->rta_len = (unsigned short)RTA_LENGTH(len);
	memcpy(RTA_DATA(a), data, (size_t)len);
	r->h.nlmsg_len = NLMSG_ALIGN(r->h.nlmsg_len) + RTA_ALIGN(a->rta_len);
}

static int open_socket(struct kd_error *e)
{
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0)
		kd_fail(e, errno, "netlink socket: %s", strerror(errno));
	return fd;
}

/* Send r; call each(reply) for every answer until the end of a dump, the
 * ack, or an error. */
static int talk(struct request *r, int (*each)(struct nlmsghdr *, void *),
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
		goto out;
	}
	while (!done) {
		ssize_t n = recv(fd, buf, sizeof buf, 0);
		struct nlmsghdr *h;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = kd_fail(e, errno, "netlink %s: %s", what, strerror(errno));
			goto out;
		}
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)n);
		     h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_type == NLMSG_DONE) {
				done = 1;
			} else if (h->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *err = NLMSG_DATA(h);

				if (err->error && -err->error != EEXIST)
					ret = kd_fail(e, -err->error, "netlink %s: %s",
						      what, strerror(-err->error));
				done = 1;
			} else if (each && each(h, arg)) {
				ret = -1;
			}
			if (!(h->nlmsg_flags & NLM_F_MULTI) &&
			    h->nlmsg_type != NLMSG_ERROR && !(r->h.nlmsg_flags & NLM_F_DUMP))
				done = 1;
		}
	}
out:
	close(fd);
	return ret;
}

static void init_request(struct request *r, int type, int flags, size_t body)
{
	memset(r, 0, sizeof *r);
	r->h.nlmsg_len = (unsigned)NLMSG_LENGTH(body);
	r->h.nlmsg_type = (unsigned short)type;
	r->h.nlmsg_flags = (unsigned short)(NLM_F_REQUEST | flags);
}

int kd_nl_link_up(int ifindex, struct kd_error *e)
{
	struct request r;

	init_request(&r, RTM_NEWLINK, NLM_F_ACK, sizeof r.u.link);
	r.u.link.ifi_family = AF_UNSPEC;
	r.u.link.ifi_index = ifindex;
	r.u.link.ifi_flags = IFF_UP;
	r.u.link.ifi_change = IFF_UP;
	return talk(&r, NULL, NULL, "link up", e);
}

int kd_nl_addr_add(int ifindex, struct in_addr addr, int prefix,
		   struct kd_error *e)
{
	struct request r;
	struct in_addr brd;

	init_request(&r, RTM_NEWADDR, NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE,
		     sizeof r.u.addr);
	r.u.addr.ifa_family = AF_INET;
	r.u.addr.ifa_prefixlen = (unsigned char)prefix;
	r.u.addr.ifa_index = (unsigned)ifindex;
	add_attr(&r, IFA_LOCAL, &addr, 4);
	add_attr(&r, IFA_ADDRESS, &addr, 4);
	brd.s_addr = prefix >= 31 ? addr.s_addr :
		addr.s_addr | htonl(0xffffffffu >> prefix);
	add_attr(&r, IFA_BROADCAST, &brd, 4);
	return talk(&r, NULL, NULL, "add address", e);
}

int kd_nl_route_add(int ifindex, struct in_addr dst, int prefix,
		    struct in_addr gateway, struct kd_error *e)
{
	struct request r;
	int oif = ifindex;

	init_request(&r, RTM_NEWROUTE, NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE,
		     sizeof r.u.route);
	r.u.route.rtm_family = AF_INET;
	r.u.route.rtm_dst_len = (unsigned char)prefix;
	r.u.route.rtm_table = RT_TABLE_MAIN;
	r.u.route.rtm_protocol = RTPROT_STATIC;
	r.u.route.rtm_scope = gateway.s_addr ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	r.u.route.rtm_type = RTN_UNICAST;
	if (prefix)
		add_attr(&r, RTA_DST, &dst, 4);
	if (gateway.s_addr) {
		add_attr(&r, RTA_GATEWAY, &gateway, 4);
		r.u.route.rtm_flags = RTNH_F_ONLINK;
	}
	add_attr(&r, RTA_OIF, &oif, 4);
	return talk(&r, NULL, NULL, "add route", e);
}

static int take_route(struct nlmsghdr *h, void *arg)
{
	struct kd_route *out = arg;
	struct rtmsg *rt = NLMSG_DATA(h);
	struct rtattr *a = RTM_RTA(rt);
	int len = (int)RTM_PAYLOAD(h);

	if (h->nlmsg_type != RTM_NEWROUTE)
		return 0;
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == RTA_OIF)
			memcpy(&out->ifindex, RTA_DATA(a), 4);
		else if (a->rta_type == RTA_GATEWAY)
			memcpy(&out->gateway, RTA_DATA(a), 4);
		else if (a->rta_type == RTA_PREFSRC)
			memcpy(&out->source, RTA_DATA(a), 4);
	}
	return 0;
}

int kd_nl_route_get(struct in_addr dst, struct kd_route *r, struct kd_error *e)
{
	struct request q;

	memset(r, 0, sizeof *r);
	init_request(&q, RTM_GETROUTE, 0, sizeof q.u.route);
	q.u.route.rtm_family = AF_INET;
	q.u.route.rtm_dst_len = 32;
	add_attr(&q, RTA_DST, &dst, 4);
	if (talk(&q, take_route, r, "route lookup", e))
		return -1;
	if (!r->ifindex)
		return kd_fail(e, ENETUNREACH, "no route");
	return 0;
}

struct addr_query {
	int ifindex;
	struct in_addr want;
	struct kd_ifaddr *out;
	int found;
};

static int take_addr(struct nlmsghdr *h, void *arg)
{
	struct addr_query *q = arg;
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	struct rtattr *a = IFA_RTA(ifa);
	int len = (int)IFA_PAYLOAD(h);
	struct in_addr local = { 0 };
	unsigned int flags = ifa->ifa_flags;

	if (h->nlmsg_type != RTM_NEWADDR || ifa->ifa_family != AF_INET ||
	    (int)ifa->ifa_index != q->ifindex)
		return 0;
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFA_LOCAL)
			memcpy(&local, RTA_DATA(a), 4);
		else if (a->rta_type == IFA_FLAGS)
			memcpy(&flags, RTA_DATA(a), 4);
	}
	if (local.s_addr != q->want.s_addr)
		return 0;
	q->out->addr = local;
	q->out->prefix = ifa->ifa_prefixlen;
	q->out->dynamic = !(flags & IFA_F_PERMANENT);
	q->found = 1;
	return 0;
}

int kd_nl_addr_find(int ifindex, struct in_addr addr, struct kd_ifaddr *out,
		    struct kd_error *e)
{
	struct request r;
	struct addr_query q = { ifindex, addr, out, 0 };

	init_request(&r, RTM_GETADDR, NLM_F_DUMP, sizeof r.u.addr);
	r.u.addr.ifa_family = AF_INET;
	if (talk(&r, take_addr, &q, "address list", e))
		return -1;
	if (!q.found)
		return kd_fail(e, ENOENT, "the address is not on the interface");
	return 0;
}

int kd_net_attr(const char *ifname, const char *attr, char *out, size_t size)
{
	char path[160];

	snprintf(path, sizeof path, "/sys/class/net/%s/%s", ifname, attr);
	return kd_read_line(path, out, size);
}
