/* kdumpctl - arm and manage the crash kernel.
 *
 * Verbs: check, status, start, stop, restart, reload, rebuild, load,
 * unload, exec, propagate, estimate, showmem, get-default-crashkernel,
 * reset-crashkernel, test.  Every verb takes --config FILE and --sysconfig
 * FILE.  The verb functions are the only places that print errors and
 * decide the exit status. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "bootfiles.h"
#include "capture.h"
#include "crashdefault.h"
#include "crashkernel.h"
#include "crashmem.h"
#include "dumppath.h"
#include "estimate.h"
#include "grub.h"
#include "image.h"
#include "kexec.h"
#include "netplan.h"
#include "propagate.h"
#include "raw.h"
#include "log.h"
#include "readfile.h"
#include "retention.h"
#include "sysrq.h"

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_NOT_LOADED = 3 };

struct options {
	const char *config;
	const char *sysconfig;
	const char *kernel;
	const char *initrd;
	const char *append;
	const char *kmoddir;
	int reuse_cmdline;
	int crash;
	int force;
};

/* The configuration as read once for a verb. */
struct setup {
	struct kdump_conf conf;
	struct kdump_sysconfig sc;
	struct kd_crashmem mem;
	int valid;		/* both files parsed without error */
};

static void usage(FILE *out)
{
	fputs("usage: kdumpctl [options] VERB\n"
	      "\n"
	      "verbs:\n"
	      "  check    validate the configuration, print the effective settings\n"
	      "           and the capture command line; changes nothing\n"
	      "  status   is a crash kernel loaded, how much memory is reserved\n"
	      "           (exit 0 loaded, 3 not loaded, 1 error)\n"
	      "  start    validate, remove old dumps (KDUMP_KEEP_DUMPS, KDUMP_KEEP_SIZE),\n"
	      "           then arm the crash kernel (kexec_file_load)\n"
	      "  stop     unload the crash kernel\n"
	      "  restart  stop, then start\n"
	      "  reload   load the crash kernel again with the current configuration,\n"
	      "           rebuilding the capture initramfs when it is stale\n"
	      "  rebuild  build the capture initramfs (" KDUMP_IMAGE_DIR "/initramfs-<version>.img)\n"
	      "  load     load a kernel: for fast reboot, or with --crash as crash kernel\n"
	      "  unload   unload the fast-reboot kernel (--crash: the crash kernel)\n"
	      "  exec     reboot into the loaded fast-reboot kernel now\n"
	      "  propagate  ssh target: create the key, install it on the server,\n"
	      "           record the server's host key\n"
	      "  estimate the crash kernel memory this machine needs, against what is\n"
	      "           reserved, and a recommended crashkernel= value\n"
	      "  showmem  the memory reserved for the crash kernel\n"
	      "  get-default-crashkernel  the default crashkernel= for this architecture\n"
	      "  reset-crashkernel  write the default crashkernel= into the boot loader\n"
	      "           configuration (grubby, or a GRUB drop-in and update-grub)\n"
	      "  test     crash the system now through sysrq to check that a dump is\n"
	      "           saved; asks for confirmation unless --force\n"
	      "\n"
	      "options:\n"
	      "  --config FILE      kdump.conf (default " KDUMP_CONF_DEFAULT_PATH ")\n"
	      "  --sysconfig FILE   loader settings (default " KDUMP_SYSCONFIG_DEFAULT_PATH ")\n"
	      "  --kernel FILE      kernel image (default: found as KDUMP_BOOTDIR says);\n"
	      "                     reset-crashkernel: grubby's kernel (default ALL)\n"
	      "  --initrd FILE      initramfs (start: default " KDUMP_IMAGE_DIR "/initramfs-<version>.img)\n"
	      "  --append STRING    command line for load (also --command-line)\n"
	      "  --reuse-cmdline    load: start from the running kernel's command line\n"
	      "  --kmoddir DIR      the capture kernel's modules (default /lib/modules/<version>)\n"
	      "  -p, --crash        load/unload the crash kernel\n"
	      "  --force            test: do not ask for confirmation\n"
	      "  -v, --verbose      more messages\n"
	      "  -h, --help         this text\n", out);
}

