/* sysconfig.c - parse /etc/sysconfig/kdump: shell assignments, no expansion.
 *
 * A cursor walks the text one statement at a time:
 *
 *	[export] NAME=WORD [# comment]
 *	export NAME [# comment]			(accepted, changes nothing)
 *
 * WORD joins unquoted, '...' and "..." parts into a bounded buffer.  The
 * first problem in a statement is reported and the word is still read to
 * its end, so that the cursor stays in step with what a shell would do. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kexec_args.h"
#include "number.h"
#include "readfile.h"
#include "sysconfig.h"

#define MAX_FILE (1 << 20)
#define MAX_VALUE 8192
#define MAX_NAME 128

/* Checks a value and stores what it means; 0, or -1 with the reason. */
typedef int (*value_check)(struct kdump_sysconfig *sc, const char *value,
			   char *why, size_t size);

static int check_keep_dumps(struct kdump_sysconfig *sc, const char *value,
			    char *why, size_t size);
static int check_keep_size(struct kdump_sysconfig *sc, const char *value,
			   char *why, size_t size);
static int check_kexec_args(struct kdump_sysconfig *sc, const char *value,
			    char *why, size_t size);

struct var {
	const char *name;
	size_t offset;		/* of the char * in struct kdump_sysconfig */
	value_check check;	/* NULL: any value */
};

#define VAR(n, f) { n, offsetof(struct kdump_sysconfig, f), NULL }
#define VARC(n, f, c) { n, offsetof(struct kdump_sysconfig, f), c }
static const struct var known[] = {
	VAR("KDUMP_COMMANDLINE", commandline),
	VAR("KDUMP_COMMANDLINE_REMOVE", commandline_remove),
	VAR("KDUMP_COMMANDLINE_APPEND", commandline_append),
	VARC("KEXEC_ARGS", kexec_args, check_kexec_args),
	VAR("KDUMP_BOOTDIR", bootdir),
	VAR("KDUMP_IMG", img),
	VAR("KDUMP_IMG_EXT", img_ext),
	VAR("KDUMP_KERNELVER", kernelver),
	VAR("KDUMP_INITRD", initrd),
	VAR("KDUMP_SSH_CONFIG", ssh_config),
	VARC("KDUMP_KEEP_DUMPS", keep_dumps, check_keep_dumps),
	VARC("KDUMP_KEEP_SIZE", keep_size, check_keep_size),
};
#define N_KNOWN (sizeof known / sizeof known[0])

/* Set by kdump-utils for its other tools; accepted without a word. */
static const char *const tolerated[] = {
	"VMCORE_CREATION_NOTIFICATION", "FADUMP_COMMANDLINE_APPEND",
	"KDUMP_STDLOGLVL", "KDUMP_SYSLOGLVL", "KDUMP_KMSGLOGLVL", NULL,
};

struct cursor {
	const char *p, *end;
	int line;
	struct kd_diag *diag;
	int failed;		/* this statement already has an error */
};

/* the value being read */
struct word {
	char *buf;		/* MAX_VALUE bytes */
	size_t n;
	int too_long;
};

static int at_end(const struct cursor *c) { return c->p >= c->end; }

static int is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; }

static int is_name_char(char ch, int first)
{
	return ch == '_' || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
	       (!first && ch >= '0' && ch <= '9');
}

