/* netlink_query.c - what kdumpctl asks rtnetlink: the route to a host,
 * an address and its kind, what a link is (see netlink.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/if_ether.h>
#include "netlink.h"
#include "nlmsg.h"

#ifndef IFA_PROTO
#define IFA_PROTO 11
#endif
#define IFAPROT_KERNEL_RA 2

static void take_ip(struct kd_ip *ip, int family, const struct rtattr *a)
{
	int len = family == AF_INET6 ? 16 : 4;

	if (RTA_PAYLOAD(a) < (unsigned)len)
		return;
	ip->family = family;
	memcpy(&ip->u, RTA_DATA(a), (size_t)len);
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
		if (a->rta_type == RTA_OIF && RTA_PAYLOAD(a) >= 4)
			memcpy(&out->ifindex, RTA_DATA(a), 4);
		else if (a->rta_type == RTA_GATEWAY)
			take_ip(&out->gateway, rt->rtm_family, a);
		else if (a->rta_type == RTA_PREFSRC)
			take_ip(&out->source, rt->rtm_family, a);
	}
	return 0;
}

int kd_nl_route_get(const struct kd_ip *dst, struct kd_route *r,
		    struct kd_error *e)
{
	struct nl_request q;
	int len;
	const void *bytes = kd_ip_bytes(dst, &len);

	memset(r, 0, sizeof *r);
	kd_nlmsg_init(&q, RTM_GETROUTE, 0, sizeof q.u.route);
	q.u.route.rtm_family = (unsigned char)dst->family;
	q.u.route.rtm_dst_len = (unsigned char)(len * 8);
	kd_nlmsg_attr(&q, RTA_DST, bytes, len);
	if (kd_nlmsg_talk(&q, take_route, r, "route lookup", e))
		return -1;
	if (!r->ifindex)
		return kd_fail(e, ENETUNREACH, "no route");
	return 0;
}

struct addr_query {
	int ifindex;
	const struct kd_ip *want;
	int any;		/* any global address of the family */
	struct kd_ifaddr *out;
	int found;
};

static void read_addr(struct nlmsghdr *h, struct kd_ifaddr *a,
		      unsigned int *flags, int *proto)
{
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	struct rtattr *at = IFA_RTA(ifa);
	int len = (int)IFA_PAYLOAD(h), have_local = 0;

	memset(a, 0, sizeof *a);
	*flags = ifa->ifa_flags;
	*proto = 0;
	for (; RTA_OK(at, len); at = RTA_NEXT(at, len)) {
		if (at->rta_type == IFA_LOCAL) {
			take_ip(&a->addr, ifa->ifa_family, at);
			have_local = 1;
		} else if (at->rta_type == IFA_ADDRESS && !have_local) {
			take_ip(&a->addr, ifa->ifa_family, at);
		} else if (at->rta_type == IFA_FLAGS && RTA_PAYLOAD(at) >= 4) {
			memcpy(flags, RTA_DATA(at), 4);
		} else if (at->rta_type == IFA_PROTO && RTA_PAYLOAD(at) >= 1) {
			*proto = *(unsigned char *)RTA_DATA(at);
		}
	}
	a->prefix = ifa->ifa_prefixlen;
}

static int take_addr(struct nlmsghdr *h, void *arg)
{
	struct addr_query *q = arg;
	struct ifaddrmsg *ifa = NLMSG_DATA(h);
	struct kd_ifaddr a;
	unsigned int flags;
	int proto;

	if (q->found || h->nlmsg_type != RTM_NEWADDR ||
	    ifa->ifa_family != q->want->family || (int)ifa->ifa_index != q->ifindex)
		return 0;
	read_addr(h, &a, &flags, &proto);
	if (q->any ? ifa->ifa_scope != RT_SCOPE_UNIVERSE :
	    a.addr.family != q->want->family ||
	    memcmp(&a.addr.u, &q->want->u, q->want->family == AF_INET6 ? 16 : 4))
		return 0;
	a.dynamic = !(flags & IFA_F_PERMANENT);
	a.from_ra = proto == IFAPROT_KERNEL_RA || (flags & IFA_F_MANAGETEMPADDR);
	a.tentative = !!(flags & IFA_F_TENTATIVE);
	*q->out = a;
	q->found = 1;
	return 0;
}

