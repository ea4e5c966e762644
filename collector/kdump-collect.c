/* kdump-collect - write a filtered, compressed dump of a vmcore.
 *
 * Takes the makedumpfile options that kdump.conf files use (options.h),
 * so a core_collector line keeps working:
 *	kdump-collect [-c|-l|-z|-E] [-d N] [--message-level N] VMCORE DUMPFILE
 *	kdump-collect -F [...] VMCORE > STREAM
 *	kdump-collect -R DUMPFILE < STREAM
 *	kdump-collect --dump-dmesg VMCORE LOGFILE */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "collect.h"
#include "flat_reader.h"
#include "log.h"
#include "options.h"
#include "verify.h"

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
	      "  --dump-dmesg write the crashed kernel's log\n"
	      "  --verify     check that DUMPFILE holds every dumpable page of VMCORE,\n"
	      "               unchanged (-d: the level of an ELF dump)\n", out);
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

/* Outputs are created 0600: dumps hold secrets. */
static int open_output(const char *path, int force)
{
	int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL);
	int fd = open(path, flags, 0600);

	if (fd < 0)
		kd_err("cannot create %s: %s%s", path, strerror(errno),
		       errno == EEXIST ? " (-f overwrites it)" : "");
	return fd;
}

static int finish(int fd, const char *path, int ret, struct kd_error *e)
{
	if (fd > 2 && close(fd) && !ret)
		ret = kd_fail(e, errno, "%s: %s", path, strerror(errno));
	if (ret)
		kd_err("%s", e->msg);
	return ret ? 1 : 0;
}

static int run_dump(struct kd_options *o)
{
	struct kd_collect_result r;
	struct kd_error e;
	const char *path = o->collect.flat ? NULL : o->args[1];
	int fd = 1, ret;

	o->collect.vmcore = o->args[0];
	if (path) {
		fd = open_output(path, o->force);
		if (fd < 0)
			return 1;
	} else if (isatty(1)) {
		kd_err("-F writes a binary stream: redirect standard output");
		return 1;
	}
	ret = kd_collect(&o->collect, fd, &r, &e);
	if (o->collect.message_level & KD_ML_REPORT)
		kd_collect_report(stderr, &r);
	if (!ret && path && (o->collect.message_level & KD_ML_COMMON))
		kd_info("the dump is saved to %s", path);
	return finish(fd, path, ret, &e);
}

static int run_dmesg(struct kd_options *o)
{
	struct kd_error e;
	int fd = open_output(o->args[1], o->force);

	if (fd < 0)
		return 1;
	return finish(fd, o->args[1], kd_collect_dmesg(o->args[0], fd, &e), &e);
}

static int run_rearrange(struct kd_options *o)
{
	struct kd_error e;
	int fd = open_output(o->args[0], o->force);

	if (fd < 0)
		return 1;
	return finish(fd, o->args[0], kd_flat_rearrange(0, fd, &e), &e);
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