/* Report the statement's first error. */
static void cursor_error(struct cursor *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void cursor_error(struct cursor *c, int line, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (c->failed)
		return;
	c->failed = 1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	kd_diag_error(c->diag, line, "%s", msg);
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

static void put(struct word *w, char ch)
{
	if (w->n + 1 >= MAX_VALUE)
		w->too_long = 1;
	else
		w->buf[w->n++] = ch;
}

/* Take the character under the cursor, counting lines. */
static char take(struct cursor *c)
{
	char ch = *c->p++;

	if (ch == '\n')
		c->line++;
	return ch;
}

static void expansion(struct cursor *c, char ch)
{
	cursor_error(c, c->line, "\"%c\" would be expanded by a shell; write the value "
	     "literally (use single quotes for a literal %c)", ch, ch);
}

/* '...': everything literal up to the next ' */
static void single_quoted(struct cursor *c, struct word *w)
{
	int start = c->line;

	c->p++;
	while (!at_end(c) && *c->p != '\'')
		put(w, take(c));
	if (at_end(c)) {
		cursor_error(c, start, "unterminated single quote");
		return;
	}
	c->p++;
}

/* "...": backslash escapes \" \\ \$ \` and a newline; $ and ` expand */
static void double_quoted(struct cursor *c, struct word *w)
{
	int start = c->line;

	c->p++;
	while (!at_end(c) && *c->p != '"') {
		char ch = *c->p;

		if (ch == '$' || ch == '`') {
			expansion(c, ch);
			c->p++;
		} else if (ch == '\\' && c->p + 1 < c->end &&
			   strchr("\"\\$`\n", c->p[1])) {
			c->p++;
			ch = take(c);
			if (ch != '\n')
				put(w, ch);
		} else {
			put(w, take(c));
		}
	}
	if (at_end(c)) {
		cursor_error(c, start, "unterminated double quote");
		return;
	}
	c->p++;
}

/* The value after "=", up to a blank or the end of the line.  A "~" at the
 * start or after an unquoted ":" is a shell's home directory. */
static void read_word(struct cursor *c, struct word *w)
{
	int tilde_expands = 1;

	while (!at_end(c) && !is_space(*c->p) && *c->p != '\n') {
		char ch = *c->p;

		if (ch == '\'') {
			single_quoted(c, w);
		} else if (ch == '"') {
			double_quoted(c, w);
		} else if (ch == '$' || ch == '`') {
			expansion(c, ch);
			c->p++;
		} else if (ch == '~' && tilde_expands) {
			cursor_error(c, c->line, "\"~\" would be expanded by a shell; "
			     "quote it or write the directory");
			c->p++;
		} else if (ch == '\\' && c->p + 1 < c->end) {
			c->p++;
			if (take(c) != '\n')
				put(w, c->p[-1]);
		} else if (strchr(";&|<>()", ch)) {
			cursor_error(c, c->line, "\"%c\" is shell syntax, not part of "
			     "an assignment", ch);
			return;
		} else {
			put(w, ch);
			c->p++;
		}
		tilde_expands = ch == ':';
	}
	if (w->too_long)
		cursor_error(c, c->line, "value longer than %d bytes", MAX_VALUE - 1);
	w->buf[w->n] = '\0';
}

/* After the statement: blanks and an optional comment, then the line end. */
static void end_of_statement(struct cursor *c)
{
	skip_spaces(c);
	if (!at_end(c) && *c->p != '\n' && *c->p != '#')
		cursor_error(c, c->line, "unexpected text after the value (quote values "
		     "that contain spaces)");
	skip_line(c);
}

static const struct var *lookup(const char *name)
{
	size_t i;

	for (i = 0; i < N_KNOWN; i++)
		if (!strcmp(known[i].name, name))
			return &known[i];
	return NULL;
}

/* "" or a count of dumps, 1 or more. */
static int check_keep_dumps(struct kdump_sysconfig *sc, const char *value,
			    char *why, size_t size)
{
	unsigned long n = 0;
	const char *p;

	for (p = value; *p >= '0' && *p <= '9' && n <= 1000000; p++)
		n = n * 10 + (unsigned long)(*p - '0');
	if (*p || (*value && n == 0) || n > 1000000) {
		snprintf(why, size, "KDUMP_KEEP_DUMPS=\"%s\": expected the number "
			 "of dumps to keep, 1 to 1000000 (empty: keep all)", value);
		return -1;
	}
	sc->keep_dumps_n = n;
	return 0;
}

/* "" or a size in bytes with an optional K, M, G or T suffix, not 0. */
static int check_kexec_args(struct kdump_sysconfig *sc, const char *value,
			    char *why, size_t size)
{
	struct kd_kexec_args a;

	(void)sc;
	return kd_kexec_args_parse(value, &a, why, size);
}

static int check_keep_size(struct kdump_sysconfig *sc, const char *value,
			   char *why, size_t size)
{
	const char *end;
	uint64_t bytes = 0;

	if (*value && (*value < '1' || *value > '9' ||
		       kd_parse_size(value, &bytes, &end) || *end)) {
		snprintf(why, size, "KDUMP_KEEP_SIZE=\"%s\": expected a size "
			 "such as 500M or 10G, more than 0 (empty: no limit)",
			 value);
		return -1;
	}
	sc->keep_size_bytes = bytes;
	return 0;
}

static int is_tolerated(const char *name)
{
	const char *const *t;

	for (t = tolerated; *t; t++)
		if (!strcmp(*t, name))
			return 1;
	return 0;
}

static void assign(struct kdump_sysconfig *sc, struct cursor *c, int line,
		   const char *name, const char *value)
{
	const struct var *v = lookup(name);
	char why[300];
	char **dst;

	if (!v) {
		if (!is_tolerated(name))
			kd_diag_warn(c->diag, line, "unknown variable %s "
				     "(ignored)", name);
		return;
	}
	if (v->check && v->check(sc, value, why, sizeof why)) {
		kd_diag_error(c->diag, line, "%s", why);
		return;
	}
	dst = (char **)((char *)sc + v->offset);
	if (dst == &sc->kexec_args)
		sc->kexec_args_line = line;
	free(*dst);
	*dst = strdup(value);
	if (!*dst)
		kd_diag_error(c->diag, line, "out of memory");
}

/* "export" and at least one blank */
static int skip_export(struct cursor *c)
{
	if (c->end - c->p < 7 || memcmp(c->p, "export", 6) || !is_space(c->p[6]))
		return 0;
	c->p += 7;
	skip_spaces(c);
	return 1;
}

/* A variable name into name[MAX_NAME]; its length, or -1 when too long. */
static int read_name(struct cursor *c, char *name)
{
	size_t n = 0;

	while (!at_end(c) && is_name_char(*c->p, n == 0)) {
		if (n + 1 >= MAX_NAME)
			return -1;
		name[n++] = *c->p++;
	}
	name[n] = '\0';
	return (int)n;
}

static void parse_statement(struct kdump_sysconfig *sc, struct cursor *c,
			    struct word *w)
{
	char name[MAX_NAME];
	int line = c->line, exported, len;

	c->failed = 0;
	skip_spaces(c);
	if (at_end(c) || *c->p == '\n' || *c->p == '#') {
		skip_line(c);
		return;
	}
	exported = skip_export(c);
	len = read_name(c, name);
	if (len < 0) {
		cursor_error(c, line, "variable name longer than %d characters",
		     MAX_NAME - 1);
		skip_line(c);
		return;
	}
	if (len && exported && (at_end(c) || *c->p != '=')) {
		end_of_statement(c);	/* "export NAME" alone */
		return;
	}
	if (!len || at_end(c) || *c->p != '=') {
		cursor_error(c, line, "expected NAME=value");
		skip_line(c);
		return;
	}
	c->p++;
	w->n = 0;
	w->too_long = 0;
	read_word(c, w);
	if (c->failed) {
		skip_line(c);
		return;
	}
	end_of_statement(c);
	if (!c->failed)
		assign(sc, c, line, name, w->buf);
}

/* 1-based line of the first NUL byte, 0 when there is none */
static int nul_line(const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len), *p;
	int line = 1;

	if (!nul)
		return 0;
	for (p = text; p < nul; p++)
		line += *p == '\n';
	return line;
}

int kdump_sysconfig_parse(struct kdump_sysconfig *sc, const char *text,
			  size_t len, struct kd_diag *diag)
{
	struct cursor c = { text, text + len, 1, diag, 0 };
	struct word w = { NULL, 0, 0 };
	int nul;

	memset(sc, 0, sizeof *sc);
	if (len > MAX_FILE) {
		kd_diag_error(diag, 0, "file larger than 1 MiB");
		return -1;
	}
	nul = nul_line(text, len);
	if (nul) {
		kd_diag_error(diag, nul, "NUL byte: not a text file");
		return -1;
	}
	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3)) {
		kd_diag_error(diag, 1, "the file starts with a UTF-8 byte order "
			      "mark, which a shell reads as part of the first "
			      "name: save it without one");
		c.p += 3;
	}
	w.buf = malloc(MAX_VALUE);
	if (!w.buf) {
		kd_diag_error(diag, 0, "out of memory");
		return -1;
	}
	while (!at_end(&c))
		parse_statement(sc, &c, &w);
	free(w.buf);
	return diag->errors ? -1 : 0;
}

