/* fuzz_kdump_conf.c - the kdump.conf parser on arbitrary bytes.
 *
 * Besides not crashing and not leaking: when the input parses without
 * errors, its printed form must parse without errors or warnings and print
 * the same again.  Values holding a double quote are written as they are
 * (see kdump_conf_print), so the check is skipped for them. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kdump_conf.h"

static void parse(struct kdump_conf *conf, struct kd_diag *diag,
		  const char *text, size_t len)
{
	kd_diag_init(diag, "fuzz");
	diag->quiet = 1;
	kdump_conf_parse(conf, text, len, diag);
}

static char *print_conf(const struct kdump_conf *conf, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (!f)
		return NULL;
	kdump_conf_print(conf, f);
	if (fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int quoted(const char *s)
{
	return s && strchr(s, '"');
}

static int words_quoted(const struct kd_words *w)
{
	int i;

	for (i = 0; i < w->n; i++)
		if (quoted(w->v[i]))
			return 1;
	return 0;
}

static int any_quote(const struct kdump_conf *c)
{
	const char *const s[] = {
		c->target, c->path, c->core_collector, c->sshkey, c->kdump_pre,
		c->kdump_post, c->kdump_emergency, c->dracut_args,
		c->fence_kdump_args,
	};
	size_t i;
	int j;

	for (i = 0; i < sizeof s / sizeof s[0]; i++)
		if (quoted(s[i]))
			return 1;
	for (j = 0; j < c->n_options; j++)
		if (quoted(c->options[j].module) || quoted(c->options[j].args))
			return 1;
	return words_quoted(&c->extra_bins) || words_quoted(&c->extra_modules) ||
	       words_quoted(&c->blacklist) || words_quoted(&c->fence_kdump_nodes);
}

static void check_round_trip(const char *first, size_t len)
{
	struct kdump_conf conf;
	struct kd_diag diag;
	size_t len2 = 0;
	char *second;

	parse(&conf, &diag, first, len);
	second = print_conf(&conf, &len2);
	if (diag.errors || diag.warnings || !second || len2 != len ||
	    memcmp(first, second, len)) {
		fprintf(stderr, "printed configuration does not read back:\n"
			"%s\n(%s%s)\n--- printed again:\n%s\n", first, diag.first,
			diag.first_warning, second ? second : "");
		abort();
	}
	free(second);
	kdump_conf_free(&conf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kdump_conf conf;
	struct kd_diag diag;
	size_t len = 0;
	char *out;

	parse(&conf, &diag, (const char *)data, size);
	kdump_conf_collector(&conf);
	kd_action_name(conf.failure_action);
	kd_target_kind_name(conf.target_kind);
	out = print_conf(&conf, &len);
	if (out && !diag.errors && !any_quote(&conf))
		check_round_trip(out, len);
	free(out);
	kdump_conf_free(&conf);
	return 0;
}
