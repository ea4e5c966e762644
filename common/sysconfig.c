/* sysconfig.c - parse /etc/sysconfig/kdump: shell assignments, no expansion. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "readfile.h"
#include "sysconfig.h"

#define MAX_FILE (1 << 20)
#define MAX_VALUE 8192

struct var {
	const char *name;
	size_t offset;		/* of the char * in struct kdump_sysconfig */
};

#define VAR(n, f) { n, offsetof(struct kdump_sysconfig, f) }
static const struct var known[] = {
	VAR("KDUMP_COMMANDLINE", commandline),
	VAR("KDUMP_COMMANDLINE_REMOVE", commandline_remove),
	VAR("KDUMP_COMMANDLINE_APPEND", commandline_append),
	VAR("KEXEC_ARGS", kexec_args),
	VAR("KDUMP_BOOTDIR", bootdir),
	VAR("KDUMP_IMG", img),
	VAR("KDUMP_IMG_EXT", img_ext),
	VAR("KDUMP_KERNELVER", kernelver),
	VAR("KDUMP_INITRD", initrd),
};

/* Set by other tools that share the file; accepted without a word. */
static const char *const tolerated[] = {
	"VMCORE_CREATION_NOTIFICATION", "FADUMP_COMMANDLINE_APPEND",
	"KDUMP_STDLOGLVL", "KDUMP_SYSLOGLVL", "KDUMP_KMSGLOGLVL", NULL,
};

struct cursor {
	const char *p, *end;
	int line;
	struct kd_diag *diag;
};

static int at_end(const struct cursor *c) { return c->p >= c->end; }

static int is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; }

static int is_name_char(char ch, int first)
{
	return ch == '_' || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	       (!first && ch >= '0' && ch <= '9');
}

static void skip_spaces(struct cursor *c)
{
	while (!at_end(c) && is_space(*c->p))
		c->p++;
}

/* Skip to the start of the next line. */
static void skip_line(struct cursor *c)
{
	while (!at_end(c) && *c->p != '\n')
		c->p++;
	if (!at_end(c)) {
		c->p++;
		c->line++;
	}
}

static int put(char *out, size_t *n, char ch)
{
	if (*n + 1 >= MAX_VALUE)
		return -1;
	out[(*n)++] = ch;
	return 0;
}

static int single_quoted(struct cursor *c, char *out, size_t *n)
{
	int start = c->line;

	for (c->p++; !at_end(c) && *c->p != '\''; c->p++) {
		if (*c->p == '\n')
			c->line++;
		if (put(out, n, *c->p))
			return -2;
	}
	if (at_end(c)) {
		kd_diag_error(c->diag, start, "unterminated single quote");
		return -1;
	}
	c->p++;
	return 0;
}

static int expansion(struct cursor *c, char ch)
{
	kd_diag_error(c->diag, c->line, "\"%c\" would be expanded by a shell; "
		      "write the value literally (use single quotes for a "
		      "literal %c)", ch, ch);
	return -1;
}

static int double_quoted(struct cursor *c, char *out, size_t *n)
{
	int start = c->line;

	for (c->p++; !at_end(c) && *c->p != '"'; c->p++) {
		char ch = *c->p;

		if (ch == '$' || ch == '`')
			return expansion(c, ch);
		if (ch == '\\' && c->p + 1 < c->end &&
		    strchr("\"\\$`\n", c->p[1])) {
			ch = *++c->p;
			if (ch == '\n') {
				c->line++;
				continue;
			}
		} else if (ch == '\n') {
			c->line++;
		}
		if (put(out, n, ch))
			return -2;
	}
	if (at_end(c)) {
		kd_diag_error(c->diag, start, "unterminated double quote");
		return -1;
	}
	c->p++;
	return 0;
}

/* The value after "=": a word made of unquoted, '...' and "..." parts. */
static int parse_value(struct cursor *c, char *out)
{
	size_t n = 0;
	int ret = 0;

	while (!ret && !at_end(c) && !is_space(*c->p) && *c->p != '\n') {
		char ch = *c->p;

		if (ch == '\'')
			ret = single_quoted(c, out, &n);
		else if (ch == '"')
			ret = double_quoted(c, out, &n);
		else if (ch == '$' || ch == '`')
			return expansion(c, ch);
		else if (ch == '\\' && c->p + 1 < c->end) {
			if (c->p[1] == '\n') {
				c->line++;
			} else if (put(out, &n, c->p[1])) {
				ret = -2;
			}
			c->p += 2;
		} else if (strchr(";&|<>()", ch)) {
			kd_diag_error(c->diag, c->line, "\"%c\" is shell syntax, "
				      "not part of an assignment", ch);
			return -1;
		} else {
			ret = put(out, &n, ch);
			c->p++;
		}
	}
	if (ret == -2) {
		kd_diag_error(c->diag, c->line, "value longer than %d bytes",
			      MAX_VALUE - 1);
		return -1;
	}
	out[n] = '\0';
	return ret;
}

static char **slot(struct kdump_sysconfig *sc, const char *name)
{
	size_t i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (!strcmp(known[i].name, name))
			return (char **)((char *)sc + known[i].offset);
	return NULL;
}

