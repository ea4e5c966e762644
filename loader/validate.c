/* validate.c - can kdump-init do what the configuration asks? (see
 * validate.h) */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include "blockdev.h"
#include "collector_line.h"
#include "fence_args.h"
#include "ipaddr.h"
#include "kexec_args.h"
#include "mountinfo.h"
#include "options.h"
#include "probe.h"
#include "program.h"
#include "readfile.h"
#include "server.h"
#include "stackplan.h"
#include "targetspec.h"
#include "validate.h"

#define FAT_FILE_MAX (4ULL << 30)	/* minus one byte */

struct check {
	const struct kdump_conf *conf;
	const struct kdump_sysconfig *sc;
	uint64_t ram;
	int system;
	struct kd_diag *dconf, *dsys;
};

/* ---- core_collector ---- */

/* makedumpfile options, through the parser kdump-init runs them with. */
static void builtin_collector(struct check *c, int line, const char *text)
{
	struct kd_options o;
	struct kd_error e;
	char words[4096];

	if (kd_options_parse_line(&o, text, words, sizeof words, &e))
		kd_diag_error(c->dconf, line, "core_collector: %s", e.msg);
	else if (o.nargs)
		kd_diag_error(c->dconf, line, "core_collector %.*s takes options "
			      "only (\"%s\"): kdump gives it /proc/vmcore and "
			      "the dump file", (int)strcspn(text, " \t"), text,
			      o.args[0]);
	else if (o.rearrange || o.dump_dmesg || o.verify)
		kd_diag_error(c->dconf, line, "core_collector: %s is for "
			      "kdump-collect on a saved dump, not for the "
			      "capture", o.rearrange ? "-R" : o.dump_dmesg ?
			      "--dump-dmesg" : "--verify");
}

/* All of memory goes into the dump when nothing filters or compresses:
 * a copy, or the built-in collector at level 0 without a codec (another
 * program may do either: not known here). */
static int dump_is_ram_sized(const char *line)
{
	struct kd_options o;
	struct kd_error e;
	char words[4096];

	if (kd_collector_kind(line) != KD_COLLECTOR_BUILTIN)
		return kd_collector_kind(line) == KD_COLLECTOR_COPY;
	return !kd_options_parse_line(&o, line, words, sizeof words, &e) &&
	       o.collect.dump_level == 0 && o.collect.codec == KD_CODEC_NONE;
}

static void check_collector(struct check *c)
{
	const char *line = kdump_conf_collector(c->conf);
	int at = kdump_conf_line(c->conf, "core_collector");
	char words[4096], *argv[KD_COLLECTOR_MAX_WORDS + 1], path[4096];

	switch (kd_collector_kind(line)) {
	case KD_COLLECTOR_BUILTIN:
		builtin_collector(c, at, line);
		break;
	case KD_COLLECTOR_SCP:
		if (c->conf->target_kind != KD_TARGET_SSH)
			kd_diag_error(c->dconf, at, "core_collector scp needs an "
				      "ssh target");
		break;
	case KD_COLLECTOR_COPY:
		break;
	case KD_COLLECTOR_PROGRAM:
		snprintf(words, sizeof words, "%s", line);
		if (kd_collector_split(words, argv) < 1)
			kd_diag_error(c->dconf, at, "core_collector has more "
				      "than %d words", KD_COLLECTOR_MAX_WORDS);
		else if (c->system && kd_find_program(argv[0], path, sizeof path))
			kd_diag_error(c->dconf, at, "core_collector %s: no such "
				      "program on this system (it must exist "
				      "here to go into the capture initramfs)",
				      argv[0]);
		break;
	}
}

/* ---- the network ---- */

/* The first fence_kdump node that is an address of another family. */
static const char *literal_of_other_family(const struct kdump_conf *conf,
					   int family)
{
	struct kd_ip ip;
	int i;

	for (i = 0; i < conf->fence_kdump_nodes.n; i++)
		if (!kd_ip_parse(conf->fence_kdump_nodes.v[i], &ip) &&
		    ip.family != family)
			return conf->fence_kdump_nodes.v[i];
	return NULL;
}

/* What kdump-init's fence_kdump sender will do with the arguments. */
static void check_fence(struct check *c)
{
	const struct kdump_conf *conf = c->conf;
	int at = kdump_conf_line(conf, "fence_kdump_args");
	struct kd_fence_args a;
	struct kd_error e;

	if (!conf->fence_kdump_args)
		return;
	if (kd_fence_parse_args(conf->fence_kdump_args, &a, &e))
		kd_diag_error(c->dconf, at, "%s", e.msg);
	else if (a.family != AF_UNSPEC && literal_of_other_family(conf, a.family))
		kd_diag_error(c->dconf, at, "fence_kdump_args: -f %s, and fence_kdump "
			      "node %s is an IPv%s address",
			      a.family == AF_INET6 ? "ipv6" : "ipv4",
			      literal_of_other_family(conf, a.family),
			      a.family == AF_INET6 ? "4" : "6");
	else if (!conf->fence_kdump_nodes.n)
		kd_diag_warn(c->dconf, at, "fence_kdump_args has no effect "
			     "without fence_kdump_nodes");
}

