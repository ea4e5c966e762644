/* netstack.c - NICs, bond, VLAN, bridge in the capture kernel (see
 * netstack.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <net/if.h>
#include "clock.h"
#include "log.h"
#include "netlink.h"
#include "netstack.h"
#include "writefile.h"

/* The kernel names of the description's NICs ("" when not found). */
struct found {
	char name[KD_NET_MAX_NICS][IF_NAMESIZE];
	int n;
};

/* The interface with this MAC (NULL: the first NIC, a device with a
 * driver), now; -1 when none. */
static int find_nic(const unsigned char *mac, char *name, size_t size)
{
	DIR *d = opendir("/sys/class/net");
	struct dirent *de;
	char want[18], have[32], path[300];
	int found = -1;

	if (!d)
		return -1;
	if (mac)
		kd_mac_format(mac, want);
	while (found && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "/sys/class/net/%s/device", de->d_name);
		if (access(path, F_OK))
			continue;	/* not a NIC (a bond takes a slave's MAC) */
		if (!mac || (!kd_net_attr(de->d_name, "address", have, sizeof have) &&
			     !strcasecmp(have, want))) {
			snprintf(name, size, "%s", de->d_name);
			found = 0;
		}
	}
	closedir(d);
	return found;
}

static int find_all(const struct kd_netconf *nc, struct found *f)
{
	int i;

	f->n = 0;
	for (i = 0; i < nc->n_nics; i++)
		if (!f->name[i][0] &&
		    find_nic(nc->nics[i].mac, f->name[i], sizeof f->name[i]) == 0)
			kd_info("NIC %s is %s", nc->nics[i].name, f->name[i]);
	for (i = 0; i < nc->n_nics; i++)
		f->n += f->name[i][0] != '\0';
	return f->n;
}

/* Whether every NIC that did not appear is a bond slave, and the bond
 * has at least one: the bond can go on without them. */
static int only_slaves_missing(const struct kd_netconf *nc,
			       const struct found *f)
{
	int i, j, slaves = 0;

	for (i = 0; i < nc->n_nics; i++) {
		int slave = 0;

		for (j = 0; j < nc->n_slaves; j++)
			slave |= !strcmp(nc->slaves[j], nc->nics[i].name);
		if (!f->name[i][0] && !slave)
			return 0;
		slaves += slave && f->name[i][0];
	}
	return slaves > 0;
}

/* Wait for every NIC; 0 when all came, 1 when only some bond slaves did
 * not, -1 otherwise. */
static int wait_nics(const struct kd_netconf *nc, int timeout, struct found *f,
		     struct kd_error *e)
{
	double end = kd_clock_seconds() + timeout;
	char what[64];

	memset(f, 0, sizeof *f);
	if (nc->n_nics == 1) {
		kd_mac_format(nc->nics[0].mac, what);
		kd_info("waiting for network interface %s (up to %d s)", what,
			timeout);
	} else {
		snprintf(what, sizeof what, "of %d", nc->n_nics);
		kd_info("waiting for %d network interfaces (up to %d s)",
			nc->n_nics, timeout);
	}
	while (find_all(nc, f) < nc->n_nics) {
		if (kd_clock_seconds() >= end)
			break;
		usleep(100000);
	}
	if (f->n == nc->n_nics)
		return 0;
	if (only_slaves_missing(nc, f))
		return 1;
	if (nc->n_nics == 1)
		return kd_fail(e, ENODEV, "network interface %s did not appear in "
			       "%d s", what, timeout);
	return kd_fail(e, ENODEV, "%d %s %d network interfaces did not appear in "
		       "%d s", nc->n_nics - f->n, what, nc->n_nics, timeout);
}

/* The kernel name of a description name: a NIC's, or a device we made. */
static const char *kernel_name(const struct kd_netconf *nc,
			       const struct found *f, const char *name)
{
	int i;

	for (i = 0; i < nc->n_nics; i++)
		if (!strcmp(nc->nics[i].name, name))
			return f->name[i][0] ? f->name[i] : NULL;
	return name;
}

static int index_of(const char *name, struct kd_error *e)
{
	int i = name ? (int)if_nametoindex(name) : 0;

	if (!i)
		kd_fail(e, ENODEV, "no interface %s", name ? name : "(missing)");
	return i;
}

static const char *kernel_name(const struct kd_netconf *nc,
			       const struct found *f, const char *name);

/* Each option=value into /sys/class/net/<bond>/bonding/<option>: the
 * mode first (it can change only while the bond has no slave); primary
 * names a NIC, by its kernel name here. */
static int bond_options(const struct kd_netconf *nc, const struct found *f,
			struct kd_error *e)
{
	const char *bond = nc->bond, *opts = nc->bond_opts;
	char copy[256], *save = NULL, *o, path[300], value[128];
	int pass;

