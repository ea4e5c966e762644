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

static const char *ip(struct kd_ip a)
{
	static char buf[KD_IP_STRLEN];

	kd_ip_format(&a, 0, buf);
	return buf;
}

/* parse, check, format: the words that come out; they parse back to the
 * same words. */
static const char *round_trip(const char *text)
{
	static char out[1024];
	struct kd_netconf nc, again;
	char out2[1024];

	if (parse(&nc, text) || kd_netconf_check(&nc, &e))
		return e.msg;
	CHECK_INT(kd_netconf_format(&nc, out, sizeof out), 0);
	memset(&again, 0, sizeof again);
	CHECK_INT(kd_netconf_parse(&again, out, &e), 0);
	CHECK_INT(kd_netconf_check(&again, &e), 0);
	CHECK_INT(kd_netconf_format(&again, out2, sizeof out2), 0);
	CHECK_STR(out2, out);
	return out;
}

TEST(static_address)
{
	struct kd_netconf nc;
	char out[512];

	CHECK_INT(parse(&nc, "quiet ip=10.0.2.15::10.0.2.2:255.255.255.0::eth0:none "
			"ifname=eth0:52:54:00:12:34:56 nameserver=10.0.2.3 root=/dev/vda"), 0);
	CHECK_INT(nc.configured, 1);
	CHECK_INT(nc.method, KD_NET_STATIC);
	CHECK_STR(nc.ifname, "eth0");
	CHECK_STR(ip(nc.addr), "10.0.2.15");
	CHECK_STR(ip(nc.gateway), "10.0.2.2");
	CHECK_INT(nc.prefix, 24);
	CHECK_INT(nc.n_nics, 1);
	CHECK_INT(nc.nics[0].mac[5], 0x56);
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
	CHECK_INT(nc.method, KD_NET_DHCP);
	CHECK_INT(nc.n_dns, 2);		/* a later list adds up */
	CHECK_INT(nc.sshport, 2222);
	CHECK_INT(nc.nfsvers, 3);
	CHECK_INT(kd_netconf_format(&nc, out, sizeof out), 0);
	CHECK_STR(out, "ip=ens3:dhcp ifname=ens3:aa:bb:cc:dd:ee:ff nameserver=1.1.1.1 "
		  "nameserver=9.9.9.9 kdump.nfsvers=3 kdump.sshport=2222");
	CHECK_INT(parse(&nc, "ip=dhcp"), 0);
	CHECK_INT(nc.method, KD_NET_DHCP);
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
		"ip=eth0:dhcp6", "ip=eth0:bootp",
		"ip=fd00::5::fd00::1:64::eth0:none",
		"ip=[fd00::5]::10.0.2.2:64::eth0:none",
		"ip=[fd00::5]::[fd00::1]:129::eth0:none",
		"ip=[10.0.2.15]::10.0.2.2:24::eth0:none",
		"ip=[fd00::5]::[fe80::1]:255.255.255.0::eth0:none",
		"bond=bond0", "bond=bond0:", "bond=bond0:a,,b", "bond=bond0:a,b:mode",
		"bond=bond0:a:mode=active-backup;reboot", "bond=bond0:a:mode=x,",
		"bond=bond0:a,b,c,d,e", "bond=:a",
		"vlan=eth0:eth0", "vlan=eth0.0:eth0", "vlan=eth0.4095:eth0",
		"vlan=vlanx:eth0", "vlan=eth0.5", "vlan=.5:eth0",
		"bridge=br0", "bridge=br0:", "nameserver=[10.0.0.1]",
		"ifname=a:52:54:00:00:00:01 ifname=b:52:54:00:00:00:02 "
		"ifname=c:52:54:00:00:00:03 ifname=d:52:54:00:00:00:04 "
		"ifname=e:52:54:00:00:00:05",
		"ifname=a:52:54:00:00:00:01 ifname=b:52:54:00:00:00:02 "
		"ifname=a:52:54:00:00:00:02",
		"ip=10.0.2.15::10.0.2.2:24:::none",
		"ip=10.0.2.15::10.0.2.2:24::a/b:none",
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



/* Stacks: what kdumpctl writes for a bond, a VLAN, a bridge, IPv6. */
TEST(stacks)
{
	CHECK_STR(round_trip("ip=192.0.2.15::192.0.2.1:24::bond0:none "
			     "ifname=ens3:52:54:00:00:00:01 ifname=ens4:52:54:00:00:00:02 "
			     "bond=bond0:ens3,ens4:mode=active-backup,miimon=100,primary=ens3"),
		  "ip=192.0.2.15::192.0.2.1:24::bond0:none ifname=ens3:52:54:00:00:00:01 "
		  "ifname=ens4:52:54:00:00:00:02 "
		  "bond=bond0:ens3,ens4:mode=active-backup,miimon=100,primary=ens3");
	CHECK_STR(round_trip("ip=bond0.7:dhcp ifname=a:52:54:00:00:00:01 "
			     "ifname=b:52:54:00:00:00:02 bond=bond0:a,b:mode=802.3ad,"
			     "lacp_rate=fast,xmit_hash_policy=layer3+4 vlan=bond0.7:bond0"),
		  "ip=bond0.7:dhcp ifname=a:52:54:00:00:00:01 ifname=b:52:54:00:00:00:02 "
		  "bond=bond0:a,b:mode=802.3ad,lacp_rate=fast,xmit_hash_policy=layer3+4 "
		  "vlan=bond0.7:bond0");
	CHECK_STR(round_trip("vlan=vlan0042:eth0 ip=[fd00::15]::[fe80::1]:64::vlan0042:none "
			     "ifname=eth0:52:54:00:00:00:01 nameserver=fd00::53 "
			     "nameserver=[fd00::54]"),
		  "ip=[fd00::15]::[fe80::1]:64::vlan0042:none ifname=eth0:52:54:00:00:00:01 "
		  "vlan=vlan0042:eth0 nameserver=fd00::53 nameserver=fd00::54");
	CHECK_STR(round_trip("ip=br0:auto6 ifname=eth0:52:54:00:00:00:01 "
			     "ifname=eth1:52:54:00:00:00:02 bridge=br0:eth0,eth1"),
		  "ip=br0:auto6 ifname=eth0:52:54:00:00:00:01 "
		  "ifname=eth1:52:54:00:00:00:02 bridge=br0:eth0,eth1");
	/* a bridge over a VLAN over a bond */
	CHECK_STR(round_trip("ip=br0:dhcp ifname=a:52:54:00:00:00:01 bond=bond0:a "
			     "vlan=bond0.5:bond0 bridge=br0:bond0.5"),
		  "ip=br0:dhcp ifname=a:52:54:00:00:00:01 bond=bond0:a "
		  "vlan=bond0.5:bond0 bridge=br0:bond0.5");
	CHECK_INT(kd_vlan_id_of("eth0.0005"), 5);
	CHECK_INT(kd_vlan_id_of("vlan100"), 100);
	CHECK_INT(kd_vlan_id_of("mgmt"), -1);
}

/* Descriptions that do not hold together, and an ip= for another
 * interface dropping the recorded stack. */
TEST(broken_stacks)
{
	static const char *const bad[][2] = {
		{ "ip=eth0:dhcp ifname=eth1:52:54:00:12:34:56", "ip= interface eth0 is not a NIC" },
		{ "ip=eth0:dhcp ifname=eth0:52:54:00:12:34:56 ifname=eth1:52:54:00:12:34:57",
		  "eth1 is not used" },
		{ "ip=bond0:dhcp bond=bond0:a,b ifname=a:52:54:00:00:00:01",
		  "bond slave b is not a NIC" },
		{ "ip=bond0:dhcp bond=bond0:a ifname=a:52:54:00:00:00:01 vlan=a.5:a",
		  "bond slave a is used twice" },
		{ "ip=br0:dhcp bridge=br0:x ifname=a:52:54:00:00:00:01",
		  "bridge port x is not a NIC" },
		{ "ip=eth0.5:dhcp vlan=eth0.5:br0 bridge=br0:a ifname=a:52:54:00:00:00:01",
		  "the VLAN's parent br0 is not a NIC (ifname=) or the bond" },
		{ "ip=a:dhcp bridge=br0:a ifname=a:52:54:00:00:00:01",
		  "a is a bridge port" },
		{ "ip=a:dhcp ifname=a:52:54:00:00:00:01 ifname=b:52:54:00:00:00:02 bond=bond0:b",
		  "bond0 is not used" },
		{ "ip=x9:dhcp ifname=a:52:54:00:00:00:01 bond=bond0:a",
		  "ip= interface x9 is not a NIC" },
		{ "ip=dhcp ifname=a:52:54:00:00:00:01 bond=bond0:a", "ip= names no interface" },
	};
	struct kd_netconf nc;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK_INT(parse(&nc, bad[i][0]), 0);
		CHECK_INT(kd_netconf_check(&nc, &e), -1);
		if (!strstr(e.msg, bad[i][1]))
			printf("  %s: %s\n", bad[i][0], e.msg);
		CHECK(strstr(e.msg, bad[i][1]) != NULL);
	}
	/* a bad word leaves the description as it was */
	CHECK_INT(parse(&nc, "ip=bond0:dhcp ifname=a:52:54:00:00:00:01 bond=bond0:a"), 0);
	CHECK_INT(kd_netconf_parse(&nc, "ip=eth9:dhcp bond=bond0:a,,b", &e), -1);
	CHECK_STR(nc.ifname, "bond0");
	CHECK_INT(nc.n_slaves, 1);
	CHECK_INT(kd_netconf_check(&nc, &e), 0);
	/* the command line's ip= for another interface replaces the image's */
	CHECK_STR(round_trip("ip=bond0:dhcp ifname=a:52:54:00:00:00:01 bond=bond0:a "
			     "ip=ens9:dhcp"), "ip=ens9:dhcp");
	CHECK_STR(round_trip("ip=a:dhcp ifname=a:52:54:00:00:00:01 "
			     "ip=192.0.2.9:::24::a:none"),
		  "ip=192.0.2.9:::24::a:none ifname=a:52:54:00:00:00:01");
}

int main(void)
{
	RUN(static_address);
	RUN(dhcp_and_overrides);
	RUN(bad_words);
	RUN(stacks);
	RUN(broken_stacks);
	return unit_done();
}
