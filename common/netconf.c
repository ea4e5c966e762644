/* netconf.c - the network words of a command line (see netconf.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
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

/* Split s in place at every ':' outside brackets; the number of fields. */
static int split_colons(char *s, char **field, int max)
{
	int n = 0, depth = 0;

	field[n++] = s;
	for (; *s; s++) {
		if (*s == '[')
			depth++;
		else if (*s == ']')
			depth--;
		else if (*s == ':' && !depth) {
			if (n == max)
				return -1;
			*s = '\0';
			field[n++] = s + 1;
		}
	}
	return n;
}

static int valid_ifname(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && n < 16 && !strpbrk(s, "/:, \t[]=");
}

/* 255.255.255.0 or 24 -> 24 (up to 128 for IPv6); -1 when neither. */
static int parse_prefix(const char *s, int family)
{
	struct in_addr a;
	unsigned long m;
	int bits = 0;

	if (strchr(s, '.')) {
		if (family != AF_INET || inet_pton(AF_INET, s, &a) != 1)
			return -1;
		m = ntohl(a.s_addr);
		while (m & 0x80000000ul) {
			bits++;
			m = (m << 1) & 0xfffffffful;
		}
		return m ? -1 : bits;
	}
	return kd_parse_int(s, 0, family == AF_INET6 ? 128 : 32, &bits) ? -1 :
	       bits;
}

/* An ip= for another interface than before starts a new description. */
static void set_ifname(struct kd_netconf *nc, const char *name)
{
	if (nc->ifname[0] && strcmp(nc->ifname, name)) {
		nc->n_nics = nc->n_slaves = nc->n_ports = 0;
		nc->bond[0] = nc->vlan[0] = nc->bridge[0] = '\0';
	}
	snprintf(nc->ifname, sizeof nc->ifname, "%s", name);
}

static int parse_method(struct kd_netconf *nc, const char *m,
			struct kd_error *e)
{
	if (!strcmp(m, "dhcp"))
		nc->method = KD_NET_DHCP;
	else if (!strcmp(m, "auto6"))
		nc->method = KD_NET_AUTO6;
	else if (!strcmp(m, "dhcp6"))
		return kd_fail(e, ENOTSUP, "DHCPv6 is not supported in the capture "
			       "kernel (no DHCPv6 client): give the address");
	else
		return kd_fail(e, EINVAL, "only dhcp and auto6 are supported");
	nc->configured = 1;
	return 0;
}

static int parse_static(struct kd_netconf *nc, char **f, struct kd_error *e)
{
	if (kd_ip_parse(f[0], &nc->addr) ||
	    (nc->addr.family == AF_INET6) != (f[0][0] == '['))
		return kd_fail(e, EINVAL, "\"%s\" is not an IPv4 address or an "
			       "IPv6 address in brackets", f[0]);
	memset(&nc->gateway, 0, sizeof nc->gateway);
	if (*f[2] && (kd_ip_parse(f[2], &nc->gateway) ||
		      nc->gateway.family != nc->addr.family ||
		      (nc->gateway.family == AF_INET6) != (f[2][0] == '[')))
		return kd_fail(e, EINVAL, "gateway \"%s\" is not an address of "
			       "the same family", f[2]);
	nc->prefix = parse_prefix(f[3], nc->addr.family);
	if (nc->prefix < 0)
		return kd_fail(e, EINVAL, "\"%s\" is not a netmask", f[3]);
	if (!valid_ifname(f[5]))
		return kd_fail(e, EINVAL, "\"%s\" is not an interface name", f[5]);
	set_ifname(nc, f[5]);
	nc->configured = 1;
	nc->method = KD_NET_STATIC;
	return 0;
}

