/* netlink.c - the rtnetlink changes the capture kernel makes: links,
 * addresses, routes (see netlink.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <net/if.h>
#include <sys/socket.h>
#include "netlink.h"
#include "nlmsg.h"
#include "readfile.h"

int kd_nl_link_up(int ifindex, struct kd_error *e)
{
	struct nl_request r;

	kd_nlmsg_init(&r, RTM_NEWLINK, NLM_F_ACK, sizeof r.u.link);
	r.u.link.ifi_family = AF_UNSPEC;
	r.u.link.ifi_index = ifindex;
	r.u.link.ifi_flags = IFF_UP;
	r.u.link.ifi_change = IFF_UP;
	return kd_nlmsg_talk(&r, NULL, NULL, "link up", e);
}

int kd_nl_link_create(const char *kind, const char *name, int parent,
		      int vlan_id, struct kd_error *e)
{
	struct nl_request r;
	struct rtattr *info, *data;
	unsigned short id = (unsigned short)vlan_id;
	char what[64];

	kd_nlmsg_init(&r, RTM_NEWLINK, NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL,
		      sizeof r.u.link);
	r.u.link.ifi_family = AF_UNSPEC;
	kd_nlmsg_attr(&r, IFLA_IFNAME, name, (int)strlen(name) + 1);
	if (parent)
		kd_nlmsg_attr(&r, IFLA_LINK, &parent, 4);
	info = kd_nlmsg_attr(&r, IFLA_LINKINFO, NULL, 0);
	kd_nlmsg_attr(&r, IFLA_INFO_KIND, kind, (int)strlen(kind));
	if (vlan_id) {
		data = kd_nlmsg_attr(&r, IFLA_INFO_DATA, NULL, 0);
		kd_nlmsg_attr(&r, IFLA_VLAN_ID, &id, 2);
		kd_nlmsg_nest_end(&r, data);
	}
	kd_nlmsg_nest_end(&r, info);
	snprintf(what, sizeof what, "create %s %s", kind, name);
	return kd_nlmsg_talk(&r, NULL, NULL, what, e);
}

int kd_nl_link_master(int ifindex, int master, struct kd_error *e)
{
	struct nl_request r;

	kd_nlmsg_init(&r, RTM_NEWLINK, NLM_F_ACK, sizeof r.u.link);
	r.u.link.ifi_family = AF_UNSPEC;
	r.u.link.ifi_index = ifindex;
	kd_nlmsg_attr(&r, IFLA_MASTER, &master, 4);
	return kd_nlmsg_talk(&r, NULL, NULL, "set master", e);
}

int kd_nl_addr_add(int ifindex, const struct kd_ip *addr, int prefix,
		   struct kd_error *e)
{
	struct nl_request r;
	struct in_addr brd;
	unsigned int flags = IFA_F_NODAD;	/* usable at once */
	int len;
	const void *bytes = kd_ip_bytes(addr, &len);

	kd_nlmsg_init(&r, RTM_NEWADDR, NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE,
		      sizeof r.u.addr);
	r.u.addr.ifa_family = (unsigned char)addr->family;
	r.u.addr.ifa_prefixlen = (unsigned char)prefix;
	r.u.addr.ifa_index = (unsigned)ifindex;
	kd_nlmsg_attr(&r, IFA_LOCAL, bytes, len);
	kd_nlmsg_attr(&r, IFA_ADDRESS, bytes, len);
	if (addr->family == AF_INET) {
		brd.s_addr = prefix >= 31 ? addr->u.v4.s_addr :
			addr->u.v4.s_addr | htonl(0xffffffffu >> prefix);
		kd_nlmsg_attr(&r, IFA_BROADCAST, &brd, 4);
	} else {
		kd_nlmsg_attr(&r, IFA_FLAGS, &flags, 4);
	}
	return kd_nlmsg_talk(&r, NULL, NULL, "add address", e);
}

int kd_nl_route_add(int ifindex, const struct kd_ip *dst, int prefix,
		    const struct kd_ip *gateway, struct kd_error *e)
{
	struct nl_request r;
	int oif = ifindex, len;
	const void *bytes;

	kd_nlmsg_init(&r, RTM_NEWROUTE, NLM_F_ACK | NLM_F_CREATE | NLM_F_REPLACE,
		      sizeof r.u.route);
	r.u.route.rtm_family = (unsigned char)dst->family;
	r.u.route.rtm_dst_len = (unsigned char)prefix;
	r.u.route.rtm_table = RT_TABLE_MAIN;
	r.u.route.rtm_protocol = RTPROT_STATIC;
	r.u.route.rtm_scope = gateway->family ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	r.u.route.rtm_type = RTN_UNICAST;
	if (prefix) {
		bytes = kd_ip_bytes(dst, &len);
		kd_nlmsg_attr(&r, RTA_DST, bytes, len);
	}
	if (gateway->family) {
		bytes = kd_ip_bytes(gateway, &len);
		kd_nlmsg_attr(&r, RTA_GATEWAY, bytes, len);
		r.u.route.rtm_flags = RTNH_F_ONLINK;
	}
	kd_nlmsg_attr(&r, RTA_OIF, &oif, 4);
	return kd_nlmsg_talk(&r, NULL, NULL, "add route", e);
}

int kd_net_attr(const char *ifname, const char *attr, char *out, size_t size)
{
	char path[160];

	snprintf(path, sizeof path, "/sys/class/net/%s/%s", ifname, attr);
	return kd_read_line(path, out, size);
}
