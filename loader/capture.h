/* capture.h - plan the capture: what the crash kernel is armed with.
 *
 * Reads the configuration once and derives everything the capture kernel
 * needs, so errors are reported in the first kernel, before anything is
 * armed. */
#ifndef KD_CAPTURE_H
#define KD_CAPTURE_H

#include <stdint.h>
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
 * /proc/cpuinfo, may be NULL) names its APIC id, nr_cpus= as
 * kd_capture_cpus says for `reserved` bytes; `root` as in
 * kd_capture_cmdline (targetspec.h's kd_root_spec). */
int kd_capture_plan(struct kd_capture_plan *plan, const struct kdump_conf *conf,
		    const struct kdump_sysconfig *sc, const char *proc_cmdline,
		    const char *cpuinfo, uint64_t reserved, const char *root,
		    struct kd_error *e);

/* The CPUs the capture kernel gets with the default
 * KDUMP_COMMANDLINE_APPEND (its nr_cpus=1 becomes nr_cpus=2): two when
 * `reserved` bytes (kexec_crash_size) are at least KD_CAPTURE_TWO_CPUS
 * and the machine has two or more, else one.  A second CPU compresses on
 * a second thread (the dump of a 2 GiB guest under TCG: 8.6 s against
 * 9.9 s, README) and costs about 5 MiB (its per-cpu area, stacks, the
 * thread's buffers): 128 MiB is 48 MiB above the measured floor of one
 * CPU, 80M.  A KDUMP_COMMANDLINE_APPEND of the administrator's is used
 * as it is. */
#define KD_CAPTURE_TWO_CPUS (128ULL << 20)
int kd_capture_cpus(uint64_t reserved, const char *cpuinfo);

#endif
