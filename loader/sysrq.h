/* sysrq.h - crash the machine on purpose: kdumpctl test. */
#ifndef KD_SYSRQ_H
#define KD_SYSRQ_H

#include "error.h"

/* Enable sysrq (1 into /proc/sys/kernel/sysrq), flush the filesystems,
 * then write "c" to /proc/sysrq-trigger, both below root ("" live).  On a
 * live system it does not return when it works; -1 with e set otherwise. */
int kd_sysrq_crash(const char *root, struct kd_error *e);

#endif
