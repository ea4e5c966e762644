/* test_server.c - the host of NFS and ssh targets. */
#define UNIT_SUITE "server"
#include "unit.h"
#include "server.h"

struct host_case {
	const char *target;
	int ssh;
	enum kd_server_kind kind;
	const char *host;
};

static const struct host_case cases[] = {
	{ "srv:/export", 0, KD_SERVER_NAME, "srv" },
	{ "10.0.2.2:/export/dumps", 0, KD_SERVER_NAME, "10.0.2.2" },
	{ "[fd00::1]:/export", 0, KD_SERVER_IPV6, "fd00::1" },
	{ "[fe80::1%eth0]:/x", 0, KD_SERVER_IPV6, "fe80::1%eth0" },
	{ "fd00::1:/export", 0, KD_SERVER_BAD, "" },
	{ "[fd00::1:/export", 0, KD_SERVER_BAD, "" },
	{ "[fd00::1]/export", 0, KD_SERVER_BAD, "" },
	{ "[srv]:/export", 0, KD_SERVER_BAD, "" },
	{ ":/export", 0, KD_SERVER_BAD, "" },
	{ "srv", 0, KD_SERVER_BAD, "" },
	{ "srv:export", 0, KD_SERVER_BAD, "" },
	{ "kdump@srv", 1, KD_SERVER_NAME, "srv" },
	{ "kdump@10.0.2.2", 1, KD_SERVER_NAME, "10.0.2.2" },
	{ "kdump@[fd00::2]", 1, KD_SERVER_IPV6, "fd00::2" },
	{ "kdump@fd00::2", 1, KD_SERVER_IPV6, "fd00::2" },
	{ "kdump@[fd00::2", 1, KD_SERVER_BAD, "" },
	{ "kdump@[fd00::2]x", 1, KD_SERVER_BAD, "" },
	{ "kdump@[srv]", 1, KD_SERVER_BAD, "" },
	{ "@srv", 1, KD_SERVER_BAD, "" },
	{ "kdump@", 1, KD_SERVER_BAD, "" },
	{ "a@b@c", 1, KD_SERVER_BAD, "" },
	{ "srv", 1, KD_SERVER_BAD, "" },
};

TEST(hosts)
{
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char host[64];

		CHECK_INT(kd_server_host(cases[i].target, cases[i].ssh, host,
					 sizeof host), cases[i].kind);
		CHECK_STR(host, cases[i].host);
	}
}

TEST(too_long)
{
	char host[4];

	CHECK_INT(kd_server_host("abcd:/x", 0, host, sizeof host), KD_SERVER_BAD);
	CHECK_INT(kd_server_host("abc:/x", 0, host, sizeof host), KD_SERVER_NAME);
	CHECK_STR(host, "abc");
}

/* What ssh and scp are given for an ssh target. */
TEST(ssh_destination)
{
	char out[64];

	CHECK_INT(kd_ssh_destination("dump@[fd00::1]", 0, out, sizeof out), 0);
	CHECK_STR(out, "dump@fd00::1");
	CHECK_INT(kd_ssh_destination("dump@[fd00::1]", 1, out, sizeof out), 0);
	CHECK_STR(out, "dump@[fd00::1]");
	CHECK_INT(kd_ssh_destination("dump@fd00::1", 1, out, sizeof out), 0);
	CHECK_STR(out, "dump@[fd00::1]");
	CHECK_INT(kd_ssh_destination("dump@host.example", 1, out, sizeof out), 0);
	CHECK_STR(out, "dump@host.example");
	CHECK_INT(kd_ssh_destination("nouser", 0, out, sizeof out), -1);
	CHECK_INT(kd_ssh_destination("dump@[fd00::1]", 0, out, 8), -1);
}

int main(void)
{
	RUN(hosts);
	RUN(too_long);
	RUN(ssh_destination);
	return unit_done();
}
