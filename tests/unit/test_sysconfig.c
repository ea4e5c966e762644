/* test_sysconfig.c - /etc/sysconfig/kdump: shell quoting without expansion.
 *
 * Run from the repository root (the shipped conf/kdump.sysconfig is read). */
#define UNIT_SUITE "sysconfig"
#include <stdlib.h>
#include "unit.h"
#include "sysconfig.h"

static struct kd_diag diag;

static int parse_len(struct kdump_sysconfig *sc, const char *text, size_t len)
{
	kd_diag_init(&diag, "kdump");
	diag.quiet = 1;
	return kdump_sysconfig_parse(sc, text, len, &diag);
}

static int parse(struct kdump_sysconfig *sc, const char *text)
{
	return parse_len(sc, text, strlen(text));
}

static char *printed(const struct kdump_sysconfig *sc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	kdump_sysconfig_print(sc, f);
	fclose(f);
	return buf;
}

/* ---- values: what KDUMP_COMMANDLINE_APPEND ends up as ---- */

struct vector {
	const char *text, *want;
};

#define V "KDUMP_COMMANDLINE_APPEND="
static const struct vector values[] = {
	{ V "irqpoll\n", "irqpoll" },
	{ V "\"irqpoll nr_cpus=1\"\n", "irqpoll nr_cpus=1" },
	{ V "'a \"b\" $c `d` \\e'\n", "a \"b\" $c `d` \\e" },
	{ V "\"a \\\"b\\\" \\$c \\` \\\\ \\x \\n\"\n", "a \"b\" $c ` \\ \\x \\n" },
	{ V "a\\ b'c d'\"e f\"\n", "a bc de f" },
	{ V "'it'\\''s'\n", "it's" },
	{ V "\\$HOME\\`x\\`\n", "$HOME`x`" },
	{ "  export " V "\"x\"   # comment\n", "x" },
	{ "export\t" V "x\nexport KDUMP_COMMANDLINE_APPEND\n", "x" },
	{ V "\"one \\\ntwo\"\n", "one two" },
	{ V "one\\\ntwo\n", "onetwo" },
	{ V "\"multi\nline\"\n", "multi\nline" },
	{ V "'multi\nline'\n", "multi\nline" },
	{ V "\"tab\there\"\n", "tab\there" },
	{ V "\n", "" },
	{ V "''\n", "" },
	{ V, "" },
	{ V "a\n" V "b", "b" },
	{ "# only a comment\n\n" V "a#b\n", "a#b" },
	{ V "x#y # z\n", "x#y" },
	{ V "#x\n", "#x" },
	{ "\t" V "x\t# comment\n", "x" },
	{ V "\"a\"\r\n", "a" },
	{ V "*.img\n", "*.img" },
	{ V "a~b:c~d\n", "a~b:c~d" },
	{ V "'~/x'\n", "~/x" },
	{ V "\"~\"\n", "~" },
	{ V "\\~x\n", "~x" },
	{ V "a\\:~b\n", "a:~b" },
	{ V "!{x}[y]\n", "!{x}[y]" },
	{ V "a=b=c\n", "a=b=c" },
	{ V "ok\n" V "$bad\n", "ok" },	/* a bad statement assigns nothing */
};

