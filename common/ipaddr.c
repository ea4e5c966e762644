/* ipaddr.c - IPv4 and IPv6 addresses in words (see ipaddr.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include "ipaddr.h"

int kd_ip_parse(const char *s, struct kd_ip *out)
{
	char buf[INET6_ADDRSTRLEN];
	size_t n = strlen(s);

	memset(out, 0, sizeof *out);
	if (s[0] == '[') {
		if (n < 3 || s[n - 1] != ']' || n - 2 >= sizeof buf)
			return -1;
		memcpy(buf, s + 1, n - 2);
		buf[n - 2] = '\0';
		if (inet_pton(AF_INET6, buf, &out->u.v6) != 1)
			return -1;
		out->family = AF_INET6;
		return 0;
	}
	if (inet_pton(AF_INET, s, &out->u.v4) == 1)
		out->family = AF_INET;
	else if (inet_pton(AF_INET6, s, &out->u.v6) == 1)
		out->family = AF_INET6;
	else
		return -1;
	return 0;
}

void kd_ip_format(const struct kd_ip *ip, int bracketed, char out[KD_IP_STRLEN])
{
	char buf[INET6_ADDRSTRLEN];

	out[0] = '\0';
	if (!ip->family || !inet_ntop(ip->family, &ip->u, buf, sizeof buf))
		return;
	if (bracketed && ip->family == AF_INET6)
		snprintf(out, KD_IP_STRLEN, "[%s]", buf);
	else
		snprintf(out, KD_IP_STRLEN, "%s", buf);
}

const void *kd_ip_bytes(const struct kd_ip *ip, int *len)
{
	*len = ip->family == AF_INET6 ? 16 : 4;
	return &ip->u;
}

int kd_ip_is_link_local(const struct kd_ip *ip)
{
	return ip->family == AF_INET6 && ip->u.v6.s6_addr[0] == 0xfe &&
	       (ip->u.v6.s6_addr[1] & 0xc0) == 0x80;
}

int kd_ip_resolve(const char *host, int family, struct kd_ip *out,
		  struct kd_error *e)
{
	struct addrinfo hints = { .ai_family = family,
				  .ai_socktype = SOCK_STREAM };
	struct addrinfo *res;
	int rc = getaddrinfo(host, NULL, &hints, &res);

	if (rc)
		return kd_fail(e, EHOSTUNREACH, "cannot resolve %s: %s", host,
			       gai_strerror(rc));
	memset(out, 0, sizeof *out);
	out->family = res->ai_family;
	if (out->family == AF_INET6)
		out->u.v6 = ((struct sockaddr_in6 *)res->ai_addr)->sin6_addr;
	else
		out->u.v4 = ((struct sockaddr_in *)res->ai_addr)->sin_addr;
	freeaddrinfo(res);
	return 0;
}
