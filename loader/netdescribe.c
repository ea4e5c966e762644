/* netdescribe.c - the running system's network stack to a server (see
 * netdescribe.h). */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/socket.h>
#include "log.h"
#include "netdescribe.h"
#include "netlink.h"
#include "readfile.h"

/* Bond options recorded, and the modes they apply to (bits of the mode
 * numbers: 0 balance-rr, 1 active-backup, 2 balance-xor, 3 broadcast,
 * 4 802.3ad, 5 balance-tlb, 6 balance-alb); skip: the kernel's default,
 * not written. */
static const struct bond_option {
	const char *name;
	unsigned modes;
	const char *skip;
} bond_options[] = {
	{ "miimon", 0x7f, "0" },
	{ "updelay", 0x7f, "0" },
	{ "downdelay", 0x7f, "0" },
	{ "arp_interval", 0x0f, "0" },
	{ "arp_ip_target", 0x0f, "" },
	{ "arp_validate", 0x0f, "none" },
	{ "primary", 0x62, "" },
	{ "primary_reselect", 0x62, "always" },
	{ "fail_over_mac", 0x02, "none" },
	{ "xmit_hash_policy", 0x34, "layer2" },
	{ "lacp_rate", 0x10, "slow" },
	{ "ad_select", 0x10, "stable" },
	{ "min_links", 0x10, "0" },
	{ "packets_per_slave", 0x01, "1" },
	{ "tlb_dynamic_lb", 0x20, "1" },
	{ NULL, 0, NULL },
};

static void append_word(char *list, size_t size, const char *word)
{
	size_t used = strlen(list), len = strlen(word);
	const char *p;

	for (p = list; (p = strstr(p, word)); p += len)
		if ((p == list || p[-1] == ' ') && (!p[len] || p[len] == ' '))
			return;
	snprintf(list + used, size - used, "%s%s", used ? " " : "", word);
}

static void driver_of(const char *ifname, char *modules, size_t size)
{
	char path[160], link[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof path, "/sys/class/net/%s/device/driver/module",
		 ifname);
	n = readlink(path, link, sizeof link - 1);
	if (n <= 0) {
		kd_warn("%s has no driver module: if it needs one, add it to "
			"extra_modules", ifname);
		return;
	}
	link[n] = '\0';
	append_word(modules, size, strrchr(link, '/') ? strrchr(link, '/') + 1 :
		    link);
}

struct walk {
	struct kd_netconf *nc;
	char *modules;
	size_t size;
	struct kd_error *e;
};

static int info_of(const char *name, struct kd_linkinfo *li, struct kd_error *e)
{
	int index = (int)if_nametoindex(name);

	if (!index)
		return kd_fail(e, ENODEV, "no interface %s", name);
	return kd_nl_link_info(index, li, e);
}

static int is_nic(const char *name, const struct kd_linkinfo *li)
{
	char path[160];

	snprintf(path, sizeof path, "/sys/class/net/%s/device", name);
	return !li->kind[0] && access(path, F_OK) == 0;
}

/* A NIC, by its permanent MAC (a bond slave's is in bonding_slave/). */
static int add_nic(struct walk *w, const char *name, const struct kd_linkinfo *li)
{
	struct kd_netconf *nc = w->nc;
	struct kd_nic *nic;
	char mac[32];

	if (kd_netconf_nic(nc, name))
		return 0;	/* a VLAN's parent and a bridge port */
	if (nc->n_nics == KD_NET_MAX_NICS)
		return kd_fail(w->e, E2BIG, "more than %d NICs on the way to the "
			       "server", KD_NET_MAX_NICS);
	nic = &nc->nics[nc->n_nics];
	snprintf(nic->name, sizeof nic->name, "%s", name);
	if (!kd_net_attr(name, "bonding_slave/perm_hwaddr", mac, sizeof mac) &&
	    !kd_mac_parse(mac, nic->mac))
		;
	else if (li->has_perm_addr)
		memcpy(nic->mac, li->perm_addr, 6);
	else
		memcpy(nic->mac, li->addr, 6);
	nc->n_nics++;
	driver_of(name, w->modules, w->size);
	return 0;
}

