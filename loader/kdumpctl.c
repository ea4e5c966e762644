/* kdumpctl - arm and manage the crash kernel.
 *
 * This file reads the command line and dispatches to a verb; the verbs
 * live in verbs_service.c (arming and the service), verbs_memory.c
 * (the reservation, the estimate, test) and verbs_dumps.c (list).  Every verb takes --config FILE
 * and --sysconfig FILE.  The verb functions are the only places that print
 * errors and decide the exit status. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bootfiles.h"
#include "kdumpctl.h"
#include "log.h"
#include "validate.h"

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
	      "  list     the saved dumps, oldest first, from their records\n"
	      "           (vmcore.json): status, kernel, crash time, size, level\n"
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

int kdumpctl_report(const struct kd_error *e)
{
	kd_err("%s", e->msg);
	return EXIT_FAIL;
}

int kdumpctl_need_root(void)
{
	if (geteuid() == 0)
		return 0;
	kd_err("permission denied: this verb must be run as root");
	return -1;
}

void kdumpctl_read_conf(struct kdump_conf *conf, const struct options *o,
			struct kd_diag *d)
{
	/* a system without kdump.conf has the built-in defaults */
	if (!strcmp(o->config, KDUMP_CONF_DEFAULT_PATH) &&
	    access(o->config, F_OK) && errno == ENOENT) {
		kd_warn("%s does not exist: using the defaults", o->config);
		kdump_conf_parse(conf, "", 0, d);
	} else {
		kdump_conf_load(conf, o->config, d);
	}
}

int kdumpctl_read_setup(struct setup *s, const struct options *o,
			struct kd_error *e)
{
	struct kd_diag dconf, dsys;

	memset(s, 0, sizeof *s);
	kd_diag_init(&dconf, o->config);
	kd_diag_init(&dsys, o->sysconfig);
	if (kd_crashmem_read(&s->mem, "", e))
		return -1;
	kdumpctl_read_conf(&s->conf, o, &dconf);
	/* only the default file may be missing: a name given is meant */
	if (strcmp(o->sysconfig, KDUMP_SYSCONFIG_DEFAULT_PATH) &&
	    access(o->sysconfig, F_OK) && errno == ENOENT)
		kd_diag_error(&dsys, 0, "cannot read: %s", strerror(errno));
	else
		kdump_sysconfig_load(&s->sc, o->sysconfig, &dsys);
	if (!dconf.errors && !dsys.errors)
		kd_validate(&s->conf, &s->sc, s->mem.ram, !o->initrd, &dconf,
			    &dsys);
	s->valid = !dconf.errors && !dsys.errors;
	if (!s->valid)
		return kd_fail(e, EINVAL, "the configuration has errors, "
			       "nothing was changed");
	return 0;
}

void kdumpctl_free_setup(struct setup *s)
{
	kdump_conf_free(&s->conf);
	kdump_sysconfig_free(&s->sc);
}

int kdumpctl_image_paths(struct kd_bootfiles *bf, const struct options *o,
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

static const struct verb {
	const char *name;
	int (*run)(const struct options *o);
} verbs[] = {
	{ "check", kdumpctl_verb_check },
	{ "status", kdumpctl_verb_status },
	{ "start", kdumpctl_verb_start },
	{ "stop", kdumpctl_verb_stop },
	{ "restart", kdumpctl_verb_restart },
	{ "reload", kdumpctl_verb_reload },
	{ "rebuild", kdumpctl_verb_rebuild },
	{ "load", kdumpctl_verb_load },
	{ "unload", kdumpctl_verb_unload },
	{ "exec", kdumpctl_verb_exec },
	{ "propagate", kdumpctl_verb_propagate },
	{ "estimate", kdumpctl_verb_estimate },
	{ "showmem", kdumpctl_verb_showmem },
	{ "get-default-crashkernel", kdumpctl_verb_get_default_crashkernel },
	{ "reset-crashkernel", kdumpctl_verb_reset_crashkernel },
	{ "test", kdumpctl_verb_test },
	{ "list", kdumpctl_verb_list },
};

int main(int argc, char **argv)
{
	struct options o = { 0 };
	const char *verb;
	size_t i;

	if (parse_options(argc, argv, &o) || optind != argc - 1) {
		usage(stderr);
		return EXIT_USAGE;
	}
	verb = argv[optind];
	for (i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (!strcmp(verb, verbs[i].name))
			return verbs[i].run(&o);
	if (!strcmp(verb, "help"))
		return usage(stdout), EXIT_OK;
	kd_err("unknown verb \"%s\" (kdumpctl --help lists them)", verb);
	return EXIT_USAGE;
}
