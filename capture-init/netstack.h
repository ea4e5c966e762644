/* netstack.h - the capture kernel's links: the NICs found by their MAC
 * addresses, then the bond, the VLAN and the bridge the description
 * names, made over rtnetlink (bond options through the bonding driver's
 * sysfs files, which take every option by name). */
#ifndef KD_NETSTACK_H
#define KD_NETSTACK_H

#include <stddef.h>
#include "error.h"
#include "netconf.h"

/* Set up the links below the address; the kernel name of the interface
 * the address goes on into top.  Waits up to timeout seconds for the
 * NICs: a bond goes on with the slaves that appeared. */
int kd_netstack_up(const struct kd_netconf *nc, int timeout, char *top,
		   size_t size, struct kd_error *e);

#endif
