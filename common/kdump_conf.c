/* kdump_conf.c - parse and validate /etc/kdump.conf.
 *
 * The text is cut into lines.  Each line loses its comment, its outer blanks
 * and one pair of double quotes around the value, and then goes to the
 * handler of its directive (kdump_conf_directives.c).  What needs more than
 * one line (a streaming collector for raw and ssh) is checked at the end. */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "collector_line.h"
#include "kdump_conf_table.h"
#include "readfile.h"

#define MAX_FILE (1 << 20)
#define MAX_LINE 4096

/* ---- lines ---- */

/* Cut a comment: "#" at the start or after a blank, outside quotes. */
static void strip_comment(char *s)
{
	int quoted = 0;
	char *p;

	for (p = s; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '#' && !quoted && (p == s || kd_conf_is_blank(p[-1]))) {
			*p = '\0';
			return;
		}
	}
}

static char *trim(char *s)
{
	char *end;

	while (kd_conf_is_blank(*s))
		s++;
	end = s + strlen(s);
	while (end > s && kd_conf_is_blank(end[-1]))
		*--end = '\0';
	return s;
}

/* One pair of double quotes around the whole value is removed. */
static char *unquote(char *v)
{
	size_t len = strlen(v);

	if (len >= 2 && v[0] == '"' && v[len - 1] == '"' &&
	    !memchr(v + 1, '"', len - 2)) {
		v[len - 1] = '\0';
		return v + 1;
	}
	return v;
}

static void parse_line(struct ctx *c, char *line)
{
	const struct directive *d;
	char *name, *value;
	size_t len;

	strip_comment(line);
	name = trim(line);
	if (!*name)
		return;
	len = strcspn(name, " \t\r\v\f");
	value = name + len;
	if (*value)
		*value++ = '\0';
	value = unquote(trim(value));
	d = kd_conf_directive(name);
	if (!d) {
		kd_diag_error(c->diag, c->line, "unknown directive \"%s\"", name);
		return;
	}
	if (!*value && !d->bare) {
		kd_diag_error(c->diag, c->line, "\"%s\" needs a value", name);
		return;
	}
	d->fn(c, d, value);
}

static void parse_lines(struct ctx *c, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	char line[MAX_LINE + 1];

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		c->line++;
		if (n > MAX_LINE) {
			kd_diag_error(c->diag, c->line, "line longer than %d bytes",
				      MAX_LINE);
		} else if (memchr(p, '\0', n)) {
			kd_diag_error(c->diag, c->line, "NUL byte in the line");
		} else {
			memcpy(line, p, n);
			line[n] = '\0';
			parse_line(c, line);
		}
		p += n + 1;
	}
}

static int has_word(const char *line, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = strstr(line, word); p; p = strstr(p + 1, word))
		if ((p == line || kd_conf_is_blank(p[-1])) && (!p[n] || kd_conf_is_blank(p[n])))
			return 1;
	return 0;
}

/* raw and ssh targets take the dump on a stream: the collector must write
 * to its standard output (makedumpfile -F, cat, dd), or be scp (ssh). */
static void check_streaming(struct ctx *c)
{
	struct kdump_conf *conf = c->conf;
	int line = c->seen[SLOT_COLLECTOR], ssh = conf->target_kind == KD_TARGET_SSH;
	const char *kind = ssh ? "an ssh" : "a raw", *name;
	size_t len;

	if (!conf->core_collector || (!ssh && conf->target_kind != KD_TARGET_RAW))
		return;
	name = kd_collector_name(conf->core_collector, &len);
	switch (kd_collector_kind(name)) {
	case KD_COLLECTOR_BUILTIN:
		if (!has_word(conf->core_collector, "-F"))
			kd_diag_error(c->diag, line, "core_collector %.*s for %s "
				      "target must stream its output: add -F",
				      (int)len, name, kind);
		break;
	case KD_COLLECTOR_SCP:
		if (!ssh)
			kd_diag_error(c->diag, line, "core_collector scp needs an "
				      "ssh target");
		break;
	case KD_COLLECTOR_COPY:
		if (len != 2 || strncmp(name, "cp", 2))
			break;
		/* cp writes a file, not a stream */
		/* fall through */
	case KD_COLLECTOR_PROGRAM:
		kd_diag_error(c->diag, line, "core_collector %.*s cannot stream "
			      "to %s target (use makedumpfile -F, cat%s)", (int)len,
			      name, kind, ssh ? " or scp" : " or dd");
		break;
	}
}

