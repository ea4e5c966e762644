/* image.c - plan, check and build the capture initramfs. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "image.h"
#include "watchdogfind.h"
#include "command.h"
#include "collector_line.h"
#include "log.h"
#include "mountinfo.h"
#include "program.h"
#include "probe.h"
#include "blockdev.h"
#include "targetspec.h"
#include "stackplan.h"
#include "kmodules.h"
#include "readfile.h"
#include "writefile.h"

extern char **environ;

static const char *const hook_dirs[] = {
	"/etc/kdump/pre.d", "/etc/kdump/post.d", "/etc/kdump/emergency.d", NULL,
};

/* Add word to a space-separated list unless it is there already. */
static void append(char *list, size_t size, const char *word)
{
	size_t len = strlen(word), used = strlen(list);
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, " ");

		if (n == len && !strncmp(p, word, len))
			return;
		p += n + (p[n] == ' ');
	}
	snprintf(list + used, size - used, "%s%s", used ? " " : "", word);
}

/* Modules wanted where the kernel has them: newer kernels fold them into
 * others (crc32c_generic is gone from 6.14 on: the crc32c library). */
static const char *const optional_modules[] = { "crc32c_generic", NULL };

static int is_optional(const char *name, size_t len)
{
	int i;

	for (i = 0; optional_modules[i]; i++)
		if (strlen(optional_modules[i]) == len &&
		    !strncmp(optional_modules[i], name, len))
			return 1;
	return 0;
}

/* Drop the optional modules the target kernel does not have: not a
 * warning, nothing is missing. */
static void drop_absent_optional(struct kd_image_plan *p)
{
	char kept[sizeof p->modules] = "", word[128];
	const char *w = p->modules;

	while (*w) {
		size_t n = strcspn(w, " ");

		snprintf(word, sizeof word, "%.*s", (int)n, w);
		if (!is_optional(w, n) || kd_kernel_has_module(p->kmoddir, word) != 0)
			append(kept, sizeof kept, word);
		w += n + (w[n] == ' ');
	}
	memcpy(p->modules, kept, sizeof kept);
}

/* The module a filesystem type needs (ext2 and ext3 are served by ext4). */
static void fs_modules(char *list, size_t size, const char *fstype)
{
	if (!strcmp(fstype, "ext2") || !strcmp(fstype, "ext3") || !strcmp(fstype, "ext4")) {
		append(list, size, "crc32c_generic");
		append(list, size, "ext4");
	} else if (!strcmp(fstype, "btrfs") || !strcmp(fstype, "xfs")) {
		/* their checksums need a crc32c the module does not pull in */
		append(list, size, "crc32c_generic");
		append(list, size, fstype);
	} else if (!strcmp(fstype, "vfat") || !strcmp(fstype, "msdos")) {
		append(list, size, "nls_cp437");
		append(list, size, "nls_iso8859-1");
		append(list, size, fstype);
	} else if (strcmp(fstype, "nfs") && strcmp(fstype, "ssh") &&
		   strcmp(fstype, "raw")) {
		append(list, size, fstype);
	}
}

/* Drivers of a block device: every "driver/module" from its sysfs device
 * up to the root (disk driver, bus, controller), outermost first. */
static void block_modules(char *list, size_t size, const char *dev)
{
	char path[PATH_MAX], real[PATH_MAX], found[16][64];
	const char *name = strrchr(dev, '/');
	int n = 0, i;

	snprintf(path, sizeof path, "/sys/class/block/%s/device", name ? name + 1 : dev);
	if (!realpath(path, real)) {
		/* a partition: its disk holds the device link */
		snprintf(path, sizeof path, "/sys/class/block/%s/../device",
			 name ? name + 1 : dev);
		if (!realpath(path, real))
			return;
	}
	while (strlen(real) > strlen("/sys/devices") && n < 16) {
		char link[PATH_MAX], target[PATH_MAX];
		ssize_t len;

		snprintf(link, sizeof link, "%s/driver/module", real);
		len = readlink(link, target, sizeof target - 1);
		if (len > 0) {
			const char *mod;

			target[len] = '\0';
			mod = strrchr(target, '/');
			snprintf(found[n++], sizeof found[0], "%s", mod ? mod + 1 : target);
		}
		*strrchr(real, '/') = '\0';
	}
	for (i = n - 1; i >= 0; i--)
		append(list, size, found[i]);
}