	for (pass = 0; pass < 2; pass++) {
		snprintf(copy, sizeof copy, "%s", opts);
		for (o = strtok_r(copy, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(o, '=');

			if (!eq || (pass == 0) != !strncmp(o, "mode=", 5))
				continue;
			*eq = '\0';
			snprintf(path, sizeof path, "/sys/class/net/%s/bonding/%s",
				 bond, o);
			if (!strcmp(o, "primary") && kernel_name(nc, f, eq + 1))
				snprintf(value, sizeof value, "%s",
					 kernel_name(nc, f, eq + 1));
			else
				snprintf(value, sizeof value, "%s%s",
					 strcmp(o, "arp_ip_target") ? "" : "+",
					 eq + 1);
			if (kd_write_kernel_file(path, value, e))
				return kd_prefix(e, "bond %s option %s=%s", bond, o,
						 eq + 1);
		}
	}
	return 0;
}

static int is_empty_bond(const char *name)
{
	char slaves[64];

	return !kd_net_attr(name, "bonding/slaves", slaves, sizeof slaves) &&
	       !slaves[0];
}

static int make_bond(const struct kd_netconf *nc, const struct found *f,
		     struct kd_error *e)
{
	int bond, i, slaves = 0;

	kd_info("bond %s: %s", nc->bond, nc->bond_opts[0] ? nc->bond_opts :
		"default options");
	/* the bonding module makes bond0 when it loads: take that one */
	if (!(is_empty_bond(nc->bond) ||
	      !kd_nl_link_create("bond", nc->bond, 0, 0, e)) ||
	    bond_options(nc, f, e) ||
	    !(bond = index_of(nc->bond, e)))
		return -1;
	for (i = 0; i < nc->n_slaves; i++) {
		const char *k = kernel_name(nc, f, nc->slaves[i]);
		int slave = k ? (int)if_nametoindex(k) : 0;

		if (!slave) {
			kd_warn("bond %s: slave %s is missing, going on without it",
				nc->bond, nc->slaves[i]);
			continue;
		}
		if (kd_nl_link_master(slave, bond, e))
			return kd_prefix(e, "bond %s: slave %s", nc->bond, k);
		slaves++;
	}
	if (!slaves)
		return kd_fail(e, ENODEV, "bond %s has no slave", nc->bond);
	return kd_nl_link_up(bond, e);
}

static int make_vlan(const struct kd_netconf *nc, const struct found *f,
		     struct kd_error *e)
{
	int parent = index_of(kernel_name(nc, f, nc->vlan_parent), e), vlan;

	kd_info("VLAN %s: id %d on %s", nc->vlan, nc->vlan_id, nc->vlan_parent);
	if (!parent || kd_nl_link_up(parent, e) ||
	    kd_nl_link_create("vlan", nc->vlan, parent, nc->vlan_id, e) ||
	    !(vlan = index_of(nc->vlan, e)) || kd_nl_link_up(vlan, e))
		return kd_prefix(e, "VLAN %s on %s", nc->vlan, nc->vlan_parent);
	return 0;
}

static int make_bridge(const struct kd_netconf *nc, const struct found *f,
		       struct kd_error *e)
{
	int bridge, i, port;

	kd_info("bridge %s", nc->bridge);
	if (kd_nl_link_create("bridge", nc->bridge, 0, 0, e) ||
	    !(bridge = index_of(nc->bridge, e)))
		return kd_prefix(e, "bridge %s", nc->bridge);
	for (i = 0; i < nc->n_ports; i++) {
		port = index_of(kernel_name(nc, f, nc->ports[i]), e);
		if (!port || kd_nl_link_master(port, bridge, e) ||
		    kd_nl_link_up(port, e))
			return kd_prefix(e, "bridge %s: port %s", nc->bridge,
					 nc->ports[i]);
	}
	return kd_nl_link_up(bridge, e);
}

int kd_netstack_up(const struct kd_netconf *nc, int timeout, char *top,
		   size_t size, struct kd_error *e)
{
	struct found f;
	const char *k;

	if (!nc->n_nics) {	/* a kernel name, or any NIC */
		double end = kd_clock_seconds() + timeout;

		kd_info("waiting for network interface %s (up to %d s)",
			nc->ifname[0] ? nc->ifname : "(any)", timeout);
		while (nc->ifname[0] ? !if_nametoindex(nc->ifname) :
		       find_nic(NULL, top, size)) {
			if (kd_clock_seconds() >= end)
				return kd_fail(e, ENODEV, "network interface %s did "
					       "not appear in %d s", nc->ifname[0] ?
					       nc->ifname : "(any)", timeout);
			usleep(100000);
		}
		if (nc->ifname[0])
			snprintf(top, size, "%s", nc->ifname);
		return 0;
	}
	if (wait_nics(nc, timeout, &f, e) < 0 ||
	    (nc->bond[0] && make_bond(nc, &f, e)) ||
	    (nc->vlan[0] && make_vlan(nc, &f, e)) ||
	    (nc->bridge[0] && make_bridge(nc, &f, e)))
		return -1;
	k = kernel_name(nc, &f, nc->ifname[0] ? nc->ifname : nc->nics[0].name);
	if (!k)
		return kd_fail(e, ENODEV, "network interface %s is missing",
			       nc->ifname);
	snprintf(top, size, "%s", k);
	return 0;
}
