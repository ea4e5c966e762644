/* netconf.c - the network words of a command line (see netconf.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kparam.h"
#include "netconf.h"
#include "number.h"

#define MAX_FIELDS 10

int kd_mac_parse(const char *s, unsigned char mac[6])
{
	unsigned int b[6];
	char end;
	int i;

	if (strlen(s) != 17 ||
	    sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3],
		   &b[4], &b[5], &end) != 6)
		return -1;
	for (i = 0; i < 6; i++) {
		if (s[i * 3 + 2] != ':' && i < 5)
			return -1;
		mac[i] = (unsigned char)b[i];
	}
	return 0;
}

void kd_mac_format(const unsigned char mac[6], char out[18])
{
	snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1],
		 mac[2], mac[3], mac[4], mac[5]);
}

/* Split s in place at every ':'; returns the number of fields. */
static int split_colons(char *s, char **field, int max)
{
	int n = 0;

	field[n++] = s;
	for (; *s; s++)
		if (*s == ':') {
			if (n == max)
				return -1;
			*s = '\0';
			field[n++] = s + 1;
		}
	return n;
}

static int valid_ifname(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < 16 && !strpbrk(s, "/: \t");
}

/* 255.255.255.0 or 24 -> 24; -1 when neither. */
static int parse_prefix(const char *s)
{
	struct in_addr a;
	unsigned long m;
	char *end;
	int bits = 0;

	if (strchr(s, '.')) {
		if (inet_pton(AF_INET, s, &a) != 1)
			return -1;
		m = ntohl(a.s_addr);
		while (m & 0x80000000ul) {
			bits++;
			m = (m << 1) & 0xfffffffful;
		}
		return m ? -1 : bits;
	}
	errno = 0;
	m = strtoul(s, &end, 10);
	if (!*s || *end || errno || m > 32)
		return -1;
	return (int)m;
}

/* Another interface than the one ifname= named forgets its MAC. */
static void set_ifname(struct kd_netconf *nc, const char *name)
{
	if (strcmp(nc->ifname, name))
		nc->has_mac = 0;
	strcpy(nc->ifname, name);
}

static int parse_ip(struct kd_netconf *nc, char *v, struct kd_error *e)
{
	char *f[MAX_FIELDS];
	int n = split_colons(v, f, MAX_FIELDS);

	if (n == 1 && !strcmp(f[0], "dhcp")) {	/* the interface ifname= names */
		nc->configured = nc->dhcp = 1;
		return 0;
	}
	if (n == 2 && !strcmp(f[1], "dhcp") && valid_ifname(f[0])) {
		set_ifname(nc, f[0]);
		nc->configured = nc->dhcp = 1;
		return 0;
	}
	if (n < 7 || (strcmp(f[6], "none") && strcmp(f[6], "off")))
		return kd_fail(e, EINVAL, "only ip=<iface>:dhcp and "
			       "ip=<ip>::<gw>:<mask>::<iface>:none are supported");
	if (inet_pton(AF_INET, f[0], &nc->addr) != 1)
		return kd_fail(e, EINVAL, "\"%s\" is not an IPv4 address", f[0]);
	nc->gateway.s_addr = 0;
	if (*f[2] && inet_pton(AF_INET, f[2], &nc->gateway) != 1)
		return kd_fail(e, EINVAL, "gateway \"%s\" is not an IPv4 address",
			       f[2]);
	nc->prefix = parse_prefix(f[3]);
	if (nc->prefix < 0)
		return kd_fail(e, EINVAL, "\"%s\" is not a netmask", f[3]);
	if (!valid_ifname(f[5]))
		return kd_fail(e, EINVAL, "\"%s\" is not an interface name", f[5]);
	set_ifname(nc, f[5]);
	nc->configured = 1;
	nc->dhcp = 0;
	return 0;
}

static int parse_ifname(struct kd_netconf *nc, char *v, struct kd_error *e)
{
	char *colon = strchr(v, ':');

	if (!colon)
		return kd_fail(e, EINVAL, "ifname= needs <iface>:<MAC>");
	*colon = '\0';
	if (!valid_ifname(v) || kd_mac_parse(colon + 1, nc->mac))
		return kd_fail(e, EINVAL, "ifname= needs <iface>:<MAC>");
	if (nc->ifname[0] && strcmp(nc->ifname, v))
		return kd_fail(e, EINVAL, "ifname=%s does not name the ip= "
			       "interface %s", v, nc->ifname);
	strcpy(nc->ifname, v);
	nc->has_mac = 1;
	return 0;
}

