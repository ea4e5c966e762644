/* net.h - bring the network up in the capture kernel.
 *
 * The description comes from the image (/etc/kdump/net.conf, written by
 * kdumpctl) and the command line (which overrides it); see netconf.h.  The
 * interface is found by its MAC address, brought up, given its address and
 * default route over netlink, or configured by BusyBox udhcpc with
 * kdump-init itself as the udhcpc script. */
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

/* Resolve host (a name or an address) to an IPv4 address string. */
int kd_net_resolve(const char *host, char *out, size_t size,
		   struct kd_error *e);

#endif
