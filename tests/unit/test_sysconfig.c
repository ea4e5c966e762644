/* test_sysconfig.c - /etc/sysconfig/kdump: shell quoting without expansion. */
#define UNIT_SUITE "sysconfig"
#include "unit.h"
#include "sysconfig.h"

static struct kd_diag diag;

static int parse(struct kdump_sysconfig *sc, const char *text)
{
	kd_diag_init(&diag, "kdump");
	diag.quiet = 1;
	return kdump_sysconfig_parse(sc, text, strlen(text), &diag);
}

struct vector {
	const char *text, *want;	/* the value of KDUMP_COMMANDLINE_APPEND */
};

static const struct vector values[] = {
	{ "KDUMP_COMMANDLINE_APPEND=irqpoll\n", "irqpoll" },
	{ "KDUMP_COMMANDLINE_APPEND=\"irqpoll nr_cpus=1\"\n", "irqpoll nr_cpus=1" },
	{ "KDUMP_COMMANDLINE_APPEND='a \"b\" $c `d`'\n", "a \"b\" $c `d`" },
	{ "KDUMP_COMMANDLINE_APPEND=\"a \\\"b\\\" \\$c \\\\ \\x\"\n", "a \"b\" $c \\ \\x" },
	{ "KDUMP_COMMANDLINE_APPEND=a\\ b'c d'\"e f\"\n", "a bc de f" },
	{ "  export KDUMP_COMMANDLINE_APPEND=\"x\"   # comment\n", "x" },
	{ "KDUMP_COMMANDLINE_APPEND=\"one \\\ntwo\"\n", "one two" },
	{ "KDUMP_COMMANDLINE_APPEND=\"multi\nline\"\n", "multi\nline" },
	{ "KDUMP_COMMANDLINE_APPEND=\n", "" },
	{ "KDUMP_COMMANDLINE_APPEND=a\nKDUMP_COMMANDLINE_APPEND=b", "b" },
	{ "# only a comment\n\nKDUMP_COMMANDLINE_APPEND=a#b\n", "a#b" },
};

TEST(quoting)
{
	size_t i;

	for (i = 0; i < sizeof values / sizeof values[0]; i++) {
		struct kdump_sysconfig sc;

		CHECK_INT(parse(&sc, values[i].text), 0);
		CHECK_STR(diag.first, "");
		CHECK_STR(sc.commandline_append, values[i].want);
		kdump_sysconfig_free(&sc);
	}
}

TEST(every_variable)
{
	struct kdump_sysconfig sc;
	const char *text =
		"KDUMP_KERNELVER=\"6.1.0-27-amd64\"\n"
		"KDUMP_COMMANDLINE=\"root=/dev/sda1 ro\"\n"
		"KDUMP_COMMANDLINE_REMOVE=\"quiet splash\"\n"
		"KDUMP_COMMANDLINE_APPEND=\"irqpoll\"\n"
		"KEXEC_ARGS=\"-s\"\n"
		"KDUMP_BOOTDIR=\"/boot\"\n"
		"KDUMP_IMG=\"vmlinuz\"\n"
		"KDUMP_IMG_EXT=\".efi\"\n"
		"KDUMP_INITRD=/var/lib/kdump/initrd.img\n"
		"VMCORE_CREATION_NOTIFICATION=\"yes\"\n"
		"KDUMP_STDLOGLVL=3\n";

	CHECK_INT(parse(&sc, text), 0);
	CHECK_INT(diag.warnings, 0);
	CHECK_STR(sc.kernelver, "6.1.0-27-amd64");
	CHECK_STR(sc.commandline, "root=/dev/sda1 ro");
	CHECK_STR(kdump_sysconfig_remove(&sc), "quiet splash");
	CHECK_STR(kdump_sysconfig_append(&sc), "irqpoll");
	CHECK_STR(sc.kexec_args, "-s");
	CHECK_STR(sc.bootdir, "/boot");
	CHECK_STR(sc.img, "vmlinuz");
	CHECK_STR(sc.img_ext, ".efi");
	CHECK_STR(sc.initrd, "/var/lib/kdump/initrd.img");
	kdump_sysconfig_free(&sc);
}