TEST(quoting)
{
	size_t i;

	for (i = 0; i < sizeof values / sizeof values[0]; i++) {
		struct kdump_sysconfig sc;
		int bad = strstr(values[i].text, "$bad") != NULL;

		CHECK_INT(parse(&sc, values[i].text), bad ? -1 : 0);
		if (!bad)
			CHECK_STR(diag.first, "");
		CHECK_INT(diag.warnings, 0);
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
		"FADUMP_COMMANDLINE_APPEND=\"nr_cpus=16\"\n"
		"#KDUMP_STDLOGLVL=3\n"
		"KDUMP_STDLOGLVL=3\n"
		"KDUMP_SYSLOGLVL=0\n"
		"KDUMP_KMSGLOGLVL=0\n";

	CHECK_INT(parse(&sc, text), 0);
	CHECK_INT(diag.errors, 0);
	CHECK_INT(diag.warnings, 0);
	CHECK_STR(sc.kernelver, "6.1.0-27-amd64");
	CHECK_STR(sc.commandline, "root=/dev/sda1 ro");
	CHECK_STR(sc.commandline_remove, "quiet splash");
	CHECK_STR(kdump_sysconfig_remove(&sc), "quiet splash");
	CHECK_STR(kdump_sysconfig_append(&sc), "irqpoll");
	CHECK_STR(sc.kexec_args, "-s");
	CHECK_STR(sc.bootdir, "/boot");
	CHECK_STR(sc.img, "vmlinuz");
	CHECK_STR(sc.img_ext, ".efi");
	CHECK_STR(sc.initrd, "/var/lib/kdump/initrd.img");
	kdump_sysconfig_free(&sc);
	CHECK(sc.kernelver == NULL);	/* free leaves it clean */
}

TEST(defaults_when_unset)
{
	struct kdump_sysconfig sc;
	char *out;

	CHECK_INT(parse(&sc, ""), 0);
	CHECK(sc.commandline == NULL);
	CHECK(sc.commandline_remove == NULL);
	CHECK(sc.kexec_args == NULL);
	CHECK_STR(kdump_sysconfig_remove(&sc), KDUMP_DEFAULT_CMDLINE_REMOVE);
	CHECK_STR(kdump_sysconfig_append(&sc), KDUMP_DEFAULT_CMDLINE_APPEND);
	out = printed(&sc);
	CHECK_STR(out,
		  "# KDUMP_COMMANDLINE not set\n"
		  "KDUMP_COMMANDLINE_REMOVE='" KDUMP_DEFAULT_CMDLINE_REMOVE "'\n"
		  "KDUMP_COMMANDLINE_APPEND='" KDUMP_DEFAULT_CMDLINE_APPEND "'\n"
		  "# KEXEC_ARGS not set\n"
		  "# KDUMP_BOOTDIR not set\n"
		  "# KDUMP_IMG not set\n"
		  "# KDUMP_IMG_EXT not set\n"
		  "# KDUMP_KERNELVER not set\n"
		  "# KDUMP_INITRD not set\n"
		  "# KDUMP_SSH_CONFIG not set\n"
		  "# KDUMP_KEEP_DUMPS not set\n"
		  "# KDUMP_KEEP_SIZE not set\n");
	free(out);
	kdump_sysconfig_free(&sc);
	/* set but empty: nothing is removed or appended */
	CHECK_INT(parse(&sc, "KDUMP_COMMANDLINE_REMOVE=\"\"\nKDUMP_COMMANDLINE_APPEND=\n"), 0);
	CHECK_STR(kdump_sysconfig_remove(&sc), "");
	CHECK_STR(kdump_sysconfig_append(&sc), "");
	kdump_sysconfig_free(&sc);
}

/* ---- errors: the exact first line and how many ---- */

struct bad {
	const char *text, *first;
	int errors;
};

static const struct bad bads[] = {
	{ "KDUMP_IMG=$HOME\n", "kdump:1: \"$\" would be expanded by a shell; write the value literally (use single quotes for a literal $)", 1 },
	{ "KDUMP_IMG=a$\n", "kdump:1: \"$\" would be expanded by a shell; write the value literally (use single quotes for a literal $)", 1 },
	{ "\nKDUMP_IMG=\"a`b`\"\n", "kdump:2: \"`\" would be expanded by a shell; write the value literally (use single quotes for a literal `)", 1 },
	{ "KDUMP_IMG=\"${X}\"\n", "kdump:1: \"$\" would be expanded by a shell; write the value literally (use single quotes for a literal $)", 1 },
	{ "KDUMP_IMG=$(reboot)\n", "kdump:1: \"$\" would be expanded by a shell; write the value literally (use single quotes for a literal $)", 1 },
	{ "KDUMP_IMG=\"abc\nKDUMP_BOOTDIR=/boot\n", "kdump:1: unterminated double quote", 1 },
	{ "\n\nKDUMP_IMG='abc\n\n", "kdump:3: unterminated single quote", 1 },
	{ "KDUMP_IMG=x\"abc\\\"\n", "kdump:1: unterminated double quote", 1 },
	{ "KDUMP_IMG=a b\n", "kdump:1: unexpected text after the value (quote values that contain spaces)", 1 },
	{ "KDUMP_IMG=\"a\"b c\n", "kdump:1: unexpected text after the value (quote values that contain spaces)", 1 },
	{ "KDUMP_IMG=a KDUMP_BOOTDIR=b\n", "kdump:1: unexpected text after the value (quote values that contain spaces)", 1 },
	{ "export KDUMP_IMG KDUMP_BOOTDIR\n", "kdump:1: unexpected text after the value (quote values that contain spaces)", 1 },
	{ "set -x\n", "kdump:1: expected NAME=value", 1 },
	{ "export\n", "kdump:1: expected NAME=value", 1 },
	{ "1ABC=2\n", "kdump:1: expected NAME=value", 1 },
	{ "KDUMP_IMG =x\n", "kdump:1: expected NAME=value", 1 },
	{ "=x\n", "kdump:1: expected NAME=value", 1 },
	{ "KDUMP-IMG=x\n", "kdump:1: expected NAME=value", 1 },
	{ "if true; then\nfi\n", "kdump:1: expected NAME=value", 2 },
	{ "KDUMP_IMG=a;reboot\n", "kdump:1: \";\" is shell syntax, not part of an assignment", 1 },
	{ "KDUMP_IMG=a|b\n", "kdump:1: \"|\" is shell syntax, not part of an assignment", 1 },
	{ "KDUMP_IMG=a&\n", "kdump:1: \"&\" is shell syntax, not part of an assignment", 1 },
	{ "KDUMP_IMG=>x\n", "kdump:1: \">\" is shell syntax, not part of an assignment", 1 },
	{ "KDUMP_IMG=(a)\n", "kdump:1: \"(\" is shell syntax, not part of an assignment", 1 },
	{ "KDUMP_BOOTDIR=~/boot\n", "kdump:1: \"~\" would be expanded by a shell; quote it or write the directory", 1 },
	{ "KDUMP_BOOTDIR=/a:~root/b\n", "kdump:1: \"~\" would be expanded by a shell; quote it or write the directory", 1 },
	/* one error per statement, and the parser keeps in step */
	{ "KDUMP_IMG=\"$a $b `c`\"\n", "kdump:1: \"$\" would be expanded by a shell; write the value literally (use single quotes for a literal $)", 1 },
	{ "KDUMP_IMG=\"$x\nKDUMP_BOOTDIR=$y\"\nKDUMP_KERNELVER=$z\n", "kdump:1: \"$\" would be expanded by a shell; write the value literally (use single quotes for a literal $)", 2 },
	{ "A=$x\nB=`y`\nC='\n", "kdump:1: \"$\" would be expanded by a shell; write the value literally (use single quotes for a literal $)", 3 },
};

TEST(errors)
{
	size_t i;

	for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		struct kdump_sysconfig sc;

		CHECK_INT(parse(&sc, bads[i].text), -1);
		CHECK_STR(diag.first, bads[i].first);
		CHECK_INT(diag.errors, bads[i].errors);
		kdump_sysconfig_free(&sc);
	}
}

