/* kdumpctl's service verbs: check, status, start, stop, restart, reload,
 * rebuild, load, unload, exec, propagate. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "capture.h"
#include "crashkernel.h"
#include "dumppath.h"
#include "image.h"
#include "kdumpctl.h"
#include "kexec.h"
#include "kexec_args.h"
#include "log.h"
#include "netplan.h"
#include "propagate.h"
#include "raw.h"
#include "readfile.h"
#include "retention.h"
#include "targetspec.h"
#include "blockdev.h"
#include "mountinfo.h"
#include "stackplan.h"

static int plan(struct kd_capture_plan *p, const struct setup *s,
		struct kd_error *e)
{
	char *cpuinfo = kd_read_file("/proc/cpuinfo", 4 << 20, NULL), root[300];
	int ret = kd_capture_plan(p, &s->conf, &s->sc, s->mem.cmdline, cpuinfo,
				  s->mem.size,
				  kd_root_spec(root, sizeof root) ? NULL : root, e);

	free(cpuinfo);
	return ret;
}

/* A device path the capture kernel finds by another name (no udev). */
static void print_target(const struct kdump_conf *conf)
{
	struct kd_error e;
	char spec[512];

	if ((conf->target_kind == KD_TARGET_FS || conf->target_kind == KD_TARGET_RAW) &&
	    conf->target[0] == '/' && !kd_target_spec(conf, spec, sizeof spec, &e) &&
	    strcmp(spec, conf->target))
		printf("\n# the capture kernel finds the target as\n%s\n", spec);
}

/* The LVM and MD layers kdump-init will set up under the target (or under
 * the filesystem holding path), as the image records them. */
static void print_layers(const struct kdump_conf *conf)
{
	struct kd_stack_plan *sp = calloc(1, sizeof *sp);
	char dev[4096], real[4096];
	struct kd_mount m;
	struct kd_error e;

	if (!sp)
		return;
	dev[0] = '\0';
	if (conf->target_kind == KD_TARGET_FS || conf->target_kind == KD_TARGET_RAW)
		kd_blockdev_find(conf->target, dev, sizeof dev);
	else if (conf->target_kind == KD_TARGET_NONE && realpath(conf->path, real) &&
		 !kd_mount_of(real, &m) && m.dev[0] == '/')
		kd_blockdev_find(m.dev, dev, sizeof dev);
	if (dev[0] && !kd_stack_plan(dev, sp, &e) &&
	    sp->lines[0])
		printf("\n# storage layers the capture kernel sets up (modules: "
		       "%s)\n%s", sp->modules, sp->lines);
	free(sp);
}

/* How the crash kernel will be loaded, KEXEC_ARGS applied. */
static void print_loader(const struct kdump_sysconfig *sc)
{
	struct kd_kexec_args a;
	char why[256];

	if (kd_kexec_args_parse(sc->kexec_args, &a, why, sizeof why))
		return;
	printf("\n# loaded with\n%s%s%s\n", a.legacy ? "kexec-tools' kexec -c (KEXEC_ARGS " :
	       "kexec_file_load(2)", a.legacy ? a.first_legacy : "",
	       a.legacy ? ")" : a.debug ? " with KEXEC_FILE_DEBUG" : "");
}

int kdumpctl_verb_check(const struct options *o)
{
	struct kd_capture_plan p;
	struct kd_netplan np;
	struct kd_error e;
	struct setup s;
	int ret = EXIT_OK;

	if (kdumpctl_read_setup(&s, o, &e)) {
		ret = kdumpctl_report(&e);
	} else if (plan(&p, &s, &e) || kd_netplan(&np, &s.conf, &s.sc, &e)) {
		ret = kdumpctl_report(&e);
	} else {
		printf("# %s\n", o->config);
		kdump_conf_print(&s.conf, stdout);
		printf("\n# %s\n", o->sysconfig);
		kdump_sysconfig_print(&s.sc, stdout);
		printf("\n# capture command line\n%s\n", p.cmdline);
		print_target(&s.conf);
		print_layers(&s.conf);
		print_loader(&s.sc);
		if (np.needed)
			printf("\n# capture network (%s)\n%s\n", KD_NET_CONF,
			       np.words);
	}
	kdumpctl_free_setup(&s);
	return ret;
}

static void print_reservation(const struct kd_crashmem *m)
{
	struct kd_crashkernel ck;
	char why[128];
	int i;

	printf("reserved memory: %" PRIu64 " MiB\n", m->size >> 20);
	for (i = 0; i < m->nregions; i++)
		printf("reserved range: %#" PRIx64 "-%#" PRIx64 " (/proc/iomem)\n",
		       m->start[i], m->end[i]);
	if (!m->crashkernel[0]) {
		printf("crashkernel=: not on the kernel command line\n");
		return;
	}
	if (kd_crashkernel_parse(m->crashkernel, &ck, why, sizeof why)) {
		printf("crashkernel=%s: invalid: %s\n", m->crashkernel, why);
		return;
	}
	printf("crashkernel=%s: %" PRIu64 " MiB for %" PRIu64 " MiB of RAM\n",
	       m->crashkernel, kd_crashkernel_size(&ck, m->ram) >> 20,
	       m->ram >> 20);
}

