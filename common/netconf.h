/* netconf.h - how the capture kernel reaches a network dump target.
 *
 * Written as kernel command line words, in dracut's spelling, so that an
 * administrator can read it and override it with KDUMP_COMMANDLINE_APPEND:
 *
 *	ip=<client-IP>::<gateway-IP>:<netmask>::<iface>:none	static
 *	ip=<iface>:dhcp						DHCP
 *	ifname=<iface>:<MAC>		the interface is the NIC with this MAC
 *	nameserver=<IP>			up to KD_NET_MAX_DNS times
 *	kdump.nfsvers=3|4		NFS version (default 4)
 *	kdump.sshport=<port>		ssh port (default 22)
 *
 * <netmask> is dotted (255.255.255.0) or a prefix length (24); the gateway
 * may be empty.  kdumpctl records these words in the image
 * (/etc/kdump/net.conf); the capture command line overrides them word by
 * word.  Other words are ignored. */
#ifndef KD_NETCONF_H
#define KD_NETCONF_H

#include <stddef.h>
#include <netinet/in.h>
#include "error.h"

#define KD_NET_MAX_DNS 3
#define KD_NET_CONF "/etc/kdump/net.conf"

struct kd_netconf {
	int configured;		/* an ip= was given */
	int dhcp;
	char ifname[16];	/* the name ip= uses */
	unsigned char mac[6];
	int has_mac;		/* ifname= named the NIC */
	struct in_addr addr;
	int prefix;		/* 0..32 */
	struct in_addr gateway;	/* 0.0.0.0: none */
	struct in_addr dns[KD_NET_MAX_DNS];
	int n_dns;
	int nfsvers;		/* 0: default */
	int sshport;		/* 0: default */
};

/* Apply the words of `text` (a command line) to nc, later words winning.
 * Returns 0, or -1 with the offending word in e. */
int kd_netconf_parse(struct kd_netconf *nc, const char *text,
		     struct kd_error *e);

/* The words for nc, in the format above; -1 when they do not fit. */
int kd_netconf_format(const struct kd_netconf *nc, char *out, size_t size);

/* "aa:bb:cc:dd:ee:ff" <-> bytes. */
int kd_mac_parse(const char *s, unsigned char mac[6]);
void kd_mac_format(const unsigned char mac[6], char out[18]);

#endif
