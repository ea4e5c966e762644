/* test_kexec_args.c - which KEXEC_ARGS options apply, and how. */
#define UNIT_SUITE "kexec_args"
#include "unit.h"
#include "kexec_args.h"

struct ok_case {
	const char *text;
	int debug, legacy, argc;
	const char *first_legacy, *last_word;
};

static const struct ok_case oks[] = {
	{ NULL, 0, 0, 0, "", NULL },
	{ "", 0, 0, 0, "", NULL },
	{ "-s", 0, 0, 0, "", NULL },
	{ "--kexec-file-syscall -a", 0, 0, 0, "", NULL },
	{ "-d", 1, 0, 1, "", "-d" },
	{ "-s --debug", 1, 0, 1, "", "--debug" },
	{ "--reset-vga", 0, 1, 1, "--reset-vga", "--reset-vga" },
	{ "-s --reset-vga -d", 1, 1, 2, "--reset-vga", "-d" },
	{ "--serial ttyS0 --serial-baud=115200", 0, 1, 3, "--serial", "--serial-baud=115200" },
	{ "  -c\t--elf64-core-headers  ", 0, 1, 2, "-c", "--elf64-core-headers" },
};

TEST(applied)
{
	size_t i;

	for (i = 0; i < sizeof oks / sizeof oks[0]; i++) {
		struct kd_kexec_args a;
		char why[200] = "";

		CHECK_INT(kd_kexec_args_parse(oks[i].text, &a, why, sizeof why), 0);
		CHECK_STR(why, "");
		CHECK_INT(a.debug, oks[i].debug);
		CHECK_INT(a.legacy, oks[i].legacy);
		CHECK_INT(a.argc, oks[i].argc);
		CHECK_STR(a.first_legacy, oks[i].first_legacy);
		CHECK(a.argv[a.argc] == NULL);
		if (oks[i].last_word && a.argc)
			CHECK_STR(a.argv[a.argc - 1], oks[i].last_word);
	}
}

struct bad_case {
	const char *text, *why;
};

static const struct bad_case bads[] = {
	{ "--bogus", "KEXEC_ARGS: unknown kexec option \"--bogus\"" },
	{ "-s -X", "KEXEC_ARGS: unknown kexec option \"-X\"" },
	{ "-p", "KEXEC_ARGS: -p is set by kdumpctl itself (the command line: KDUMP_COMMANDLINE_APPEND, the initramfs: KDUMP_INITRD)" },
	{ "--command-line=quiet", "KEXEC_ARGS: --command-line is set by kdumpctl itself (the command line: KDUMP_COMMANDLINE_APPEND, the initramfs: KDUMP_INITRD)" },
	{ "-e", "KEXEC_ARGS: -e does not apply to loading a crash kernel" },
	{ "--no-checks", "KEXEC_ARGS: --no-checks does not apply to loading a crash kernel" },
	{ "--serial", "KEXEC_ARGS: --serial needs a value" },
	{ "--reset-vga=1", "KEXEC_ARGS: --reset-vga takes no value" },
};

TEST(refused)
{
	size_t i;

	for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		struct kd_kexec_args a;
		char why[200] = "";

		CHECK_INT(kd_kexec_args_parse(bads[i].text, &a, why, sizeof why), -1);
		CHECK_STR(why, bads[i].why);
	}
}

int main(void)
{
	RUN(applied);
	RUN(refused);
	return unit_done();
}
