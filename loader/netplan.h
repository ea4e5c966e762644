/* netplan.h - what the capture image needs to reach a network target,
 * worked out in the first kernel.
 *
 * The way to the server (the ssh or NFS host, else the first fence_kdump
 * node) as the running kernel has it: NICs by their MAC addresses, a
 * bond, VLAN or bridge over them, the address, gateway and DNS servers,
 * or DHCP or IPv6 autoconfiguration (netdescribe.h); the modules they
 * need.  What the capture kernel cannot set up is refused here, not
 * discovered at crash time.  An ip= in
 * KDUMP_COMMANDLINE_APPEND replaces the detection (the capture command
 * line then says how to configure the network).  For ssh: the effective
 * ssh settings for the target (`ssh -G`, so ssh_config's Port and
 * HostName apply; KDUMP_SSH_CONFIG names another config file), the key,
 * and the server's host keys from known_hosts, pinned in the image. */
#ifndef KD_NETPLAN_H
#define KD_NETPLAN_H

#include <limits.h>
#include <stddef.h>
#include "error.h"
#include "kdump_conf.h"
#include "netconf.h"
#include "sysconfig.h"

struct kd_netplan {
	int needed;			/* a remote target or fence_kdump */
	char words[1024];		/* /etc/kdump/net.conf */
	char modules[256];		/* NIC drivers, bonding, 8021q, bridge */
	char nfs_modules[64];
	char sshkey[PATH_MAX];		/* "" when no ssh target */
	char ssh_prog[PATH_MAX];	/* the ssh client to install */
	char scp_prog[PATH_MAX];	/* scp, when it is the collector */
	char known_hosts[8192];		/* "kdump-target <type> <key>" lines */
};

int kd_netplan(struct kd_netplan *np, const struct kdump_conf *conf,
	       const struct kdump_sysconfig *sc, struct kd_error *e);

/* Write the image's network files (net.conf, the ssh key and known_hosts,
 * passwd, nsswitch.conf, hosts) under dir, mode 0600 in 0700 directories;
 * unstage removes them again. */
int kd_netplan_stage(const struct kd_netplan *np, const char *dir,
		     struct kd_error *e);
void kd_netplan_unstage(const char *dir);

/* Parse `ssh -G` output: HostName and Port. */
int kd_ssh_g_parse(const char *text, char *host, size_t size, int *port,
		   char *known_hosts_files, size_t kh_size);

#endif
