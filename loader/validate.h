/* validate.h - what kdumpctl checks after parsing and before it builds or
 * arms anything: that kdump-init will be able to do what the files ask.
 *
 * The parsers check each file's syntax; this checks what needs more than
 * one line, the collector's own options (parsed by the collector's
 * parser, the one kdump-init runs), and, with `system` set, this
 * machine: the target device (found the way kdump-init finds it), the
 * programs to put into the image, the memory a FAT file must hold.
 * Every problem is a "FILE:LINE: reason" diagnostic in dconf (kdump.conf)
 * or dsys (the sysconfig file). */
#ifndef KD_VALIDATE_H
#define KD_VALIDATE_H

#include <stdint.h>
#include "diag.h"
#include "kdump_conf.h"
#include "sysconfig.h"

/* ram: this machine's memory in bytes (0: unknown); system: 0 when the
 * image is the caller's (--initrd), so the target is not looked for. */
void kd_validate(const struct kdump_conf *conf,
		 const struct kdump_sysconfig *sc, uint64_t ram, int system,
		 struct kd_diag *dconf, struct kd_diag *dsys);

#endif
