/* kmodules.h - what modules a kernel has (its modules.dep and modules.builtin). */
#ifndef KD_KMODULES_H
#define KD_KMODULES_H

/* 1 when the kernel whose modules are in kmoddir has module name (as a
 * file or built in; '-' and '_' alike), 0 when it has not, -1 when its
 * lists cannot be read. */
int kd_kernel_has_module(const char *kmoddir, const char *name);

#endif
