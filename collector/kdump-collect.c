/* kdump-collect - write a filtered, compressed dump of a vmcore.
 *
 * Takes the makedumpfile options that kdump.conf files use (options.h),
 * so a core_collector line keeps working:
 *	kdump-collect [-c|-l|-z|-E] [-d N] [--message-level N] VMCORE DUMPFILE
 *	kdump-collect -F [...] VMCORE > STREAM
 *	kdump-collect -R DUMPFILE < STREAM
 *	kdump-collect --dump-dmesg VMCORE LOGFILE
 *
 * The exit status tells a whole dump (0) from one that holds less than
 * its level says (3), one cut short (2) and none at all (1), so that a
 * script never takes a damaged dump for a good one. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "collect.h"
#include "flat_reader.h"
#include "log.h"
#include "options.h"
#include "verify.h"

/* Exit statuses (man/kdump-collect.8, EXIT STATUS). */
enum {
	EXIT_WHOLE = 0,		/* the whole dump, log or stream; verified */
	EXIT_FAILED = 1,	/* no dump (or a usage error) */
	EXIT_INCOMPLETE = 2,	/* cut short (ENOSPC): what was written kept */
	EXIT_DEGRADED = 3,	/* whole, but holds less than its level says */
};

static void usage(FILE *out)
{
	fputs("usage: kdump-collect [-c|-l|-z|-E] [-d LEVEL] [--message-level N] [-f] VMCORE DUMPFILE\n"
	      "       kdump-collect -F [-c|-l|-z|-E] [-d LEVEL] VMCORE > STREAM\n"
	      "       kdump-collect -R [-f] DUMPFILE < STREAM\n"
	      "       kdump-collect --dump-dmesg [-f] VMCORE LOGFILE\n"
	      "       kdump-collect --verify [-d LEVEL] VMCORE DUMPFILE\n"
	      "\n"
	      "  -c, -l, -z   compress each page with zlib, LZO or zstd\n"
	      "  -E           write ELF instead of the kdump-compressed format\n"
	      "  -F           write the flattened format to standard output\n"
	      "  -R           rebuild DUMPFILE from a flattened stream on standard input\n"
	      "  -d LEVEL     exclude pages: 1 zero, 2 cache, 4 cache with private,\n"
	      "               8 user data, 16 free (add them up; 31 excludes all)\n"
	      "  -f           overwrite the output file if it exists\n"
	      "  --message-level N  1 progress, 2 common, 4 errors, 8 debug, 16 report\n"
	      "  --num-threads N    compressing threads (0: one per CPU)\n"
	      "  --cyclic-buffer KIB  bitmap memory per window (0: 4096 KiB)\n"
	      "  --fit-to BYTES|auto  raise the level, then compress harder, until the\n"
	      "               dump fits in BYTES (K, M, G, T: KiB, MiB, ...), or in the\n"
	      "               free space of DUMPFILE's filesystem\n"
	      "  --dump-dmesg write the crashed kernel's log\n"
	      "  --verify     check that DUMPFILE holds every dumpable page of VMCORE,\n"
	      "               unchanged (-d: the level of an ELF dump)\n"
	      "\n"
	      "exit status: 0 the whole dump; 1 no dump, or an error; 2 a dump cut\n"
	      "short (disk full), kept; 3 a whole dump that holds less than its level\n"
	      "says (unreadable pages, no VMCOREINFO, no filtering)\n", out);
}

static void set_log_level(int message_level)
{
	if (message_level & KD_ML_DEBUG)
		kd_log_set_level(KD_LOG_DEBUG);
	else if (message_level & KD_ML_COMMON)
		kd_log_set_level(KD_LOG_INFO);
	else if (message_level & KD_ML_ERROR)
		kd_log_set_level(KD_LOG_WARN);
	else
		kd_log_set_level(KD_LOG_ERR);
}

/* The output file, and whether this run created it. */
struct output {
	const char *path;	/* NULL: standard output */
	int fd;
	int created;
};

/* Outputs are created 0600: dumps hold secrets.  With -f an existing file
 * is truncated (and is not ours to remove). */
static int open_output(struct output *out, const char *path, int force)
{
	out->path = path;
	out->created = 1;
	out->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out->fd < 0 && errno == EEXIST && force) {
		out->created = 0;
		out->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	}
	if (out->fd < 0)
		kd_err("cannot create %s: %s%s", path, strerror(errno),
		       errno == EEXIST ? " (-f overwrites it)" : "");
	return out->fd;
}

/* After a failure: the file this run created is removed when nothing was
 * written to it (the input could not be read, say), so that no empty
 * "dump" stays behind.  Anything written stays, a dump cut short included
 * (its header says incomplete), and so does a file that existed before. */