/* The drivers of a block device and of the storage stack under it (LVM,
 * MD: stackplan.h), whose layers kdump-init sets up. */
static int device_modules(struct kd_image_plan *p, const char *dev,
			  struct kd_error *e)
{
	char real[PATH_MAX];
	int i, before = p->stack.nleaves;

	if (kd_blockdev_find(dev, real, sizeof real))
		return kd_fail(e, ENODEV, "%s: no such block device", dev);
	if (kd_stack_plan(real, &p->stack, e))
		return -1;
	if (p->stack.modules[0])
		append(p->modules, sizeof p->modules, p->stack.modules);
	for (i = before; i < p->stack.nleaves; i++)
		block_modules(p->modules, sizeof p->modules, p->stack.leaves[i]);
	return 0;
}

/* ---- no target: the filesystem that holds `path` ---- */

/* "UUID=..." of a block device, or its path. */
static void device_spec(const char *dev, char *out, size_t size)
{
	struct kd_fsinfo fs;

	if (kd_probe_device(dev, &fs) == 0 && fs.uuid[0])
		snprintf(out, size, "UUID=%s", fs.uuid);
	else
		snprintf(out, size, "%s", dev);
}

/* kdump.conf for the image, the target made explicit.  A path on the root
 * filesystem keeps "no target": kdump-init uses kdump.root= for it. */
static int render_conf(struct kd_image_plan *p, const struct kdump_conf *conf,
		       struct kd_error *e)
{
	struct kdump_conf c = *conf;
	char spec[PATH_MAX + 8], rel[PATH_MAX], real[PATH_MAX];
	struct kd_mount m;
	FILE *out;

	if (p->collector[0])
		c.core_collector = p->collector;
	if (p->target[0])
		c.target = p->target;

	if (conf->target_kind == KD_TARGET_NONE) {
		if (!realpath(conf->path, real))
			return kd_fail(e, errno, "path %s: %s (it must exist)",
				       conf->path, strerror(errno));
		if (kd_mount_of(real, &m))
			return kd_fail(e, ENOENT, "cannot find the filesystem of %s", real);
		if (strcmp(m.dir, "/")) {
			device_spec(m.dev, spec, sizeof spec);
			snprintf(rel, sizeof rel, "%s", real + strlen(m.dir));
			c.target_kind = KD_TARGET_FS;
			c.target_fstype = m.fstype;
			c.target = spec;
			c.path = rel[0] ? rel : "/";
		}
		/* the capture kernel mounts this filesystem: its drivers */
		fs_modules(p->modules, sizeof p->modules, m.fstype);
		if (m.dev[0] == '/' && device_modules(p, m.dev, e))
			return -1;
	}
	out = fmemopen(p->conf_text, sizeof p->conf_text - 1, "w");
	if (!out)
		return kd_fail(e, errno, "fmemopen: %s", strerror(errno));
	kdump_conf_print(&c, out);
	if (fclose(out))
		return kd_fail(e, ENOSPC, "the configuration is too long for the image");
	return 0;
}

static int add_file(struct kd_image_plan *p, const char *what, const char *path,
		    struct kd_error *e)
{
	if (!path)
		return 0;
	if (access(path, X_OK))
		return kd_fail(e, errno, "%s %s: %s (it must exist and be "
			       "executable)", what, path, strerror(errno));
	append(p->files, sizeof p->files, path);
	return 0;
}

/* The kdump-init binary: $KDUMP_INIT, next to kdumpctl, or installed. */
static void init_path(char *out, size_t size)
{
	char self[PATH_MAX];
	ssize_t n;

	if (getenv("KDUMP_INIT")) {
		snprintf(out, size, "%s", getenv("KDUMP_INIT"));
		return;
	}
	n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n > 0) {
		self[n] = '\0';
		*strrchr(self, '/') = '\0';
		snprintf(out, size, "%s/kdump-init", self);
		if (access(out, X_OK) == 0)
			return;
	}
	snprintf(out, size, "/usr/lib/kdump/kdump-init");
}

