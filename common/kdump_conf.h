/* kdump_conf.h - /etc/kdump.conf: parse, validate, and the result.
 *
 * One directive per line, "<name> <value...>".  Blank lines, "#" comments
 * and one pair of double quotes around the whole value are handled as the
 * existing tools do.  A "#" starts a comment at the start of a line or after
 * a blank, outside double quotes (so "path /var/crash#1" keeps its "#").
 * Lines longer than 4096 bytes and files larger than 1 MiB are errors.
 *
 * Every directive may be given once, except extra_bins, extra_modules and
 * blacklist (their words add up) and options (once per module).  At most one
 * dump target: <fstype> <device> with fstype ext2, ext3, ext4, xfs, btrfs,
 * vfat, msdos or minix and the device an absolute path, LABEL=, UUID= or
 * PARTUUID=; virtiofs <tag>; raw <device path|PARTUUID=>; nfs <host:/export>;
 * ssh <user@host>.  link_delay and disk_timeout take 0..86400 seconds,
 * debug_mem_level 0..3, dump_stall_timeout 5..86400 seconds, dump_timeout
 * 0..864000 seconds or "auto", fit_to_target yes or no.
 *
 * Every problem is reported through struct kd_diag as "FILE:LINE: reason";
 * parsing goes on after an error so that all of them are shown.  Legacy
 * spellings are accepted with a warning naming the modern form: net (nfs or
 * ssh), nfs4 (nfs), default (failure_action), mount_root_run_init (alone
 * on its line) and "default mount_root_run_init" (failure_action
 * dump_to_rootfs), and override_resettable (ignored).  Directives that set
 * the failure action exclude each other.  Strings in the result point into
 * the kdump_conf's own storage and live until kdump_conf_free(). */
#ifndef KD_KDUMP_CONF_H
#define KD_KDUMP_CONF_H

#include <stdio.h>
#include "diag.h"

#define KDUMP_CONF_DEFAULT_PATH "/etc/kdump.conf"
#define KDUMP_DEFAULT_DUMP_PATH "/var/crash"
#define KDUMP_DEFAULT_SSHKEY "/root/.ssh/kdump_id_rsa"
#define KDUMP_DEFAULT_DISK_TIMEOUT 180
/* A capture that writes no byte for this long is stopped (kept as
 * vmcore-incomplete) and failure_action runs: 2 minutes outlast a busy
 * NFS server's retransmissions (timeo=600, retrans=2) and an ssh peer's
 * keepalives, and still end an outage long before anyone would notice. */
#define KDUMP_DEFAULT_STALL_TIMEOUT 120
#define KDUMP_MIN_STALL_TIMEOUT 5
#define KDUMP_DUMP_TIMEOUT_AUTO (-1)
#define KDUMP_DEFAULT_COLLECTOR "makedumpfile -l --message-level 1 -d 31"
#define KDUMP_DEFAULT_COLLECTOR_FLAT "makedumpfile -F -l --message-level 1 -d 31"

enum kd_target_kind {
	KD_TARGET_NONE,		/* no target: path is on the root filesystem */
	KD_TARGET_FS,		/* <fstype> <device|LABEL=|UUID=|PARTUUID=> */
	KD_TARGET_RAW,		/* raw <device> */
	KD_TARGET_NFS,		/* nfs/nfs4/net <host:/export> */
	KD_TARGET_SSH,		/* ssh/net <user@host> */
};

enum kd_action {
	KD_ACTION_UNSET,
	KD_ACTION_REBOOT,
	KD_ACTION_HALT,
	KD_ACTION_POWEROFF,
	KD_ACTION_SHELL,
	KD_ACTION_DUMP_TO_ROOTFS,
};

/* A list of words, e.g. extra_modules or fence_kdump_nodes. */
struct kd_words {
	char **v;
	int n;
};

/* "options <module> <args...>" */
struct kd_module_options {
	char *module;
	char *args;
	int line;		/* where it was given */
};

struct kdump_conf {
	enum kd_target_kind target_kind;
	char *target_fstype;	/* ext4, xfs, ..., virtiofs; "raw", "ssh";
				 * "nfs" for every NFS spelling */
	char *target;		/* device, host:/export or user@host */
	int target_line;	/* 0 when no target line */
	int nfs_version;	/* 0 = default (4); 4 when written "nfs4" */

	char *path;		/* default KDUMP_DEFAULT_DUMP_PATH */
	char *core_collector;	/* NULL: the default for the target */
	char *sshkey;		/* default KDUMP_DEFAULT_SSHKEY */
	char *kdump_pre;
	char *kdump_post;
	char *kdump_emergency;
	struct kd_words extra_bins;
	struct kd_words extra_modules;
	struct kd_words blacklist;
	struct kd_module_options *options;
	int n_options;
	char *dracut_args;
	char *fence_kdump_args;
	struct kd_words fence_kdump_nodes;

	enum kd_action failure_action;	/* UNSET means reboot */
	enum kd_action final_action;	/* UNSET means reboot */
	int force_rebuild;
	int force_no_rebuild;
	int link_delay;		/* seconds, 0 = none */
	int disk_timeout;	/* seconds, default KDUMP_DEFAULT_DISK_TIMEOUT */
	int debug_mem_level;	/* 0..3 */
	int auto_reset_crashkernel;	/* 1 yes, 0 no, -1 not given; no
					 * effect (a warning says so) */
	int override_resettable;	/* 0/1, legacy, no effect */
	int dump_stall_timeout;	/* seconds without a byte written before the
				 * capture is stopped (KDUMP_MIN.. 86400) */
	int dump_timeout;	/* seconds for the whole capture, 0 none,
				 * KDUMP_DUMP_TIMEOUT_AUTO: from the dump's
				 * size (capture-init/deadline.h) */
	int fit_to_target;	/* 1: raise the level to fit the free space */

	void *storage;		/* private: owns every string above */
};

/* Parse `text` (len bytes, need not be NUL-terminated) as kdump.conf.
 * Returns 0 when there is no error (warnings allowed), -1 otherwise; the
 * kdump_conf is filled as far as it could be either way and must be freed. */
int kdump_conf_parse(struct kdump_conf *conf, const char *text, size_t len,
		     struct kd_diag *diag);

/* Read and parse a file.  A missing file is an error ("FILE: cannot read:
 * ..."); the kdump_conf then holds the defaults, and must be freed too. */
int kdump_conf_load(struct kdump_conf *conf, const char *file,
		    struct kd_diag *diag);

void kdump_conf_free(struct kdump_conf *conf);

/* The core collector that applies: the configured one or the default for
 * the target (flattened for raw and ssh). */
const char *kdump_conf_collector(const struct kdump_conf *conf);

/* The line where `directive` was given (for the dump target, any target
 * directive), 0 when it was not; for directives that may repeat, 0. */
int kdump_conf_line(const struct kdump_conf *conf, const char *directive);

const char *kd_action_name(enum kd_action action);	/* "reboot", ... */
const char *kd_target_kind_name(enum kd_target_kind kind);

/* Print the effective settings, one "name value" line each, defaults
 * included, in kdump.conf syntax with the modern spellings: parsing the
 * output gives the same settings (values that contain a double quote are
 * written as they are, which is exact unless a word list mixes them with
 * words that start with "#").  Unset optional strings and empty lists are
 * left out; a missing target or auto_reset_crashkernel is a comment. */
void kdump_conf_print(const struct kdump_conf *conf, FILE *out);

#endif