static int refuse(struct walk *w, const char *name, const struct kd_linkinfo *li,
		  const char *where)
{
	if (!strcmp(li->kind, "team"))
		return kd_fail(w->e, ENOTSUP, "the dump target is reached through "
			       "team %s: a team is run by teamd, a userspace daemon "
			       "the capture kernel does not have; use a bond (the "
			       "kernel's bonding driver does the same)", name);
	return kd_fail(w->e, ENOTSUP, "the dump target is reached through %s %s%s: "
		       "not supported in the capture kernel (NICs, bonds, VLANs on "
		       "a NIC or a bond, and bridges of those are)",
		       li->kind[0] ? li->kind : "interface", name, where);
}

/* The bond's option=value list for its mode, from sysfs. */
static int bond_opts(struct walk *w, const char *bond)
{
	char *opts = w->nc->bond_opts, value[512], key[64], *v, *save = NULL;
	size_t size = sizeof w->nc->bond_opts, len;
	int mode, i;

	if (kd_net_attr(bond, "bonding/mode", value, sizeof value) ||
	    sscanf(value, "%63s %d", key, &mode) != 2 || mode < 0 || mode > 6)
		return kd_fail(w->e, EINVAL, "bond %s: cannot read its mode", bond);
	snprintf(opts, size, "mode=%s", key);
	for (i = 0; bond_options[i].name; i++) {
		snprintf(key, sizeof key, "bonding/%s", bond_options[i].name);
		if (!(bond_options[i].modes & (1u << mode)) ||
		    kd_net_attr(bond, key, value, sizeof value))
			continue;
		for (v = strtok_r(value, " ", &save); v; v = strtok_r(NULL, " ", &save)) {
			if (!strcmp(v, bond_options[i].skip))
				break;
			len = strlen(opts);
			snprintf(opts + len, size - len, ",%s=%s",
				 bond_options[i].name, v);
			/* "layer2 0", "fast 1": the name; arp_ip_target: all */
			if (strcmp(bond_options[i].name, "arp_ip_target"))
				break;
		}
	}
	if (strlen(opts) >= size - 1)
		return kd_fail(w->e, E2BIG, "bond %s: too many options", bond);
	if (!kd_net_attr(bond, "bonding/ns_ip6_target", value, sizeof value) &&
	    value[0] && strstr(opts, "arp_interval="))
		return kd_fail(w->e, ENOTSUP, "bond %s watches its links with IPv6 "
			       "neighbour solicitations (ns_ip6_target): not "
			       "supported in the capture kernel; use miimon or "
			       "arp_ip_target", bond);
	return 0;
}

static int add_bond(struct walk *w, const char *bond)
{
	struct kd_netconf *nc = w->nc;
	char slaves[512], *s, *save = NULL;
	struct kd_linkinfo li;

	if (nc->bond[0])
		return kd_fail(w->e, ENOTSUP, "two bonds on the way to the server "
			       "(%s, %s): the capture kernel sets up one", nc->bond,
			       bond);
	snprintf(nc->bond, sizeof nc->bond, "%s", bond);
	if (bond_opts(w, bond))
		return -1;
	if (kd_net_attr(bond, "bonding/slaves", slaves, sizeof slaves))
		slaves[0] = '\0';
	for (s = strtok_r(slaves, " ", &save); s; s = strtok_r(NULL, " ", &save)) {
		if (info_of(s, &li, w->e))
			return -1;
		if (!is_nic(s, &li))
			return refuse(w, s, &li, " in a bond");
		if (nc->n_slaves == KD_NET_MAX_NICS)
			return kd_fail(w->e, E2BIG, "bond %s: more than %d slaves",
				       bond, KD_NET_MAX_NICS);
		if (add_nic(w, s, &li))
			return -1;
		snprintf(nc->slaves[nc->n_slaves++], 16, "%s", s);
	}
	if (!nc->n_slaves)
		return kd_fail(w->e, ENODEV, "bond %s has no slaves", bond);
	append_word(w->modules, w->size, "bonding");
	return 0;
}

