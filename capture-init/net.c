/* net.c - the capture kernel's network: find the NIC, link, address,
 * route, DNS (see net.h). */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/stat.h>
#include "log.h"
#include "net.h"
#include "netlink.h"
#include "readfile.h"
#include "run.h"
#include "writefile.h"

#define DHCP_RESULT "/run/kdump-dhcp-ip"
#define CARRIER_TIMEOUT 30

/* The name of the interface with this MAC (NULL: the first NIC, a
 * device with a driver), now; -1 when none. */
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
		if (mac ? !kd_net_attr(de->d_name, "address", have, sizeof have) &&
			  !strcasecmp(have, want) :
			  access(path, F_OK) == 0) {
			snprintf(name, size, "%s", de->d_name);
			found = 0;
		}
	}
	closedir(d);
	return found;
}

/* The interface nc names: by MAC, by name, or (ip=dhcp alone) any NIC. */
static int find_interface(const struct kd_netconf *nc, char *name, size_t size)
{
	if (nc->has_mac)
		return find_nic(nc->mac, name, size);
	if (!nc->ifname[0])
		return find_nic(NULL, name, size);
	snprintf(name, size, "%s", nc->ifname);
	return if_nametoindex(name) ? 0 : -1;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wait for the interface nc describes; its kernel name goes to name. */
static int wait_interface(const struct kd_netconf *nc, int timeout,
			  char *name, size_t size, struct kd_error *e)
{
	double end = now() + timeout;
	char what[24];

	if (nc->has_mac)
		kd_mac_format(nc->mac, what);
	else
		snprintf(what, sizeof what, "%s", nc->ifname[0] ? nc->ifname :
			 "(any)");
	kd_info("waiting for network interface %s (up to %d s)", what, timeout);
	while (find_interface(nc, name, size)) {
		if (now() >= end)
			return kd_fail(e, ENODEV, "network interface %s did not "
				       "appear in %d s", what, timeout);
		usleep(100000);
	}
	return 0;
}

static int wait_carrier(const char *name, struct kd_error *e)
{
	double end = now() + CARRIER_TIMEOUT;
	char v[8];

	while (kd_net_attr(name, "carrier", v, sizeof v) || strcmp(v, "1")) {
		if (now() >= end)
			return kd_fail(e, ENETDOWN, "%s: no link (no carrier "
				       "after %d s)", name, CARRIER_TIMEOUT);
		usleep(100000);
	}
	return 0;
}

static void write_resolv_conf(const struct in_addr *dns, int n)
{
	char text[KD_NET_MAX_DNS * 32] = "";
	struct kd_error e;
	size_t len;
	int i;

	if (!n)
		return;
	for (i = 0; i < n && i < KD_NET_MAX_DNS; i++) {
		len = strlen(text);
		snprintf(text + len, sizeof text - len, "nameserver %s\n",
			 inet_ntoa(dns[i]));
	}
	if (kd_write_text("/etc/resolv.conf", text, 0644, &e))
		kd_warn("%s", e.msg);
}

static int configure_static(const struct kd_netconf *nc, int ifindex,
			    const char *name, struct kd_error *e)
{
	struct in_addr any = { 0 };
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &nc->addr, a, sizeof a);
	kd_info("%s: address %s/%d", name, a, nc->prefix);
	if (kd_nl_addr_add(ifindex, nc->addr, nc->prefix, e))
		return -1;
	if (nc->gateway.s_addr) {
		kd_info("%s: default route via %s", name, inet_ntoa(nc->gateway));
		if (kd_nl_route_add(ifindex, any, 0, nc->gateway, e))
			return -1;
	}
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
		kd_warn("/proc/cmdline: %s", e.msg);
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
	if (wait_interface(nc, conf->disk_timeout, name, sizeof name, e))
		return -1;
	ifindex = (int)if_nametoindex(name);
	if (!ifindex || kd_nl_link_up(ifindex, e) || wait_carrier(name, e))
		return ifindex ? -1 : kd_fail(e, ENODEV, "%s vanished", name);
	kd_info("%s is up", name);
	if (conf->link_delay) {
		kd_info("link_delay: waiting %d s", conf->link_delay);
		sleep((unsigned)conf->link_delay);
	}
	if (nc->dhcp)
		return run_dhcp(name, local_ip, size, e);
	if (configure_static(nc, ifindex, name, e))
		return -1;
	inet_ntop(AF_INET, &nc->addr, local_ip, (socklen_t)size);
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

int kd_net_resolve(const char *host, char *out, size_t size,
		   struct kd_error *e)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_STREAM };
	struct addrinfo *res;
	int rc = getaddrinfo(host, NULL, &hints, &res);

	if (rc)
		return kd_fail(e, EHOSTUNREACH, "cannot resolve %s: %s", host,
			       gai_strerror(rc));
	inet_ntop(AF_INET, &((struct sockaddr_in *)res->ai_addr)->sin_addr,
		  out, (socklen_t)size);
	freeaddrinfo(res);
	return 0;
}