TEST(errors_leave_the_rest)
{
	struct kdump_sysconfig sc;

	/* the quoted value spans two lines; the third line is still read */
	CHECK_INT(parse(&sc, "KDUMP_IMG=\"$x\nKDUMP_BOOTDIR=/boot\"\nKDUMP_KERNELVER=6.1\n"), -1);
	CHECK_INT(diag.errors, 1);
	CHECK(sc.img == NULL);
	CHECK(sc.bootdir == NULL);
	CHECK_STR(sc.kernelver, "6.1");
	kdump_sysconfig_free(&sc);
	CHECK_INT(parse(&sc, "KDUMP_IMG=$x\nKDUMP_BOOTDIR=/boot\n"), -1);
	CHECK_STR(sc.bootdir, "/boot");
	kdump_sysconfig_free(&sc);	/* "NAME=a b" runs b in a shell: NAME is not set */
	CHECK_INT(parse(&sc, "KDUMP_IMG=a b\n"), -1);
	CHECK(sc.img == NULL);
	kdump_sysconfig_free(&sc);
}

TEST(limits)
{
	struct kdump_sysconfig sc;
	static char text[(1 << 20) + 16];
	char name[200];

	memset(name, 'A', sizeof name);
	memcpy(name + 150, "=1\n", 4);
	CHECK_INT(parse(&sc, name), -1);
	CHECK_STR(diag.first, "kdump:1: variable name longer than 127 characters");
	kdump_sysconfig_free(&sc);

	memcpy(text, "KDUMP_IMG=", 10);
	memset(text + 10, 'x', 8191);
	memcpy(text + 10 + 8191, "\nKDUMP_BOOTDIR=/b\n", 19);
	CHECK_INT(parse(&sc, text), 0);
	CHECK_INT(strlen(sc.img), 8191);
	kdump_sysconfig_free(&sc);
	memset(text + 10, 'x', 8192);
	memcpy(text + 10 + 8192, "\nKDUMP_BOOTDIR=/b\n", 19);
	CHECK_INT(parse(&sc, text), -1);
	CHECK_STR(diag.first, "kdump:1: value longer than 8191 bytes");
	CHECK(sc.img == NULL);
	CHECK_STR(sc.bootdir, "/b");
	kdump_sysconfig_free(&sc);

	CHECK_INT(parse_len(&sc, "A=1\nKDUMP_IMG=a\0b\n", 17), -1);
	CHECK_STR(diag.first, "kdump:2: NUL byte: not a text file");
	kdump_sysconfig_free(&sc);

	memset(text, '\n', sizeof text);
	CHECK_INT(parse_len(&sc, text, 1 << 20), 0);
	kdump_sysconfig_free(&sc);
	CHECK_INT(parse_len(&sc, text, (1 << 20) + 1), -1);
	CHECK_STR(diag.first, "kdump: file larger than 1 MiB");
	kdump_sysconfig_free(&sc);
}

