/* sysconfig.h - /etc/sysconfig/kdump: the loader's settings.
 *
 * The file is a list of shell assignments NAME=value, optionally preceded
 * by "export " ("export NAME" alone is accepted and changes nothing).
 * Values may be unquoted (a backslash escapes the next character),
 * 'single quoted' (literal), "double quoted" (backslash escapes \" \\ \$ \`
 * and line continuation), or a concatenation of these; "#" starts a comment
 * at the start of a word.  No expansion is performed: a "$" or backquote
 * outside single quotes, or an unquoted "~" where a shell would expand it,
 * is an error rather than a silent surprise, and so are ; & | < > ( ), an
 * unterminated quote (reported on the line where it opened) and text after
 * the value.  A later assignment replaces an earlier one, as in a shell.
 * Unknown names produce a warning (the file is also sourced by other
 * tools); the known ones are below, and kdump-utils' other variables
 * (VMCORE_CREATION_NOTIFICATION, FADUMP_COMMANDLINE_APPEND, KDUMP_*LOGLVL)
 * are accepted silently.  Files over 1 MiB, values over 8191 bytes and NUL
 * bytes are errors.  KDUMP_KEEP_DUMPS (a count, 1 or more) and
 * KDUMP_KEEP_SIZE (a size such as 500M or 10G, more than 0) are checked
 * where they are assigned; empty means keep every dump.  KEXEC_ARGS is
 * checked there too (kexec_args.h says which options apply).  A UTF-8
 * byte order mark at the start is an error: a shell would read it as
 * part of the first name. */
#ifndef KD_SYSCONFIG_H
#define KD_SYSCONFIG_H

#include <stdint.h>
#include <stdio.h>
#include "diag.h"

#define KDUMP_SYSCONFIG_DEFAULT_PATH "/etc/sysconfig/kdump"

/* Used when KDUMP_COMMANDLINE_REMOVE/_APPEND are not set at all. */
#define KDUMP_DEFAULT_CMDLINE_REMOVE \
	"hugepages hugepagesz slub_debug quiet log_buf_len swiotlb hugetlb_cma ignition.firstboot cma"
#define KDUMP_DEFAULT_CMDLINE_APPEND \
	"irqpoll nr_cpus=1 reset_devices cgroup_disable=memory mce=off numa=off " \
	"udev.children-max=2 panic=10 acpi_no_memhotplug transparent_hugepage=never " \
	"nokaslr hest_disable novmcoredd cma=0 hugetlb_cma=0 kfence.sample_interval=0 " \
	"pcie_ports=compat cryptomgr.notests " \
	"initcall_blacklist=tracer_init_tracefs,crypto_kdf108_init"

struct kdump_sysconfig {
	/* NULL when not set in the file */
	char *commandline;		/* KDUMP_COMMANDLINE */
	char *commandline_remove;	/* KDUMP_COMMANDLINE_REMOVE */
	char *commandline_append;	/* KDUMP_COMMANDLINE_APPEND */
	char *kexec_args;		/* KEXEC_ARGS */
	char *bootdir;			/* KDUMP_BOOTDIR */
	char *img;			/* KDUMP_IMG */
	char *img_ext;			/* KDUMP_IMG_EXT */
	char *kernelver;		/* KDUMP_KERNELVER */
	char *initrd;			/* KDUMP_INITRD */
	char *ssh_config;		/* KDUMP_SSH_CONFIG: ssh -F for the target */
	char *keep_dumps;		/* KDUMP_KEEP_DUMPS */
	char *keep_size;		/* KDUMP_KEEP_SIZE */

	int kexec_args_line;		/* where KEXEC_ARGS was set, 0: not */

	/* The two above as numbers; 0 when unset or empty (keep all). */
	unsigned long keep_dumps_n;
	uint64_t keep_size_bytes;
};

/* Parse `text` (len bytes).  0 when no error, -1 otherwise; free either way. */
int kdump_sysconfig_parse(struct kdump_sysconfig *sc, const char *text,
			  size_t len, struct kd_diag *diag);
/* A missing file is not an error: every setting keeps its default. */
int kdump_sysconfig_load(struct kdump_sysconfig *sc, const char *file,
			 struct kd_diag *diag);
void kdump_sysconfig_free(struct kdump_sysconfig *sc);

/* Effective values with defaults applied. */
const char *kdump_sysconfig_remove(const struct kdump_sysconfig *sc);
const char *kdump_sysconfig_append(const struct kdump_sysconfig *sc);

/* Every known variable as NAME='value' (sourceable, and parsed back to
 * the same values), the command line defaults filled in; "# NAME not set"
 * for the others. */
void kdump_sysconfig_print(const struct kdump_sysconfig *sc, FILE *out);

#endif
