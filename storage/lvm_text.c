/* lvm_text.c - a recursive-descent parser of LVM2 metadata text into an
 * array of nodes linked by index. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "lvm_text.h"

enum tok { T_EOF, T_BEGIN, T_END, T_ARRAY, T_ARRAY_END, T_COMMA, T_EQ,
	   T_QUOTED, T_WORD, T_NUMBER };

struct token {
	enum tok type;
	const char *s;		/* the token; for T_QUOTED without quotes */
	size_t n;
	char quote;
};

struct lexer {
	const char *p, *end;
	unsigned line;
	struct kd_lvm_tree *t;
	struct kd_error *e;
};

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void skip_blank(struct lexer *lx)
{
	while (lx->p < lx->end) {
		if (*lx->p == '#') {
			while (lx->p < lx->end && *lx->p != '\n')
				lx->p++;
		} else if (is_space(*lx->p)) {
			lx->line += *lx->p++ == '\n';
		} else {
			return;
		}
	}
}

/* A quoted string: in "..." a backslash keeps the next character in the
 * string; '...' has no escapes. */
static int quoted(struct lexer *lx, struct token *tk)
{
	const char *q = lx->p + 1;

	tk->quote = *lx->p;
	for (; q < lx->end && *q != tk->quote; q++) {
		if (*q == '\\' && tk->quote == '"' && q + 1 < lx->end)
			q++;
		lx->line += *q == '\n';
	}
	if (q >= lx->end)
		return kd_fail(lx->e, EINVAL, "line %u: unterminated string", lx->line);
	tk->type = T_QUOTED;
	tk->s = lx->p + 1;
	tk->n = (size_t)(q - tk->s);
	lx->p = q + 1;
	return 0;
}

/* The next token.  As in lvm, a word that starts with a digit, a sign or
 * a dot is a number only where a value may stand (value != 0). */
static int next(struct lexer *lx, int value, struct token *tk)
{
	static const char single[] = "{}[],=";
	static const enum tok type[] = { T_BEGIN, T_END, T_ARRAY, T_ARRAY_END,
					 T_COMMA, T_EQ };
	const char *q, *one;

	skip_blank(lx);
	memset(tk, 0, sizeof *tk);
	tk->s = lx->p;
	if (lx->p >= lx->end)
		return 0;			/* T_EOF */
	if ((one = strchr(single, *lx->p))) {
		tk->type = type[one - single];
		tk->n = 1;
		lx->p++;
		return 0;
	}
	if (*lx->p == '"' || *lx->p == '\'')
		return quoted(lx, tk);
	q = lx->p + 1;
	if (value && (is_digit(*lx->p) || strchr("+-.", *lx->p))) {
		while (q < lx->end && (is_digit(*q) || *q == '.'))
			q++;
		tk->type = T_NUMBER;
	} else {
		while (q < lx->end && !is_space(*q) && !strchr("#{}[],=\"'", *q))
			q++;
		tk->type = T_WORD;
	}
	tk->n = (size_t)(q - lx->p);
	lx->p = q;
	return 0;
}

/* Copy a token into the string area (sized for the whole text, so that
 * pointers into it stay valid), undoing \" and \\ in "..." strings as
 * lvm does (any other backslash stays). */
static const char *save(struct lexer *lx, const struct token *tk)
{
	struct kd_lvm_tree *t = lx->t;
	char *out = t->strings + t->used;
	size_t i;

	if (tk->n + 1 > t->size - t->used) {
		kd_fail(lx->e, ENOMEM, "line %u: no room for strings", lx->line);
		return NULL;
	}
	for (i = 0; i < tk->n; i++) {
		if (tk->quote == '"' && tk->s[i] == '\\' && i + 1 < tk->n &&
		    (tk->s[i + 1] == '"' || tk->s[i + 1] == '\\'))
			i++;
		*out++ = tk->s[i];
	}
	*out++ = '\0';
	out = t->strings + t->used;
	t->used += strlen(out) + 1;	/* no NUL inside: the text ends at one */
	return out;
}