static int parse_ip(struct kd_netconf *nc, char *v, struct kd_error *e)
{
	char *f[MAX_FIELDS];
	int n = split_colons(v, f, MAX_FIELDS);

	if (n == 1 && (!strcmp(f[0], "dhcp") || !strcmp(f[0], "auto6"))) {
		nc->ifname[0] = '\0';	/* any NIC, or the one ifname= names */
		return parse_method(nc, f[0], e);
	}
	if (n == 2 && valid_ifname(f[0])) {
		if (parse_method(nc, f[1], e))
			return -1;
		set_ifname(nc, f[0]);
		return 0;
	}
	if (n < 7 || (strcmp(f[6], "none") && strcmp(f[6], "off")))
		return kd_fail(e, EINVAL, "only ip=<iface>:dhcp|auto6 and "
			       "ip=<ip>::<gw>:<mask>::<iface>:none are supported");
	return parse_static(nc, f, e);
}

const struct kd_nic *kd_netconf_nic(const struct kd_netconf *nc,
				    const char *name)
{
	int i;

	for (i = 0; i < nc->n_nics; i++)
		if (!strcmp(nc->nics[i].name, name))
			return &nc->nics[i];
	return NULL;
}

static int parse_ifname(struct kd_netconf *nc, char *v, struct kd_error *e)
{
	char *colon = strchr(v, ':');
	struct kd_nic nic;
	int i, j;

	if (!colon)
		return kd_fail(e, EINVAL, "ifname= needs <iface>:<MAC>");
	*colon = '\0';
	if (!valid_ifname(v) || kd_mac_parse(colon + 1, nic.mac))
		return kd_fail(e, EINVAL, "ifname= needs <iface>:<MAC>");
	snprintf(nic.name, sizeof nic.name, "%s", v);
	for (i = 0; i < nc->n_nics; i++)
		if (!strcmp(nc->nics[i].name, v) ||
		    !memcmp(nc->nics[i].mac, nic.mac, 6))
			break;
	for (j = i + 1; j < nc->n_nics; j++)
		if (!strcmp(nc->nics[j].name, v) ||
		    !memcmp(nc->nics[j].mac, nic.mac, 6))
			return kd_fail(e, EINVAL, "the name and the MAC belong to "
				       "two other ifname= words");
	if (i == KD_NET_MAX_NICS)
		return kd_fail(e, EINVAL, "more than %d NICs", KD_NET_MAX_NICS);
	nc->nics[i] = nic;	/* a NIC named again: the later word wins */
	if (i == nc->n_nics)
		nc->n_nics++;
	return 0;
}