/* A core_collector program (not the built-in collector or a copy) goes
 * into the image, and the image's kdump.conf names it by its full path:
 * kdump-init has no PATH to search. */
static int collector_program(struct kd_image_plan *p,
			     const struct kdump_conf *conf, struct kd_error *e)
{
	const char *line = kdump_conf_collector(conf);
	size_t n = strcspn(line, " \t");
	char name[PATH_MAX], path[PATH_MAX];

	if (kd_collector_kind(line) != KD_COLLECTOR_PROGRAM)
		return 0;
	snprintf(name, sizeof name, "%.*s", (int)n, line);
	if (kd_find_program(name, path, sizeof path))
		return kd_fail(e, ENOENT, "core_collector %s: no such program",
			       name);
	append(p->files, sizeof p->files, path);
	if (snprintf(p->collector, sizeof p->collector, "%s%s", path, line + n) >=
	    (int)sizeof p->collector)
		return kd_fail(e, ENOSPC, "core_collector is too long");
	return 0;
}

/* BusyBox goes in only when something needs a shell or a DHCP client:
 * the shell action, hooks and extra programs (they may be scripts). */
static int needs_busybox(const struct kd_image_plan *p,
			 const struct kdump_conf *conf)
{
	int i;

	if (conf->failure_action == KD_ACTION_SHELL ||
	    conf->final_action == KD_ACTION_SHELL || conf->kdump_pre ||
	    conf->kdump_post || conf->kdump_emergency || conf->extra_bins.n ||
	    strstr(p->net.words, "dhcp"))
		return 1;
	for (i = 0; hook_dirs[i]; i++)
		if (kd_dir_has_entries(hook_dirs[i]))
			return 1;
	return 0;
}

/* failure_action dump_to_rootfs mounts the root filesystem: its drivers. */
static int rootfs_modules(struct kd_image_plan *p, const struct kdump_conf *conf,
			  struct kd_error *e)
{
	struct kd_mount m;

	if (conf->failure_action != KD_ACTION_DUMP_TO_ROOTFS ||
	    conf->target_kind == KD_TARGET_NONE)
		return 0;
	if (kd_mount_of("/", &m)) {
		kd_warn("dump_to_rootfs: cannot find the root filesystem now: "
			"its drivers are not in the image");
		return 0;
	}
	fs_modules(p->modules, sizeof p->modules, m.fstype);
	return m.dev[0] == '/' && device_modules(p, m.dev, e) ? -1 : 0;
}

/* The network: the NICs' drivers and the stack's modules, NFS, the ssh
 * client. */
static int plan_network(struct kd_image_plan *p, const struct kdump_conf *conf,
			const struct kdump_sysconfig *sc, struct kd_error *e)
{
	char words[sizeof p->net.modules], *w, *save = NULL;

	if (kd_netplan(&p->net, conf, sc, e))
		return -1;
	snprintf(words, sizeof words, "%s", p->net.modules);
	for (w = strtok_r(words, " ", &save); w; w = strtok_r(NULL, " ", &save))
		append(p->modules, sizeof p->modules, w);
	if (p->net.nfs_modules[0])
		append(p->modules, sizeof p->modules, p->net.nfs_modules);
	if (p->net.ssh_prog[0])
		append(p->files, sizeof p->files, p->net.ssh_prog);
	if (p->net.scp_prog[0])
		append(p->files, sizeof p->files, p->net.scp_prog);
	return 0;
}

/* The active hardware watchdog's driver, first in the load order, and
 * its timeout for kdump-init (capture-init/watchdog.h). */
