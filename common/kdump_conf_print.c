/* kdump_conf_print.c - the effective settings in kdump.conf syntax (see
 * kdump_conf_print() in kdump_conf.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kdump_conf_table.h"

#define WRAP 72			/* word lists wrap after this */

/* ---- printing ---- */

/* Would the parser change s (a "#" tail taken as a comment, outer blanks
 * trimmed)?  A value holding a double quote was never unquoted, so it is
 * always written as it is. */
static int needs_quotes(const char *s, size_t len)
{
	size_t i;

	if (memchr(s, '"', len))
		return 0;
	if (!len || kd_conf_is_blank(s[0]) || kd_conf_is_blank(s[len - 1]))
		return 1;
	for (i = 0; i < len; i++)
		if (s[i] == '#' && (i == 0 || kd_conf_is_blank(s[i - 1])))
			return 1;
	return 0;
}

static void print_value(FILE *out, const char *name, const char *v)
{
	const char *q = needs_quotes(v, strlen(v)) ? "\"" : "";

	fprintf(out, "%s %s%s%s\n", name, q, v, q);
}

static void print_str(FILE *out, const char *name, const char *v)
{
	if (v)
		print_value(out, name, v);
}

/* words v[from..to) on one line */
static void print_word_line(FILE *out, const char *name, char **v, int from,
			    int to)
{
	int i, quote = 0, has_quote = 0;

	for (i = from; i < to; i++) {
		quote |= v[i][0] == '#';
		has_quote |= strchr(v[i], '"') != NULL;
	}
	quote = quote && !has_quote;
	fprintf(out, "%s %s", name, quote ? "\"" : "");
	for (i = from; i < to; i++)
		fprintf(out, "%s%s", i > from ? " " : "", v[i]);
	fprintf(out, "%s\n", quote ? "\"" : "");
}

/* A list, wrapped over several lines when it may be repeated. */
static void print_words(FILE *out, const char *name, const struct kd_words *w,
			int may_repeat)
{
	int from = 0, i;
	size_t width = 0;

	for (i = 0; i < w->n; i++) {
		size_t len = strlen(w->v[i]) + 1;

		if (may_repeat && i > from && width + len > WRAP) {
			print_word_line(out, name, w->v, from, i);
			from = i;
			width = 0;
		}
		width += len;
	}
	if (w->n > from)
		print_word_line(out, name, w->v, from, w->n);
}

static void print_options(FILE *out, const struct kd_module_options *o)
{
	size_t len = strlen(o->module) + 1 + strlen(o->args);
	char *both = malloc(len + 1);

	if (!both) {
		fprintf(out, "options %s %s\n", o->module, o->args);
		return;
	}
	snprintf(both, len + 1, "%s %s", o->module, o->args);
	print_value(out, "options", both);
	free(both);
}

void kdump_conf_print(const struct kdump_conf *conf, FILE *out)
{
	int i;

	if (conf->target_kind == KD_TARGET_NONE || !conf->target_fstype ||
	    !conf->target)
		fputs("# no dump target: the dump goes to path on the "
		      "filesystem that holds it\n", out);
	else
		print_value(out, conf->target_fstype, conf->target);
	print_value(out, "path", conf->path ? conf->path : KDUMP_DEFAULT_DUMP_PATH);
	print_value(out, "core_collector", kdump_conf_collector(conf));
	print_value(out, "sshkey", conf->sshkey ? conf->sshkey : KDUMP_DEFAULT_SSHKEY);
	print_str(out, "kdump_pre", conf->kdump_pre);
	print_str(out, "kdump_post", conf->kdump_post);
	print_str(out, "kdump_emergency", conf->kdump_emergency);
	print_words(out, "extra_bins", &conf->extra_bins, 1);
	print_words(out, "extra_modules", &conf->extra_modules, 1);
	for (i = 0; i < conf->n_options; i++)
		print_options(out, &conf->options[i]);
	print_words(out, "blacklist", &conf->blacklist, 1);
	print_str(out, "dracut_args", conf->dracut_args);
	print_str(out, "fence_kdump_args", conf->fence_kdump_args);
	print_words(out, "fence_kdump_nodes", &conf->fence_kdump_nodes, 0);
	fprintf(out, "failure_action %s\n", kd_action_name(conf->failure_action));
	fprintf(out, "final_action %s\n", kd_action_name(conf->final_action));
	fprintf(out, "disk_timeout %d\n", conf->disk_timeout);
	fprintf(out, "link_delay %d\n", conf->link_delay);
	fprintf(out, "dump_stall_timeout %d\n", conf->dump_stall_timeout);
	if (conf->dump_timeout == KDUMP_DUMP_TIMEOUT_AUTO)
		fputs("dump_timeout auto\n", out);
	else
		fprintf(out, "dump_timeout %d\n", conf->dump_timeout);
	fprintf(out, "fit_to_target %s\n", conf->fit_to_target ? "yes" : "no");
	fprintf(out, "debug_mem_level %d\n", conf->debug_mem_level);
	fprintf(out, "force_rebuild %d\n", conf->force_rebuild);
	fprintf(out, "force_no_rebuild %d\n", conf->force_no_rebuild);
}
