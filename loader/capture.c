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

int kd_capture_plan(struct kd_capture_plan *plan, const struct kdump_conf *conf,
		    const struct kdump_sysconfig *sc, const char *proc_cmdline,
		    const char *cpuinfo, const char *root, struct kd_error *e)
{
	const char *base = sc->commandline && sc->commandline[0] ?
			   sc->commandline : proc_cmdline;
	long apicid = boot_cpu_apicid(cpuinfo);
	char extra[64] = "";

	(void)conf;
	if (apicid >= 0)
		snprintf(extra, sizeof extra, "disable_cpu_apicid=%ld", apicid);
	return kd_capture_cmdline(base, kdump_sysconfig_remove(sc),
				  kdump_sysconfig_append(sc), extra, root,
				  plan->cmdline, sizeof plan->cmdline, e);
}
