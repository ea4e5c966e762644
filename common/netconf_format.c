/* netconf_format.c - a network description as words (see netconf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "netconf.h"

struct words {
	char *out;
	size_t size, len;
	int full;
};

static void add(struct words *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (w->full)
		return;
	va_start(ap, fmt);
	n = vsnprintf(w->out + w->len, w->size - w->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= w->size - w->len)
		w->full = 1;
	else
		w->len += (size_t)n;
}

static void add_names(struct words *w, const char (*names)[16], int n)
{
	int i;

	for (i = 0; i < n; i++)
		add(w, "%s%s", i ? "," : "", names[i]);
}

static void add_ip(struct words *w, const struct kd_netconf *nc)
{
	char a[KD_IP_STRLEN], g[KD_IP_STRLEN];
	static const char *const methods[] = { "", "dhcp", "auto6" };

	if (!nc->configured)
		return;
	if (nc->method != KD_NET_STATIC) {
		add(w, " ip=%s%s%s", nc->ifname, nc->ifname[0] ? ":" : "",
		    methods[nc->method]);
		return;
	}
	kd_ip_format(&nc->addr, 1, a);
	kd_ip_format(&nc->gateway, 1, g);
	add(w, " ip=%s::%s:%d::%s:none", a, g, nc->prefix, nc->ifname);
}

static void add_stack(struct words *w, const struct kd_netconf *nc)
{
	char mac[18];
	int i;

	for (i = 0; i < nc->n_nics; i++) {
		kd_mac_format(nc->nics[i].mac, mac);
		add(w, " ifname=%s:%s", nc->nics[i].name, mac);
	}
	if (nc->bond[0]) {
		add(w, " bond=%s:", nc->bond);
		add_names(w, (const char (*)[16])nc->slaves, nc->n_slaves);
		if (nc->bond_opts[0])
			add(w, ":%s", nc->bond_opts);
	}
	if (nc->vlan[0])
		add(w, " vlan=%s:%s", nc->vlan, nc->vlan_parent);
	if (nc->bridge[0]) {
		add(w, " bridge=%s:", nc->bridge);
		add_names(w, (const char (*)[16])nc->ports, nc->n_ports);
	}
}

int kd_netconf_format(const struct kd_netconf *nc, char *out, size_t size)
{
	struct words w = { out, size, 0, size == 0 };
	char a[KD_IP_STRLEN];
	int i;

	if (size)
		out[0] = '\0';
	add_ip(&w, nc);
	add_stack(&w, nc);
	for (i = 0; i < nc->n_dns; i++) {
		kd_ip_format(&nc->dns[i], 0, a);
		add(&w, " nameserver=%s", a);
	}
	if (nc->nfsvers)
		add(&w, " kdump.nfsvers=%d", nc->nfsvers);
	if (nc->sshport)
		add(&w, " kdump.sshport=%d", nc->sshport);
	if (w.full)
		return -1;
	if (w.len && out[0] == ' ')
		memmove(out, out + 1, w.len);
	return 0;
}