static void remove_if_empty(const struct output *out)
{
	struct stat fst, pst;

	if (!out->created || fstat(out->fd, &fst) || fst.st_size != 0)
		return;
	/* still the same file under that name */
	if (lstat(out->path, &pst) || pst.st_dev != fst.st_dev ||
	    pst.st_ino != fst.st_ino)
		return;
	if (unlink(out->path))
		kd_warn("cannot remove the empty %s: %s", out->path,
			strerror(errno));
}

static int finish(struct output *out, int ret, struct kd_error *e)
{
	if (ret && out->path)
		remove_if_empty(out);
	if (out->path && close(out->fd) && !ret)
		ret = kd_fail(e, errno, "%s: %s", out->path, strerror(errno));
	if (ret)
		kd_err("%s", e->msg);
	return ret ? 1 : 0;
}

/* One warning naming every reason a written dump is degraded. */
static void warn_degraded(unsigned degraded)
{
	char why[256] = "";
	unsigned bit;

	for (bit = 1; bit && bit <= degraded; bit <<= 1)
		if ((degraded & bit) && kd_degraded_reason(bit))
			snprintf(why + strlen(why), sizeof why - strlen(why),
				 "%s%s", *why ? "; " : "", kd_degraded_reason(bit));
	kd_warn("the dump is degraded: %s", why);
}

/* The exit status of a dump: finish()'s failure, told apart when the
 * dump was cut short; a degraded dump is said to be. */
static int dump_status(int failed, int ret, const struct kd_collect_result *r)
{
	if (failed)
		return ret && r->incomplete ? EXIT_INCOMPLETE : EXIT_FAILED;
	if (r->degraded) {
		warn_degraded(r->degraded);
		return EXIT_DEGRADED;
	}
	return EXIT_WHOLE;
}

static int run_dump(struct kd_options *o)
{
	struct kd_collect_result r;
	struct output out = { NULL, 1, 0 };
	struct kd_error e;
	int ret;

	o->collect.vmcore = o->args[0];
	if (!o->collect.flat) {
		if (open_output(&out, o->args[1], o->force) < 0)
			return 1;
	} else if (isatty(1)) {
		kd_err("-F writes a binary stream: redirect standard output");
		return 1;
	}
	ret = kd_collect(&o->collect, out.fd, &r, &e);
	if (o->collect.message_level & KD_ML_REPORT)
		kd_collect_report(stderr, &r);
	if (!ret && out.path && (o->collect.message_level & KD_ML_COMMON))
		kd_info("the dump is saved to %s", out.path);
	return dump_status(finish(&out, ret, &e), ret, &r);
}

static int run_dmesg(struct kd_options *o)
{
	struct output out;
	struct kd_error e;

	if (open_output(&out, o->args[1], o->force) < 0)
		return 1;
	return finish(&out, kd_collect_dmesg(o->args[0], out.fd, &e), &e);
}

static int run_rearrange(struct kd_options *o)
{
	struct output out;
	struct kd_error e;

	if (open_output(&out, o->args[0], o->force) < 0)
		return 1;
	return finish(&out, kd_flat_rearrange(0, out.fd, &e), &e);
}

static int run_verify(struct kd_options *o)
{
	struct kd_verify_result r;
	struct kd_error e;
	int ret = kd_verify(o->args[0], o->args[1],
			    o->level_given ? o->collect.dump_level : -1, &r, &e);

	printf("checked %llu pages: %llu differ, %llu dumpable pages missing, "
	       "%llu excluded, %llu incomplete\n", (unsigned long long)r.checked,
	       (unsigned long long)r.mismatched,
	       (unsigned long long)r.wrongly_excluded,
	       (unsigned long long)r.excluded, (unsigned long long)r.incomplete);
	if (ret)
		kd_err("%s", e.msg);
	return ret ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct kd_options o;
	struct kd_error e;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		usage(stdout);
		return 0;
	}
	if (kd_options_parse(&o, argc - 1, argv + 1, &e)) {
		kd_err("%s (kdump-collect --help)", e.msg);
		return 1;
	}
	set_log_level(o.collect.message_level);
	if (o.dump_dmesg && o.nargs == 2)
		return run_dmesg(&o);
	if (o.verify && o.nargs == 2)
		return run_verify(&o);
	if (o.rearrange && o.nargs == 1)
		return run_rearrange(&o);
	if (!o.dump_dmesg && !o.rearrange && !o.verify && o.nargs == (o.collect.flat ? 1 : 2))
		return run_dump(&o);
	usage(stderr);
	return 1;
}
