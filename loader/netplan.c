/* netplan.c - the network part of the capture image (see netplan.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>
#include <sys/stat.h>
#include "collector_line.h"
#include "kparam.h"
#include "log.h"
#include "netdescribe.h"
#include "netplan.h"
#include "number.h"
#include "program.h"
#include "readfile.h"
#include "server.h"
#include "command.h"
#include "writefile.h"

/* ---- ssh ---- */

int kd_ssh_g_parse(const char *text, char *host, size_t size, int *port,
		   char *known_hosts_files, size_t kh_size)
{
	const char *line = text;
	int got = 0;

	*port = 22;
	known_hosts_files[0] = '\0';
	while (line && *line) {
		const char *nl = strchr(line, '\n');
		int len = nl ? (int)(nl - line) : (int)strlen(line);
		char value[1024];

		if (len < (int)sizeof value) {
			if (sscanf(line, "hostname %1023[^\n]", value) == 1) {
				snprintf(host, size, "%s", value);
				got |= 1;
			} else if (sscanf(line, "port %1023[^\n]", value) == 1 &&
				   kd_parse_int(value, 1, 65535, port)) {
				*port = 0;	/* not a port: refused below */
			} else if (sscanf(line, "userknownhostsfile %1023[^\n]",
					  value) == 1) {
				snprintf(known_hosts_files, kh_size, "%s", value);
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	return got == 1 && *port > 0 && *port < 65536 ? 0 : -1;
}

/* ~/ in a known_hosts path from ssh -G. */
static void expand_home(const char *in, char *out, size_t size)
{
	const char *home = getenv("HOME");

	if (!strncmp(in, "~/", 2))
		snprintf(out, size, "%s/%s", home ? home : "/root", in + 2);
	else
		snprintf(out, size, "%s", in);
}

/* Append the keys known for `name` in `file` as "<alias> <type> <key>". */
static void keys_from(const char *name, const char *file, char *out,
		      size_t size)
{
	char *argv[] = { "ssh-keygen", "-F", (char *)name, "-f", (char *)file,
			 NULL };
	char found[16384], *line, *save = NULL;
	struct kd_error e;

	if (kd_capture(argv, NULL, found, sizeof found, &e) != 0)
		return;
	for (line = strtok_r(found, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *key = strchr(line, ' ');
		size_t len = strlen(out);

		if (line[0] == '#' || line[0] == '@' || !key)
			continue;
		snprintf(out + len, size - len, "kdump-target %s\n", key + 1);
	}
}

static int ssh_plan(struct kd_netplan *np, const struct kdump_conf *conf,
		    const struct kdump_sysconfig *sc, struct kd_netconf *nc,
		    char *server, size_t size, struct kd_error *e)
{
	char *argv[8], out[16384], files[2048], name[300], dest[300], *f;
	char *save = NULL;
	int n = 0, port, status;

	argv[n++] = "ssh";
	if (sc && sc->ssh_config && sc->ssh_config[0]) {
		argv[n++] = "-F";
		argv[n++] = sc->ssh_config;
	}
	argv[n++] = "-G";
	if (kd_ssh_destination(conf->target, 0, dest, sizeof dest))
		return kd_fail(e, EINVAL, "%s is not user@host", conf->target);
	argv[n++] = dest;
	argv[n] = NULL;
	status = kd_capture(argv, NULL, out, sizeof out, e);
	if (status < 0 || status == 127)
		return kd_fail(e, ENOENT, "cannot run ssh: the OpenSSH client is "
			       "needed for an ssh target");
	if (status || kd_ssh_g_parse(out, server, size, &port, files, sizeof files))
		return kd_fail(e, EINVAL, "ssh -G %s failed: check the ssh "
			       "configuration", conf->target);
	nc->sshport = port == 22 ? 0 : port;
	if (access(conf->sshkey, R_OK))
		return kd_fail(e, errno, "sshkey %s: %s (run kdumpctl propagate)",
			       conf->sshkey, strerror(errno));
	snprintf(np->sshkey, sizeof np->sshkey, "%s", conf->sshkey);
	if (port == 22)
		snprintf(name, sizeof name, "%s", server);
	else
		snprintf(name, sizeof name, "[%s]:%d", server, port);
	for (f = strtok_r(files, " ", &save); f; f = strtok_r(NULL, " ", &save)) {
		char path[PATH_MAX];

		expand_home(f, path, sizeof path);
		keys_from(name, path, np->known_hosts, sizeof np->known_hosts);
	}
	if (!np->known_hosts[0])
		return kd_fail(e, ENOENT, "the host key of %s is not known (no %s "
			       "in known_hosts): run kdumpctl propagate, or ssh "
			       "to it once", conf->target, name);
	return 0;
}

/* ---- the plan ---- */

static int needs_network(const struct kdump_conf *conf)
{
	return conf->target_kind == KD_TARGET_NFS ||
	       conf->target_kind == KD_TARGET_SSH || conf->fence_kdump_nodes.n;
}

/* 3 when the export is mounted with vers=3 now. */
static int mounted_nfs_version(const struct kdump_conf *conf)
{
	char *mounts = kd_read_file("/proc/mounts", 1 << 20, NULL);
	char *line, *save = NULL;
	size_t n = strlen(conf->target);
	int v = 4;

	for (line = mounts ? strtok_r(mounts, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, conf->target, n) && line[n] == ' ' &&
		    strstr(line, " nfs ") && strstr(line, "vers=3"))
			v = 3;
	free(mounts);
	return v;
}

/* The NFS version: kdump.nfsvers= in KDUMP_COMMANDLINE_APPEND, 4 for the
 * "nfs4" spelling, else the version the export is mounted with now. */
static int nfs_version(const struct kdump_conf *conf,
		       const struct kdump_sysconfig *sc, struct kd_error *e)
{
	const char *append = sc ? kdump_sysconfig_append(sc) : NULL;
	char asked[8];

	if (!append || kd_kparam_get(append, "kdump.nfsvers", asked, sizeof asked))
		return conf->nfs_version ? conf->nfs_version :
		       mounted_nfs_version(conf);
	if (strcmp(asked, "3") && strcmp(asked, "4"))
		return kd_fail(e, EINVAL, "KDUMP_COMMANDLINE_APPEND: "
			       "kdump.nfsvers=%s: the NFS version must be 3 "
			       "or 4", asked);
	if (conf->nfs_version && conf->nfs_version != asked[0] - '0')
		return kd_fail(e, EINVAL, "KDUMP_COMMANDLINE_APPEND: "
			       "kdump.nfsvers=%s contradicts the nfs4 target "
			       "in kdump.conf", asked);
	return asked[0] - '0';
}

static int explicit_network(const struct kdump_sysconfig *sc,
			    struct kd_netconf *nc, struct kd_error *e)
{
	const char *append = sc ? kdump_sysconfig_append(sc) : NULL;
	char ip[8];

	if (!append || kd_kparam_get(append, "ip", ip, sizeof ip))
		return 0;
	if (kd_netconf_parse(nc, append, e) || kd_netconf_check(nc, e))
		return kd_prefix(e, "KDUMP_COMMANDLINE_APPEND");
	return 1;
}

/* Whether /etc/hosts (which goes into the image) names host. */
static int in_hosts(const char *host)
{
	char *text = kd_read_file("/etc/hosts", 1 << 20, NULL);
	char *line, *save = NULL, *w, *wsave;
	int found = 0;

	for (line = text ? strtok_r(text, "\n", &save) : NULL; line && !found;
	     line = strtok_r(NULL, "\n", &save)) {
		line[strcspn(line, "#")] = '\0';
		w = strtok_r(line, " \t", &wsave);	/* the address */
		while (w && !found && (w = strtok_r(NULL, " \t", &wsave)))
			found = !strcmp(w, host);
	}
	free(text);
	return found;
}

/* Whether the capture kernel can reach `server` (a target or a fence_kdump
 * node): an address of its network's family and not link-local (no
 * scope there), or a name it can resolve (/etc/hosts, DHCP's name servers,
 * or one of the family). */
static int check_server(const char *server, const struct kd_netconf *nc,
			struct kd_error *e)
{
	struct kd_ip ip;
	int v6_net = nc->method == KD_NET_AUTO6 ||
		     (nc->method == KD_NET_STATIC && nc->addr.family == AF_INET6);
	int i, dns = 0;

	if (!kd_ip_parse(server, &ip)) {
		if ((ip.family == AF_INET6) != v6_net)
			return kd_fail(e, EAFNOSUPPORT, "%s is an IPv%d address "
				       "and the capture network (ip=) is IPv%d",
				       server, ip.family == AF_INET6 ? 6 : 4,
				       v6_net ? 6 : 4);
		if (kd_ip_is_link_local(&ip))
			return kd_fail(e, EINVAL, "%s is a link-local address: "
				       "use one the server has beyond its link",
				       server);
		return 0;
	}
	for (i = 0; i < nc->n_dns; i++)
		dns += (nc->dns[i].family == AF_INET6) == v6_net;
	if (nc->method == KD_NET_DHCP || dns || in_hosts(server))
		return 0;
	return kd_fail(e, EHOSTUNREACH, "the capture kernel cannot resolve %s: it "
		       "is not in /etc/hosts and no IPv%d name server is known "
		       "(give one with nameserver= in KDUMP_COMMANDLINE_APPEND, "
		       "or use the address)", server, v6_net ? 6 : 4);
}

int kd_netplan(struct kd_netplan *np, const struct kdump_conf *conf,
	       const struct kdump_sysconfig *sc, struct kd_error *e)
{
	struct kd_netconf nc, ssh_nc;
	char server[300];
	int explicit, port, version, i;

	memset(np, 0, sizeof *np);
	memset(&nc, 0, sizeof nc);
	memset(&ssh_nc, 0, sizeof ssh_nc);
	if (!needs_network(conf))
		return 0;
	np->needed = 1;
	if (conf->target_kind == KD_TARGET_SSH) {
		if (ssh_plan(np, conf, sc, &ssh_nc, server, sizeof server, e))
			return -1;
		if (kd_find_program("ssh", np->ssh_prog, sizeof np->ssh_prog))
			return kd_fail(e, ENOENT, "no ssh client to put in the image");
		if (kd_collector_kind(kdump_conf_collector(conf)) == KD_COLLECTOR_SCP &&
		    kd_find_program("scp", np->scp_prog, sizeof np->scp_prog))
			return kd_fail(e, ENOENT, "core_collector scp: no scp");
	} else if (conf->target_kind == KD_TARGET_NFS) {
		kd_server_host(conf->target, 0, server, sizeof server);
	} else {
		snprintf(server, sizeof server, "%s", conf->fence_kdump_nodes.v[0]);
	}
	explicit = explicit_network(sc, &nc, e);
	if (explicit < 0)
		return -1;
	if (!explicit && kd_net_describe(server, &nc, np->modules,
					 sizeof np->modules, e))
		return kd_prefix(e, "network dump target %s", server);
	if (explicit)
		kd_net_modules(&nc, np->modules, sizeof np->modules);
	for (i = 0; i < conf->fence_kdump_nodes.n; i++)
		if (check_server(conf->fence_kdump_nodes.v[i], &nc, e))
			return kd_prefix(e, "fence_kdump node");
	if (check_server(server, &nc, e))
		return kd_prefix(e, "network dump target");
	port = ssh_nc.sshport;
	nc.sshport = port;
	if (conf->target_kind == KD_TARGET_NFS) {
		version = nfs_version(conf, sc, e);
		if (version < 0)
			return -1;
		nc.nfsvers = version == 3 ? 3 : 0;
		snprintf(np->nfs_modules, sizeof np->nfs_modules, "%s",
			 nc.nfsvers == 3 ? "nfsv3" : "nfsv4");
	}
	if (kd_netconf_format(&nc, np->words, sizeof np->words))
		return kd_fail(e, ENOSPC, "the network description is too long");
	return 0;
}

/* ---- the files for the image ---- */

static const char *const stage_dirs[] = { "etc", "etc/kdump", "etc/kdump/ssh",
					  NULL };
static const char *const stage_files[] = {
	"etc/kdump/net.conf", "etc/kdump/ssh/id", "etc/kdump/ssh/known_hosts",
	"etc/passwd", "etc/group", "etc/nsswitch.conf", "etc/hosts",
	"etc/resolv.conf", NULL,
};

static int put(const char *dir, const char *name, const char *text,
	       struct kd_error *e)
{
	char path[PATH_MAX];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	/* 0600: the stage holds the ssh key */
	return kd_write_text(path, text, 0600, e);
}

static int put_copy(const char *dir, const char *name, const char *from,
		    struct kd_error *e)
{
	char *text = kd_read_file(from, 1 << 20, NULL);
	int ret;

	if (!text)
		return kd_fail(e, errno, "cannot read %s: %s", from, strerror(errno));
	ret = put(dir, name, text, e);
	free(text);
	return ret;
}

void kd_netplan_unstage(const char *dir)
{
	char path[PATH_MAX];
	int i;

	for (i = 0; stage_files[i]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, stage_files[i]);
		unlink(path);
	}
	for (i = 2; i >= 0; i--) {
		snprintf(path, sizeof path, "%s/%s", dir, stage_dirs[i]);
		rmdir(path);
	}
	rmdir(dir);
}

int kd_netplan_stage(const struct kd_netplan *np, const char *dir,
		     struct kd_error *e)
{
	char path[PATH_MAX], words[sizeof np->words + 1];
	int i;

	if (mkdir(dir, 0700) && errno != EEXIST)
		return kd_fail(e, errno, "cannot create %s: %s", dir, strerror(errno));
	for (i = 0; stage_dirs[i]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, stage_dirs[i]);
		if (mkdir(path, 0700) && errno != EEXIST)
			return kd_fail(e, errno, "cannot create %s: %s", path,
				       strerror(errno));
	}
	snprintf(words, sizeof words, "%s\n", np->words);
	if (put(dir, "etc/kdump/net.conf", words, e) ||
	    put(dir, "etc/nsswitch.conf", "passwd: files\ngroup: files\n"
		"hosts: files dns\n", e) ||
	    (access("/etc/hosts", R_OK) == 0 &&
	     put_copy(dir, "etc/hosts", "/etc/hosts", e)))
		return -1;
	if (!np->sshkey[0])
		return 0;
	/* ssh needs to know who it runs as */
	return put(dir, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n", e) ||
	       put(dir, "etc/group", "root:x:0:\n", e) ||
	       put_copy(dir, "etc/kdump/ssh/id", np->sshkey, e) ||
	       put(dir, "etc/kdump/ssh/known_hosts", np->known_hosts, e) ? -1 : 0;
}