TEST(unknown_variables_warn)
{
	struct kdump_sysconfig sc;

	CHECK_INT(parse(&sc, "FOO=1\n"), 0);
	CHECK_INT(diag.warnings, 1);
	CHECK_STR(diag.first_warning, "kdump:1: warning: unknown variable FOO (ignored)");
	kdump_sysconfig_free(&sc);
	CHECK_INT(parse(&sc, "KDUMP_IMG=v\n\nexport kdump_img='x'\n"), 0);
	CHECK_INT(diag.warnings, 1);
	CHECK_STR(diag.first_warning, "kdump:3: warning: unknown variable kdump_img (ignored)");
	CHECK_STR(sc.img, "v");
	kdump_sysconfig_free(&sc);
	/* errors in an unknown variable's value still count */
	CHECK_INT(parse(&sc, "FOO=$x\n"), -1);
	CHECK_INT(diag.warnings, 0);
	kdump_sysconfig_free(&sc);
}

/* Printing then parsing gives the same values, with no diagnostics. */
static void check_round_trip(const char *text)
{
	struct kdump_sysconfig a, b;
	char *first, *second;

	CHECK_INT(parse(&a, text), 0);
	first = printed(&a);
	CHECK(first != NULL);
	CHECK_INT(parse(&b, first ? first : ""), 0);
	CHECK_INT(diag.warnings, 0);
	second = printed(&b);
	CHECK_STR(second, first);
	CHECK_STR(b.commandline, a.commandline ? a.commandline : "(null)");
	free(first);
	free(second);
	kdump_sysconfig_free(&a);
	kdump_sysconfig_free(&b);
}

