/* net.h - bring the network up in the capture kernel.
 *
 * The description comes from the image (/etc/kdump/net.conf, written by
 * kdumpctl) and the command line (which overrides it); see netconf.h.  The
 * NICs are found by their MAC addresses, the bond, VLAN and bridge made
 * (netstack.h), the top interface brought up and given its IPv4 or IPv6
 * address and default route over netlink, configured by BusyBox udhcpc
 * (kdump-init itself is the udhcpc script), or left to the kernel's IPv6
 * autoconfiguration. */
#ifndef KD_NET_H
#define KD_NET_H

#include <stddef.h>
#include "error.h"
#include "kdump_conf.h"
#include "netconf.h"

/* Configure the network; the local address goes to local_ip. */
int kd_net_up(const struct kdump_conf *conf, struct kd_netconf *nc,
	      char *local_ip, size_t size, struct kd_error *e);

/* 1 when argv is a udhcpc script call ("bound", "deconfig", ...). */
int kd_net_is_dhcp_event(int argc, char **argv);

/* Act on a udhcpc event from its environment; the exit status. */
int kd_net_dhcp_event(const char *event);

/* Resolve host (a name or an address) to an address string of family
 * (AF_INET, AF_INET6, AF_UNSPEC: either). */
int kd_net_resolve(const char *host, int family, char *out, size_t size,
		   struct kd_error *e);

#endif