static int add_lower(struct walk *w, const char *name, int vlan_ok,
		     const char *where);

static int add_vlan(struct walk *w, const char *name, const struct kd_linkinfo *li)
{
	struct kd_netconf *nc = w->nc;
	char parent[IF_NAMESIZE];
	struct kd_linkinfo pl;

	if (li->vlan_proto && li->vlan_proto != 0x8100)
		return kd_fail(w->e, ENOTSUP, "VLAN %s is 802.1ad (QinQ): the "
			       "capture kernel sets up 802.1Q VLANs", name);
	if (!li->link || !if_indextoname((unsigned)li->link, parent))
		return kd_fail(w->e, ENODEV, "VLAN %s has no parent", name);
	if (info_of(parent, &pl, w->e))
		return -1;
	if (!strcmp(pl.kind, "bridge") || !strcmp(pl.kind, "vlan"))
		return kd_fail(w->e, ENOTSUP, "VLAN %s sits on %s %s: the capture "
			       "kernel sets up VLANs on a NIC or a bond only", name,
			       pl.kind, parent);
	nc->vlan_id = li->vlan_id;
	snprintf(nc->vlan_parent, sizeof nc->vlan_parent, "%s", parent);
	if (kd_vlan_id_of(name) == li->vlan_id)	/* the name says its id */
		snprintf(nc->vlan, sizeof nc->vlan, "%s", name);
	else if (strlen(parent) + 6 <= 15)
		snprintf(nc->vlan, sizeof nc->vlan, "%s.%d", parent, li->vlan_id);
	else
		snprintf(nc->vlan, sizeof nc->vlan, "vlan%d", li->vlan_id);
	append_word(w->modules, w->size, "8021q");
	return add_lower(w, parent, 0, " under a VLAN");
}

/* A bridge's ports that reach the network: NICs, a bond, a VLAN (the
 * ports of virtual machines and containers are left out). */
static int add_bridge(struct walk *w, const char *bridge)
{
	struct kd_netconf *nc = w->nc;
	struct kd_linkinfo li;
	struct dirent *de;
	char path[160];
	DIR *d;
	int ret = 0;

	snprintf(path, sizeof path, "/sys/class/net/%s/brif", bridge);
	if (!(d = opendir(path)))
		return kd_fail(w->e, errno, "bridge %s: %s: %s", bridge, path,
			       strerror(errno));
	snprintf(nc->bridge, sizeof nc->bridge, "%s", bridge);
	while (!ret && (de = readdir(d))) {
		if (de->d_name[0] == '.' || info_of(de->d_name, &li, w->e))
			continue;
		if (!is_nic(de->d_name, &li) && strcmp(li.kind, "bond") &&
		    strcmp(li.kind, "vlan"))
			continue;
		if (nc->n_ports == KD_NET_MAX_NICS)
			ret = kd_fail(w->e, E2BIG, "bridge %s: more than %d ports",
				      bridge, KD_NET_MAX_NICS);
		else if (!(ret = add_lower(w, de->d_name, 1, " in a bridge")))
			snprintf(nc->ports[nc->n_ports++], 16, "%s",
				 !strcmp(li.kind, "vlan") ? nc->vlan : de->d_name);
	}
	closedir(d);
	if (!ret && !nc->n_ports)
		ret = kd_fail(w->e, ENODEV, "bridge %s has no NIC, bond or VLAN "
			      "port", bridge);
	append_word(w->modules, w->size, "bridge");
	return ret;
}

/* What lies under the address or a VLAN or bridge: a NIC, a bond, a
 * VLAN (vlan_ok), nothing else. */
static int add_lower(struct walk *w, const char *name, int vlan_ok,
		     const char *where)
{
	struct kd_linkinfo li;

	if (info_of(name, &li, w->e))
		return -1;
	if (is_nic(name, &li))
		return add_nic(w, name, &li);
	if (!strcmp(li.kind, "bond"))
		return add_bond(w, name);
	if (vlan_ok && !strcmp(li.kind, "vlan") && !w->nc->vlan[0])
		return add_vlan(w, name, &li);
	return refuse(w, name, &li, where);
}

