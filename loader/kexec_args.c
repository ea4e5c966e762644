/* kexec_args.c - KEXEC_ARGS: which kexec-tools options apply (see
 * kexec_args.h). */
#include <stdio.h>
#include <string.h>
#include "kexec_args.h"

enum use { NOTHING, DEBUG, LEGACY, LEGACY_VALUE, OURS, NOT_FOR_CRASH };

static const struct option {
	const char *name;
	enum use use;
} options[] = {
	{ "-s", NOTHING }, { "--kexec-file-syscall", NOTHING },
	{ "-a", NOTHING }, { "--kexec-syscall-auto", NOTHING },
	{ "-d", DEBUG }, { "--debug", DEBUG },
	{ "-c", LEGACY }, { "--kexec-syscall", LEGACY },
	{ "--reset-vga", LEGACY }, { "--console-vga", LEGACY },
	{ "--console-serial", LEGACY }, { "--elf32-core-headers", LEGACY },
	{ "--elf64-core-headers", LEGACY }, { "--noefi", LEGACY },
	{ "--pass-memmap-cmdline", LEGACY },
	{ "--serial", LEGACY_VALUE }, { "--serial-baud", LEGACY_VALUE },
	{ "--mem-min", LEGACY_VALUE }, { "--mem-max", LEGACY_VALUE },
	{ "-p", OURS }, { "--load-panic", OURS }, { "-l", OURS },
	{ "--load", OURS }, { "-u", OURS }, { "--unload", OURS },
	{ "--initrd", OURS }, { "--ramdisk", OURS }, { "--append", OURS },
	{ "--command-line", OURS }, { "--reuse-cmdline", OURS },
	{ "-e", NOT_FOR_CRASH }, { "--exec", NOT_FOR_CRASH },
	{ "-f", NOT_FOR_CRASH }, { "--force", NOT_FOR_CRASH },
	{ "-x", NOT_FOR_CRASH }, { "--no-ifdown", NOT_FOR_CRASH },
	{ "-y", NOT_FOR_CRASH }, { "--no-sync", NOT_FOR_CRASH },
	{ "-i", NOT_FOR_CRASH }, { "--no-checks", NOT_FOR_CRASH },
	{ "--load-preserve-context", NOT_FOR_CRASH },
	{ "--load-jump-back-helper", NOT_FOR_CRASH },
};

static const struct option *find(const char *word)
{
	size_t n = strcspn(word, "="), i;

	for (i = 0; i < sizeof options / sizeof options[0]; i++)
		if (strlen(options[i].name) == n &&
		    !strncmp(options[i].name, word, n))
			return &options[i];
	return NULL;
}

static int refuse(char *why, size_t size, const char *fmt, const char *word)
{
	snprintf(why, size, fmt, word);
	return -1;
}

static int keep(struct kd_kexec_args *a, char *word, char *why, size_t size)
{
	if (a->argc == KD_KEXEC_ARGS_MAX) {
		snprintf(why, size, "KEXEC_ARGS: more than %d words",
			 KD_KEXEC_ARGS_MAX);
		return -1;
	}
	a->argv[a->argc++] = word;
	a->argv[a->argc] = NULL;
	return 0;
}

/* One option (and, for "--serial ttyS0", the value in *next). */
static int take(struct kd_kexec_args *a, char *word, char **next, char *why,
		size_t size)
{
	const struct option *o = find(word);
	int has_value = strchr(word, '=') != NULL;

	if (!o)
		return refuse(why, size, "KEXEC_ARGS: unknown kexec option \"%s\"",
			      word);
	if (o->use == OURS)
		return refuse(why, size, "KEXEC_ARGS: %s is set by kdumpctl itself "
			      "(the command line: KDUMP_COMMANDLINE_APPEND, the "
			      "initramfs: KDUMP_INITRD)", o->name);
	if (o->use == NOT_FOR_CRASH)
		return refuse(why, size, "KEXEC_ARGS: %s does not apply to loading "
			      "a crash kernel", o->name);
	if (o->use == LEGACY_VALUE ? !has_value && !*next : has_value)
		return refuse(why, size, o->use == LEGACY_VALUE ?
			      "KEXEC_ARGS: %s needs a value" :
			      "KEXEC_ARGS: %s takes no value", o->name);
	if (o->use == NOTHING)
		return 0;
	a->debug |= o->use == DEBUG;
	if (o->use != DEBUG && !a->legacy) {
		a->legacy = 1;
		snprintf(a->first_legacy, sizeof a->first_legacy, "%s", o->name);
	}
	if (keep(a, word, why, size))
		return -1;
	if (o->use == LEGACY_VALUE && !has_value) {
		if (keep(a, *next, why, size))
			return -1;
		*next = NULL;
	}
	return 0;
}

int kd_kexec_args_parse(const char *text, struct kd_kexec_args *a, char *why,
			size_t size)
{
	char *save = NULL, *word, *next;

	memset(a, 0, sizeof *a);
	if (!text)
		return 0;
	if (strlen(text) >= sizeof a->buf) {
		snprintf(why, size, "KEXEC_ARGS: longer than %zu bytes",
			 sizeof a->buf - 1);
		return -1;
	}
	strcpy(a->buf, text);
	word = strtok_r(a->buf, " \t\n", &save);
	while (word) {
		next = strtok_r(NULL, " \t\n", &save);
		if (take(a, word, &next, why, size))
			return -1;
		word = next ? next : strtok_r(NULL, " \t\n", &save);
	}
	return 0;
}
