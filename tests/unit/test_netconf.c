/* test_netconf.c - the network words (ip=, ifname=, nameserver=). */
#define UNIT_SUITE "netconf"
#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>
#include "netconf.h"
#include "unit.h"

static struct kd_error e;

static int parse(struct kd_netconf *nc, const char *text)
{
	memset(nc, 0, sizeof *nc);
	return kd_netconf_parse(nc, text, &e);
}

static const char *ip(struct in_addr a)
{
	static char buf[INET_ADDRSTRLEN];

	return inet_ntop(AF_INET, &a, buf, sizeof buf);
}

TEST(static_address)
{
	struct kd_netconf nc;
	char out[512];

	CHECK_INT(parse(&nc, "quiet ip=10.0.2.15::10.0.2.2:255.255.255.0::eth0:none "
			"ifname=eth0:52:54:00:12:34:56 nameserver=10.0.2.3 root=/dev/vda"), 0);
	CHECK_INT(nc.configured, 1);
	CHECK_INT(nc.dhcp, 0);
	CHECK_STR(nc.ifname, "eth0");
	CHECK_STR(ip(nc.addr), "10.0.2.15");
	CHECK_STR(ip(nc.gateway), "10.0.2.2");
	CHECK_INT(nc.prefix, 24);
	CHECK_INT(nc.has_mac, 1);
	CHECK_INT(nc.mac[5], 0x56);
	CHECK_INT(nc.n_dns, 1);
	CHECK_INT(kd_netconf_format(&nc, out, sizeof out), 0);
	CHECK_STR(out, "ip=10.0.2.15::10.0.2.2:24::eth0:none "
		  "ifname=eth0:52:54:00:12:34:56 nameserver=10.0.2.3");
	/* the format parses back to the same words */
	CHECK_INT(parse(&nc, out), 0);
	{
		char again[512];

		CHECK_INT(kd_netconf_format(&nc, again, sizeof again), 0);
		CHECK_STR(again, out);
	}
}

TEST(dhcp_and_overrides)
{
	struct kd_netconf nc;
	char out[512];

	CHECK_INT(parse(&nc, "ip=10.0.0.5:::16::ens3:none ifname=ens3:aa:bb:cc:dd:ee:ff "
			"nameserver=1.1.1.1 kdump.sshport=2222 "
			"ip=ens3:dhcp nameserver=9.9.9.9 kdump.nfsvers=3"), 0);
	CHECK_INT(nc.dhcp, 1);
	CHECK_INT(nc.n_dns, 2);		/* a later list adds up */
	CHECK_INT(nc.sshport, 2222);
	CHECK_INT(nc.nfsvers, 3);
	CHECK_INT(kd_netconf_format(&nc, out, sizeof out), 0);
	CHECK_STR(out, "ip=ens3:dhcp ifname=ens3:aa:bb:cc:dd:ee:ff nameserver=1.1.1.1 "
		  "nameserver=9.9.9.9 kdump.nfsvers=3 kdump.sshport=2222");
	CHECK_INT(parse(&nc, "ip=dhcp"), 0);
	CHECK_INT(nc.dhcp, 1);
	CHECK_STR(nc.ifname, "");
	CHECK_INT(parse(&nc, "no network here"), 0);
	CHECK_INT(nc.configured, 0);
	CHECK_INT(kd_netconf_format(&nc, out, sizeof out), 0);
	CHECK_STR(out, "");
}

TEST(bad_words)
{
	static const char *const bad[] = {
		"ip=10.0.2.300::10.0.2.2:24::eth0:none",
		"ip=10.0.2.15::10.0.2.2:255.0.255.0::eth0:none",
		"ip=10.0.2.15::10.0.2.2:33::eth0:none",
		"ip=10.0.2.15::gw:24::eth0:none",
		"ip=10.0.2.15::10.0.2.2:24::eth0:auto6",
		"ip=10.0.2.15::10.0.2.2:24:::none",
		"ip=10.0.2.15::10.0.2.2:24::a/b:none",
		"ip=eth0:dhcp ifname=eth1:52:54:00:12:34:56",
		"ifname=eth0:52:54:00:12:34",
		"ifname=eth0:52-54-00-12-34-56",
		"ifname=eth0",
		"nameserver=one",
		"nameserver=1.1.1.1 nameserver=1.1.1.2 nameserver=1.1.1.3 nameserver=1.1.1.4",
		"kdump.nfsvers=2", "kdump.sshport=0", "kdump.sshport=65536",
		"kdump.sshport=22x",
		NULL,
	};
	struct kd_netconf nc;
	int i;

	for (i = 0; bad[i]; i++) {
		int rc = parse(&nc, bad[i]);

		if (rc != -1)
			printf("  accepted: %s\n", bad[i]);
		CHECK_INT(rc, -1);
		CHECK(strchr(e.msg, '=') != NULL);	/* names the word */
	}
}



int main(void)
{
	RUN(static_address);
	RUN(dhcp_and_overrides);
	RUN(bad_words);
	return unit_done();
}