/* A kexec_crash_loaded that exists but cannot be read is an error (exit
 * 1); a missing one means a kernel without kexec: not operational. */
static int check_crash_loaded(void)
{
	static const char path[] = "/sys/kernel/kexec_crash_loaded";
	char line[32];

	if (!kd_read_line(path, line, sizeof line) || errno == ENOENT)
		return 0;
	kd_err("cannot read %s: %s", path, strerror(errno));
	return -1;
}

int kdumpctl_verb_status(const struct options *o)
{
	struct kd_crashmem m;
	struct kd_error e;

	if (kd_crashmem_read(&m, "", &e))
		return kdumpctl_report(&e);
	if (!m.kexec_supported && check_crash_loaded())
		return EXIT_FAIL;
	printf("Kdump is %soperational\n", m.loaded ? "" : "not ");
	printf("crash kernel: %s\n", !m.kexec_supported ? "not supported by "
	       "this kernel" : m.loaded ? "loaded" : "not loaded");
	print_reservation(&m);
	return m.loaded ? EXIT_OK : EXIT_NOT_LOADED;
}

/* The kernel, and the capture initramfs: --initrd as given, or the one
 * kdumpctl builds, rebuilt first when anything it holds changed. */
static int boot_files(struct kd_bootfiles *bf, const struct options *o,
		      const struct setup *s, int force, struct kd_error *e)
{
	struct kd_image_plan *plan;
	char why[256];
	int ret = 0;

	if (o->initrd)
		return kd_bootfiles_find(bf, &s->sc, s->mem.cmdline, o->kernel,
					 o->initrd, e);
	if (kdumpctl_image_paths(bf, o, s, e))
		return -1;
	plan = malloc(sizeof *plan);
	if (!plan)
		return kd_fail(e, ENOMEM, "out of memory");
	if (kd_image_plan(plan, &s->conf, &s->sc, bf, o->kmoddir, e)) {
		free(plan);
		return -1;
	}
	if (force || kd_image_stale(plan, &s->conf, why, sizeof why)) {
		if (!force)
			kd_info("rebuilding the capture initramfs: %s", why);
		if (mkdir(KDUMP_IMAGE_DIR, 0700) && errno != EEXIST)
			ret = kd_fail(e, errno, "cannot create %s: %s", KDUMP_IMAGE_DIR,
				      strerror(errno));
		else
			ret = kd_image_build(plan, &s->conf, e);
	}
	free(plan);
	return ret;
}

/* A dump left on a raw target by the last crash goes to `path` first:
 * whatever else fails, it is not lost. */
static void restore_raw(const struct setup *s)
{
	struct kd_error e;
	char dir[4200];

	if (s->conf.target_kind != KD_TARGET_RAW)
		return;
	switch (kd_raw_restore(s->conf.target, s->conf.path, dir, sizeof dir, &e)) {
	case 1:
		kd_info("the dump on %s is saved in %s", s->conf.target, dir);
		break;
	case -1:
		kd_err("%s", e.msg);
		break;
	}
}

/* KDUMP_KEEP_DUMPS and KDUMP_KEEP_SIZE, where the dumps can be reached
 * from here.  Whatever happens, a warning at most: arming goes on. */
static void prune_old_dumps(const struct setup *s)
{
	char dir[PATH_MAX];
	struct kd_error e;

	if (!s->sc.keep_dumps_n && !s->sc.keep_size_bytes)
		return;
	switch (kd_dump_path(&s->conf, "", dir, sizeof dir, &e)) {
	case 1:
		kd_info("old dumps not removed: %s", e.msg);
		return;
	case -1:
		kd_warn("old dumps not removed: %s", e.msg);
		return;
	}
	if (access(dir, F_OK) && errno == ENOENT) {
		kd_debug("%s does not exist: no old dumps", dir);
		return;
	}
	if (kd_retention_enforce(dir, s->sc.keep_dumps_n, s->sc.keep_size_bytes,
				 &e))
		kd_warn("old dumps: %s", e.msg);
}

/* Arm the crash kernel; start (prune set) also removes old dumps. */
static int arm(const struct options *o, int prune, int replace,
	       struct kd_error *e)
{
	struct kd_capture_plan p;
	struct kd_bootfiles bf;
	struct kd_kexec_image img;
	struct setup s;
	int ret = -1;

	if (kdumpctl_read_setup(&s, o, e))
		goto out;
	restore_raw(&s);
	if (prune)
		prune_old_dumps(&s);
	if (kd_crashmem_check(&s.mem, e))
		goto out;
	if (s.mem.loaded && !replace) {
		kd_info("a crash kernel is already loaded (kdumpctl reload "
			"loads it again)");
		ret = 0;
		goto out;
	}
	if (boot_files(&bf, o, &s, 0, e) || plan(&p, &s, e))
		goto out;
	kd_debug("capture command line: %s", p.cmdline);
	img = (struct kd_kexec_image){ bf.kernel, bf.initrd, p.cmdline, 1,
				       s.sc.kexec_args };
	if (kd_kexec_load(&img, e))
		goto out;
	kd_info("crash kernel armed: %s with %s, %" PRIu64 " MiB reserved",
		bf.kernel, bf.initrd, s.mem.size >> 20);
	ret = 0;
out:
	kdumpctl_free_setup(&s);
	return ret;
}