/* A new node at the end of parent's list (*tail is its last node so
 * far); its index, or 0 (the root is never a new node) on failure. */
static uint32_t add(struct lexer *lx, uint32_t parent, uint32_t *tail,
		    enum kd_lvm_type type)
{
	struct kd_lvm_tree *t = lx->t;
	struct kd_lvm_node *grown;
	uint32_t i;

	if (t->count == t->cap) {
		if (t->cap >= KD_LVM_MAX_NODES) {
			kd_fail(lx->e, E2BIG, "line %u: more than %u entries", lx->line,
				KD_LVM_MAX_NODES);
			return 0;
		}
		grown = realloc(t->node, t->cap * 2 * sizeof *grown);
		if (!grown) {
			kd_fail(lx->e, ENOMEM, "line %u: no memory for entries", lx->line);
			return 0;
		}
		t->node = grown;
		t->cap *= 2;
	}
	i = (uint32_t)t->count++;
	memset(&t->node[i], 0, sizeof t->node[i]);
	t->node[i].type = type;
	if (*tail)
		t->node[*tail].next = i;
	else
		t->node[parent].child = i;
	*tail = i;
	return i;
}

/* An integer in range, else KD_LVM_OTHER (lvm has floats, and old
 * 32-bit lvm wrote creation_time out of range). */
static void number(struct kd_lvm_node *n, const struct token *tk)
{
	size_t i = tk->s[0] == '+' || tk->s[0] == '-';
	uint64_t v = 0, max = i && tk->s[0] == '-' ? (uint64_t)INT64_MAX + 1 : INT64_MAX;

	n->type = KD_LVM_OTHER;
	if (i == tk->n)
		return;
	for (; i < tk->n; i++) {
		if (!is_digit(tk->s[i]) || v > (max - (uint64_t)(tk->s[i] - '0')) / 10)
			return;
		v = v * 10 + (uint64_t)(tk->s[i] - '0');
	}
	n->type = KD_LVM_INT;
	n->num = tk->s[0] == '-' ? (int64_t)(0 - v) : (int64_t)v;
}

/* Make node i the value in token tk. */
static int scalar(struct lexer *lx, uint32_t i, const struct token *tk)
{
	struct kd_lvm_node *n = &lx->t->node[i];

	if (tk->type == T_NUMBER) {
		number(n, tk);
		return 0;
	}
	if (tk->type != T_QUOTED && tk->type != T_WORD)
		return kd_fail(lx->e, EINVAL, "line %u: expected a value", lx->line);
	n->type = KD_LVM_STRING;
	n->str = save(lx, tk);
	return n->str ? 0 : -1;
}

/* After "key =": a value, or [ values ] (commas optional, as in lvm). */
static int value(struct lexer *lx, uint32_t node)
{
	struct token tk;
	uint32_t tail = 0, i;

	if (next(lx, 1, &tk))
		return -1;
	if (tk.type != T_ARRAY)
		return scalar(lx, node, &tk);
	lx->t->node[node].type = KD_LVM_ARRAY;
	for (;;) {
		if (next(lx, 1, &tk))
			return -1;
		if (tk.type == T_ARRAY_END)
			return 0;
		if (tk.type == T_COMMA)
			continue;
		if (tk.type == T_EOF)
			return kd_fail(lx->e, EINVAL, "line %u: missing ]", lx->line);
		i = add(lx, node, &tail, KD_LVM_STRING);
		if (!i || scalar(lx, i, &tk))
			return -1;
	}
}

/* Entries up to the closing brace (or the end of the text, for the
 * outermost level: depth 0). */
