/* kdumpctl - arm and manage the crash kernel.
 *
 * Verbs: check, status, start, stop, restart, load, unload, exec.  Every
 * verb takes --config FILE and --sysconfig FILE.  main() is the only place
 * that prints errors and decides the exit status. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "bootfiles.h"
#include "capture.h"
#include "crashkernel.h"
#include "crashmem.h"
#include "image.h"
#include "kexec.h"
#include "netplan.h"
#include "propagate.h"
#include "raw.h"
#include "log.h"
#include "readfile.h"

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
	      "  start    validate, then arm the crash kernel (kexec_file_load)\n"
	      "  stop     unload the crash kernel\n"
	      "  restart  stop, then start\n"
	      "  rebuild  build the capture initramfs (" KDUMP_IMAGE_DIR "/initramfs-<version>.img)\n"
	      "  load     load a kernel: for fast reboot, or with --crash as crash kernel\n"
	      "  unload   unload the fast-reboot kernel (--crash: the crash kernel)\n"
	      "  exec     reboot into the loaded fast-reboot kernel now\n"
	      "  propagate  ssh target: create the key, install it on the server,\n"
	      "           record the server's host key\n"
	      "\n"
	      "options:\n"
	      "  --config FILE      kdump.conf (default " KDUMP_CONF_DEFAULT_PATH ")\n"
	      "  --sysconfig FILE   loader settings (default " KDUMP_SYSCONFIG_DEFAULT_PATH ")\n"
	      "  --kernel FILE      kernel image (default: found as KDUMP_BOOTDIR says)\n"
	      "  --initrd FILE      initramfs (start: default " KDUMP_IMAGE_DIR "/initramfs-<version>.img)\n"
	      "  --append STRING    command line for load (also --command-line)\n"
	      "  --reuse-cmdline    load: start from the running kernel's command line\n"
	      "  --kmoddir DIR      the capture kernel's modules (default /lib/modules/<version>)\n"
	      "  -p, --crash        load/unload the crash kernel\n"
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

static int verb_status(void)
{
	struct kd_crashmem m;
	struct kd_error e;

	if (kd_crashmem_read(&m, "", &e))
		return fail(&e);
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

static int arm(const struct options *o, struct kd_error *e)
{
	struct kd_capture_plan p;
	struct kd_bootfiles bf;
	struct kd_kexec_image img;
	struct setup s;
	int ret = -1;

	if (read_setup(&s, o, e))
		goto out;
	restore_raw(&s);
	if (kd_crashmem_check(&s.mem, e))
		goto out;
	if (s.mem.loaded) {
		kd_info("a crash kernel is already loaded (kdumpctl restart "
			"reloads it)");
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
	return arm(o, &e) ? fail(&e) : EXIT_OK;
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
	if (!strcmp(verb, "help"))
		return usage(stdout), EXIT_OK;
	kd_err("unknown verb \"%s\" (kdumpctl --help lists them)", verb);
	return EXIT_USAGE;
}