static int all_zero(const struct kd_ip *ip)
{
	int len, i;
	const unsigned char *b = kd_ip_bytes(ip, &len);

	for (i = 0; i < len; i++)
		if (b[i])
			return 0;
	return 1;
}

int kd_nl_addr_find(int ifindex, const struct kd_ip *addr,
		    struct kd_ifaddr *out, struct kd_error *e)
{
	struct nl_request r;
	struct addr_query q = { ifindex, addr, all_zero(addr), out, 0 };

	kd_nlmsg_init(&r, RTM_GETADDR, NLM_F_DUMP, sizeof r.u.addr);
	r.u.addr.ifa_family = (unsigned char)addr->family;
	if (kd_nlmsg_talk(&r, take_addr, &q, "address list", e))
		return -1;
	if (!q.found)
		return kd_fail(e, ENOENT, "the address is not on the interface");
	return 0;
}

static void take_linkinfo(struct rtattr *nest, struct kd_linkinfo *out)
{
	struct rtattr *a = RTA_DATA(nest), *d;
	int len = (int)RTA_PAYLOAD(nest), dlen;

	for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFLA_INFO_KIND)
			snprintf(out->kind, sizeof out->kind, "%.*s",
				 (int)RTA_PAYLOAD(a), (char *)RTA_DATA(a));
		if (a->rta_type != IFLA_INFO_DATA || strcmp(out->kind, "vlan"))
			continue;
		for (d = RTA_DATA(a), dlen = (int)RTA_PAYLOAD(a); RTA_OK(d, dlen);
		     d = RTA_NEXT(d, dlen)) {
			if (d->rta_type == IFLA_VLAN_ID && RTA_PAYLOAD(d) >= 2)
				out->vlan_id = *(unsigned short *)RTA_DATA(d);
			else if (d->rta_type == IFLA_VLAN_PROTOCOL &&
				 RTA_PAYLOAD(d) >= 2)
				out->vlan_proto = ntohs(*(unsigned short *)RTA_DATA(d));
		}
	}
}

static int take_link(struct nlmsghdr *h, void *arg)
{
	struct kd_linkinfo *out = arg;
	struct ifinfomsg *ifi = NLMSG_DATA(h);
	struct rtattr *a = IFLA_RTA(ifi);
	int len = (int)IFLA_PAYLOAD(h);

	if (h->nlmsg_type != RTM_NEWLINK)
		return 0;
	for (; RTA_OK(a, len); a = RTA_NEXT(a, len)) {
		if (a->rta_type == IFLA_LINK && RTA_PAYLOAD(a) >= 4)
			memcpy(&out->link, RTA_DATA(a), 4);
		else if (a->rta_type == IFLA_MASTER && RTA_PAYLOAD(a) >= 4)
			memcpy(&out->master, RTA_DATA(a), 4);
		else if (a->rta_type == IFLA_ADDRESS && RTA_PAYLOAD(a) == 6)
			memcpy(out->addr, RTA_DATA(a), 6);
		else if (a->rta_type == IFLA_PERM_ADDRESS && RTA_PAYLOAD(a) == 6) {
			memcpy(out->perm_addr, RTA_DATA(a), 6);
			out->has_perm_addr = 1;
		} else if (a->rta_type == IFLA_LINKINFO)
			take_linkinfo(a, out);
	}
	if (out->link == ifi->ifi_index)
		out->link = 0;
	return 0;
}

int kd_nl_link_info(int ifindex, struct kd_linkinfo *out, struct kd_error *e)
{
	struct nl_request r;

	memset(out, 0, sizeof *out);
	kd_nlmsg_init(&r, RTM_GETLINK, 0, sizeof r.u.link);
	r.u.link.ifi_family = AF_UNSPEC;
	r.u.link.ifi_index = ifindex;
	return kd_nlmsg_talk(&r, take_link, out, "link information", e);
}
