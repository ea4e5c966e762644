/* kdumpctl's verbs about the crash kernel's memory: showmem, estimate,
 * get-default-crashkernel, reset-crashkernel; and test, which uses it. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include "crashdefault.h"
#include "crashkernel.h"
#include "estimate.h"
#include "grub.h"
#include "image.h"
#include "kdumpctl.h"
#include "log.h"
#include "sysrq.h"

/* "Reserved NMB memory for crash kernel", as kdump-utils prints it. */
int kdumpctl_verb_showmem(const struct options *o)
{
	struct kd_crashmem m;
	struct kd_error e;
	uint64_t size;
	int i;

	if (kd_crashmem_read(&m, "", &e))
		return kdumpctl_report(&e);
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

int kdumpctl_verb_get_default_crashkernel(const struct options *o)
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

int kdumpctl_verb_reset_crashkernel(const struct options *o)
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
	if (!g.dir_given && kdumpctl_need_root())
		return EXIT_FAIL;
	switch (kd_grub_set_crashkernel(&g, o->kernel, value, where,
					sizeof where, &e)) {
	case -1:
		return kdumpctl_report(&e);
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
	int kernel_running;	/* kernel is the running image's size */
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
	struct utsname u;
	struct stat st;

	memset(x, 0, sizeof *x);
	if (kdumpctl_image_paths(bf, o, s, e))
		return -1;
	if (o->initrd)
		snprintf(bf->initrd, sizeof bf->initrd, "%s", o->initrd);
	if (kd_kernel_mem_size(bf->kernel, &x->in.kernel, &x->kernel_exact, e) ||
	    kd_ram_top("", &x->in.ram_top, e))
		return -1;
	if (x->kernel_exact)
		x->in.boot = x->in.kernel;
	if (s->mem.kernel_image && !uname(&u) && !strcmp(u.release, bf->kver)) {
		x->in.kernel = s->mem.kernel_image;
		x->kernel_running = 1;
	}
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
	if (x->kernel_running)
		printf("%-12s %6" PRIu64 "  the running %s in memory "
		       "(/proc/iomem)\n", "kernel", mib(est->kernel), bf->kver);
	else
		printf("%-12s %6" PRIu64 "  %s %s\n", "kernel", mib(est->kernel),
		       x->kernel_exact ? "init_size of" : "6 x the size of",
		       bf->kernel);
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
	if (est->boot)
		printf("%-12s %6" PRIu64 "  while it boots: init_size, the "
		       "initramfs, boot data\n", "boot", mib(est->boot));
	printf("%-12s %6" PRIu64 "\n", "total", mib(est->total));
	printf("%-12s %6" PRIu64 "  /sys/kernel/kexec_crash_size\n", "reserved",
	       m->size >> 20);
	printf("recommended crashkernel=%" PRIu64 "M (the total + %d%%, "
	       "rounded up to %lluM)\n", est->recommended >> 20,
	       KD_EST_MARGIN_PERCENT, KD_EST_ALIGN >> 20);
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

int kdumpctl_verb_estimate(const struct options *o)
{
	struct estimate_inputs x;
	struct kd_bootfiles bf;
	struct kd_estimate est;
	struct kd_error e;
	struct setup s;
	int ret = EXIT_OK;

	if (kdumpctl_read_setup(&s, o, &e) ||
	    estimate_inputs(&x, o, &s, &bf, &e)) {
		ret = kdumpctl_report(&e);
	} else {
		kd_estimate(&x.in, &est);
		print_estimate(&x, &est, &bf, &s.mem);
		judge_estimate(&est, &s.mem);
	}
	kdumpctl_free_setup(&s);
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

int kdumpctl_verb_test(const struct options *o)
{
	struct kd_crashmem m;
	struct kd_error e;

	if (kdumpctl_need_root())
		return EXIT_FAIL;
	if (kd_crashmem_read(&m, "", &e))
		return kdumpctl_report(&e);
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
		return kdumpctl_report(&e);
	kd_err("the system did not crash after sysrq c");
	return EXIT_FAIL;
}
