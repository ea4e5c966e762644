/* test_cmdline.c - the capture command line, as a table of vectors. */
#define UNIT_SUITE "cmdline"
#include "unit.h"
#include "cmdline.h"
#include "kparam.h"
#include "sysconfig.h"

struct vector {
	const char *base, *remove, *append, *extra, *want;
};

static const struct vector vectors[] = {
	/* crashkernel and root-device assembly always go; root moves */
	{ "BOOT_IMAGE=/vmlinuz-6.1 root=UUID=abc ro crashkernel=256M quiet",
	  "quiet", "irqpoll nr_cpus=1", NULL,
	  "BOOT_IMAGE=/vmlinuz-6.1 ro kdump.root=UUID=abc irqpoll nr_cpus=1" },
	/* removal is by name, whatever the value */
	{ "a=1 b=2 b c=3 hugepages=10 hugepagesz=2M", "b hugepages hugepagesz",
	  NULL, NULL, "a=1 c=3" },
	/* a name that is a prefix of another is not matched */
	{ "quietly=1 quiet cmax=2 cma=64M", "quiet cma", NULL, NULL,
	  "quietly=1 cmax=2" },
	/* empty values are dropped */
	{ "foo= bar=1", "", NULL, NULL, "bar=1" },
	/* quoted values with spaces survive as one word */
	{ "x=\"a b c\" crashkernel=\"1G-2G:128M\" y", "y", "z", NULL,
	  "x=\"a b c\" z" },
	{ "rd.lvm.lv=vg/root rd.luks.uuid=1 rd.dm.uuid=2 rd.md.uuid=3 "
	  "netroot=iscsi fcoe=eth0 rd.iscsi.initiator=i iscsi_initiator=j "
	  "panic_on_warn=1 resume=/dev/sda2 rdinit=/sbin/init keep=1",
	  NULL, NULL, NULL, "keep=1" },
	{ "root=/dev/vda1 rootfstype=ext4 rootflags=\"data=ordered,x\" ro",
	  NULL, NULL, NULL, "ro kdump.root=/dev/vda1 kdump.rootfstype=ext4 "
	  "kdump.rootflags=\"data=ordered,x\"" },
	/* the first kernel's network words go; the appended ones stay */
	{ "ip=eth0:dhcp ifname=eth0:52:54:00:12:34:56 bond=bond0:a,b vlan=v.5:v "
	  "bridge=br0:a team=t0:a nameserver=10.0.0.1 rd.route=10.0.0.0/8:10.0.0.1 "
	  "rd.neednet=1 bootdev=eth0 keep=1", NULL, "ip=ens3:dhcp", NULL,
	  "keep=1 ip=ens3:dhcp" },
	/* nothing is de-duplicated: the appended value comes last and wins */
	{ "nr_cpus=4 console=ttyS0,115200", NULL, "nr_cpus=1", "disable_cpu_apicid=0",
	  "nr_cpus=4 console=ttyS0,115200 nr_cpus=1 disable_cpu_apicid=0" },
	/* init arguments after "--" are not carried over */
	{ "console=ttyS0 -- --init-arg x=1", NULL, "irqpoll", NULL,
	  "console=ttyS0 irqpoll" },
	/* whitespace collapses */
	{ "  a   b\t c\n", NULL, "  d  ", NULL, "a b c d" },
	{ "", NULL, NULL, NULL, "" },
	{ NULL, NULL, "irqpoll", NULL, "irqpoll" },
	/* the shipped defaults against a typical Debian command line */
	{ "BOOT_IMAGE=/boot/vmlinuz-6.1.0-27-amd64 root=UUID=1234 ro quiet "
	  "crashkernel=384M-:256M",
	  KDUMP_DEFAULT_CMDLINE_REMOVE, KDUMP_DEFAULT_CMDLINE_APPEND, NULL,
	  "BOOT_IMAGE=/boot/vmlinuz-6.1.0-27-amd64 ro kdump.root=UUID=1234 "
	  KDUMP_DEFAULT_CMDLINE_APPEND },
};

