/* server.c - the host of host:/export and user@host (see server.h). */
#include <stdio.h>
#include <string.h>
#include "server.h"

static int has_blank(const char *s, size_t n)
{
	return strcspn(s, " \t\r\v\f") < n;
}

/* host (n bytes at s) into out; its kind. */
static enum kd_server_kind take(const char *s, size_t n, int bracketed,
				char *out, size_t size)
{
	int v6 = memchr(s, ':', n) != NULL;

	if (!n || n >= size || has_blank(s, n) || memchr(s, '[', n) ||
	    memchr(s, ']', n) || (bracketed && !v6) || memchr(s, '/', n))
		return KD_SERVER_BAD;
	snprintf(out, size, "%.*s", (int)n, s);
	return v6 ? KD_SERVER_IPV6 : KD_SERVER_NAME;
}

/* "[addr]" followed by tail, or a plain host up to tail (the end for
 * ssh); plain_v6: a plain host may be an IPv6 address. */
static enum kd_server_kind split(const char *s, const char *tail, char *out,
				 size_t size, int plain_v6)
{
	const char *end;

	if (s[0] == '[') {
		end = strchr(s, ']');
		if (!end || (*tail ? strncmp(end + 1, tail, strlen(tail)) : end[1]))
			return KD_SERVER_BAD;
		return take(s + 1, (size_t)(end - s - 1), 1, out, size);
	}
	end = *tail ? strstr(s, tail) : s + strlen(s);
	if (!end)
		return KD_SERVER_BAD;
	/* "fd00::1:/export": the address would swallow the export's colon */
	if (!plain_v6 && memchr(s, ':', (size_t)(end - s)))
		return KD_SERVER_BAD;
	return take(s, (size_t)(end - s), 0, out, size);
}

enum kd_server_kind kd_server_host(const char *target, int ssh, char *out,
				   size_t size)
{
	const char *at = strchr(target, '@');
	enum kd_server_kind kind;

	if (ssh)
		kind = at && at != target && !strchr(at + 1, '@') &&
		       !has_blank(target, at - target) ?
		       split(at + 1, "", out, size, 1) : KD_SERVER_BAD;
	else
		kind = split(target, ":/", out, size, 0);
	if (kind == KD_SERVER_BAD && size)
		out[0] = '\0';
	return kind;
}

int kd_ssh_destination(const char *target, int scp, char *out, size_t size)
{
	char host[256];
	enum kd_server_kind kind = kd_server_host(target, 1, host, sizeof host);
	int v6 = kind == KD_SERVER_IPV6, n;

	if (kind == KD_SERVER_BAD)
		return -1;
	n = snprintf(out, size, "%.*s@%s%s%s", (int)(strchr(target, '@') - target),
		     target, scp && v6 ? "[" : "", host, scp && v6 ? "]" : "");
	return n < 0 || (size_t)n >= size ? -1 : 0;
}
