/* test_options.c - makedumpfile-style collector options. */
#define UNIT_SUITE "options"
#include "unit.h"
#include "options.h"

/* o->args point into buf: it outlives the call (until the next one). */
static int parse(struct kd_options *o, struct kd_error *e, const char *line)
{
	static char buf[512];
	char *argv[32], *save = NULL, *w;
	int argc = 0;

	snprintf(buf, sizeof buf, "%s", line);
	for (w = strtok_r(buf, " ", &save); w && argc < 32; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	return kd_options_parse(o, argc, argv, e);
}

TEST(kdump_conf_lines)
{
	struct kd_options o;
	struct kd_error e;

	CHECK_INT(parse(&o, &e, "-l --message-level 1 -d 31"), 0);
	CHECK_INT(o.collect.codec, KD_CODEC_LZO);
	CHECK_INT(o.collect.message_level, 1);
	CHECK_INT(o.collect.dump_level, 31);
	CHECK_INT(o.collect.flat, 0);
	CHECK_INT(o.nargs, 0);

	CHECK_INT(parse(&o, &e, "-F -c -d 31 /proc/vmcore"), 0);
	CHECK_INT(o.collect.codec, KD_CODEC_ZLIB);
	CHECK_INT(o.collect.flat, 1);
	CHECK_INT(o.nargs, 1);
	CHECK_STR(o.args[0], "/proc/vmcore");

	CHECK_INT(parse(&o, &e, "-zE"), -1);
	CHECK_STR(e.msg, "ELF output (-E) cannot be compressed");
	CHECK_INT(parse(&o, &e, "-E -d 1 in out"), 0);
	CHECK_INT(o.collect.format, KD_FORMAT_ELF);
	CHECK_INT(o.nargs, 2);
	CHECK_INT(parse(&o, &e, "--message-level=23 -d31 -z --num-threads 2 a b"), 0);
	CHECK_INT(o.collect.message_level, 23);
	CHECK_INT(o.collect.dump_level, 31);
	CHECK_INT(o.collect.codec, KD_CODEC_ZSTD);
	CHECK_INT(parse(&o, &e, "-R out"), 0);
	CHECK_INT(o.rearrange, 1);
	CHECK_INT(parse(&o, &e, "--dump-dmesg /proc/vmcore log"), 0);
	CHECK_INT(o.dump_dmesg, 1);
}

TEST(defaults)
{
	struct kd_options o;
	struct kd_error e;

	CHECK_INT(parse(&o, &e, "in out"), 0);
	CHECK_INT(o.collect.codec, KD_CODEC_NONE);
	CHECK_INT(o.collect.dump_level, 0);
	CHECK_INT(o.collect.message_level, 7);
	CHECK_INT(o.collect.format, KD_FORMAT_KDUMP);
	CHECK_INT(o.collect.fit_bytes, 0);
}

TEST(refused)
{
	struct kd_options o;
	struct kd_error e;

	CHECK_INT(parse(&o, &e, "-p -d 31"), -1);
	CHECK(strstr(e.msg, "-p (snappy) is not supported") != NULL);
	CHECK_INT(parse(&o, &e, "-x"), -1);
	CHECK_STR(e.msg, "unknown option -x");
	CHECK_INT(parse(&o, &e, "--split a b"), -1);
	CHECK_STR(e.msg, "unknown option --split");
	CHECK_INT(parse(&o, &e, "-d 32"), -1);
	CHECK_STR(e.msg, "-d 32: expected a number from 0 to 31");
	CHECK_INT(parse(&o, &e, "-d 11,31"), -1);
	CHECK_INT(parse(&o, &e, "-d"), -1);
	CHECK_STR(e.msg, "-d needs a value");
	CHECK_INT(parse(&o, &e, "-c -l"), -1);
	CHECK_STR(e.msg, "give at most one of -c, -l and -z");
	CHECK_INT(parse(&o, &e, "a b c"), -1);
	CHECK_STR(e.msg, "too many arguments (c)");
	CHECK_INT(parse(&o, &e, "--message-level x"), -1);
}

/* makedumpfile's spelling, on the command line and in a core_collector
 * line (what kdumpctl and kdump-init parse). */
TEST(cyclic_buffer)
{
	struct kd_options o;
	struct kd_error e;
	char words[256];

	CHECK_INT(parse(&o, &e, "in out"), 0);
	CHECK_INT(o.collect.cyclic_buffer, 0);
	CHECK_INT(parse(&o, &e, "-l --cyclic-buffer 1 -d 31 in out"), 0);
	CHECK_INT(o.collect.cyclic_buffer, 1);
	CHECK_INT(o.collect.dump_level, 31);
	CHECK_INT(o.nargs, 2);
	CHECK_INT(parse(&o, &e, "--cyclic-buffer=1048576"), 0);
	CHECK_INT(o.collect.cyclic_buffer, 1048576);
	CHECK_INT(parse(&o, &e, "--cyclic-buffer 1048577"), -1);
	CHECK_STR(e.msg, "--cyclic-buffer 1048577: expected a number from 0 to 1048576");
	CHECK_INT(parse(&o, &e, "--cyclic-buffer"), -1);
	CHECK_STR(e.msg, "--cyclic-buffer needs a value");
	CHECK_INT(kd_options_parse_line(&o, "makedumpfile -z --cyclic-buffer 64 -d 31",
					words, sizeof words, &e), 0);
	CHECK_INT(o.collect.cyclic_buffer, 64);
	CHECK_INT(o.collect.codec, KD_CODEC_ZSTD);
}

/* Bytes, with binary suffixes, or auto; never 0 nor more than 64 bits. */
TEST(fit_to)
{
	struct kd_options o;
	struct kd_error e;
	char words[256];

	CHECK_INT(parse(&o, &e, "-l --fit-to 300M -d 1 in out"), 0);
	CHECK(o.collect.fit_bytes == 300ULL << 20);
	CHECK_INT(o.collect.dump_level, 1);
	CHECK_INT(o.nargs, 2);
	CHECK_INT(parse(&o, &e, "--fit-to=4096"), 0);
	CHECK(o.collect.fit_bytes == 4096);
	CHECK_INT(parse(&o, &e, "--fit-to 12k"), 0);
	CHECK(o.collect.fit_bytes == 12 << 10);
	CHECK_INT(parse(&o, &e, "--fit-to 2G"), 0);
	CHECK(o.collect.fit_bytes == 2ULL << 30);
	CHECK_INT(parse(&o, &e, "--fit-to 3T"), 0);
	CHECK(o.collect.fit_bytes == 3ULL << 40);
	CHECK_INT(parse(&o, &e, "--fit-to 0x10M"), 0);	/* as crashkernel= reads it */
	CHECK(o.collect.fit_bytes == 16ULL << 20);
	CHECK_INT(parse(&o, &e, "--fit-to 010G"), -1);	/* no octal */
	CHECK(strstr(e.msg, "decimal or 0x hex") != NULL);
	CHECK_INT(parse(&o, &e, "--fit-to auto"), 0);
	CHECK(o.collect.fit_bytes == KD_FIT_AUTO);
	CHECK_INT(kd_options_parse_line(&o, "makedumpfile -l --fit-to 1G -d 31",
					words, sizeof words, &e), 0);
	CHECK(o.collect.fit_bytes == 1ULL << 30);
	CHECK_INT(parse(&o, &e, "--fit-to 0"), -1);
	CHECK(strstr(e.msg, "--fit-to 0: expected bytes") != NULL);
	CHECK_INT(parse(&o, &e, "--fit-to -5"), -1);
	CHECK_INT(parse(&o, &e, "--fit-to 10X"), -1);
	CHECK_INT(parse(&o, &e, "--fit-to 10MB"), -1);
	CHECK_INT(parse(&o, &e, "--fit-to M"), -1);
	CHECK_INT(parse(&o, &e, "--fit-to 16777216T"), -1);	/* 2^64 */
	CHECK_INT(parse(&o, &e, "--fit-to 99999999999999999999"), -1);
	CHECK_INT(parse(&o, &e, "--fit-to"), -1);
	CHECK_STR(e.msg, "--fit-to needs a size or auto");
}

int main(void)
{
	RUN(kdump_conf_lines);
	RUN(defaults);
	RUN(refused);
	RUN(cyclic_buffer);
	RUN(fit_to);
	return unit_done();
}
