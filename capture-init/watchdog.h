/* watchdog.h - the hardware watchdog the first kernel used.
 *
 * kdumpctl writes /etc/kdump/watchdog into the image when the first kernel
 * has an active hardware watchdog ("timeout N" on one line; its driver is
 * in the image's module list).  The timer keeps running across the crash
 * and kexec; once the driver is loaded the kernel pings it until someone
 * opens it.  kdump-init opens it at once and PID 1 feeds it while the
 * capture keeps its deadlines (watch.h), so that a hang of PID 1 or of the
 * capture kernel itself resets the machine.  It is never stopped: PID 1
 * feeds it through a failure_action shell too. */
#ifndef KD_WATCHDOG_H
#define KD_WATCHDOG_H

#include "error.h"

#define KD_WATCHDOG_CONF "/etc/kdump/watchdog"

/* Open the watchdog when conf_file exists; 0 when there is none to open
 * (no file), -1 with e when there should be one and it cannot be used. */
int kd_watchdog_open(const char *conf_file, struct kd_error *e);

/* Feed it (nothing when none is open). */
void kd_watchdog_feed(void);

/* 1 when one is open. */
int kd_watchdog_active(void);

/* Parse "timeout N" (1..3600) from text; -1 when there is none. */
int kd_watchdog_parse_timeout(const char *text);

#endif