static int parse_word(struct kd_netconf *nc, const char *name, char *v,
		      struct kd_error *e)
{
	if (!strcmp(name, "ip"))
		return parse_ip(nc, v, e);
	if (!strcmp(name, "ifname"))
		return parse_ifname(nc, v, e);
	if (!strcmp(name, "nameserver")) {
		if (nc->n_dns == KD_NET_MAX_DNS)
			return kd_fail(e, EINVAL, "more than %d nameservers",
				       KD_NET_MAX_DNS);
		if (inet_pton(AF_INET, v, &nc->dns[nc->n_dns]) != 1)
			return kd_fail(e, EINVAL, "\"%s\" is not an IPv4 address", v);
		nc->n_dns++;
		return 0;
	}
	if (!strcmp(name, "kdump.nfsvers")) {
		if (strcmp(v, "3") && strcmp(v, "4"))
			return kd_fail(e, EINVAL, "NFS version must be 3 or 4");
		nc->nfsvers = v[0] - '0';
		return 0;
	}
	if (!strcmp(name, "kdump.sshport")) {
		if (kd_parse_int(v, 1, 65535, &nc->sshport))
			return kd_fail(e, EINVAL, "\"%s\" is not a port", v);
		return 0;
	}
	return 0;
}

int kd_netconf_parse(struct kd_netconf *nc, const char *text,
		     struct kd_error *e)
{
	struct kd_kparam w;
	const char *p = text;
	char name[32], value[256];
	int dns_reset = 0;

	while (kd_kparam_next(&p, &w)) {
		size_t vlen;

		if (w.name_len >= sizeof name || w.name_len == w.len)
			continue;
		memcpy(name, w.s, w.name_len);
		name[w.name_len] = '\0';
		vlen = w.len - w.name_len - 1;
		if (vlen >= sizeof value)
			return kd_fail(e, EINVAL, "%s= is too long", name);
		memcpy(value, w.s + w.name_len + 1, vlen);
		value[vlen] = '\0';
		/* nameservers given again replace the earlier list */
		if (!strcmp(name, "nameserver") && !dns_reset) {
			nc->n_dns = 0;
			dns_reset = 1;
		}
		if (parse_word(nc, name, value, e)) {
			char why[sizeof e->msg];

			snprintf(why, sizeof why, "%s", e->msg);
			return kd_fail(e, EINVAL, "%s=%s: %s", name, value, why);
		}
	}
	return 0;
}

static int add(char *out, size_t size, size_t *len, const char *fmt,
	       const char *a, const char *b, const char *c)
{
	int n = snprintf(out + *len, size - *len, fmt, a, b, c);

	if (n < 0 || (size_t)n >= size - *len)
		return -1;
	*len += (size_t)n;
	return 0;
}

int kd_netconf_format(const struct kd_netconf *nc, char *out, size_t size)
{
	char a[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN] = "", mac[18], num[16];
	size_t len = 0;
	int i;

	if (size)
		out[0] = '\0';
	if (nc->dhcp) {
		if (add(out, size, &len, "ip=%s%s%s", nc->ifname,
			nc->ifname[0] ? ":dhcp" : "dhcp", ""))
			return -1;
	} else if (nc->configured) {
		inet_ntop(AF_INET, &nc->addr, a, sizeof a);
		if (nc->gateway.s_addr)
			inet_ntop(AF_INET, &nc->gateway, g, sizeof g);
		snprintf(num, sizeof num, "%d", nc->prefix);
		if (add(out, size, &len, "ip=%s::%s:%s", a, g, num) ||
		    add(out, size, &len, "::%s:none", nc->ifname, "", ""))
			return -1;
	}
	if (nc->has_mac) {
		kd_mac_format(nc->mac, mac);
		if (add(out, size, &len, " ifname=%s:%s", nc->ifname, mac, ""))
			return -1;
	}
	for (i = 0; i < nc->n_dns; i++) {
		inet_ntop(AF_INET, &nc->dns[i], a, sizeof a);
		if (add(out, size, &len, " nameserver=%s", a, "", ""))
			return -1;
	}
	if (nc->nfsvers) {
		snprintf(num, sizeof num, "%d", nc->nfsvers);
		if (add(out, size, &len, " kdump.nfsvers=%s", num, "", ""))
			return -1;
	}
	if (nc->sshport) {
		snprintf(num, sizeof num, "%d", nc->sshport);
		if (add(out, size, &len, " kdump.sshport=%s", num, "", ""))
			return -1;
	}
	if (len && out[0] == ' ')
		memmove(out, out + 1, len);
	return 0;
}
