/* netdescribe.h - the running system's way to a server, as the network
 * words of netconf.h.
 *
 * From the kernel's state, not from NetworkManager's or ifupdown's files:
 * the route to the server (rtnetlink), the interface it leaves by and what
 * that is (rtnetlink link information: a NIC, a bond, an 802.1Q VLAN, a
 * bridge), a bond's slaves and options (the bonding driver's sysfs files),
 * a bridge's ports (brif/), every NIC by its permanent MAC address.  A
 * VLAN may sit on a NIC or a bond, a bridge may hold NICs, a bond or a
 * VLAN; anything else (a team, a VLAN on a bridge, macvlan, tunnels) is
 * refused with the reason.  The address is static, DHCP (IPv4) or
 * autoconfigured (IPv6 from router advertisements); a DHCPv6 lease is
 * kept as a static address, with a warning. */
#ifndef KD_NETDESCRIBE_H
#define KD_NETDESCRIBE_H

#include <stddef.h>
#include "error.h"
#include "netconf.h"
#include "netlink.h"

/* Describe the way to `server` (an address or a name) into nc; the
 * kernel modules it needs (NIC drivers, bonding, 8021q, bridge) go to
 * modules, space-separated. */
int kd_net_describe(const char *server, struct kd_netconf *nc, char *modules,
		    size_t size, struct kd_error *e);

/* How the capture kernel gets an address like a: IPv4 with a lifetime
 * (or ifupdown's inet dhcp) by DHCP, IPv6 from router advertisements by
 * SLAAC, else (a DHCPv6 lease too) static. */
enum kd_net_method kd_address_method(const struct kd_ifaddr *a,
				      int ifupdown_dhcp);

/* The modules the description needs, appended: the drivers of its NICs
 * (found here by MAC; a warning for a MAC no NIC has) and bonding, 8021q,
 * bridge for its bond, VLAN and bridge. */
void kd_net_modules(const struct kd_netconf *nc, char *modules,
			  size_t size);

#endif