TEST(print_round_trip)
{
	check_round_trip("KDUMP_COMMANDLINE='it'\\''s \"$x\" `y` \\z'\n");
	check_round_trip("KDUMP_COMMANDLINE=\"multi\nline # not a comment\"\n");
	check_round_trip("KDUMP_COMMANDLINE=\nKDUMP_COMMANDLINE_REMOVE=''\n");
	check_round_trip("KDUMP_COMMANDLINE='~/x;y|z'\nKDUMP_BOOTDIR=/boot\n");
}

TEST(files)
{
	struct kdump_sysconfig sc;

	kd_diag_init(&diag, "conf/kdump.sysconfig");
	diag.quiet = 1;
	CHECK_INT(kdump_sysconfig_load(&sc, "conf/kdump.sysconfig", &diag), 0);
	CHECK_INT(diag.errors, 0);
	CHECK_INT(diag.warnings, 0);
	CHECK_STR(diag.first_warning, "");
	CHECK_STR(sc.commandline, "");
	CHECK_STR(sc.commandline_append, KDUMP_DEFAULT_CMDLINE_APPEND);
	CHECK_STR(sc.commandline_remove, KDUMP_DEFAULT_CMDLINE_REMOVE);
	CHECK_STR(sc.kexec_args, "");
	CHECK_STR(sc.img, "vmlinuz");
	CHECK(sc.bootdir == NULL);
	CHECK(sc.initrd == NULL);
	kdump_sysconfig_free(&sc);

	/* a missing file means every default */
	kd_diag_init(&diag, "/nonexistent/kdump");
	diag.quiet = 1;
	CHECK_INT(kdump_sysconfig_load(&sc, "/nonexistent/kdump", &diag), 0);
	CHECK_INT(diag.errors, 0);
	CHECK(sc.commandline_append == NULL);
	kdump_sysconfig_free(&sc);

	kd_diag_init(&diag, "conf");
	diag.quiet = 1;
	CHECK_INT(kdump_sysconfig_load(&sc, "conf", &diag), -1);
	CHECK_STR(diag.first, "conf: cannot read: not a regular file");
	kdump_sysconfig_free(&sc);
}

/* ---- KDUMP_KEEP_DUMPS and KDUMP_KEEP_SIZE: checked where assigned ---- */

TEST(keep_values)
{
	struct kdump_sysconfig sc;

	CHECK_INT(parse(&sc, "KDUMP_KEEP_DUMPS=3\nKDUMP_KEEP_SIZE=10G\n"), 0);
	CHECK_STR(sc.keep_dumps, "3");
	CHECK_INT(sc.keep_dumps_n, 3);
	CHECK_INT(sc.keep_size_bytes, 10ULL << 30);
	kdump_sysconfig_free(&sc);
	CHECK_INT(parse(&sc, "KDUMP_KEEP_SIZE=500M\nKDUMP_KEEP_SIZE=''\n"
			"KDUMP_KEEP_DUMPS=\"\"\n"), 0);
	CHECK_INT(sc.keep_size_bytes, 0);
	CHECK_INT(sc.keep_dumps_n, 0);
	CHECK_STR(sc.keep_size, "");
	kdump_sysconfig_free(&sc);
	CHECK_INT(parse(&sc, "KDUMP_KEEP_SIZE=4096\n"), 0);
	CHECK_INT(sc.keep_size_bytes, 4096);
	kdump_sysconfig_free(&sc);
}

