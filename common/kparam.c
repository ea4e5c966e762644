/* kparam.c - split a kernel command line into parameters. */
#include <string.h>
#include "kparam.h"
#include "readfile.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int kd_kparam_next(const char **p, struct kd_kparam *w)
{
	const char *s = *p;
	int quoted = 0;

	while (is_blank(*s))
		s++;
	if (!*s)
		return 0;
	w->s = s;
	w->name_len = 0;
	for (; *s; s++) {
		if (*s == '"')
			quoted = !quoted;
		else if (!quoted && is_blank(*s))
			break;
		else if (*s == '=' && !w->name_len)
			w->name_len = (size_t)(s - w->s);
	}
	w->len = (size_t)(s - w->s);
	if (!w->name_len)
		w->name_len = w->len;
	*p = s;
	return 1;
}

int kd_kparam_is(const struct kd_kparam *w, const char *name)
{
	return strlen(name) == w->name_len && !memcmp(w->s, name, w->name_len);
}

int kd_kparam_get(const char *cmdline, const char *name, char *out,
		  size_t size)
{
	const char *p = cmdline ? cmdline : "";
	struct kd_kparam w;
	int found = -1;

	while (kd_kparam_next(&p, &w)) {
		const char *v;
		size_t n = 0, i;

		if (!kd_kparam_is(&w, name) || w.name_len == w.len)
			continue;
		v = w.s + w.name_len + 1;
		for (i = 0; i < w.len - w.name_len - 1 && n + 1 < size; i++)
			if (v[i] != '"')
				out[n++] = v[i];
		out[n] = '\0';
		found = 0;	/* the last one wins, as in the kernel */
	}
	return found;
}

int kd_proc_cmdline_param(const char *name, char *out, size_t size)
{
	char line[4096];

	if (kd_read_line("/proc/cmdline", line, sizeof line))
		return -1;
	return kd_kparam_get(line, name, out, size);
}