/* ---- the target on this system ---- */

/* Whether kdump-init can set up the stack under dev (/dev/NAME): the
 * reason in e when it cannot. */
static int stack_ok(const char *dev, struct kd_error *e)
{
	struct kd_stack_plan *sp = calloc(1, sizeof *sp);
	int ret;

	if (!sp)
		return kd_fail(e, ENOMEM, "out of memory");
	ret = kd_stack_plan(dev, sp, e);
	free(sp);
	return ret;
}

static int same_fs(const char *want, const char *have)
{
	/* the ext4 driver mounts ext2 and ext3; "msdos" is FAT too */
	if (!strncmp(want, "ext", 3) && !strncmp(have, "ext", 3))
		return 1;
	if (!strcmp(want, "msdos") && !strcmp(have, "vfat"))
		return 1;
	return !strcmp(want, have);
}

/* The first field of a line of `table` (/proc/self/mounts, /proc/swaps)
 * that names dev, and its second field ("" if none). */
static void listed_in(const char *table, const char *dev, char *out, size_t size)
{
	char *text = kd_read_file(table, 4 << 20, NULL);
	char *line, *save = NULL, real[4096], src[4096], dir[4096];

	out[0] = '\0';
	for (line = text ? strtok_r(text, "\n", &save) : NULL; line;
	     line = strtok_r(NULL, "\n", &save))
		if (sscanf(line, "%4095s %4095s", src, dir) == 2 && src[0] == '/' &&
		    !kd_blockdev_find(src, real, sizeof real) && !strcmp(real, dev)) {
			snprintf(out, size, "%s", dir);
			break;
		}
	free(text);
}

/* What uses the block device dev (/dev/NAME) now, as a phrase; "" when
 * nothing does: mounted, swap, or held by device-mapper or MD. */
static void user_of(const char *dev, char *out, size_t size)
{
	const char *name = strrchr(dev, '/') + 1;
	char where[4096], path[512];

	listed_in("/proc/self/mounts", dev, where, sizeof where);
	if (where[0]) {
		snprintf(out, size, "%s is mounted on %s", dev, where);
		return;
	}
	listed_in("/proc/swaps", dev, where, sizeof where);
	if (where[0]) {
		snprintf(out, size, "%s is in use as swap", dev);
		return;
	}
	snprintf(path, sizeof path, "/sys/class/block/%s/holders", name);
	snprintf(out, size, "%s", "");
	if (kd_dir_has_entries(path))
		snprintf(out, size, "%s is part of a device-mapper or MD device "
			 "(an LVM physical volume, a RAID member)", dev);
}

/* A raw target is overwritten whole: neither it nor a partition of it
 * may be in use.  The reason in out, "" when free. */
static void raw_in_use(const char *dev, char *out, size_t size)
{
	const char *name = strrchr(dev, '/') + 1;
	char path[512], part[300];
	struct dirent *de;
	DIR *d;

	user_of(dev, out, size);
	snprintf(path, sizeof path, "/sys/class/block/%s", name);
	d = opendir(path);
	while (!out[0] && d && (de = readdir(d))) {
		snprintf(path, sizeof path, "/sys/class/block/%s/%s/partition",
			 name, de->d_name);
		if (de->d_name[0] == '.' || access(path, F_OK))
			continue;
		snprintf(part, sizeof part, "/dev/%s", de->d_name);
		user_of(part, out, size);
	}
	if (d)
		closedir(d);
}

static void check_fs_device(struct check *c, const char *dev)
{
	const struct kdump_conf *conf = c->conf;
	struct kd_fsinfo fs;
	char why[4400];

	if (conf->target_kind == KD_TARGET_RAW) {
		raw_in_use(dev, why, sizeof why);
		if (why[0])
			kd_diag_error(c->dconf, conf->target_line, "raw target %s: "
				      "%s, and a dump would overwrite it",
				      conf->target, why);
		else if (kd_probe_device(dev, &fs) == 0)
			kd_diag_warn(c->dconf, conf->target_line, "raw target %s "
				     "holds a filesystem (%s): the first dump "
				     "overwrites it", conf->target, fs.type);
		return;
	}
	if (kd_probe_device(dev, &fs) == 0 && !same_fs(conf->target_fstype, fs.type))
		kd_diag_error(c->dconf, conf->target_line, "%s target %s holds "
			      "%s, not %s", conf->target_fstype, conf->target,
			      fs.type, conf->target_fstype);
}