/* "a,b,c" into names; their count or -1. */
static int parse_names(char *s, char names[][16], int max)
{
	char *save = NULL, *w;
	int n = 0;

	if (!*s || s[strlen(s) - 1] == ',' || strstr(s, ",,"))
		return -1;
	for (w = strtok_r(s, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (n == max || !valid_ifname(w))
			return -1;
		snprintf(names[n++], 16, "%s", w);
	}
	return n;
}

/* option=value,...: names [a-z0-9_], values [A-Za-z0-9._+-]. */
static int valid_bond_opts(const char *s)
{
	const char *opt = s;

	while (*opt) {
		size_t key = strspn(opt, "abcdefghijklmnopqrstuvwxyz0123456789_");
		size_t val;

		if (!key || opt[key] != '=')
			return 0;
		val = strspn(opt + key + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			     "abcdefghijklmnopqrstuvwxyz0123456789._+-");
		if (!val)
			return 0;
		opt += key + 1 + val;
		if (*opt == ',' && opt[1])
			opt++;
		else if (*opt)
			return 0;
	}
	return 1;
}

static int parse_bond(struct kd_netconf *nc, char *v, struct kd_error *e)
{
	char *f[4];
	int n = split_colons(v, f, 4);

	if (n < 2 || n > 3 || !valid_ifname(f[0]))
		return kd_fail(e, EINVAL, "bond= needs <bond>:<slave>,...[:<options>]");
	nc->n_slaves = parse_names(f[1], nc->slaves, KD_NET_MAX_NICS);
	if (nc->n_slaves < 1)
		return kd_fail(e, EINVAL, "bond= needs 1 to %d slaves, by name",
			       KD_NET_MAX_NICS);
	if (n == 3 && (strlen(f[2]) >= sizeof nc->bond_opts ||
		       !valid_bond_opts(f[2])))
		return kd_fail(e, EINVAL, "bond options are option=value,...");
	snprintf(nc->bond, sizeof nc->bond, "%s", f[0]);
	snprintf(nc->bond_opts, sizeof nc->bond_opts, "%s", n == 3 ? f[2] : "");
	return 0;
}

int kd_vlan_id_of(const char *name)
{
	const char *dot = strrchr(name, '.'), *digits;
	int id;

	digits = dot ? dot + 1 : !strncmp(name, "vlan", 4) ? name + 4 : NULL;
	if (!digits || (dot && dot == name) ||
	    strspn(digits, "0123456789") != strlen(digits) ||
	    kd_parse_int(digits, 1, 4094, &id))
		return -1;
	return id;
}

static int parse_vlan(struct kd_netconf *nc, char *v, struct kd_error *e)
{
	char *f[3];
	int n = split_colons(v, f, 3);

	if (n != 2 || !valid_ifname(f[0]) || !valid_ifname(f[1]))
		return kd_fail(e, EINVAL, "vlan= needs <vlan>:<parent>");
	nc->vlan_id = kd_vlan_id_of(f[0]);
	if (nc->vlan_id < 0)
		return kd_fail(e, EINVAL, "the VLAN id is not in the name (write "
			       "<parent>.<id> or vlan<id>, id 1 to 4094)");
	snprintf(nc->vlan, sizeof nc->vlan, "%s", f[0]);
	snprintf(nc->vlan_parent, sizeof nc->vlan_parent, "%s", f[1]);
	return 0;
}

static int parse_bridge(struct kd_netconf *nc, char *v, struct kd_error *e)
{
	char *f[3];
	int n = split_colons(v, f, 3);

	if (n != 2 || !valid_ifname(f[0]))
		return kd_fail(e, EINVAL, "bridge= needs <bridge>:<port>,...");
	nc->n_ports = parse_names(f[1], nc->ports, KD_NET_MAX_NICS);
	if (nc->n_ports < 1)
		return kd_fail(e, EINVAL, "bridge= needs 1 to %d ports, by name",
			       KD_NET_MAX_NICS);
	snprintf(nc->bridge, sizeof nc->bridge, "%s", f[0]);
	return 0;
}

static int parse_nameserver(struct kd_netconf *nc, const char *v,
			    struct kd_error *e)
{
	if (nc->n_dns == KD_NET_MAX_DNS)
		return kd_fail(e, EINVAL, "more than %d nameservers",
			       KD_NET_MAX_DNS);
	if (kd_ip_parse(v, &nc->dns[nc->n_dns]))
		return kd_fail(e, EINVAL, "\"%s\" is not an IP address", v);
	nc->n_dns++;
	return 0;
}

static int parse_word(struct kd_netconf *nc, const char *name, char *v,
		      struct kd_error *e)
{
	if (!strcmp(name, "ip"))
		return parse_ip(nc, v, e);
	if (!strcmp(name, "ifname"))
		return parse_ifname(nc, v, e);
	if (!strcmp(name, "bond"))
		return parse_bond(nc, v, e);
	if (!strcmp(name, "vlan"))
		return parse_vlan(nc, v, e);
	if (!strcmp(name, "bridge"))
		return parse_bridge(nc, v, e);
	if (!strcmp(name, "nameserver"))
		return parse_nameserver(nc, v, e);
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

static int parse_words(struct kd_netconf *nc, const char *text,
		       struct kd_error *e)
{
	struct kd_kparam w;
	const char *p = text;
	char name[32], value[512];
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
			return kd_fail(e, EINVAL, "%s=%.*s: %s", name,
				       (int)vlen, w.s + w.name_len + 1, why);
		}
	}
	return 0;
}

int kd_netconf_parse(struct kd_netconf *nc, const char *text,
		     struct kd_error *e)
{
	/* all the words or none: a bad word leaves nc as it was */
	struct kd_netconf work = *nc;

	if (parse_words(&work, text, e))
		return -1;
	*nc = work;
	return 0;
}

/* ---- the description as a whole ---- */

