/* capture.c - plan the capture kernel's command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "capture.h"

/* "apicid\t\t: 0" of the first processor in /proc/cpuinfo, or -1. */
static long boot_cpu_apicid(const char *cpuinfo)
{
	const char *p = cpuinfo ? strstr(cpuinfo, "\napicid") : NULL;
	char *end;
	long id;

	if (!p)
		return -1;
	p = strchr(p, ':');
	if (!p)
		return -1;
	id = strtol(p + 1, &end, 10);
	return end == p + 1 ? -1 : id;
}

static int count_cpus(const char *cpuinfo)
{
	const char *p;
	int n = 0;

	for (p = cpuinfo; p && (p = strstr(p, "processor\t")); p++)
		if (p == cpuinfo || p[-1] == '\n')
			n++;
	return n;
}

int kd_capture_cpus(uint64_t reserved, const char *cpuinfo)
{
	return reserved >= KD_CAPTURE_TWO_CPUS && count_cpus(cpuinfo) >= 2 ? 2 : 1;
}

/* The default append with nr_cpus=1 as kd_capture_cpus says. */
static const char *default_append(char *buf, size_t size, int cpus)
{
	const char *d = KDUMP_DEFAULT_CMDLINE_APPEND, *at = strstr(d, "nr_cpus=1 ");

	if (cpus == 1 || !at)
		return d;
	snprintf(buf, size, "%.*snr_cpus=%d %s", (int)(at - d), d, cpus,
		 at + strlen("nr_cpus=1 "));
	return buf;
}

int kd_capture_plan(struct kd_capture_plan *plan, const struct kdump_conf *conf,
		    const struct kdump_sysconfig *sc, const char *proc_cmdline,
		    const char *cpuinfo, uint64_t reserved, const char *root,
		    struct kd_error *e)
{
	const char *base = sc->commandline && sc->commandline[0] ?
			   sc->commandline : proc_cmdline;
	const char *append = kdump_sysconfig_append(sc);
	long apicid = boot_cpu_apicid(cpuinfo);
	char extra[64] = "", buf[1024];

	(void)conf;
	if (!sc->commandline_append ||
	    strcmp(sc->commandline_append, KDUMP_DEFAULT_CMDLINE_APPEND) == 0)
		append = default_append(buf, sizeof buf,
					kd_capture_cpus(reserved, cpuinfo));
	if (apicid >= 0)
		snprintf(extra, sizeof extra, "disable_cpu_apicid=%ld", apicid);
	return kd_capture_cmdline(base, kdump_sysconfig_remove(sc), append,
				  extra, root, plan->cmdline,
				  sizeof plan->cmdline, e);
}