/* The stack under the address; the description's name for its top
 * interface into top. */
static int add_top(struct walk *w, const char *name, char top[16])
{
	struct kd_linkinfo li;

	snprintf(top, 16, "%s", name);
	if (info_of(name, &li, w->e))
		return -1;
	if (!strcmp(li.kind, "bridge"))
		return add_bridge(w, name);
	if (!strcmp(li.kind, "vlan")) {
		if (add_vlan(w, name, &li))
			return -1;
		snprintf(top, 16, "%s", w->nc->vlan);
		return 0;
	}
	return add_lower(w, name, 0, "");
}

/* ---- the address ---- */

/* "iface <ifname> inet dhcp" in text, however spaced. */
static int says_dhcp(const char *text, const char *ifname)
{
	const char *line = text;

	while (line && *line) {
		char w[4][32];

		if (sscanf(line, " %31s %31s %31s %31s", w[0], w[1], w[2], w[3]) == 4 &&
		    !strcmp(w[0], "iface") && !strcmp(w[1], ifname) &&
		    !strcmp(w[2], "inet") && !strcmp(w[3], "dhcp"))
			return 1;
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return 0;
}

/* ifupdown's /etc/network/interfaces or interfaces.d/ says DHCP. */
static int ifupdown_dhcp(const char *ifname)
{
	static const char dir[] = "/etc/network/interfaces.d";
	char *text = kd_read_file("/etc/network/interfaces", 1 << 20, NULL);
	char path[PATH_MAX];
	struct dirent *de;
	int yes = text && says_dhcp(text, ifname);
	DIR *d = yes ? NULL : opendir(dir);

	free(text);
	while (d && !yes && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		text = kd_read_file(path, 1 << 20, NULL);
		yes = text && says_dhcp(text, ifname);
		free(text);
	}
	if (d)
		closedir(d);
	return yes;
}

/* The nameservers of the running system that the capture kernel can use:
 * of its network's family, not a local stub resolver. */
static void nameservers(struct kd_netconf *nc, int family)
{
	static const char *const files[] = { "/run/systemd/resolve/resolv.conf",
					     "/etc/resolv.conf", NULL };
	char *text = NULL, *line, *save = NULL;
	int i;

	for (i = 0; files[i] && !text; i++)
		text = kd_read_file(files[i], 1 << 16, NULL);
	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save)) {
		char addr[64];
		struct kd_ip a;
		struct in6_addr loop6 = IN6ADDR_LOOPBACK_INIT;

		if (sscanf(line, "nameserver %63s", addr) != 1 || kd_ip_parse(addr, &a) ||
		    a.family != family ||
		    (a.family == AF_INET && (ntohl(a.u.v4.s_addr) >> 24) == 127) ||
		    (a.family == AF_INET6 && !memcmp(&a.u.v6, &loop6, 16)) ||
		    kd_ip_is_link_local(&a) || nc->n_dns == KD_NET_MAX_DNS)
			continue;
		nc->dns[nc->n_dns++] = a;
	}
	free(text);
}

enum kd_net_method kd_address_method(const struct kd_ifaddr *a,
				      int ifupdown_dhcp)
{
	if (a->addr.family == AF_INET)
		return a->dynamic || ifupdown_dhcp ? KD_NET_DHCP : KD_NET_STATIC;
	/* SLAAC: made from a router advertisement, or a /64-like prefix
	 * with a lifetime (kernels before IFA_PROTO); a DHCPv6 lease is a
	 * /128 with a lifetime */
	if (a->from_ra || (a->dynamic && a->prefix != 128))
		return KD_NET_AUTO6;
	return KD_NET_STATIC;
}

static int describe_address(struct kd_netconf *nc, const char *ifname,
			    const char *top, const struct kd_route *r,
			    struct kd_error *e)
{
	struct kd_ifaddr a;
	char text[KD_IP_STRLEN];