int kdumpctl_verb_rebuild(const struct options *o)
{
	struct kd_bootfiles bf;
	struct kd_error e;
	struct setup s;
	int ret;

	if (kdumpctl_need_root())
		return EXIT_FAIL;
	ret = kdumpctl_read_setup(&s, o, &e) || boot_files(&bf, o, &s, 1, &e);
	if (!ret)
		kd_info("capture initramfs ready: %s", bf.initrd);
	kdumpctl_free_setup(&s);
	return ret ? kdumpctl_report(&e) : EXIT_OK;
}

int kdumpctl_verb_start(const struct options *o)
{
	struct kd_error e;

	if (kdumpctl_need_root())
		return EXIT_FAIL;
	return arm(o, 1, 0, &e) ? kdumpctl_report(&e) : EXIT_OK;
}

int kdumpctl_verb_stop(const struct options *o)
{
	struct kd_error e;

	if (kdumpctl_need_root())
		return EXIT_FAIL;
	if (kd_kexec_unload(1, &e))
		return kdumpctl_report(&e);
	kd_info("crash kernel unloaded");
	return EXIT_OK;
}

int kdumpctl_verb_restart(const struct options *o)
{
	int ret = kdumpctl_verb_stop(o);

	return ret ? ret : kdumpctl_verb_start(o);
}

int kdumpctl_verb_load(const struct options *o)
{
	char cmdline[KD_CMDLINE_MAX], proc[4096];
	struct kdump_sysconfig sc = { 0 };
	struct kd_kexec_image img;
	struct kd_bootfiles bf;
	struct kd_crashmem m;
	struct kd_diag d;
	struct kd_error e;
	int ret;

	if (kdumpctl_need_root())
		return EXIT_FAIL;
	if (kd_read_line("/proc/cmdline", proc, sizeof proc))
		proc[0] = '\0';
	if (o->crash && (kd_crashmem_read(&m, "", &e) || kd_crashmem_check(&m, &e)))
		return kdumpctl_report(&e);
	if (o->reuse_cmdline) {
		if (kd_reuse_cmdline(proc, o->append, o->crash, cmdline,
				     sizeof cmdline, &e))
			return kdumpctl_report(&e);
	} else {
		snprintf(cmdline, sizeof cmdline, "%s", o->append ? o->append : "");
	}
	memset(&bf, 0, sizeof bf);
	if (o->kernel) {
		snprintf(bf.kernel, sizeof bf.kernel, "%s", o->kernel);
	} else {
		kd_diag_init(&d, o->sysconfig);
		ret = kdump_sysconfig_load(&sc, o->sysconfig, &d);
		if (!ret)
			ret = kd_bootfiles_kernel(&bf, &sc, proc, &e);
		kdump_sysconfig_free(&sc);
		if (ret)
			return d.errors ? EXIT_FAIL : kdumpctl_report(&e);
	}
	img = (struct kd_kexec_image){ bf.kernel, o->initrd, cmdline, o->crash,
				       NULL };
	if (kd_kexec_load(&img, &e))
		return kdumpctl_report(&e);
	kd_info("%s kernel loaded: %s", o->crash ? "crash" : "kexec", bf.kernel);
	return EXIT_OK;
}

int kdumpctl_verb_unload(const struct options *o)
{
	struct kd_error e;

	if (kdumpctl_need_root())
		return EXIT_FAIL;
	if (kd_kexec_unload(o->crash, &e))
		return kdumpctl_report(&e);
	kd_info("%s kernel unloaded", o->crash ? "crash" : "kexec");
	return EXIT_OK;
}

int kdumpctl_verb_propagate(const struct options *o)
{
	struct kd_error e;
	struct setup s;
	int ret = EXIT_OK;

	if (kdumpctl_read_setup(&s, o, &e) ||
	    kd_propagate(&s.conf, s.sc.ssh_config, &e))
		ret = kdumpctl_report(&e);
	kdumpctl_free_setup(&s);
	return ret;
}

int kdumpctl_verb_exec(const struct options *o)
{
	struct kd_error e;

	if (kdumpctl_need_root())
		return EXIT_FAIL;
	kd_info("rebooting into the loaded kernel");
	kd_kexec_exec(&e);
	return kdumpctl_report(&e);
}

/* kdump-utils' reload unloads and loads again without looking at the
 * initramfs; this one rebuilds it when it is stale, as start does, and
 * checks the configuration before unloading anything. */
int kdumpctl_verb_reload(const struct options *o)
{
	struct kd_error e;

	if (kdumpctl_need_root())
		return EXIT_FAIL;
	/* The new image is built and checked first: when that fails, the
	 * crash kernel loaded now stays.  kexec_file_load replaces it. */
	return arm(o, 0, 1, &e) ? kdumpctl_report(&e) : EXIT_OK;
}
