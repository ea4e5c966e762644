/* action.c - the final actions of the capture kernel. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/reboot.h>
#include "action.h"
#include "log.h"
#include "run.h"
#include "watch.h"

static int sync_all(void *arg)
{
	sync();
	return 0;
}

void kd_action_final(enum kd_action a)
{
	/* a target that stopped answering can hold sync() forever */
	struct kd_watch_limits l = { 0, 30, 0, 0 };
	struct kd_error e;

	int how = a == KD_ACTION_HALT ? RB_HALT_SYSTEM :
		  a == KD_ACTION_POWEROFF ? RB_POWER_OFF : RB_AUTOBOOT;

	kd_info("%s", a == KD_ACTION_HALT ? "halting" :
		a == KD_ACTION_POWEROFF ? "powering off" : "rebooting");
	if (kd_watch_call("sync", sync_all, NULL, &l, &e) < 0)
		kd_warn("sync: %s: going on", e.msg);
	reboot(how);
	kd_err("reboot(2) failed: %s", strerror(errno));
	for (;;)
		pause();
}

void kd_action_shell(void)
{
	char *argv[] = { "/bin/sh", "-i", NULL };

	if (access(argv[0], X_OK)) {
		kd_err("no shell in the capture initramfs (%s)", argv[0]);
		return;
	}
	kd_info("starting a shell; leave it to continue");
	setenv("PS1", "kdump:\\w# ", 1);
	kd_run_interactive(argv);
}