TEST(capture_vectors)
{
	size_t i;

	for (i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
		const struct vector *v = &vectors[i];
		char out[KD_CMDLINE_MAX];
		struct kd_error e;

		CHECK_INT(kd_capture_cmdline(v->base, v->remove, v->append,
					     v->extra, NULL, out, sizeof out, &e), 0);
		CHECK_STR(out, v->want);
	}
}

TEST(capture_too_long)
{
	char base[3000], out[KD_CMDLINE_MAX];
	struct kd_error e;

	memset(base, 'a', sizeof base - 1);
	base[sizeof base - 1] = '\0';
	CHECK_INT(kd_capture_cmdline(base, NULL, NULL, NULL, NULL, out, sizeof out, &e), -1);
	CHECK(strstr(e.msg, "longer than 2047 bytes") != NULL);
	/* it fits exactly */
	base[2047] = '\0';
	CHECK_INT(kd_capture_cmdline(base, NULL, NULL, NULL, NULL, out, sizeof out, &e), 0);
	CHECK_INT(strlen(out), 2047);
}

/* The root filesystem as kdumpctl found it replaces root='s value. */
TEST(capture_root_given)
{
	char out[KD_CMDLINE_MAX];
	struct kd_error e;

	CHECK_INT(kd_capture_cmdline("ro root=/dev/mapper/vg-root rootfstype=ext4 quiet",
				     NULL, NULL, NULL, "UUID=f5000000-4b44", out,
				     sizeof out, &e), 0);
	CHECK_STR(out, "ro quiet kdump.root=UUID=f5000000-4b44 kdump.rootfstype=ext4");
	/* also without root= (the root found another way) */
	CHECK_INT(kd_capture_cmdline("ro", NULL, NULL, NULL, "UUID=ab", out, sizeof out, &e), 0);
	CHECK_STR(out, "ro kdump.root=UUID=ab");
	CHECK_INT(kd_capture_cmdline("ro root=/dev/sda1", NULL, NULL, NULL, NULL, out,
				     sizeof out, &e), 0);
	CHECK_STR(out, "ro kdump.root=/dev/sda1");
}

TEST(reuse_cmdline)
{
	char out[KD_CMDLINE_MAX];
	struct kd_error e;
	const char *base = "BOOT_IMAGE=/vmlinuz root=/dev/sda1 crashkernel=256M quiet";

	CHECK_INT(kd_reuse_cmdline(base, "marker=1", 0, out, sizeof out, &e), 0);
	CHECK_STR(out, "root=/dev/sda1 crashkernel=256M quiet marker=1");
	CHECK_INT(kd_reuse_cmdline(base, NULL, 1, out, sizeof out, &e), 0);
	CHECK_STR(out, "root=/dev/sda1 quiet");
}

TEST(param_lookup)
{
	char v[64];

	CHECK_INT(kd_kparam_get("a=1 crashkernel=128M b", "crashkernel", v, sizeof v), 0);
	CHECK_STR(v, "128M");
	/* the last one wins, as in the kernel */
	CHECK_INT(kd_kparam_get("crashkernel=1G crashkernel=2G", "crashkernel", v, sizeof v), 0);
	CHECK_STR(v, "2G");
	CHECK_INT(kd_kparam_get("x=\"a b\"", "x", v, sizeof v), 0);
	CHECK_STR(v, "a b");
	CHECK_INT(kd_kparam_get("crashkernelx=1 crashkernel", "crashkernel", v, sizeof v), -1);
	CHECK_INT(kd_kparam_get("", "root", v, sizeof v), -1);
}

int main(void)
{
	RUN(capture_vectors);
	RUN(capture_too_long);
	RUN(capture_root_given);
	RUN(reuse_cmdline);
	RUN(param_lookup);
	return unit_done();
}
