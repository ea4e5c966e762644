/* modules.h - load kernel modules in-process, as modprobe would.
 *
 * Dependencies come from <moddir>/modules.dep and are loaded first, with
 * finit_module(2) (compressed modules are handed to the kernel to
 * decompress).  Names match with '-' and '_' treated alike.  A module that
 * is built in (modules.builtin) or already loaded counts as loaded.
 * `options <module> <args>` lines of kdump.conf give the parameters;
 * `blacklist` names are never loaded on request (as a dependency of a
 * module that is requested they are loaded, with a warning). */
#ifndef KD_MODULES_H
#define KD_MODULES_H

#include "error.h"
#include "kdump_conf.h"

struct kd_modules;

/* Read modules.dep and modules.builtin from moddir. */
int kd_modules_open(struct kd_modules **m, const char *moddir,
		    const struct kdump_conf *conf, struct kd_error *e);
void kd_modules_close(struct kd_modules *m);

/* Load `name` and its dependencies.  0 when loaded (or built in). */
int kd_modules_load(struct kd_modules *m, const char *name, struct kd_error *e);

/* After this, the file of each module inserted is removed: in the
 * capture kernel the initramfs is in memory, and a loaded module's file
 * is memory nothing needs again (2-3 MiB for ext4 and its dependencies). */
void kd_modules_drop_loaded_files(struct kd_modules *m);

/* The dependency-ordered paths (relative to moddir) that loading `name`
 * would insert, for tests; returns how many were written to paths[]. */
int kd_modules_plan(struct kd_modules *m, const char *name, const char **paths,
		    int max, struct kd_error *e);

#endif
