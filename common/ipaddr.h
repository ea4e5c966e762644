/* ipaddr.h - an IPv4 or IPv6 address, as the network words write it:
 * 192.0.2.1, fd00::1 or, where a word has colons of its own, [fd00::1]. */
#ifndef KD_IPADDR_H
#define KD_IPADDR_H

#include <stddef.h>
#include <netinet/in.h>
#include "error.h"

struct kd_ip {
	int family;		/* 0 (none), AF_INET or AF_INET6 */
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} u;
};

#define KD_IP_STRLEN (INET6_ADDRSTRLEN + 2)

/* Parse s, with or without brackets (brackets only around IPv6); 0 or -1. */
int kd_ip_parse(const char *s, struct kd_ip *out);

/* The address; bracketed: IPv6 in brackets.  "" for none. */
void kd_ip_format(const struct kd_ip *ip, int bracketed, char out[KD_IP_STRLEN]);

/* The bytes of the address (4 or 16) and their count. */
const void *kd_ip_bytes(const struct kd_ip *ip, int *len);

/* Resolve host (a name or an address) to its first address of family
 * (AF_INET, AF_INET6, or AF_UNSPEC: the system's preference); 0, or -1
 * with e saying why. */
int kd_ip_resolve(const char *host, int family, struct kd_ip *out,
		  struct kd_error *e);

/* An IPv6 link-local address (fe80::/10). */
int kd_ip_is_link_local(const struct kd_ip *ip);

#endif