static int is_tolerated(const char *name)
{
	const char *const *t;

	for (t = tolerated; *t; t++)
		if (!strcmp(*t, name))
			return 1;
	return 0;
}

static int assign(struct kdump_sysconfig *sc, struct cursor *c, int line,
		  const char *name, const char *value)
{
	char **dst = slot(sc, name);

	if (!dst) {
		if (!is_tolerated(name))
			kd_diag_warn(c->diag, line, "unknown variable %s "
				     "(ignored)", name);
		return 0;
	}
	free(*dst);
	*dst = strdup(value);
	if (!*dst) {
		kd_diag_error(c->diag, line, "out of memory");
		return -1;
	}
	return 0;
}

/* After the value: blanks and an optional comment, then the line end. */
static int end_of_statement(struct cursor *c)
{
	skip_spaces(c);
	if (!at_end(c) && *c->p == '#')
		skip_line(c);
	else if (!at_end(c) && *c->p != '\n') {
		kd_diag_error(c->diag, c->line, "unexpected text after the value "
			      "(quote values that contain spaces)");
		skip_line(c);
		return -1;
	} else {
		skip_line(c);
	}
	return 0;
}

static int parse_statement(struct kdump_sysconfig *sc, struct cursor *c,
			   char *value)
{
	char name[64];
	size_t n = 0;
	int line = c->line;

	skip_spaces(c);
	if (at_end(c) || *c->p == '\n' || *c->p == '#') {
		skip_line(c);
		return 0;
	}
	if ((size_t)(c->end - c->p) > 7 && !memcmp(c->p, "export", 6) &&
	    is_space(c->p[6])) {
		c->p += 7;
		skip_spaces(c);
	}
	while (!at_end(c) && is_name_char(*c->p, n == 0) && n + 1 < sizeof name)
		name[n++] = *c->p++;
	name[n] = '\0';
	if (!n || at_end(c) || *c->p != '=') {
		kd_diag_error(c->diag, c->line, "expected NAME=value");
		skip_line(c);
		return -1;
	}
	c->p++;
	if (parse_value(c, value)) {
		skip_line(c);
		return -1;
	}
	if (end_of_statement(c))
		return -1;
	return assign(sc, c, line, name, value);
}

int kdump_sysconfig_parse(struct kdump_sysconfig *sc, const char *text,
			  size_t len, struct kd_diag *diag)
{
	struct cursor c = { text, text + len, 1, diag };
	char *value = malloc(MAX_VALUE);
	int ret = 0;

	memset(sc, 0, sizeof *sc);
	if (!value) {
		kd_diag_error(diag, 0, "out of memory");
		return -1;
	}
	if (len > MAX_FILE) {
		kd_diag_error(diag, 0, "larger than %d bytes", MAX_FILE);
		free(value);
		return -1;
	}
	if (memchr(text, '\0', len)) {
		kd_diag_error(diag, 0, "contains a NUL byte: not a text file");
		free(value);
		return -1;
	}
	while (!at_end(&c))
		if (parse_statement(sc, &c, value))
			ret = -1;
	free(value);
	return ret || diag->errors ? -1 : 0;
}

int kdump_sysconfig_load(struct kdump_sysconfig *sc, const char *file,
			 struct kd_diag *diag)
{
	size_t len;
	char *text = kd_read_file(file, MAX_FILE, &len);
	int ret;

	memset(sc, 0, sizeof *sc);
	if (!text && errno == ENOENT)
		return 0;
	if (!text) {
		kd_diag_error(diag, 0, "cannot read: %s", strerror(errno));
		return -1;
	}
	ret = kdump_sysconfig_parse(sc, text, len, diag);
	free(text);
	return ret;
}

void kdump_sysconfig_free(struct kdump_sysconfig *sc)
{
	size_t i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		char **p = (char **)((char *)sc + known[i].offset);

		free(*p);
		*p = NULL;
	}
}

const char *kdump_sysconfig_remove(const struct kdump_sysconfig *sc)
{
	return sc->commandline_remove ? sc->commandline_remove
				      : KDUMP_DEFAULT_CMDLINE_REMOVE;
}

const char *kdump_sysconfig_append(const struct kdump_sysconfig *sc)
{
	return sc->commandline_append ? sc->commandline_append
				      : KDUMP_DEFAULT_CMDLINE_APPEND;
}

/* Print a value in single quotes, safe to source. */
static void print_quoted(FILE *out, const char *name, const char *value)
{
	fprintf(out, "%s='", name);
	for (; *value; value++) {
		if (*value == '\'')
			fputs("'\\''", out);
		else
			fputc(*value, out);
	}
	fputs("'\n", out);
}

void kdump_sysconfig_print(const struct kdump_sysconfig *sc, FILE *out)
{
	size_t i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++) {
		const char *v = *(char *const *)((const char *)sc + known[i].offset);

		if (i == 1 && !v)
			v = kdump_sysconfig_remove(sc);
		if (i == 2 && !v)
			v = kdump_sysconfig_append(sc);
		if (v)
			print_quoted(out, known[i].name, v);
		else
			fprintf(out, "# %s not set\n", known[i].name);
	}
}
