/* net.c - the capture kernel's network: find the NIC, link, address,
 * route, DNS (see net.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/stat.h>
#include "clock.h"
#include "log.h"
#include "net.h"
#include "netlink.h"
#include "netstack.h"
#include "readfile.h"
#include "run.h"
#include "writefile.h"

#define DHCP_RESULT "/run/kdump-dhcp-ip"
#define CARRIER_TIMEOUT 30
#define AUTO6_TIMEOUT 30

static int wait_carrier(const char *name, struct kd_error *e)
{
	double end = kd_clock_seconds() + CARRIER_TIMEOUT;
	char v[8];

	while (kd_net_attr(name, "carrier", v, sizeof v) || strcmp(v, "1")) {
		if (kd_clock_seconds() >= end)
			return kd_fail(e, ENETDOWN, "%s: no link (no carrier "
				       "after %d s)", name, CARRIER_TIMEOUT);
		usleep(100000);
	}
	return 0;
}

static void write_resolv_conf(const struct kd_ip *dns, int n)
{
	char text[KD_NET_MAX_DNS * (KD_IP_STRLEN + 16)] = "", a[KD_IP_STRLEN];
	struct kd_error e;
	size_t len;
	int i;

	if (!n)
		return;
	for (i = 0; i < n && i < KD_NET_MAX_DNS; i++) {
		len = strlen(text);
		kd_ip_format(&dns[i], 0, a);
		snprintf(text + len, sizeof text - len, "nameserver %s\n", a);
	}
	if (kd_write_text("/etc/resolv.conf", text, 0644, &e))
		kd_warn("%s", e.msg);
}

static int configure_static(const struct kd_netconf *nc, int ifindex,
			    const char *name, struct kd_error *e)
{
	struct kd_ip any = { .family = nc->addr.family };
	char a[KD_IP_STRLEN], g[KD_IP_STRLEN];

	kd_ip_format(&nc->addr, 0, a);
	kd_info("%s: address %s/%d", name, a, nc->prefix);
	if (kd_nl_addr_add(ifindex, &nc->addr, nc->prefix, e))
		return -1;
	if (nc->gateway.family) {
		kd_ip_format(&nc->gateway, 0, g);
		kd_info("%s: default route via %s", name, g);
		if (kd_nl_route_add(ifindex, &any, 0, &nc->gateway, e))
			return -1;
	}
	write_resolv_conf(nc->dns, nc->n_dns);
	return 0;
}

/* IPv6 stateless autoconfiguration: the kernel makes the address from a
 * router advertisement; wait for it (and its duplicate check). */
static int wait_auto6(const struct kd_netconf *nc, int ifindex,
		      const char *name, char *local_ip, size_t size,
		      struct kd_error *e)
{
	struct kd_ip any = { .family = AF_INET6 };
	struct kd_ifaddr a;
	struct kd_error ignored;
	double end = kd_clock_seconds() + AUTO6_TIMEOUT;
	char text[KD_IP_STRLEN];

	kd_info("%s: waiting for an IPv6 address from a router advertisement "
		"(up to %d s)", name, AUTO6_TIMEOUT);
	while (kd_nl_addr_find(ifindex, &any, &a, &ignored) || a.tentative) {
		if (kd_clock_seconds() >= end)
			return kd_fail(e, ENETUNREACH, "%s: no IPv6 address from "
				       "a router advertisement in %d s", name,
				       AUTO6_TIMEOUT);
		usleep(200000);
	}
	kd_ip_format(&a.addr, 0, text);
	kd_info("%s: address %s/%d", name, text, a.prefix);
	snprintf(local_ip, size, "%s", text);
	write_resolv_conf(nc->dns, nc->n_dns);
	return 0;
}

static int run_dhcp(const char *name, char *local_ip, size_t size,
		    struct kd_error *e)
{
	char iface[IF_NAMESIZE];
	char *argv[] = { "/bin/busybox", "udhcpc", "-i", iface, "-f", "-q",
			 "-n", "-t", "10", "-T", "3", "-s", "/init", NULL };
	char *ip;
	int status;

	snprintf(iface, sizeof iface, "%s", name);
	kd_info("%s: asking for an address by DHCP", name);
	status = kd_run(argv);
	if (status)
		return kd_fail(e, ENETUNREACH, "%s: DHCP failed (udhcpc status "
			       "%d)", name, status);
	ip = kd_read_file(DHCP_RESULT, 64, NULL);
	if (!ip)
		return kd_fail(e, ENETUNREACH, "%s: DHCP gave no address", name);
	snprintf(local_ip, size, "%s", ip);
	local_ip[strcspn(local_ip, "\n")] = '\0';
	free(ip);
	return 0;
}

