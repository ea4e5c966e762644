/* netconf.h - how the capture kernel reaches a network dump target.
 *
 * Written as kernel command line words, in dracut's spelling, so that an
 * administrator can read it and override it with KDUMP_COMMANDLINE_APPEND:
 *
 *	ip=<client-IP>::<gateway-IP>:<netmask>::<iface>:none	static
 *	ip=<iface>:dhcp			DHCP (IPv4)
 *	ip=<iface>:auto6		IPv6 stateless autoconfiguration
 *	ifname=<name>:<MAC>		<name> is the NIC with this MAC
 *	bond=<bond>:<slave>,...:<option>=<value>,...	a bond of NICs
 *	vlan=<parent>.<id>:<parent>	an 802.1Q VLAN on a NIC or the bond
 *	  (or vlan=vlan<id>:<parent>)
 *	bridge=<bridge>:<port>,...	a bridge of NICs, the bond or the VLAN
 *	nameserver=<IP>			up to KD_NET_MAX_DNS times
 *	kdump.nfsvers=3|4		NFS version (default 4)
 *	kdump.sshport=<port>		ssh port (default 22)
 *
 * IPv6 addresses in ip= are in brackets ([fd00::1]); <netmask> is dotted
 * (255.255.255.0) or a prefix length (24, 64); the gateway may be empty
 * or link-local.  One of each of bond=, vlan= and bridge=, set up in that
 * order: a bridge may hold the VLAN, a VLAN may sit on the bond, never the
 * other way round.  kdumpctl records these words in the image
 * (/etc/kdump/net.conf); the capture command line overrides them word by
 * word (an ip= for another interface drops the recorded stack).  Other
 * words are ignored. */
#ifndef KD_NETCONF_H
#define KD_NETCONF_H

#include <stddef.h>
#include "error.h"
#include "ipaddr.h"

#define KD_NET_MAX_DNS 3
#define KD_NET_MAX_NICS 4
#define KD_NET_CONF "/etc/kdump/net.conf"

enum kd_net_method { KD_NET_STATIC, KD_NET_DHCP, KD_NET_AUTO6 };

struct kd_nic {
	char name[16];
	unsigned char mac[6];
};

struct kd_netconf {
	int configured;		/* an ip= was given */
	enum kd_net_method method;
	char ifname[16];	/* the interface ip= configures */
	struct kd_ip addr;	/* static */
	int prefix;		/* 0..32 or 0..128 */
	struct kd_ip gateway;	/* family 0: none */
	struct kd_ip dns[KD_NET_MAX_DNS];
	int n_dns;
	struct kd_nic nics[KD_NET_MAX_NICS];	/* ifname= */
	int n_nics;
	char bond[16];
	char slaves[KD_NET_MAX_NICS][16];
	int n_slaves;
	char bond_opts[256];	/* option=value,... */
	char vlan[16];
	char vlan_parent[16];
	int vlan_id;
	char bridge[16];
	char ports[KD_NET_MAX_NICS][16];
	int n_ports;
	int nfsvers;		/* 0: default */
	int sshport;		/* 0: default */
};

/* Apply the words of `text` (a command line) to nc, later words winning.
 * Returns 0, or -1 with the offending word in e and nc unchanged. */
int kd_netconf_parse(struct kd_netconf *nc, const char *text,
		     struct kd_error *e);

/* Whether the description holds together: every name ip=, bond=, vlan=
 * and bridge= use is a NIC or a device set up before it.  0 or -1. */
int kd_netconf_check(const struct kd_netconf *nc, struct kd_error *e);

/* The words for nc, in the format above; -1 when they do not fit. */
int kd_netconf_format(const struct kd_netconf *nc, char *out, size_t size);

/* The NIC of that name in nc (ifname=), or NULL. */
const struct kd_nic *kd_netconf_nic(const struct kd_netconf *nc,
				    const char *name);

/* The VLAN id its name gives (<parent>.<id>, vlan<id>); -1 when none. */
int kd_vlan_id_of(const char *name);

/* "aa:bb:cc:dd:ee:ff" <-> bytes. */
int kd_mac_parse(const char *s, unsigned char mac[6]);
void kd_mac_format(const unsigned char mac[6], char out[18]);

#endif