	kd_ip_format(&r->source, 0, text);
	if (kd_nl_addr_find((int)if_nametoindex(ifname), &r->source, &a, e))
		return kd_prefix(e, "%s: the address %s", ifname, text);
	snprintf(nc->ifname, sizeof nc->ifname, "%s", top);
	nc->configured = 1;
	nc->method = kd_address_method(&a, ifupdown_dhcp(ifname));
	if (nc->method == KD_NET_DHCP)
		return 0;	/* DHCP gives the name servers */
	nameservers(nc, r->source.family);
	if (nc->method == KD_NET_AUTO6)
		return 0;
	if (a.dynamic)
		kd_warn("%s: %s/%d is a DHCPv6 lease: the capture kernel has no "
			"DHCPv6 client and uses it as a static address", ifname,
			text, a.prefix);
	nc->addr = a.addr;
	nc->prefix = a.prefix;
	nc->gateway = r->gateway;
	return 0;
}

int kd_net_describe(const char *server, struct kd_netconf *nc, char *modules,
		    size_t size, struct kd_error *e)
{
	struct walk w = { nc, modules, size, e };
	struct kd_route r;
	struct kd_ip dst;
	char ifname[IF_NAMESIZE], top[16];

	memset(nc, 0, sizeof *nc);
	modules[0] = '\0';
	if (kd_ip_resolve(server, AF_UNSPEC, &dst, e))
		return -1;
	if (kd_nl_route_get(&dst, &r, e))
		return kd_prefix(e, "no route to %s", server);
	if (!if_indextoname((unsigned)r.ifindex, ifname))
		return kd_fail(e, errno, "interface %d: %s", r.ifindex,
			       strerror(errno));
	if (!strcmp(ifname, "lo"))
		return kd_fail(e, EINVAL, "%s is this machine: a dump cannot be "
			       "sent to the crashing system itself", server);
	if (!r.source.family)
		return kd_fail(e, EADDRNOTAVAIL, "%s: no source address to reach "
			       "%s", ifname, server);
	if (add_top(&w, ifname, top) || describe_address(nc, ifname, top, &r, e))
		return -1;
	return kd_netconf_check(nc, e) ? kd_prefix(e, "the network to %s", server) : 0;
}

/* The interface of this system with that MAC (its own or, for a bond
 * slave, its permanent one); 0 or -1. */
static int nic_by_mac(const unsigned char mac[6], char name[IF_NAMESIZE])
{
	DIR *d = opendir("/sys/class/net");
	struct dirent *de;
	unsigned char have[6];
	char text[32];
	int found = -1;

	while (d && found && (de = readdir(d))) {
		if (de->d_name[0] == '.' || strlen(de->d_name) >= IF_NAMESIZE)
			continue;
		if ((!kd_net_attr(de->d_name, "bonding_slave/perm_hwaddr", text,
				  sizeof text) ||
		     !kd_net_attr(de->d_name, "address", text, sizeof text)) &&
		    !kd_mac_parse(text, have) && !memcmp(have, mac, 6)) {
			snprintf(name, IF_NAMESIZE, "%s", de->d_name);
			found = 0;
		}
	}
	if (d)
		closedir(d);
	return found;
}

void kd_net_modules(const struct kd_netconf *nc, char *modules,
			  size_t size)
{
	char name[IF_NAMESIZE], mac[18];
	int i;

	for (i = 0; i < nc->n_nics; i++) {
		kd_mac_format(nc->nics[i].mac, mac);
		if (nic_by_mac(nc->nics[i].mac, name))
			kd_warn("no NIC here has the MAC %s (%s): if its driver is "
				"a module, add it to extra_modules", mac,
				nc->nics[i].name);
		else
			driver_of(name, modules, size);
	}
	if (nc->bond[0])
		append_word(modules, size, "bonding");
	if (nc->vlan[0])
		append_word(modules, size, "8021q");
	if (nc->bridge[0])
		append_word(modules, size, "bridge");
}