static void fill_defaults(struct ctx *c)
{
	struct kdump_conf *conf = c->conf;

	if (!conf->path)
		conf->path = kd_conf_keep(c, strdup(KDUMP_DEFAULT_DUMP_PATH));
	if (!conf->sshkey)
		conf->sshkey = kd_conf_keep(c, strdup(KDUMP_DEFAULT_SSHKEY));
}

int kdump_conf_parse(struct kdump_conf *conf, const char *text, size_t len,
		     struct kd_diag *diag)
{
	struct ctx c;

	memset(conf, 0, sizeof *conf);
	memset(&c, 0, sizeof c);
	conf->disk_timeout = KDUMP_DEFAULT_DISK_TIMEOUT;
	conf->dump_stall_timeout = KDUMP_DEFAULT_STALL_TIMEOUT;
	conf->dump_timeout = KDUMP_DUMP_TIMEOUT_AUTO;
	conf->fit_to_target = 1;
	conf->auto_reset_crashkernel = -1;
	c.conf = conf;
	c.diag = diag;
	c.pool = calloc(1, sizeof *c.pool);
	if (!c.pool) {
		kd_diag_error(diag, 0, "out of memory");
		return -1;
	}
	conf->storage = c.pool;
	/* editors on other systems may start the file with a UTF-8 BOM */
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		text += 3;
		len -= 3;
	}
	if (len > MAX_FILE)
		kd_diag_error(diag, 0, "file larger than 1 MiB");
	else
		parse_lines(&c, text, len);
	check_streaming(&c);
	fill_defaults(&c);
	return diag->errors ? -1 : 0;
}

int kdump_conf_load(struct kdump_conf *conf, const char *file,
		    struct kd_diag *diag)
{
	const char *why;
	size_t len;
	char *text = kd_read_config(file, MAX_FILE, &len, &why);
	int ret;

	if (!text) {
		kd_diag_error(diag, 0, "cannot read: %s", why);
		kdump_conf_parse(conf, "", 0, diag);
		return -1;
	}
	ret = kdump_conf_parse(conf, text, len, diag);
	free(text);
	return ret;
}

void kdump_conf_free(struct kdump_conf *conf)
{
	struct pool *p = conf->storage;
	int i;

	if (p) {
		for (i = 0; i < p->n; i++)
			free(p->v[i]);
		free(p->v);
		free(p);
	}
	free(conf->extra_bins.v);
	free(conf->extra_modules.v);
	free(conf->blacklist.v);
	free(conf->fence_kdump_nodes.v);
	free(conf->options);
	memset(conf, 0, sizeof *conf);
}

/* ---- results ---- */

const char *kdump_conf_collector(const struct kdump_conf *conf)
{
	if (conf->core_collector)
		return conf->core_collector;
	if (conf->target_kind == KD_TARGET_RAW || conf->target_kind == KD_TARGET_SSH)
		return KDUMP_DEFAULT_COLLECTOR_FLAT;
	return KDUMP_DEFAULT_COLLECTOR;
}

int kdump_conf_line(const struct kdump_conf *conf, const char *directive)
{
	const struct directive *d = kd_conf_directive(directive);
	const struct pool *p = conf->storage;

	return d && p ? p->line[d->slot] : 0;
}

const char *kd_target_kind_name(enum kd_target_kind kind)
{
	static const char *const names[] = { "none", "fs", "raw", "nfs", "ssh" };

	return kind <= KD_TARGET_SSH ? names[kind] : "?";
}