TEST(defaults_when_unset)
{
	struct kdump_sysconfig sc;

	CHECK_INT(parse(&sc, ""), 0);
	CHECK(sc.commandline == NULL);
	CHECK_STR(kdump_sysconfig_remove(&sc), KDUMP_DEFAULT_CMDLINE_REMOVE);
	CHECK_STR(kdump_sysconfig_append(&sc), KDUMP_DEFAULT_CMDLINE_APPEND);
	kdump_sysconfig_free(&sc);
	/* set to empty: nothing removed */
	CHECK_INT(parse(&sc, "KDUMP_COMMANDLINE_REMOVE=\"\"\n"), 0);
	CHECK_STR(kdump_sysconfig_remove(&sc), "");
	kdump_sysconfig_free(&sc);
}

struct bad {
	const char *text, *first;
};

static const struct bad bads[] = {
	{ "KDUMP_IMG=$HOME\n", "kdump:1: \"$\" would be expanded by a shell; write the value literally (use single quotes for a literal $)" },
	{ "\nKDUMP_IMG=\"a`b`\"\n", "kdump:2: \"`\" would be expanded by a shell; write the value literally (use single quotes for a literal `)" },
	{ "KDUMP_IMG=\"abc\nKDUMP_BOOTDIR=/boot\n", "kdump:1: unterminated double quote" },
	{ "\n\nKDUMP_IMG='abc\n", "kdump:3: unterminated single quote" },
	{ "KDUMP_IMG=a b\n", "kdump:1: unexpected text after the value (quote values that contain spaces)" },
	{ "set -x\n", "kdump:1: expected NAME=value" },
	{ "KDUMP_IMG=a;reboot\n", "kdump:1: \";\" is shell syntax, not part of an assignment" },
	{ "1ABC=2\n", "kdump:1: expected NAME=value" },
	{ "KDUMP_IMG=\"a\"b c\n", "kdump:1: unexpected text after the value (quote values that contain spaces)" },
};

TEST(errors)
{
	size_t i;

	for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		struct kdump_sysconfig sc;

		CHECK_INT(parse(&sc, bads[i].text), -1);
		CHECK_STR(diag.first, bads[i].first);
		kdump_sysconfig_free(&sc);
	}
}

TEST(unknown_variable_warns)
{
	struct kdump_sysconfig sc;

	CHECK_INT(parse(&sc, "FOO=1\n"), 0);
	CHECK_INT(diag.warnings, 1);
	CHECK_STR(diag.first_warning, "kdump:1: warning: unknown variable FOO (ignored)");
	kdump_sysconfig_free(&sc);
}

TEST(shipped_file_is_clean)
{
	struct kdump_sysconfig sc;

	kd_diag_init(&diag, "conf/kdump.sysconfig");
	diag.quiet = 1;
	CHECK_INT(kdump_sysconfig_load(&sc, "conf/kdump.sysconfig", &diag), 0);
	CHECK_INT(diag.warnings, 0);
	CHECK_STR(kdump_sysconfig_append(&sc), KDUMP_DEFAULT_CMDLINE_APPEND);
	CHECK_STR(kdump_sysconfig_remove(&sc), KDUMP_DEFAULT_CMDLINE_REMOVE);
	kdump_sysconfig_free(&sc);
}

TEST(missing_file_means_defaults)
{
	struct kdump_sysconfig sc;

	kd_diag_init(&diag, "x");
	diag.quiet = 1;
	CHECK_INT(kdump_sysconfig_load(&sc, "/nonexistent/kdump", &diag), 0);
	CHECK_INT(diag.errors, 0);
	kdump_sysconfig_free(&sc);
}

int main(void)
{
	RUN(quoting);
	RUN(every_variable);
	RUN(defaults_when_unset);
	RUN(errors);
	RUN(unknown_variable_warns);
	RUN(shipped_file_is_clean);
	RUN(missing_file_means_defaults);
	return unit_done();
}