static void plan_watchdog(struct kd_image_plan *p)
{
	struct kd_watchdog_info w;
	char list[KD_IMAGE_MAX_LIST], *word, *save = NULL;

	if (!kd_watchdog_find("/sys", &w))
		return;
	snprintf(p->watchdog, sizeof p->watchdog, "timeout %d",
		 w.timeout > 0 ? w.timeout : 60);
	kd_info("%s (%s, %d s) is active: the capture kernel feeds it",
		w.name, w.identity[0] ? w.identity : "hardware watchdog",
		w.timeout);
	if (!w.module[0])
		return;
	snprintf(list, sizeof list, "%s", p->modules);
	snprintf(p->modules, sizeof p->modules, "%s", w.module);
	for (word = strtok_r(list, " ", &save); word;
	     word = strtok_r(NULL, " ", &save))
		append(p->modules, sizeof p->modules, word);
}

int kd_image_plan(struct kd_image_plan *p, const struct kdump_conf *conf,
		  const struct kdump_sysconfig *sc, const struct kd_bootfiles *bf,
		  const char *kmoddir, struct kd_error *e)
{
	char dev[PATH_MAX];
	int i;

	memset(p, 0, sizeof *p);
	snprintf(p->kver, sizeof p->kver, "%s", bf->kver);
	snprintf(p->kernel, sizeof p->kernel, "%s", bf->kernel);
	if (kmoddir)
		snprintf(p->kmoddir, sizeof p->kmoddir, "%s", kmoddir);
	else
		snprintf(p->kmoddir, sizeof p->kmoddir, "/lib/modules/%s", bf->kver);
	snprintf(p->output, sizeof p->output, "%s", bf->initrd);
	snprintf(p->stamp, sizeof p->stamp, "%s.stamp", bf->initrd);
	if (conf->target_kind == KD_TARGET_FS || conf->target_kind == KD_TARGET_RAW) {
		fs_modules(p->modules, sizeof p->modules, conf->target_fstype);
		if (kd_blockdev_find(conf->target, dev, sizeof dev) == 0) {
			if (device_modules(p, dev, e))
				return -1;
			/* the name the capture kernel can find it by */
			if (kd_target_spec(conf, p->target, sizeof p->target, e))
				return -1;
		} else {
			kd_warn("%s is not present now: only its filesystem driver "
				"goes into the image", conf->target);
		}
	}
	if (rootfs_modules(p, conf, e) || plan_network(p, conf, sc, e))
		return -1;
	plan_watchdog(p);
	for (i = 0; i < conf->extra_modules.n; i++)
		append(p->modules, sizeof p->modules, conf->extra_modules.v[i]);
	drop_absent_optional(p);
	if (add_file(p, "kdump_pre", conf->kdump_pre, e) ||
	    add_file(p, "kdump_post", conf->kdump_post, e) ||
	    add_file(p, "kdump_emergency", conf->kdump_emergency, e))
		return -1;
	for (i = 0; i < conf->extra_bins.n; i++)
		if (add_file(p, "extra_bins", conf->extra_bins.v[i], e))
			return -1;
	if (collector_program(p, conf, e))
		return -1;
	p->busybox = needs_busybox(p, conf);
	return render_conf(p, conf, e);
}

/* ---- when to rebuild ---- */

static void stamp_file(FILE *out, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0)
		fprintf(out, "%s %lld %lld\n", path, (long long)st.st_mtime,
			(long long)st.st_size);
	else
		fprintf(out, "%s missing\n", path);
}

/* What the image was built from: plan, and the files' times and sizes. */
static void render_stamp(const struct kd_image_plan *p, char *buf, size_t size)
{
	FILE *out = fmemopen(buf, size - 1, "w");
	char init[PATH_MAX], list[KD_IMAGE_MAX_LIST], *f, *save = NULL;
	int i;

	if (!out)
		return;
	init_path(init, sizeof init);
	/* the layers carry the VG's metadata seqno: an lvextend rebuilds */
	fprintf(out, "stack\n%s", p->stack.lines);
	fprintf(out, "kver %s\nmodules %s\nfiles %s\nbusybox %d\nwatchdog %s\n",
		p->kver, p->modules, p->files, p->busybox, p->watchdog);
	stamp_file(out, p->kernel);
	stamp_file(out, init);
	snprintf(list, sizeof list, "%s/modules.dep", p->kmoddir);
	stamp_file(out, list);
	snprintf(list, sizeof list, "%s", p->files);
	for (f = strtok_r(list, " ", &save); f; f = strtok_r(NULL, " ", &save))
		stamp_file(out, f);
	for (i = 0; hook_dirs[i]; i++)
		stamp_file(out, hook_dirs[i]);
	if (p->net.needed)
		fprintf(out, "net %s\n%s", p->net.words, p->net.known_hosts);
	if (p->net.sshkey[0])
		stamp_file(out, p->net.sshkey);
	fprintf(out, "%s", p->conf_text);
	fclose(out);
}

