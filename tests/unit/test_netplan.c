/* test_netplan.c - what kdumpctl reads of `ssh -G` output. */
#define UNIT_SUITE "netplan"
#include <string.h>
#include "netplan.h"
#include "unit.h"

TEST(ssh_g_output)
{
	char host[64], files[256];
	int port;

	CHECK_INT(kd_ssh_g_parse("user dump\nhostname 192.0.2.1\nport 2222\n"
				 "userknownhostsfile ~/.ssh/known_hosts ~/.ssh/known_hosts2\n",
				 host, sizeof host, &port, files, sizeof files), 0);
	CHECK_STR(host, "192.0.2.1");
	CHECK_INT(port, 2222);
	CHECK_STR(files, "~/.ssh/known_hosts ~/.ssh/known_hosts2");
	CHECK_INT(kd_ssh_g_parse("port 22\n", host, sizeof host, &port, files,
				 sizeof files), -1);
	CHECK_INT(kd_ssh_g_parse("hostname h\nport 0\n", host, sizeof host, &port,
				 files, sizeof files), -1);
}

int main(void)
{
	RUN(ssh_g_output);
	return unit_done();
}
