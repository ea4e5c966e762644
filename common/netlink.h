/* netlink.h - the few rtnetlink requests kdump needs, in-process:
 * bring a link up, add an IPv4 address and a route (the capture kernel),
 * and ask which interface, gateway and address reach a host (kdumpctl). */
#ifndef KD_NETLINK_H
#define KD_NETLINK_H

#include <stddef.h>
#include <netinet/in.h>
#include "error.h"

struct kd_route {
	int ifindex;
	struct in_addr gateway;	/* 0.0.0.0 when directly connected */
	struct in_addr source;	/* the local address used */
};

struct kd_ifaddr {
	struct in_addr addr;
	int prefix;
	int dynamic;		/* has a lifetime: from DHCP */
};

int kd_nl_link_up(int ifindex, struct kd_error *e);
int kd_nl_addr_add(int ifindex, struct in_addr addr, int prefix,
		   struct kd_error *e);
/* A route to dst/prefix (0/0: the default route), via gateway when it is
 * not 0.0.0.0. */
int kd_nl_route_add(int ifindex, struct in_addr dst, int prefix,
		    struct in_addr gateway, struct kd_error *e);

/* The route the kernel would use to reach dst. */
int kd_nl_route_get(struct in_addr dst, struct kd_route *r, struct kd_error *e);

/* The address `addr` of interface ifindex, with its prefix and whether it
 * is dynamic. */
int kd_nl_addr_find(int ifindex, struct in_addr addr, struct kd_ifaddr *out,
		    struct kd_error *e);

/* /sys/class/net/<ifname>/<attr>, its first line; 0 or -1. */
int kd_net_attr(const char *ifname, const char *attr, char *out, size_t size);

#endif
