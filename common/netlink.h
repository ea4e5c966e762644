/* netlink.h - the rtnetlink requests kdump needs, in-process: create a
 * bond, VLAN or bridge, enslave, bring links up, add addresses and routes
 * (the capture kernel); ask which interface, gateway and address reach a
 * host and what a link is (kdumpctl).  IPv4 and IPv6 alike. */
#ifndef KD_NETLINK_H
#define KD_NETLINK_H

#include <stddef.h>
#include "error.h"
#include "ipaddr.h"

struct kd_route {
	int ifindex;
	struct kd_ip gateway;	/* family 0 when directly connected */
	struct kd_ip source;	/* the local address used */
};

struct kd_ifaddr {
	struct kd_ip addr;
	int prefix;
	int dynamic;		/* has a lifetime: DHCP, SLAAC */
	int from_ra;		/* made by the kernel from a router advertisement */
	int tentative;		/* duplicate address detection not done */
};

struct kd_linkinfo {
	char kind[16];		/* "" for a NIC; "bond", "vlan", "bridge", ... */
	int link;		/* the parent (a VLAN's), 0 for none */
	int master;		/* the bond or bridge it is in, 0 for none */
	int vlan_id;
	int vlan_proto;		/* 0x8100 for 802.1Q */
	unsigned char addr[6];
	unsigned char perm_addr[6];
	int has_perm_addr;
};

int kd_nl_link_up(int ifindex, struct kd_error *e);
/* A new link of `kind` (bond, vlan, bridge) called name; a VLAN's parent
 * and id. */
int kd_nl_link_create(const char *kind, const char *name, int parent,
		      int vlan_id, struct kd_error *e);
/* Put ifindex into the bond or bridge master. */
int kd_nl_link_master(int ifindex, int master, struct kd_error *e);
int kd_nl_addr_add(int ifindex, const struct kd_ip *addr, int prefix,
		   struct kd_error *e);
/* A route to dst/prefix (family only, prefix 0: the default route), via
 * gateway when it has a family. */
int kd_nl_route_add(int ifindex, const struct kd_ip *dst, int prefix,
		    const struct kd_ip *gateway, struct kd_error *e);

/* The route the kernel would use to reach dst. */
int kd_nl_route_get(const struct kd_ip *dst, struct kd_route *r,
		    struct kd_error *e);

/* The address `addr` of interface ifindex; with addr's bytes all zero,
 * its first global address of addr's family. */
int kd_nl_addr_find(int ifindex, const struct kd_ip *addr,
		    struct kd_ifaddr *out, struct kd_error *e);

/* What the link is: its kind, parent, master, VLAN id, addresses. */
int kd_nl_link_info(int ifindex, struct kd_linkinfo *out, struct kd_error *e);

/* /sys/class/net/<ifname>/<attr>, its first line; 0 or -1. */
int kd_net_attr(const char *ifname, const char *attr, char *out, size_t size);

#endif