static const struct bad bad_keeps[] = {
	{ "KDUMP_KEEP_DUMPS=0\n", "kdump:1: KDUMP_KEEP_DUMPS=\"0\": expected the number of dumps to keep, 1 to 1000000 (empty: keep all)", 1 },
	{ "\nKDUMP_KEEP_DUMPS=-1\n", "kdump:2: KDUMP_KEEP_DUMPS=\"-1\": expected the number of dumps to keep, 1 to 1000000 (empty: keep all)", 1 },
	{ "KDUMP_KEEP_DUMPS=three\n", "kdump:1: KDUMP_KEEP_DUMPS=\"three\": expected the number of dumps to keep, 1 to 1000000 (empty: keep all)", 1 },
	{ "KDUMP_KEEP_DUMPS=99999999999999999999999\n", "kdump:1: KDUMP_KEEP_DUMPS=\"99999999999999999999999\": expected the number of dumps to keep, 1 to 1000000 (empty: keep all)", 1 },
	{ "KDUMP_KEEP_DUMPS=' 2'\n", "kdump:1: KDUMP_KEEP_DUMPS=\" 2\": expected the number of dumps to keep, 1 to 1000000 (empty: keep all)", 1 },
	{ "KDUMP_KEEP_SIZE=0\n", "kdump:1: KDUMP_KEEP_SIZE=\"0\": expected a size such as 500M or 10G, more than 0 (empty: no limit)", 1 },
	{ "KDUMP_KEEP_SIZE=10GB\n", "kdump:1: KDUMP_KEEP_SIZE=\"10GB\": expected a size such as 500M or 10G, more than 0 (empty: no limit)", 1 },
	{ "KDUMP_KEEP_SIZE=-5G\n", "kdump:1: KDUMP_KEEP_SIZE=\"-5G\": expected a size such as 500M or 10G, more than 0 (empty: no limit)", 1 },
	{ "KDUMP_KEEP_SIZE=0x10M\n", "kdump:1: KDUMP_KEEP_SIZE=\"0x10M\": expected a size such as 500M or 10G, more than 0 (empty: no limit)", 1 },
	{ "KDUMP_KEEP_SIZE=99999999999E\n", "kdump:1: KDUMP_KEEP_SIZE=\"99999999999E\": expected a size such as 500M or 10G, more than 0 (empty: no limit)", 1 },
	{ "KDUMP_KEEP_SIZE=1.5G\n", "kdump:1: KDUMP_KEEP_SIZE=\"1.5G\": expected a size such as 500M or 10G, more than 0 (empty: no limit)", 1 },
};

TEST(keep_errors)
{
	size_t i;

	for (i = 0; i < sizeof bad_keeps / sizeof bad_keeps[0]; i++) {
		struct kdump_sysconfig sc;

		CHECK_INT(parse(&sc, bad_keeps[i].text), -1);
		CHECK_STR(diag.first, bad_keeps[i].first);
		CHECK_INT(diag.errors, bad_keeps[i].errors);
		CHECK(sc.keep_dumps == NULL && sc.keep_size == NULL);
		CHECK_INT(sc.keep_dumps_n + sc.keep_size_bytes, 0);
		kdump_sysconfig_free(&sc);
	}
}

/* A shell reads a byte order mark as part of the first name. */
TEST(byte_order_mark)
{
	struct kdump_sysconfig sc;

	CHECK_INT(parse(&sc, "\xef\xbb\xbfKDUMP_IMG=v\n"), -1);
	CHECK_STR(diag.first, "kdump:1: the file starts with a UTF-8 byte order mark, which a shell reads as part of the first name: save it without one");
	CHECK_STR(sc.img, "v");
	kdump_sysconfig_free(&sc);
}

/* KEXEC_ARGS is checked where it is assigned; its line is kept. */
TEST(kexec_args)
{
	struct kdump_sysconfig sc;

	CHECK_INT(parse(&sc, "\nKEXEC_ARGS=\"-s --reset-vga\"\n"), 0);
	CHECK_INT(sc.kexec_args_line, 2);
	kdump_sysconfig_free(&sc);
	CHECK_INT(parse(&sc, "KEXEC_ARGS='-s --bogus'\n"), -1);
	CHECK_STR(diag.first, "kdump:1: KEXEC_ARGS: unknown kexec option \"--bogus\"");
	kdump_sysconfig_free(&sc);
}

int main(void)
{
	RUN(byte_order_mark);
	RUN(kexec_args);
	RUN(quoting);
	RUN(every_variable);
	RUN(defaults_when_unset);
	RUN(errors);
	RUN(errors_leave_the_rest);
	RUN(limits);
	RUN(unknown_variables_warn);
	RUN(print_round_trip);
	RUN(files);
	RUN(keep_values);
	RUN(keep_errors);
	return unit_done();
}
