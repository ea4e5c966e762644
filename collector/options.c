/* options.c - parse makedumpfile-style collector options. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "collector_line.h"
#include "number.h"
#include "options.h"

static int number(const char *opt, const char *s, int max, int *out,
		  struct kd_error *e)
{
	char *end;
	long v;

	if (!s)
		return kd_fail(e, EINVAL, "%s needs a value", opt);
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > max)
		return kd_fail(e, EINVAL, "%s %s: expected a number from 0 to %d",
			       opt, s, max);
	*out = (int)v;
	return 0;
}

/* A size as memparse() reads it (common/number.c), the whole string,
 * but no octal: "010G" is refused rather than read as 8 GiB.
 * KD_FIT_AUTO, the largest value, means auto.  0 when valid. */
static int parse_bytes(const char *s, uint64_t *out)
{
	const char *end;
	uint64_t v;

	if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
		return -1;
	if (kd_parse_size(s, &v, &end) || *end || v == KD_FIT_AUTO)
		return -1;
	*out = v;
	return 0;
}

/* --fit-to BYTES or auto. */
static int fit_to(const char *s, uint64_t *out, struct kd_error *e)
{
	if (!s)
		return kd_fail(e, EINVAL, "--fit-to needs a size or auto");
	if (!strcmp(s, "auto")) {
		*out = KD_FIT_AUTO;
		return 0;
	}
	if (parse_bytes(s, out) || *out == 0)
		return kd_fail(e, EINVAL, "--fit-to %s: expected bytes (decimal or "
			       "0x hex, K, M, G, T, P or E after it: KiB, MiB, ...) or auto", s);
	return 0;
}

static int set_codec(struct kd_options *o, enum kd_codec_kind kind,
		     struct kd_error *e)
{
	if (o->collect.codec != KD_CODEC_NONE && o->collect.codec != kind)
		return kd_fail(e, EINVAL, "give at most one of -c, -l and -z");
	o->collect.codec = kind;
	return 0;
}

/* One letter of a group such as "-lF". */
static int short_option(struct kd_options *o, char ch, struct kd_error *e)
{
	switch (ch) {
	case 'c': return set_codec(o, KD_CODEC_ZLIB, e);
	case 'l': return set_codec(o, KD_CODEC_LZO, e);
	case 'z': return set_codec(o, KD_CODEC_ZSTD, e);
	case 'E': o->collect.format = KD_FORMAT_ELF; return 0;
	case 'F': o->collect.flat = 1; return 0;
	case 'R': o->rearrange = 1; return 0;
	case 'f': o->force = 1; return 0;
	case 'p':
		return kd_fail(e, EINVAL, "-p (snappy) is not supported: few "
			       "crash builds read it; use -z (zstd), -l (LZO) "
			       "or -c (zlib)");
	default:
		return kd_fail(e, EINVAL, "unknown option -%c", ch);
	}
}

/* "--name=value" or "--name value"; *used is set when argv[i+1] was taken. */
static int long_option(struct kd_options *o, const char *arg, const char *next,
		       int *used, struct kd_error *e)
{
	const char *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	const char *value = eq ? eq + 1 : next;
	*used = !eq;
	if (len == 15 && !strncmp(arg, "--message-level", len))
		return number("--message-level", value, 31,
			      &o->collect.message_level, e);
	if (len == 13 && !strncmp(arg, "--num-threads", len))
		return number("--num-threads", value, 64, &o->collect.threads, e);
	if (len == 15 && !strncmp(arg, "--cyclic-buffer", len))
		return number("--cyclic-buffer", value, KD_MAX_CYCLIC_BUFFER,
			      &o->collect.cyclic_buffer, e);
	if (len == 8 && !strncmp(arg, "--fit-to", len))
		return fit_to(value, &o->collect.fit_bytes, e);
	*used = 0;
	if (!strcmp(arg, "--dump-dmesg")) {
		o->dump_dmesg = 1;
		return 0;
	}
	if (!strcmp(arg, "--verify")) {
		o->verify = 1;
		return 0;
	}
	return kd_fail(e, EINVAL, "unknown option %.*s", (int)len, arg);
}

int kd_options_parse(struct kd_options *o, int argc, char *const argv[],
		     struct kd_error *e)
{
	struct kd_collect_opts defaults = KD_COLLECT_DEFAULTS;
	int i, used;

	memset(o, 0, sizeof *o);
	o->collect = defaults;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!strncmp(a, "--", 2) && a[2]) {
			if (long_option(o, a, i + 1 < argc ? argv[i + 1] : NULL,
					&used, e))
				return -1;
			i += used;
		} else if (!strcmp(a, "-d")) {
			o->level_given = 1;
			if (number("-d", i + 1 < argc ? argv[i + 1] : NULL, KD_DL_MAX,
				   &o->collect.dump_level, e))
				return -1;
			i++;
		} else if (!strncmp(a, "-d", 2)) {
			o->level_given = 1;
			if (number("-d", a + 2, KD_DL_MAX, &o->collect.dump_level, e))
				return -1;
		} else if (a[0] == '-' && a[1]) {
			for (a++; *a; a++)
				if (short_option(o, *a, e))
					return -1;
		} else if (o->nargs < 2) {
			o->args[o->nargs++] = a;
		} else {
			return kd_fail(e, EINVAL, "too many arguments (%s)", a);
		}
	}
	if (o->collect.format == KD_FORMAT_ELF && o->collect.codec != KD_CODEC_NONE)
		return kd_fail(e, EINVAL, "ELF output (-E) cannot be compressed");
	return 0;
}

int kd_options_parse_line(struct kd_options *o, const char *line, char *words,
			  size_t size, struct kd_error *e)
{
	char *argv[KD_COLLECTOR_MAX_WORDS + 1];
	int argc;

	if (snprintf(words, size, "%s", line) >= (int)size)
		return kd_fail(e, EINVAL, "core_collector is too long");
	argc = kd_collector_split(words, argv);
	if (argc < 0)
		return kd_fail(e, EINVAL, "core_collector has more than %d words",
			       KD_COLLECTOR_MAX_WORDS);
	if (argc < 1)
		return kd_fail(e, EINVAL, "empty core_collector");
	return kd_options_parse(o, argc - 1, argv + 1, e);
}