static void load_description(struct kd_netconf *nc)
{
	struct kd_error e;
	char *text;

	memset(nc, 0, sizeof *nc);
	text = kd_read_file(KD_NET_CONF, 1 << 16, NULL);
	if (text && kd_netconf_parse(nc, text, &e))
		kd_warn("%s: %s", KD_NET_CONF, e.msg);
	free(text);
	text = kd_read_file("/proc/cmdline", 1 << 16, NULL);
	if (text && kd_netconf_parse(nc, text, &e))
		kd_warn("/proc/cmdline: %s: its network words are ignored", e.msg);
	free(text);
}

int kd_net_up(const struct kdump_conf *conf, struct kd_netconf *nc,
	      char *local_ip, size_t size, struct kd_error *e)
{
	char name[IF_NAMESIZE];
	int ifindex;

	load_description(nc);
	if (!nc->configured)
		return kd_fail(e, EINVAL, "the image has no network configuration "
			       "(%s) and the command line has no ip=", KD_NET_CONF);
	if (kd_netconf_check(nc, e))
		return kd_prefix(e, "the network description");
	if (kd_netstack_up(nc, conf->disk_timeout, name, sizeof name, e))
		return -1;
	ifindex = (int)if_nametoindex(name);
	if (!ifindex || kd_nl_link_up(ifindex, e) || wait_carrier(name, e))
		return ifindex ? -1 : kd_fail(e, ENODEV, "%s vanished", name);
	kd_info("%s is up", name);
	if (conf->link_delay) {
		kd_info("link_delay: waiting %d s", conf->link_delay);
		sleep((unsigned)conf->link_delay);
	}
	if (nc->method == KD_NET_DHCP)
		return run_dhcp(name, local_ip, size, e);
	if (nc->method == KD_NET_AUTO6)
		return wait_auto6(nc, ifindex, name, local_ip, size, e);
	if (configure_static(nc, ifindex, name, e))
		return -1;
	kd_ip_format(&nc->addr, 0, local_ip);
	return 0;
}

int kd_net_is_dhcp_event(int argc, char **argv)
{
	static const char *events[] = { "deconfig", "bound", "renew",
					"leasefail", "nak", NULL };
	int i;

	if (argc != 2 || getpid() == 1)
		return 0;
	for (i = 0; events[i]; i++)
		if (!strcmp(argv[1], events[i]))
			return 1;
	return 0;
}

/* "bound"/"renew": address, default route, DNS from udhcpc's
 * environment. */
int kd_net_dhcp_event(const char *event)
{
	const char *ifname = getenv("interface"), *ip = getenv("ip");
	const char *mask = getenv("subnet"), *router = getenv("router");
	const char *dns = getenv("dns");
	struct kd_netconf nc;
	struct kd_error e;
	char words[512];
	int ifindex;

	if (strcmp(event, "bound") && strcmp(event, "renew"))
		return 0;
	if (!ifname || !ip || !mask || !(ifindex = (int)if_nametoindex(ifname))) {
		kd_err("DHCP: udhcpc gave no interface, address or mask");
		return 1;
	}
	memset(&nc, 0, sizeof nc);
	snprintf(words, sizeof words, "ip=%s::%.*s:%s::%s:none", ip,
		 router ? (int)strcspn(router, " ") : 0, router ? router : "",
		 mask, ifname);
	if (kd_netconf_parse(&nc, words, &e) ||
	    (dns && *dns && strlen(dns) < 200 &&
	     (snprintf(words, sizeof words, "nameserver=%.*s",
		       (int)strcspn(dns, " "), dns),
	      kd_netconf_parse(&nc, words, &e))) ||
	    configure_static(&nc, ifindex, ifname, &e)) {
		kd_err("DHCP: %s", e.msg);
		return 1;
	}
	if (kd_write_text(DHCP_RESULT, ip, 0600, &e)) {
		kd_err("DHCP: %s", e.msg);
		return 1;
	}
	return 0;
}

int kd_net_resolve(const char *host, int family, char *out, size_t size,
		   struct kd_error *e)
{
	struct kd_ip ip;
	char text[KD_IP_STRLEN];

	if (kd_ip_resolve(host, family, &ip, e))
		return -1;
	kd_ip_format(&ip, 0, text);
	if (strlen(text) >= size)
		return kd_fail(e, ENAMETOOLONG, "address of %s too long", host);
	snprintf(out, size, "%s", text);
	return 0;
}