static int parse_options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "sysconfig", required_argument, NULL, 's' },
		{ "kernel", required_argument, NULL, 'k' },
		{ "initrd", required_argument, NULL, 'i' },
		{ "append", required_argument, NULL, 'a' },
		{ "command-line", required_argument, NULL, 'a' },
		{ "reuse-cmdline", no_argument, NULL, 'r' },
		{ "kmoddir", required_argument, NULL, 'm' },
		{ "crash", no_argument, NULL, 'p' },
		{ "force", no_argument, NULL, 'f' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->config = KDUMP_CONF_DEFAULT_PATH;
	o->sysconfig = KDUMP_SYSCONFIG_DEFAULT_PATH;
	while ((c = getopt_long(argc, argv, "pvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': o->config = optarg; break;
		case 's': o->sysconfig = optarg; break;
		case 'k': o->kernel = optarg; break;
		case 'i': o->initrd = optarg; break;
		case 'a': o->append = optarg; break;
		case 'r': o->reuse_cmdline = 1; break;
		case 'm': o->kmoddir = optarg; break;
		case 'p': o->crash = 1; break;
		case 'f': o->force = 1; break;
		case 'v': kd_log_set_level(KD_LOG_DEBUG); break;
		case 'h': usage(stdout); exit(EXIT_OK);
		default: return -1;
		}
	}
	return 0;
}

static int fail(const struct kd_error *e)
{
	kd_err("%s", e->msg);
	return EXIT_FAIL;
}

static int need_root(void)
{
	if (geteuid() == 0)
		return 0;
	kd_err("permission denied: this verb must be run as root");
	return -1;
}

/* Read both configuration files and the reservation; prints the
 * "FILE:LINE: reason" diagnostics.  Returns 0 when both files are valid. */
static int read_setup(struct setup *s, const struct options *o,
		      struct kd_error *e)
{
	struct kd_diag dconf, dsys;

	memset(s, 0, sizeof *s);
	kd_diag_init(&dconf, o->config);
	kd_diag_init(&dsys, o->sysconfig);
	if (!strcmp(o->config, KDUMP_CONF_DEFAULT_PATH) &&
	    access(o->config, F_OK) && errno == ENOENT) {
		kd_warn("%s does not exist: using the defaults", o->config);
		kdump_conf_parse(&s->conf, "", 0, &dconf);
	} else {
		kdump_conf_load(&s->conf, o->config, &dconf);
	}
	kdump_sysconfig_load(&s->sc, o->sysconfig, &dsys);
	s->valid = !dconf.errors && !dsys.errors;
	if (kd_crashmem_read(&s->mem, "", e))
		return -1;
	if (!s->valid)
		return kd_fail(e, EINVAL, "the configuration has errors, "
			       "nothing was changed");
	return 0;
}

static void free_setup(struct setup *s)
{
	kdump_conf_free(&s->conf);
	kdump_sysconfig_free(&s->sc);
}

static int plan(struct kd_capture_plan *p, const struct setup *s,
		struct kd_error *e)
{
	char *cpuinfo = kd_read_file("/proc/cpuinfo", 4 << 20, NULL);
	int ret = kd_capture_plan(p, &s->conf, &s->sc, s->mem.cmdline, cpuinfo, e);

	free(cpuinfo);
	return ret;
}

static int verb_check(const struct options *o)
{
	static struct kd_netplan np;
	struct kd_capture_plan p;
	struct kd_error e;
	struct setup s;
	int ret = EXIT_OK;

	if (read_setup(&s, o, &e)) {
		ret = fail(&e);
	} else if (plan(&p, &s, &e) || kd_netplan(&np, &s.conf, &s.sc, &e)) {
		ret = fail(&e);
	} else {
		printf("# %s\n", o->config);
		kdump_conf_print(&s.conf, stdout);
		printf("\n# %s\n", o->sysconfig);
		kdump_sysconfig_print(&s.sc, stdout);
		printf("\n# capture command line\n%s\n", p.cmdline);
		if (np.needed)
			printf("\n# capture network (%s)\n%s\n", KD_NET_CONF,
			       np.words);
	}
	free_setup(&s);
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

static int verb_status(void)
{
	struct kd_crashmem m;
	struct kd_error e;

	if (kd_crashmem_read(&m, "", &e))
		return fail(&e);
	if (!m.kexec_supported && check_crash_loaded())
		return EXIT_FAIL;
	printf("Kdump is %soperational\n", m.loaded ? "" : "not ");
	printf("crash kernel: %s\n", !m.kexec_supported ? "not supported by "
	       "this kernel" : m.loaded ? "loaded" : "not loaded");
	print_reservation(&m);
	return m.loaded ? EXIT_OK : EXIT_NOT_LOADED;
}

/* The kernel, and where the capture initramfs kdumpctl builds goes
 * (KDUMP_INITRD, or KDUMP_IMAGE_DIR/initramfs-<version>.img). */
static int image_paths(struct kd_bootfiles *bf, const struct options *o,
		       const struct setup *s, struct kd_error *e)
{
	memset(bf, 0, sizeof *bf);
	if (!o->kernel && kd_bootfiles_kernel(bf, &s->sc, s->mem.cmdline, e))
		return -1;
	if (o->kernel) {
		if (kd_bootfiles_version(bf, &s->sc, e))
			return -1;
		snprintf(bf->kernel, sizeof bf->kernel, "%s", o->kernel);
	}
	if (s->sc.initrd && s->sc.initrd[0])
		snprintf(bf->initrd, sizeof bf->initrd, "%s", s->sc.initrd);
	else
		snprintf(bf->initrd, sizeof bf->initrd, "%s/initramfs-%s.img",
			 KDUMP_IMAGE_DIR, bf->kver);
	return 0;
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
	if (image_paths(bf, o, s, e))
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

	if (read_setup(&s, o, e))
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
	img = (struct kd_kexec_image){ bf.kernel, bf.initrd, p.cmdline, 1 };
	if (kd_kexec_load(&img, e))
		goto out;
	kd_info("crash kernel armed: %s with %s, %" PRIu64 " MiB reserved",
		bf.kernel, bf.initrd, s.mem.size >> 20);
	ret = 0;
out:
	free_setup(&s);
	return ret;
}

static int verb_rebuild(const struct options *o)
{
	struct kd_bootfiles bf;
	struct kd_error e;
	struct setup s;
	int ret;

	if (need_root())
		return EXIT_FAIL;
	ret = read_setup(&s, o, &e) || boot_files(&bf, o, &s, 1, &e);
	if (!ret)
		kd_info("capture initramfs ready: %s", bf.initrd);
	free_setup(&s);
	return ret ? fail(&e) : EXIT_OK;
}

static int verb_start(const struct options *o)
{
	struct kd_error e;

	if (need_root())
		return EXIT_FAIL;
	return arm(o, 1, 0, &e) ? fail(&e) : EXIT_OK;
}

static int verb_stop(void)
{
	struct kd_error e;

	if (need_root())
		return EXIT_FAIL;
	if (kd_kexec_unload(1, &e))
		return fail(&e);
	kd_info("crash kernel unloaded");
	return EXIT_OK;
}

static int verb_restart(const struct options *o)
{
	int ret = verb_stop();

	return ret ? ret : verb_start(o);
}

static int verb_load(const struct options *o)
{
	char cmdline[KD_CMDLINE_MAX], proc[4096];
	struct kdump_sysconfig sc = { 0 };
	struct kd_kexec_image img;
	struct kd_bootfiles bf;
	struct kd_crashmem m;
	struct kd_diag d;
	struct kd_error e;
	int ret;

	if (need_root())
		return EXIT_FAIL;
	if (kd_read_line("/proc/cmdline", proc, sizeof proc))
		proc[0] = '\0';
	if (o->crash && (kd_crashmem_read(&m, "", &e) || kd_crashmem_check(&m, &e)))
		return fail(&e);
	if (o->reuse_cmdline) {
		if (kd_reuse_cmdline(proc, o->append, o->crash, cmdline,
				     sizeof cmdline, &e))
			return fail(&e);
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
			return d.errors ? EXIT_FAIL : fail(&e);
	}
	img = (struct kd_kexec_image){ bf.kernel, o->initrd, cmdline, o->crash };
	if (kd_kexec_load(&img, &e))
		return fail(&e);
	kd_info("%s kernel loaded: %s", o->crash ? "crash" : "kexec", bf.kernel);
	return EXIT_OK;
}

static int verb_unload(const struct options *o)
{
	struct kd_error e;

	if (need_root())
		return EXIT_FAIL;
	if (kd_kexec_unload(o->crash, &e))
		return fail(&e);
	kd_info("%s kernel unloaded", o->crash ? "crash" : "kexec");
	return EXIT_OK;
}

static int verb_propagate(const struct options *o)
{
	struct kd_error e;
	struct setup s;
	int ret = EXIT_OK;

	if (read_setup(&s, o, &e) ||
	    kd_propagate(&s.conf, s.sc.ssh_config, &e))
		ret = fail(&e);
	free_setup(&s);
	return ret;
}

static int verb_exec(void)
{
	struct kd_error e;

	if (need_root())
		return EXIT_FAIL;
	kd_info("rebooting into the loaded kernel");
	kd_kexec_exec(&e);
	return fail(&e);
}

/* kdump-utils' reload unloads and loads again without looking at the
 * initramfs; this one rebuilds it when it is stale, as start does, and
 * checks the configuration before unloading anything. */
static int verb_reload(const struct options *o)
{
	struct kd_error e;

	if (need_root())
		return EXIT_FAIL;
	/* The new image is built and checked first: when that fails, the
	 * crash kernel loaded now stays.  kexec_file_load replaces it. */
	return arm(o, 0, 1, &e) ? fail(&e) : EXIT_OK;
}

/* "Reserved NMB memory for crash kernel", as kdump-utils prints it. */
static int verb_showmem(void)
{
	struct kd_crashmem m;
	struct kd_error e;
	uint64_t size;
	int i;

	if (kd_crashmem_read(&m, "", &e))
		return fail(&e);
	size = m.size;
	for (i = 0; !size && i < m.nregions; i++)
		if (m.end[i])		/* 0: addresses hidden from non-root */
			size += m.end[i] - m.start[i] + 1;
	printf("Reserved %" PRIu64 "MB memory for crash kernel\n", size >> 20);
	for (i = 0; i < m.nregions; i++)
		if (m.end[i])
			printf("  %#" PRIx64 "-%#" PRIx64 " (/proc/iomem)\n",
			       m.start[i], m.end[i]);
	if (!m.kexec_supported)
		kd_warn("this kernel cannot load a crash kernel "
			"(/sys/kernel/kexec_crash_size is missing)");
	return EXIT_OK;
}

static int verb_get_default_crashkernel(void)
{
	const char *value = kd_default_crashkernel();

	if (!value) {
		kd_err("no default crashkernel= for this architecture");
		return EXIT_FAIL;
	}
	printf("%s\n", value);
	return EXIT_OK;
}

/* System RAM as the kernel matches crashkernel= ranges against it:
 * rounded up to 128M, as kdump-utils does; 0 when unknown. */
static uint64_t ram_for_ranges(const struct kd_crashmem *m)
{
	const uint64_t round = 128ULL << 20;

	return m->ram > round ? (m->ram + round - 1) / round * round : 0;
}

/* Warn when the value reserves nothing on this machine. */
static void warn_no_reservation(const char *value)
{
	struct kd_crashkernel ck;
	struct kd_crashmem m;
	struct kd_error e;
	char why[128];
	uint64_t ram;

	if (kd_crashmem_read(&m, "", &e) ||
	    kd_crashkernel_parse(value, &ck, why, sizeof why))
		return;
	ram = ram_for_ranges(&m);
	if (ram && !kd_crashkernel_size(&ck, ram))
		kd_warn("crashkernel=%s reserves nothing on this machine "
			"(%" PRIu64 " MiB of RAM): kdump will not work here",
			value, ram >> 20);
}

static int verb_reset_crashkernel(const struct options *o)
{
	const char *value = kd_default_crashkernel();
	char where[PATH_MAX + 64], why[256];
	struct kd_error e;
	struct kd_grub g;

	if (!value) {
		kd_err("no default crashkernel= for this architecture");
		return EXIT_FAIL;
	}
	if (kd_crashkernel_writable(value, why, sizeof why)) {
		kd_err("the default crashkernel=%s: %s", value, why);
		return EXIT_FAIL;
	}
	kd_grub_from_env(&g);
	if (!g.dir_given && need_root())
		return EXIT_FAIL;
	switch (kd_grub_set_crashkernel(&g, o->kernel, value, where,
					sizeof where, &e)) {
	case -1:
		return fail(&e);
	case 1:
		kd_info("crashkernel=%s is already set in %s: nothing changed",
			value, where);
		return EXIT_OK;
	}
	kd_info("crashkernel=%s written to %s; reboot for it to take effect",
		value, where);
	warn_no_reservation(value);
	return EXIT_OK;
}

/* ---- estimate ---- */

static uint64_t mib(uint64_t bytes)
{
	return (bytes + KD_EST_MIB - 1) / KD_EST_MIB;
}

/* What the estimate counts, read from this machine; notes are printed. */
struct estimate_inputs {
	struct kd_estimate_in in;
	int kernel_exact;
	int modules_loaded, modules_wanted;
	int have_plan;
};

/* The modules the image loads, and whether the image kdumpctl builds
 * (not one given with --initrd) is stale. */
static void image_modules(struct estimate_inputs *x, const struct setup *s,
			  const struct kd_bootfiles *bf, const struct options *o)
{
	struct kd_image_plan *plan = malloc(sizeof *plan);
	struct kd_error e;
	char why[256];

	if (!plan) {
		kd_warn("out of memory: drivers are not counted");
		return;
	}
	if (kd_image_plan(plan, &s->conf, &s->sc, bf, o->kmoddir, &e)) {
		kd_warn("drivers are not counted: %s", e.msg);
	} else {
		x->have_plan = 1;
		if (kd_modules_size("", plan->modules, &x->in.modules,
				    &x->modules_loaded, &x->modules_wanted, &e))
			kd_warn("drivers are not counted: %s", e.msg);
		if (!o->initrd && !access(bf->initrd, F_OK) &&
		    kd_image_stale(plan, &s->conf, why, sizeof why))
			kd_info("%s is stale (%s): start rebuilds it, the "
				"figures are for the image as it is", bf->initrd,
				why);
	}
	free(plan);
}

static int estimate_inputs(struct estimate_inputs *x, const struct options *o,
			   const struct setup *s, struct kd_bootfiles *bf,
			   struct kd_error *e)
{
	struct stat st;

	memset(x, 0, sizeof *x);
	if (image_paths(bf, o, s, e))
		return -1;
	if (o->initrd)
		snprintf(bf->initrd, sizeof bf->initrd, "%s", o->initrd);
	if (kd_kernel_mem_size(bf->kernel, &x->in.kernel, &x->kernel_exact, e) ||
	    kd_ram_top("", &x->in.ram_top, e))
		return -1;
	if (!stat(bf->initrd, &st))
		x->in.initrd = (uint64_t)st.st_size;
	else if (errno == ENOENT)
		kd_warn("%s does not exist yet (kdumpctl rebuild builds it): "
			"the initramfs is not counted", bf->initrd);
	else
		return kd_fail(e, errno, "cannot stat %s: %s", bf->initrd,
			       strerror(errno));
	image_modules(x, s, bf, o);
	return 0;
}

static void print_estimate(const struct estimate_inputs *x,
			   const struct kd_estimate *est,
			   const struct kd_bootfiles *bf, const struct kd_crashmem *m)
{
	printf("%-12s %6s\n", "component", "MiB");
	printf("%-12s %6" PRIu64 "  %s %s\n", "kernel", mib(est->kernel),
	       x->kernel_exact ? "init_size of" : "6 x the size of", bf->kernel);
	printf("%-12s %6" PRIu64 "  %d x %.1f MiB, %s\n", "initramfs",
	       mib(est->initramfs), KD_EST_INITRD_FACTOR,
	       (double)x->in.initrd / KD_EST_MIB, bf->initrd);
	printf("%-12s %6" PRIu64 "  %" PRIu64 " MiB + page bitmaps for %"
	       PRIu64 " MiB of memory\n", "collector", mib(est->collector),
	       mib(KD_EST_COLLECTOR_BASE), mib(x->in.ram_top));
	printf("%-12s %6" PRIu64 "  slab, page tables, per-cpu areas\n",
	       "runtime", mib(est->runtime));
	if (x->have_plan)
		printf("%-12s %6" PRIu64 "  %d of the image's %d modules "
		       "loaded here\n", "drivers", mib(est->drivers),
		       x->modules_loaded, x->modules_wanted);
	else
		printf("%-12s %6s  not counted\n", "drivers", "?");
	printf("%-12s %6" PRIu64 "\n", "total", mib(est->total));
	printf("%-12s %6" PRIu64 "  /sys/kernel/kexec_crash_size\n", "reserved",
	       m->size >> 20);
	printf("recommended crashkernel=%" PRIu64 "M (the total + %d%%, "
	       "rounded up to 16M)\n", est->recommended >> 20,
	       KD_EST_MARGIN_PERCENT);
}

/* How the default and the reservation compare with the estimate. */
static void judge_estimate(const struct kd_estimate *est,
			   const struct kd_crashmem *m)
{
	const char *dflt = kd_default_crashkernel();
	struct kd_crashkernel ck;
	char why[128];
	uint64_t ram = ram_for_ranges(m);

	if (dflt && ram && !kd_crashkernel_parse(dflt, &ck, why, sizeof why))
		printf("the default crashkernel=%s gives %" PRIu64 "M here\n",
		       dflt, kd_crashkernel_size(&ck, ram) >> 20);
	if (!m->size)
		kd_warn("no memory is reserved for the crash kernel: add "
			"crashkernel=%" PRIu64 "M to the kernel command line "
			"(or run kdumpctl reset-crashkernel) and reboot",
			est->recommended >> 20);
	else if (m->size < est->total)
		kd_warn("the reservation (%" PRIu64 " MiB) is smaller than the "
			"estimated need (%" PRIu64 " MiB): set crashkernel=%"
			PRIu64 "M and reboot", m->size >> 20, mib(est->total),
			est->recommended >> 20);
	else if (m->size < est->recommended)
		kd_info("the reservation covers the estimate, with less than "
			"%d%% to spare", KD_EST_MARGIN_PERCENT);
}

static int verb_estimate(const struct options *o)
{
	struct estimate_inputs x;
	struct kd_bootfiles bf;
	struct kd_estimate est;
	struct kd_error e;
	struct setup s;
	int ret = EXIT_OK;

	if (read_setup(&s, o, &e) || estimate_inputs(&x, o, &s, &bf, &e)) {
		ret = fail(&e);
	} else {
		kd_estimate(&x.in, &est);
		print_estimate(&x, &est, &bf, &s.mem);
		judge_estimate(&est, &s.mem);
	}
	free_setup(&s);
	return ret;
}

/* ---- test ---- */

/* 1 when the answer on standard input is YES. */
static int confirmed(void)
{
	char line[64];

	fputs("Type YES to continue: ", stderr);
	fflush(stderr);
	if (!fgets(line, sizeof line, stdin))
		return 0;
	line[strcspn(line, "\r\n")] = '\0';
	return !strcmp(line, "YES");
}

static int verb_test(const struct options *o)
{
	struct kd_crashmem m;
	struct kd_error e;

	if (need_root())
		return EXIT_FAIL;
	if (kd_crashmem_read(&m, "", &e))
		return fail(&e);
	if (!m.loaded) {
		kd_err("no crash kernel is loaded: run kdumpctl start first "
		       "(kdumpctl status says more)");
		return EXIT_FAIL;
	}
	kd_warn("this crashes the system now, through sysrq: the crash kernel "
		"saves a dump, then the machine reboots as kdump.conf says");
	if (!o->force && !confirmed()) {
		kd_info("test cancelled: nothing was done");
		return EXIT_FAIL;
	}
	if (kd_sysrq_crash("", &e))
		return fail(&e);
	kd_err("the system did not crash after sysrq c");
	return EXIT_FAIL;
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	const char *verb;

	if (parse_options(argc, argv, &o) || optind != argc - 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	verb = argv[optind];
	if (!strcmp(verb, "check"))
		return verb_check(&o);
	if (!strcmp(verb, "status"))
		return verb_status();
	if (!strcmp(verb, "start"))
		return verb_start(&o);
	if (!strcmp(verb, "stop"))
		return verb_stop();
	if (!strcmp(verb, "restart"))
		return verb_restart(&o);
	if (!strcmp(verb, "rebuild"))
		return verb_rebuild(&o);
	if (!strcmp(verb, "load"))
		return verb_load(&o);
	if (!strcmp(verb, "unload"))
		return verb_unload(&o);
	if (!strcmp(verb, "exec"))
		return verb_exec();
	if (!strcmp(verb, "propagate"))
		return verb_propagate(&o);
	if (!strcmp(verb, "reload"))
		return verb_reload(&o);
	if (!strcmp(verb, "showmem"))
		return verb_showmem();
	if (!strcmp(verb, "estimate"))
		return verb_estimate(&o);
	if (!strcmp(verb, "get-default-crashkernel"))
		return verb_get_default_crashkernel();
	if (!strcmp(verb, "reset-crashkernel"))
		return verb_reset_crashkernel(&o);
	if (!strcmp(verb, "test"))
		return verb_test(&o);
	if (!strcmp(verb, "help"))
		return usage(stdout), EXIT_OK;
	kd_err("unknown verb \"%s\" (kdumpctl --help lists them)", verb);
	return EXIT_USAGE;
}