static int in_list(const char *name, char list[][16], int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!strcmp(list[i], name))
			return 1;
	return 0;
}

/* How many times the description uses `name` below the address. */
static int uses(const struct kd_netconf *nc, const char *name)
{
	char (*slaves)[16] = (char (*)[16])nc->slaves;
	char (*ports)[16] = (char (*)[16])nc->ports;

	return in_list(name, slaves, nc->n_slaves) +
	       (nc->vlan[0] && !strcmp(nc->vlan_parent, name)) +
	       in_list(name, ports, nc->n_ports);
}

static int check_lower(const struct kd_netconf *nc, const char *what,
		       const char *name, int nic_or_bond_only,
		       struct kd_error *e)
{
	if (kd_netconf_nic(nc, name) || (nc->bond[0] && !strcmp(name, nc->bond)))
		return 0;
	if (!nic_or_bond_only && nc->vlan[0] && !strcmp(name, nc->vlan))
		return 0;
	return kd_fail(e, EINVAL, "%s %s is not a NIC (ifname=)%s", what, name,
		       nic_or_bond_only ? " or the bond" :
		       ", the bond or the VLAN");
}

static int check_stack(const struct kd_netconf *nc, struct kd_error *e)
{
	int i;

	for (i = 0; i < nc->n_slaves; i++)
		if (!kd_netconf_nic(nc, nc->slaves[i]))
			return kd_fail(e, EINVAL, "bond slave %s is not a NIC "
				       "(ifname=)", nc->slaves[i]);
		else if (uses(nc, nc->slaves[i]) != 1)
			return kd_fail(e, EINVAL, "bond slave %s is used twice",
				       nc->slaves[i]);
	if (nc->vlan[0] && check_lower(nc, "the VLAN's parent", nc->vlan_parent,
				       1, e))
		return -1;
	for (i = 0; i < nc->n_ports; i++)
		if (check_lower(nc, "bridge port", nc->ports[i], 0, e))
			return -1;
	return 0;
}

/* Every NIC, the bond and the VLAN carry something. */
static int check_used(const struct kd_netconf *nc, struct kd_error *e)
{
	const char *names[KD_NET_MAX_NICS + 2];
	int n = 0, i;

	for (i = 0; i < nc->n_nics; i++)
		names[n++] = nc->nics[i].name;
	if (nc->bond[0])
		names[n++] = nc->bond;
	if (nc->vlan[0])
		names[n++] = nc->vlan;
	for (i = 0; i < n; i++) {
		int on_ip = nc->configured && !strcmp(nc->ifname, names[i]);
		int ported = nc->bridge[0] &&
			     in_list(names[i], (char (*)[16])nc->ports, nc->n_ports);

		if (!on_ip && !uses(nc, names[i]))
			return kd_fail(e, EINVAL, "%s is not used by ip=, bond=, "
				       "vlan= or bridge=", names[i]);
		if (on_ip && ported)
			return kd_fail(e, EINVAL, "%s is a bridge port: the "
				       "address belongs on the bridge", names[i]);
	}
	return 0;
}

int kd_netconf_check(const struct kd_netconf *nc, struct kd_error *e)
{
	const char *top = nc->ifname;

	if (check_stack(nc, e))
		return -1;
	if (nc->configured && top[0] && (nc->n_nics || nc->bond[0]) &&
	    !kd_netconf_nic(nc, top) && strcmp(top, nc->bond) &&
	    strcmp(top, nc->vlan) && strcmp(top, nc->bridge))
		return kd_fail(e, EINVAL, "ip= interface %s is not a NIC "
			       "(ifname=), the bond, the VLAN or the bridge", top);
	if (nc->configured && !top[0] && (nc->n_nics > 1 || nc->bond[0]))
		return kd_fail(e, EINVAL, "ip= names no interface");
	if (check_used(nc, e))
		return -1;
	if (nc->bridge[0] && (!nc->configured || strcmp(top, nc->bridge)))
		return kd_fail(e, EINVAL, "bridge %s carries no address (ip=)",
			       nc->bridge);
	return 0;
}
