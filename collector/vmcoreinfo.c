/* vmcoreinfo.c - parse and look up VMCOREINFO. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vmcoreinfo.h"

int kd_vmci_parse(struct kd_vmcoreinfo *v, const char *text, size_t len)
{
	char *p, *end;
	int cap = 0;

	memset(v, 0, sizeof *v);
	if (len > KD_VMCI_MAX_TEXT)
		return -1;
	v->text = malloc(len + 1);
	if (!v->text)
		return -1;
	memcpy(v->text, text, len);
	v->text[len] = '\0';
	for (p = v->text, end = v->text + len; p < end; ) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *eq;

		if (nl)
			*nl = '\0';
		eq = strchr(p, '=');
		if (eq && eq != p) {
			if (v->n == cap) {
				struct kd_vmci_entry *ne;

				cap = cap ? cap * 2 : 128;
				ne = realloc(v->e, (size_t)cap * sizeof *ne);
				if (!ne) {
					kd_vmci_free(v);
					return -1;
				}
				v->e = ne;
			}
			*eq = '\0';
			v->e[v->n].key = p;
			v->e[v->n++].value = eq + 1;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
	return 0;
}

void kd_vmci_free(struct kd_vmcoreinfo *v)
{
	free(v->text);
	free(v->e);
	memset(v, 0, sizeof *v);
}

const char *kd_vmci_str(const struct kd_vmcoreinfo *v, const char *key)
{
	int i;

	for (i = 0; i < v->n; i++)
		if (!strcmp(v->e[i].key, key))
			return v->e[i].value;
	return NULL;
}

/* The whole of s as a number in base 10 or 16; *out untouched on error. */
static int parse_in_base(const char *s, int base, int64_t *out)
{
	char *end;
	int64_t v;

	if (base == 16 ? !isxdigit((unsigned char)*s) :
	    *s != '-' && !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	if (base == 16)
		v = (int64_t)strtoull(s, &end, 16);
	else
		v = strtoll(s, &end, 10);
	if (errno || *end)
		return -1;
	*out = v;
	return 0;
}

int kd_vmci_num(const struct kd_vmcoreinfo *v, const char *key, int64_t *out)
{
	const char *s = kd_vmci_str(v, key);
	int64_t n;

	if (!s)
		return -1;
	if (!strncmp(key, "SYMBOL(", 7)) {
		/* 0 and ~0 mean "no such symbol", as makedumpfile takes them */
		if (parse_in_base(s, 16, &n) || n == 0 || n == -1)
			return -1;
		*out = n;
		return 0;
	}
	if (!strcmp(key, "KERNELOFFSET"))
		return parse_in_base(s, 16, out);
	if (!strncmp(s, "0x", 2) || !strncmp(s, "0X", 2))
		return parse_in_base(s + 2, 16, out);
	if (parse_in_base(s, 10, out) == 0)
		return 0;
	return parse_in_base(s, 16, out);	/* as makedumpfile retries */
}

int kd_vmci_get(const struct kd_vmcoreinfo *v, const char *kind,
		const char *name, int64_t *out)
{
	char key[128];

	snprintf(key, sizeof key, "%s(%s)", kind, name);
	return kd_vmci_num(v, key, out);
}