int kd_image_stale(const struct kd_image_plan *p, const struct kdump_conf *conf,
		   char *why, size_t size)
{
	char want[32768], *have;

	if (access(p->output, R_OK)) {
		snprintf(why, size, "%s does not exist", p->output);
		return 1;
	}
	if (conf->force_no_rebuild)
		return 0;
	if (conf->force_rebuild) {
		snprintf(why, size, "force_rebuild is set");
		return 1;
	}
	memset(want, 0, sizeof want);
	render_stamp(p, want, sizeof want);
	have = kd_read_file(p->stamp, sizeof want, NULL);
	if (!have || strcmp(have, want)) {
		snprintf(why, size, "%s", have ? "kdump.conf, the kernel, the hooks "
			 "or the files it holds changed" : "it was not built by kdumpctl");
		free(have);
		return 1;
	}
	free(have);
	return 0;
}

/* ---- building ---- */

/* dracut_args split into words, with "..." and '...' kept together. */
static int split_args(char *s, char **argv, int max)
{
	int n = 0;

	while (*s && n < max) {
		char *w, *o, q = 0;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		for (w = o = s; *s && (q || (*s != ' ' && *s != '\t')); s++) {
			if (!q && (*s == '"' || *s == '\''))
				q = *s;
			else if (q && *s == q)
				q = 0;
			else
				*o++ = *s;
		}
		if (*s)
			s++;
		*o = '\0';
		argv[n++] = w;
	}
	return n;
}

/* The initramfs compressor, for the capture kernel's small memory:
 * gzip, whose kernel decompressor needs 40 KiB, where lz4's allocates two
 * 8 MiB chunk buffers (measured on a 2 GiB guest: the smallest working
 * crashkernel= is 88M with gzip, 96M with lz4; and gzip's image is
 * smaller).  lz4 when the kernel reads no gzip; dracut's default when the
 * kernel's config (/boot/config-<version>, or "config" next to the kernel
 * image) is not found. */
static const char *compressor(const struct kd_image_plan *p)
{
	char path[PATH_MAX + 32], *config, *slash;
	const char *flag = NULL;

	snprintf(path, sizeof path, "/boot/config-%s", p->kver);
	if (access(path, R_OK)) {
		snprintf(path, sizeof path, "%s", p->kernel);
		slash = strrchr(path, '/');
		snprintf(slash ? slash + 1 : path, sizeof path - (size_t)(slash ? slash + 1 - path : 0),
			 "config");
	}
	config = kd_read_file(path, 8 << 20, NULL);
	if (config && strstr(config, "\nCONFIG_RD_GZIP=y"))
		flag = "--gzip";
	else if (config && strstr(config, "\nCONFIG_RD_LZ4=y"))
		flag = "--lz4";
	free(config);
	return flag;
}

static int run_dracut(char **argv, char **env, struct kd_error *e)
{
	int status = kd_spawn_wait(argv, env, e);

	if (status < 0)
		return -1;
	if (status)
		return kd_fail(e, EIO, "dracut failed (status %d): the capture "
			       "initramfs was not built", status);
	return 0;
}