static void check_device(struct check *c)
{
	const struct kdump_conf *conf = c->conf;
	char dev[4096], spec[512], other[4096];
	struct kd_error e;
	struct stat st;
	int n;

	if (conf->target_kind != KD_TARGET_RAW &&
	    (conf->target_kind != KD_TARGET_FS ||
	     !strcmp(conf->target_fstype, "virtiofs")))
		return;
	if (conf->target[0] == '/' && stat(conf->target, &st) == 0 &&
	    !S_ISBLK(st.st_mode)) {
		kd_diag_error(c->dconf, conf->target_line, "%s target %s is not "
			      "a block device", conf->target_fstype, conf->target);
		return;
	}
	/* kdump-init looks for it the same way, with the same code */
	if (kd_blockdev_find(conf->target, dev, sizeof dev)) {
		kd_diag_error(c->dconf, conf->target_line, "%s target %s: no "
			      "such block device on this system (the target "
			      "must be present when the capture initramfs is "
			      "built)", conf->target_fstype, conf->target);
		return;
	}
	if (stack_ok(dev, &e)) {
		kd_diag_error(c->dconf, conf->target_line, "%s target %s: %s: "
			      "use a plain partition or disk, ssh or NFS",
			      conf->target_fstype, conf->target, e.msg);
		return;
	}
	if (kd_target_spec(conf, spec, sizeof spec, &e)) {
		kd_diag_error(c->dconf, conf->target_line, "%s", e.msg);
		return;
	}
	n = kd_blockdev_count(spec, other, sizeof other);
	if (n > 1) {
		kd_diag_error(c->dconf, conf->target_line, "%s target %s: %s "
			      "names %d devices now, and the capture kernel "
			      "could write to another one than meant: make it "
			      "unique", conf->target_fstype, conf->target, spec, n);
		return;
	}
	check_fs_device(c, dev);
}

/* Without a target the dump goes to `path` on the filesystem holding it
 * (and failure_action dump_to_rootfs to the root filesystem): that
 * device must be one kdump-init can mount. */
static void check_mount(struct check *c, const char *path, const char *what,
			int line)
{
	struct kd_mount m;
	char real[PATH_MAX], dev[PATH_MAX];
	struct kd_error e;

	if (!realpath(path, real)) {
		kd_diag_error(c->dconf, line, "%s %s does not exist (without a "
			      "dump target it must, on the filesystem that will "
			      "hold the dumps)", what, path);
		return;
	}
	if (kd_mount_of(real, &m) || m.dev[0] != '/')
		return;		/* not a block device: the image build says */
	if (stack_ok(kd_blockdev_find(m.dev, dev, sizeof dev) ? m.dev : dev, &e))
		kd_diag_error(c->dconf, line, "%s %s is on %s: %s: name a dump "
			      "target on a plain partition or disk, ssh or NFS",
			      what, path, m.dev, e.msg);
}

static void check_local_fs(struct check *c)
{
	const struct kdump_conf *conf = c->conf;

	if (conf->target_kind == KD_TARGET_NONE)
		check_mount(c, conf->path, "path", kdump_conf_line(conf, "path"));
	if (conf->failure_action == KD_ACTION_DUMP_TO_ROOTFS &&
	    conf->target_kind != KD_TARGET_NONE)
		/* the line of failure_action, default or mount_root_run_init */
		check_mount(c, "/", "dump_to_rootfs: the root filesystem",
			    kdump_conf_line(conf, "failure_action"));
}

/* FAT holds no file of 4 GiB or more. */
static void check_fat(struct check *c)
{
	const struct kdump_conf *conf = c->conf;

	if (conf->target_kind != KD_TARGET_FS || !c->ram ||
	    c->ram < FAT_FILE_MAX || (strcmp(conf->target_fstype, "vfat") &&
				      strcmp(conf->target_fstype, "msdos")))
		return;
	if (dump_is_ram_sized(kdump_conf_collector(conf)))
		kd_diag_error(c->dconf, conf->target_line, "%s cannot hold "
			      "files of 4 GiB or more, and this machine's "
			      "%llu MiB are dumped unfiltered and uncompressed: "
			      "use another filesystem or a filtering "
			      "core_collector", conf->target_fstype,
			      (unsigned long long)(c->ram >> 20));
	else
		kd_diag_warn(c->dconf, conf->target_line, "%s cannot hold "
			     "files of 4 GiB or more, and this machine has "
			     "%llu MiB: a dump that does not filter down "
			     "below that is lost", conf->target_fstype,
			     (unsigned long long)(c->ram >> 20));
}

/* ---- KEXEC_ARGS ---- */

static void check_kexec(struct check *c)
{
	struct kd_kexec_args a;
	char why[256], path[4096];

	if (kd_kexec_args_parse(c->sc->kexec_args, &a, why, sizeof why) ||
	    !a.legacy || !c->system || !kd_find_program("kexec", path, sizeof path))
		return;
	kd_diag_error(c->dsys, c->sc->kexec_args_line, "KEXEC_ARGS %s: only "
		      "kexec-tools' kexec applies it, and it is not installed "
		      "(install kexec-tools, or remove the option)",
		      a.first_legacy);
}

void kd_validate(const struct kdump_conf *conf,
		 const struct kdump_sysconfig *sc, uint64_t ram, int system,
		 struct kd_diag *dconf, struct kd_diag *dsys)
{
	struct check c = { conf, sc, ram, system, dconf, dsys };

	check_collector(&c);
	check_fence(&c);
	check_fat(&c);
	check_kexec(&c);
	if (system) {
		check_device(&c);
		check_local_fs(&c);
	}
}