static int entries(struct lexer *lx, uint32_t sec, unsigned depth)
{
	struct token tk;
	uint32_t tail = 0, i;

	for (;;) {
		if (next(lx, 0, &tk))
			return -1;
		if (tk.type == T_EOF)
			return depth ? kd_fail(lx->e, EINVAL, "line %u: missing }", lx->line) : 0;
		if (tk.type == T_END && depth)
			return 0;
		if (tk.type != T_WORD && tk.type != T_QUOTED)
			return kd_fail(lx->e, EINVAL, "line %u: expected a name, found '%.*s'",
				       lx->line, (int)tk.n, tk.s);
		i = add(lx, sec, &tail, KD_LVM_SECTION);
		if (!i || !(lx->t->node[i].key = save(lx, &tk)) || next(lx, 0, &tk))
			return -1;
		if (tk.type == T_EQ) {
			if (value(lx, i))
				return -1;
		} else if (tk.type != T_BEGIN) {
			return kd_fail(lx->e, EINVAL, "line %u: expected = or { after %s",
				       lx->line, lx->t->node[i].key);
		} else if (depth + 1 >= KD_LVM_MAX_DEPTH) {
			return kd_fail(lx->e, EINVAL, "line %u: sections nested deeper than %u",
				       lx->line, KD_LVM_MAX_DEPTH);
		} else if (entries(lx, i, depth + 1)) {
			return -1;
		}
	}
}

int kd_lvm_parse(const char *text, size_t len, struct kd_lvm_tree *t,
		 struct kd_error *e)
{
	/* the text ends at a NUL, as in lvm: the lexer never meets one
	 * (which strchr() would find in any set) */
	struct lexer lx = { text, text + strnlen(text, len), 1, t, e };

	memset(t, 0, sizeof *t);
	t->size = (size_t)(lx.end - text) + 2;
	t->strings = malloc(t->size);
	t->cap = 64;
	t->node = malloc(t->cap * sizeof *t->node);
	if (!t->strings || !t->node)
		return kd_fail(e, ENOMEM, "no memory to parse %zu bytes of metadata", len);
	memset(&t->node[0], 0, sizeof t->node[0]);
	t->node[0].type = KD_LVM_SECTION;
	t->count = 1;
	return entries(&lx, 0, 0);
}

void kd_lvm_tree_free(struct kd_lvm_tree *t)
{
	free(t->node);
	free(t->strings);
	memset(t, 0, sizeof *t);
}

const struct kd_lvm_node *kd_lvm_root(const struct kd_lvm_tree *t)
{
	return t->count ? &t->node[0] : NULL;
}

const struct kd_lvm_node *kd_lvm_first(const struct kd_lvm_tree *t,
				       const struct kd_lvm_node *n)
{
	return n && n->child ? &t->node[n->child] : NULL;
}

const struct kd_lvm_node *kd_lvm_next(const struct kd_lvm_tree *t,
				      const struct kd_lvm_node *n)
{
	return n && n->next ? &t->node[n->next] : NULL;
}

const struct kd_lvm_node *kd_lvm_find(const struct kd_lvm_tree *t,
				      const struct kd_lvm_node *sec,
				      const char *key)
{
	const struct kd_lvm_node *n;

	if (!sec || sec->type != KD_LVM_SECTION)
		return NULL;
	for (n = kd_lvm_first(t, sec); n; n = kd_lvm_next(t, n))
		if (n->key && !strcmp(n->key, key))
			return n;
	return NULL;
}

const char *kd_lvm_str(const struct kd_lvm_tree *t,
		       const struct kd_lvm_node *sec, const char *key)
{
	const struct kd_lvm_node *n = kd_lvm_find(t, sec, key);

	return n && n->type == KD_LVM_STRING ? n->str : NULL;
}

int kd_lvm_u64(const struct kd_lvm_tree *t, const struct kd_lvm_node *sec,
	       const char *key, uint64_t *out)
{
	const struct kd_lvm_node *n = kd_lvm_find(t, sec, key);

	if (!n || n->type != KD_LVM_INT || n->num < 0)
		return -1;
	*out = (uint64_t)n->num;
	return 0;
}

int kd_lvm_flag(const struct kd_lvm_tree *t, const struct kd_lvm_node *sec,
		const char *key, const char *flag)
{
	const struct kd_lvm_node *n = kd_lvm_find(t, sec, key);

	if (!n || n->type != KD_LVM_ARRAY)
		return 0;
	for (n = kd_lvm_first(t, n); n; n = kd_lvm_next(t, n))
		if (n->type == KD_LVM_STRING && !strcmp(n->str, flag))
			return 1;
	return 0;
}
