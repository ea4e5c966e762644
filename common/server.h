/* server.h - the server of a network dump target.
 *
 * NFS targets are "host:/export" and ssh targets "user@host"; an IPv6
 * address is written in brackets, "[fd00::1]:/export" and "user@[fd00::1]"
 * (ssh also takes "user@fd00::1").  The host is what comes before the
 * first ":/" only for names and IPv4 addresses: an IPv6 address has
 * colons of its own. */
#ifndef KD_SERVER_H
#define KD_SERVER_H

#include <stddef.h>

enum kd_server_kind { KD_SERVER_BAD = -1, KD_SERVER_NAME, KD_SERVER_IPV6 };

/* The host of an NFS (ssh == 0) or ssh target, without brackets, in out;
 * KD_SERVER_IPV6 when it is an IPv6 address, KD_SERVER_NAME for a name or
 * an IPv4 address, KD_SERVER_BAD (out empty) when the target is not
 * host:/export or user@host. */
enum kd_server_kind kd_server_host(const char *target, int ssh, char *out,
				   size_t size);

/* What ssh takes for an ssh target: user@host, brackets dropped (ssh
 * does not strip them); for scp (scp != 0) user@host or user@[v6], to be
 * followed by ":path".  0, or -1 when the target is not user@host or does
 * not fit. */
int kd_ssh_destination(const char *target, int scp, char *out, size_t size);

#endif
