/* fuzz_sysconfig.c - the /etc/sysconfig/kdump parser on arbitrary bytes.
 *
 * Besides not crashing and not leaking: when the input parses without
 * errors, its printed form (single-quoted values) must parse without errors
 * or warnings and print the same again. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sysconfig.h"

static void parse(struct kdump_sysconfig *sc, struct kd_diag *diag,
		  const char *text, size_t len)
{
	kd_diag_init(diag, "fuzz");
	diag->quiet = 1;
	kdump_sysconfig_parse(sc, text, len, diag);
}

static char *print_sysconfig(const struct kdump_sysconfig *sc, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		return NULL;
	kdump_sysconfig_print(sc, f);
	if (fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static void check_round_trip(const struct kdump_sysconfig *sc,
			     const char *first, size_t len)
{
	struct kdump_sysconfig back;
	struct kd_diag diag;
	size_t len2 = 0;
	char *second;

	parse(&back, &diag, first, len);
	second = print_sysconfig(&back, &len2);
	if (diag.errors || diag.warnings || !second || len2 != len ||
	    memcmp(first, second, len) || !same(sc->commandline, back.commandline) ||
	    !same(sc->kexec_args, back.kexec_args) || !same(sc->img, back.img) ||
	    !same(sc->initrd, back.initrd) ||
	    strcmp(kdump_sysconfig_append(sc), kdump_sysconfig_append(&back))) {
		fprintf(stderr, "printed settings do not read back:\n%s\n(%s%s)\n"
			"--- printed again:\n%s\n", first, diag.first,
			diag.first_warning, second ? second : "");
		abort();
	}
	free(second);
	kdump_sysconfig_free(&back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kdump_sysconfig sc;
	struct kd_diag diag;
	size_t len = 0;
	char *out;

	parse(&sc, &diag, (const char *)data, size);
	out = print_sysconfig(&sc, &len);
	if (out && !diag.errors)
		check_round_trip(&sc, out, len);
	free(out);
	kdump_sysconfig_free(&sc);
	return 0;
}
