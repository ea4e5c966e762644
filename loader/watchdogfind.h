/* watchdogfind.h - the hardware watchdog the running kernel uses, for the
 * capture image (capture-init/watchdog.h feeds it after a crash).
 *
 * /sys/class/watchdog/watchdogN whose state is "active" (someone has it
 * open: systemd's RuntimeWatchdogSec, a watchdog daemon), other than
 * softdog, which dies with the kernel that runs it.  Its timer keeps
 * counting through the crash: without its driver in the image and someone
 * to feed it, the machine would be reset in the middle of the dump. */
#ifndef KD_WATCHDOGFIND_H
#define KD_WATCHDOGFIND_H

#include <stddef.h>

struct kd_watchdog_info {
	char name[32];		/* watchdog0 */
	char module[64];	/* its driver's module, "" when built in */
	char identity[64];	/* "i6300ESB timer" */
	int timeout;		/* seconds, 0 when unknown */
};

/* The first active hardware watchdog under sysfs (normally "/sys"):
 * 1 and *w filled, or 0 when there is none. */
int kd_watchdog_find(const char *sysfs, struct kd_watchdog_info *w);

#endif
