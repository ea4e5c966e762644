/* test_netplan.c - what kdumpctl reads of `ssh -G` output. */
#define UNIT_SUITE "netplan"
#include <string.h>
#include <arpa/inet.h>
#include "netdescribe.h"
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

static struct kd_ifaddr addr(const char *ip, int prefix, int dynamic, int ra)
{
	struct kd_ifaddr a = { .prefix = prefix, .dynamic = dynamic, .from_ra = ra };

	CHECK_INT(kd_ip_parse(ip, &a.addr), 0);
	return a;
}

/* Static, DHCP, SLAAC, a DHCPv6 lease (kept static). */
TEST(address_methods)
{
	struct kd_ifaddr a;

	a = addr("192.0.2.5", 24, 0, 0);
	CHECK_INT(kd_address_method(&a, 0), KD_NET_STATIC);
	CHECK_INT(kd_address_method(&a, 1), KD_NET_DHCP);
	a = addr("192.0.2.5", 24, 1, 0);
	CHECK_INT(kd_address_method(&a, 0), KD_NET_DHCP);
	a = addr("fd00::5", 64, 0, 0);
	CHECK_INT(kd_address_method(&a, 1), KD_NET_STATIC);
	a = addr("fd00::5054:ff:fe00:1", 64, 1, 0);
	CHECK_INT(kd_address_method(&a, 0), KD_NET_AUTO6);
	a = addr("fd00::5054:ff:fe00:1", 64, 1, 1);
	CHECK_INT(kd_address_method(&a, 0), KD_NET_AUTO6);
	a = addr("fd00::1234", 128, 1, 0);
	CHECK_INT(kd_address_method(&a, 0), KD_NET_STATIC);
}

int main(void)
{
	RUN(ssh_g_output);
	RUN(address_methods);
	return unit_done();
}