/* The environment for dracut: ours first, then the caller's. */
static char **dracut_env(const struct kd_image_plan *p, const char *conf_file,
			 const char *stage, char storage[9][KD_IMAGE_MAX_LIST + 32])
{
	size_t n = 0, i;
	char **env, init[PATH_MAX];

	while (environ[n])
		n++;
	env = calloc(n + 10, sizeof *env);
	if (!env)
		return NULL;
	init_path(init, sizeof init);
	snprintf(storage[0], sizeof storage[0], "KDUMP_INIT=%s", init);
	snprintf(storage[1], sizeof storage[1], "KDUMP_CONF=%s", conf_file);
	snprintf(storage[2], sizeof storage[2], "KDUMP_MODULES=%s", p->modules);
	snprintf(storage[3], sizeof storage[3], "KDUMP_FILES=%s", p->files);
	snprintf(storage[4], sizeof storage[4],
		 "KDUMP_HOOKDIRS=/etc/kdump/pre.d /etc/kdump/post.d /etc/kdump/emergency.d");
	snprintf(storage[5], sizeof storage[5], "KDUMP_STAGE=%s", stage);
	snprintf(storage[6], sizeof storage[6], "KDUMP_BUSYBOX=%d", p->busybox);
	snprintf(storage[7], sizeof storage[7], "KDUMP_STACK=%s", p->stack.lines);
	snprintf(storage[8], sizeof storage[8], "KDUMP_WATCHDOG=%s", p->watchdog);
	for (i = 0; i < 9; i++)
		env[i] = storage[i];
	for (i = 0; i < n; i++)
		env[9 + i] = environ[i];
	return env;
}

int kd_image_build(const struct kd_image_plan *p, const struct kdump_conf *conf,
		   struct kd_error *e)
{
	char storage[9][KD_IMAGE_MAX_LIST + 32], extra[4096];
	char conf_file[PATH_MAX + 8], tmp[PATH_MAX + 8], *argv[64], **env;
	char stage[PATH_MAX + 8] = "";
	int argc = 0, ret;

	snprintf(conf_file, sizeof conf_file, "%s.conf", p->output);
	snprintf(tmp, sizeof tmp, "%s.tmp", p->output);
	if (kd_write_text(conf_file, p->conf_text, 0600, e))
		return -1;
	if (p->net.needed) {
		snprintf(stage, sizeof stage, "%s.stage", p->output);
		kd_netplan_unstage(stage);
		if (kd_netplan_stage(&p->net, stage, e)) {
			kd_netplan_unstage(stage);
			unlink(conf_file);
			return -1;
		}
	}
	argv[argc++] = "dracut";
	argv[argc++] = "--force";
	argv[argc++] = "--quiet";
	argv[argc++] = "--no-hostonly";
	argv[argc++] = "--no-early-microcode";
	argv[argc++] = "-m";
	argv[argc++] = "kdump";
	argv[argc++] = "--kver";
	argv[argc++] = (char *)p->kver;
	argv[argc++] = "--kmoddir";
	argv[argc++] = (char *)p->kmoddir;
	if (compressor(p))
		argv[argc++] = (char *)compressor(p);
	if (conf->dracut_args) {
		snprintf(extra, sizeof extra, "%s", conf->dracut_args);
		argc += split_args(extra, argv + argc, 64 - argc - 2);
	}
	argv[argc++] = tmp;
	argv[argc] = NULL;
	env = dracut_env(p, conf_file, stage, storage);
	if (!env)
		ret = kd_fail(e, ENOMEM, "out of memory");
	else {
		kd_info("building the capture initramfs %s", p->output);
		ret = run_dracut(argv, env, e);
	}
	free(env);
	unlink(conf_file);
	if (stage[0])
		kd_netplan_unstage(stage);
	if (ret) {
		unlink(tmp);
		return -1;
	}
	if (chmod(tmp, 0600) || rename(tmp, p->output))
		return kd_fail(e, errno, "cannot install %s: %s", p->output,
			       strerror(errno));
	return kd_image_write_stamp(p, e);
}

int kd_image_write_stamp(const struct kd_image_plan *p, struct kd_error *e)
{
	char stamp[32768];

	memset(stamp, 0, sizeof stamp);
	render_stamp(p, stamp, sizeof stamp);
	return kd_write_text(p->stamp, stamp, 0600, e);
}