int kdump_sysconfig_load(struct kdump_sysconfig *sc, const char *file,
			 struct kd_diag *diag)
{
	const char *why;
	size_t len;
	char *text = kd_read_config(file, MAX_FILE, &len, &why);
	int ret;

	memset(sc, 0, sizeof *sc);
	if (!text && errno == ENOENT)
		return 0;
	if (!text) {
		kd_diag_error(diag, 0, "cannot read: %s", why);
		return -1;
	}
	ret = kdump_sysconfig_parse(sc, text, len, diag);
	free(text);
	return ret;
}

void kdump_sysconfig_free(struct kdump_sysconfig *sc)
{
	size_t i;

	for (i = 0; i < N_KNOWN; i++) {
		char **p = (char **)((char *)sc + known[i].offset);

		free(*p);
		*p = NULL;
	}
	sc->keep_dumps_n = 0;
	sc->keep_size_bytes = 0;
	sc->kexec_args_line = 0;
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

/* NAME='value', safe to source: a ' is written '\'' */
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

	for (i = 0; i < N_KNOWN; i++) {
		const char *v = *(char *const *)((const char *)sc + known[i].offset);

		if (!v && known[i].offset == offsetof(struct kdump_sysconfig,
						      commandline_remove))
			v = kdump_sysconfig_remove(sc);
		if (!v && known[i].offset == offsetof(struct kdump_sysconfig,
						      commandline_append))
			v = kdump_sysconfig_append(sc);
		if (v)
			print_quoted(out, known[i].name, v);
		else
			fprintf(out, "# %s not set\n", known[i].name);
	}
}
