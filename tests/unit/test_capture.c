/* test_capture.c - the capture plan: nr_cpus= from the reservation and
 * the machine's CPUs with the default KDUMP_COMMANDLINE_APPEND (unset or
 * as shipped), the administrator's own append untouched,
 * disable_cpu_apicid= last. */
#define UNIT_SUITE "capture"
#include <string.h>
#include "unit.h"
#include "capture.h"
#include "kdump_conf.h"
#include "sysconfig.h"

#define MiB (1ULL << 20)

static const char two_cpus[] =
	"processor\t: 0\napicid\t\t: 0\n\nprocessor\t: 1\napicid\t\t: 1\n";
static const char one_cpu[] = "processor\t: 0\napicid\t\t: 2\n";

/* The plan's command line for this sysconfig text, reservation and cpuinfo. */
static const char *planned(const char *sysconfig, uint64_t reserved,
			   const char *cpuinfo)
{
	static struct kd_capture_plan plan;
	struct kdump_sysconfig sc;
	struct kdump_conf conf;
	struct kd_diag diag = { 0 };
	struct kd_error e;
	int ret;

	memset(&conf, 0, sizeof conf);
	CHECK_INT(kdump_sysconfig_parse(&sc, sysconfig, strlen(sysconfig), &diag), 0);
	ret = kd_capture_plan(&plan, &conf, &sc, "root=/dev/vda ro", cpuinfo,
			      reserved, NULL, &e);
	kdump_sysconfig_free(&sc);
	CHECK_INT(ret, 0);
	return plan.cmdline;
}

TEST(cpus_from_the_reservation)
{
	CHECK_INT(kd_capture_cpus(128 * MiB, two_cpus), 2);
	CHECK_INT(kd_capture_cpus(128 * MiB - 1, two_cpus), 1);
	CHECK_INT(kd_capture_cpus(512 * MiB, one_cpu), 1);
	CHECK_INT(kd_capture_cpus(512 * MiB, NULL), 1);
	CHECK_INT(kd_capture_cpus(0, two_cpus), 1);
}

TEST(default_append_gets_the_cpus)
{
	const char *c = planned("", 256 * MiB, two_cpus);

	CHECK(strstr(c, " irqpoll nr_cpus=2 reset_devices ") != NULL);
	CHECK(strstr(c, "nr_cpus=1") == NULL);
	CHECK(strstr(c, "cryptomgr.notests initcall_blacklist=tracer_init_tracefs,crypto_kdf108_init disable_cpu_apicid=0") != NULL);
	c = planned("", 96 * MiB, two_cpus);
	CHECK(strstr(c, " irqpoll nr_cpus=1 reset_devices ") != NULL);
	CHECK(strstr(c, "nr_cpus=2") == NULL);
	c = planned("", 256 * MiB, one_cpu);
	CHECK(strstr(c, " nr_cpus=1 ") != NULL);
	CHECK(strstr(c, "disable_cpu_apicid=2") != NULL);
}

/* The shipped /etc/sysconfig/kdump spells the default out: it is the
 * default, nr_cpus= included. */
TEST(shipped_append_is_the_default)
{
	const char *c = planned("KDUMP_COMMANDLINE_APPEND=\"" KDUMP_DEFAULT_CMDLINE_APPEND
				"\"\n", 256 * MiB, two_cpus);

	CHECK(strstr(c, " irqpoll nr_cpus=2 reset_devices ") != NULL);
	c = planned("KDUMP_COMMANDLINE_APPEND=\"" KDUMP_DEFAULT_CMDLINE_APPEND
		    "\"\n", 96 * MiB, two_cpus);
	CHECK(strstr(c, " irqpoll nr_cpus=1 reset_devices ") != NULL);
}

TEST(own_append_is_kept)
{
	const char *c = planned("KDUMP_COMMANDLINE_APPEND=\"irqpoll nr_cpus=1 x=1\"\n",
				1024 * MiB, two_cpus);

	CHECK_STR(c, "ro kdump.root=/dev/vda irqpoll nr_cpus=1 x=1 disable_cpu_apicid=0");
	c = planned("KDUMP_COMMANDLINE_APPEND=\"nr_cpus=4\"\n", 64 * MiB, two_cpus);
	CHECK_STR(c, "ro kdump.root=/dev/vda nr_cpus=4 disable_cpu_apicid=0");
}

int main(void)
{
	RUN(cpus_from_the_reservation);
	RUN(default_append_gets_the_cpus);
	RUN(shipped_append_is_the_default);
	RUN(own_append_is_kept);
	return unit_done();
}
