/* capture.h - plan the capture: what the crash kernel is armed with.
 *
 * Reads the configuration once and derives everything the capture kernel
 * needs, so errors are reported in the first kernel, before anything is
 * armed. */
#ifndef KD_CAPTURE_H
#define KD_CAPTURE_H

#include "cmdline.h"
#include "error.h"
#include "kdump_conf.h"
#include "sysconfig.h"

struct kd_capture_plan {
	char cmdline[KD_CMDLINE_MAX];
};

/* The capture command line: KDUMP_COMMANDLINE or proc_cmdline as the
 * base, then the removals and additions of the sysconfig file, and
 * disable_cpu_apicid= for the boot CPU when `cpuinfo` (the text of
 * /proc/cpuinfo, may be NULL) names its APIC id; `root` as in
 * kd_capture_cmdline (targetspec.h's kd_root_spec). */
int kd_capture_plan(struct kd_capture_plan *plan, const struct kdump_conf *conf,
		    const struct kdump_sysconfig *sc, const char *proc_cmdline,
		    const char *cpuinfo, const char *root, struct kd_error *e);

#endif
