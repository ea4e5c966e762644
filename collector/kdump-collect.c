/* kdump-collect - write a filtered, compressed dump of a vmcore.
 *
 * Takes the makedumpfile options that kdump.conf files use, so a
 * core_collector line keeps working:
 *	kdump-collect [-c|-l|-z|-E] [-d N] [--message-level N] VMCORE DUMPFILE
 *	kdump-collect -F [...] VMCORE > stream
 *	kdump-collect -R DUMPFILE < stream
 *	kdump-collect --dump-dmesg VMCORE LOGFILE */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "collect.h"
#include "log.h"

enum { OPT_MESSAGE_LEVEL = 256, OPT_DUMP_DMESG, OPT_NUM_THREADS };

struct cli {
	struct kd_collect_opts o;
	int rearrange;		/* -R */
	int dump_dmesg;
	int force;		/* -f: overwrite DUMPFILE */
	int codecs;		/* how many of -c -l -z were given */
};

static void usage(FILE *out)
{
	fputs("usage: kdump-collect [-c|-l|-z|-E] [-d LEVEL] [--message-level N] [-f] VMCORE DUMPFILE\n"
	      "       kdump-collect -F [-c|-l|-z|-E] [-d LEVEL] VMCORE > STREAM\n"
	      "       kdump-collect -R DUMPFILE < STREAM\n"
	      "       kdump-collect --dump-dmesg VMCORE LOGFILE\n"
	      "\n"
	      "  -c, -l, -z   compress each page with zlib, LZO or zstd\n"
	      "  -E           write ELF instead of the kdump-compressed format\n"
	      "  -F           write the flattened format to standard output\n"
	      "  -R           rebuild DUMPFILE from a flattened stream on standard input\n"
	      "  -d LEVEL     exclude pages: 1 zero, 2 cache, 4 cache with private,\n"
	      "               8 user data, 16 free (add them up; 31 excludes all)\n"
	      "  -f           overwrite DUMPFILE if it exists\n"
	      "  --message-level N  1 progress, 2 common, 4 errors, 8 debug, 16 report\n"
	      "  --dump-dmesg write the crashed kernel's log\n", out);
}

static int parse_number(const char *s, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

static int set_codec(struct cli *c, enum kd_codec_kind kind)
{
	c->o.codec = kind;
	c->codecs++;
	return 0;
}

static int parse_args(int argc, char **argv, struct cli *c)
{
	static const struct option longopts[] = {
		{ "message-level", required_argument, NULL, OPT_MESSAGE_LEVEL },
		{ "dump-dmesg", no_argument, NULL, OPT_DUMP_DMESG },
		{ "num-threads", required_argument, NULL, OPT_NUM_THREADS },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch, ignored;

	while ((ch = getopt_long(argc, argv, "clzpEFRd:fh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c': set_codec(c, KD_CODEC_ZLIB); break;
		case 'l': set_codec(c, KD_CODEC_LZO); break;
		case 'z': set_codec(c, KD_CODEC_ZSTD); break;
		case 'p':
			kd_err("-p (snappy) is not supported: crash builds rarely "
			       "read it; use -z (zstd), -l (LZO) or -c (zlib)");
			return -1;
		case 'E': c->o.format = KD_FORMAT_ELF; break;
		case 'F': c->o.flat = 1; break;
		case 'R': c->rearrange = 1; break;
		case 'f': c->force = 1; break;
		case 'd':
			if (parse_number(optarg, KD_DL_MAX, &c->o.dump_level)) {
				kd_err("-d %s: the dump level is a number from 0 to 31",
				       optarg);
				return -1;
			}
			break;
		case OPT_MESSAGE_LEVEL:
			if (parse_number(optarg, 31, &c->o.message_level)) {
				kd_err("--message-level %s: a number from 0 to 31",
				       optarg);
				return -1;
			}
			break;
		case OPT_DUMP_DMESG: c->dump_dmesg = 1; break;
		case OPT_NUM_THREADS:
			if (parse_number(optarg, 4096, &ignored)) {
				kd_err("--num-threads %s: not a number", optarg);
				return -1;
			}
			break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (c->codecs > 1) {
		kd_err("give at most one of -c, -l and -z");
		return -1;
	}
	if (c->o.format == KD_FORMAT_ELF && c->codecs) {
		kd_err("ELF output (-E) cannot be compressed");
		return -1;
	}
	return 0;
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

static int open_output(const char *path, int force)
{
	int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (force ? O_TRUNC : O_EXCL);
	int fd = open(path, flags, 0600);

	if (fd < 0)
		kd_err("cannot create %s: %s%s", path, strerror(errno),
		       errno == EEXIST ? " (use -f to overwrite)" : "");
	return fd;
}

static int run_dump(struct cli *c, const char *vmcore, const char *dumpfile)
{
	struct kd_collect_result r;
	struct kd_error e;
	int fd = 1, ret;

	c->o.vmcore = vmcore;
	if (dumpfile) {
		fd = open_output(dumpfile, c->force);
		if (fd < 0)
			return 1;
	}
	ret = kd_collect(&c->o, fd, &r, &e);
	if (dumpfile && close(fd) && !ret)
		ret = kd_fail(&e, errno, "%s: %s", dumpfile, strerror(errno));
	if (c->o.message_level & KD_ML_REPORT)
		kd_collect_report(stderr, &r);
	if (ret) {
		kd_err("%s", e.msg);
		return 1;
	}
	if (dumpfile && (c->o.message_level & KD_ML_COMMON))
		kd_info("the dump is saved to %s", dumpfile);
	return 0;
}

static int run_dmesg(const char *vmcore, const char *logfile, int force)
{
	struct kd_error e;
	int fd = open_output(logfile, force), ret;

	if (fd < 0)
		return 1;
	ret = kd_collect_dmesg(vmcore, fd, &e);
	if (close(fd) && !ret)
		ret = kd_fail(&e, errno, "%s: %s", logfile, strerror(errno));
	if (ret)
		kd_err("%s", e.msg);
	return ret ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct cli c = { KD_COLLECT_DEFAULTS, 0, 0, 0, 0 };
	int nargs;

	if (parse_args(argc, argv, &c))
		return 1;
	set_log_level(c.o.message_level);
	nargs = argc - optind;
	if (c.dump_dmesg && nargs == 2)
		return run_dmesg(argv[optind], argv[optind + 1], c.force);
	if (c.rearrange && nargs == 1)
		return run_rearrange(argv[optind], c.force);
	if (!c.dump_dmesg && !c.rearrange && c.o.flat && nargs == 1)
		return run_dump(&c, argv[optind], NULL);
	if (!c.dump_dmesg && !c.rearrange && !c.o.flat && nargs == 2)
		return run_dump(&c, argv[optind], argv[optind + 1]);
	usage(stderr);
	return 1;
}
