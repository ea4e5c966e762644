/* action.h - what kdump-init does at the end: reboot, halt, power off, or
 * a shell on the console first. */
#ifndef KD_ACTION_H
#define KD_ACTION_H

#include "kdump_conf.h"

/* reboot, halt or poweroff (UNSET means reboot); syncs first; never returns. */
void kd_action_final(enum kd_action a) __attribute__((noreturn));

/* An interactive BusyBox shell on the console; returns when it exits. */
void kd_action_shell(void);

#endif
