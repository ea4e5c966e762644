/* modules.c - resolve modules.dep and insert modules with finit_module(2). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "log.h"
#include "modname.h"
#include "modules.h"
#include "readfile.h"

#ifndef SYS_finit_module
#define SYS_finit_module 313		/* x86_64 */
#endif
#define MODULE_INIT_COMPRESSED_FILE 4
#define MAX_DEPTH 32
#define MAX_MODULES_DEP (16 << 20)

struct entry {
	char name[64];		/* normalised: '-' -> '_' */
	char *path;		/* points into dep text */
	char *deps;		/* space-separated paths, in dep text */
	int state;		/* 0 new, 1 loading, 2 loaded */
};

struct kd_modules {
	char moddir[256];
	char *dep_text;
	char *builtin_text;
	struct entry *entries;
	int n;
	const struct kdump_conf *conf;
	int drop_loaded;	/* unlink a module's file once it is in */
};

static void normalise(const char *in, char *out, size_t size)
{
	kd_module_name(in, strlen(in), out, size);
}

static int parse_dep(struct kd_modules *m, struct kd_error *e)
{
	char *line = m->dep_text, *next;
	int cap = 0;

	for (; line && *line; line = next) {
		char *colon;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		if (m->n == cap) {
			struct entry *grown;

			cap = cap ? cap * 2 : 256;
			grown = realloc(m->entries, (size_t)cap * sizeof *grown);
			if (!grown)
				return kd_fail(e, ENOMEM, "out of memory reading modules.dep");
			m->entries = grown;
		}
		memset(&m->entries[m->n], 0, sizeof m->entries[m->n]);
		m->entries[m->n].path = line;
		m->entries[m->n].deps = colon + 1;
		kd_module_name(line, strlen(line), m->entries[m->n].name,
			sizeof m->entries[m->n].name);
		m->n++;
	}
	return 0;
}

int kd_modules_open(struct kd_modules **out, const char *moddir,
		    const struct kdump_conf *conf, struct kd_error *e)
{
	struct kd_modules *m = calloc(1, sizeof *m);
	char path[512];

	if (!m)
		return kd_fail(e, ENOMEM, "out of memory");
	snprintf(m->moddir, sizeof m->moddir, "%s", moddir);
	m->conf = conf;
	snprintf(path, sizeof path, "%s/modules.dep", moddir);
	m->dep_text = kd_read_file(path, MAX_MODULES_DEP, NULL);
	if (!m->dep_text) {
		kd_fail(e, errno, "cannot read %s: %s", path, strerror(errno));
		free(m);
		return -1;
	}
	snprintf(path, sizeof path, "%s/modules.builtin", moddir);
	m->builtin_text = kd_read_file(path, MAX_MODULES_DEP, NULL);
	if (parse_dep(m, e)) {
		kd_modules_close(m);
		return -1;
	}
	*out = m;
	return 0;
}

void kd_modules_close(struct kd_modules *m)
{
	if (!m)
		return;
	free(m->dep_text);
	free(m->builtin_text);
	free(m->entries);
	free(m);
}

static struct entry *find(struct kd_modules *m, const char *name)
{
	char want[64];
	int i;

	normalise(name, want, sizeof want);
	for (i = 0; i < m->n; i++)
		if (!strcmp(m->entries[i].name, want))
			return &m->entries[i];
	return NULL;
}

static int is_builtin(const struct kd_modules *m, const char *name)
{
	const char *p = m->builtin_text;
	char want[64], got[64];

	normalise(name, want, sizeof want);
	while (p && *p) {
		size_t len = strcspn(p, "\n");

		kd_module_name(p, len, got, sizeof got);
		if (!strcmp(got, want))
			return 1;
		p += len + (p[len] == '\n');
	}
	return 0;
}

static int is_blacklisted(const struct kd_modules *m, const char *name)
{
	char want[64], got[64];
	int i;

	if (!m->conf)
		return 0;
	normalise(name, want, sizeof want);
	for (i = 0; i < m->conf->blacklist.n; i++) {
		normalise(m->conf->blacklist.v[i], got, sizeof got);
		if (!strcmp(got, want))
			return 1;
	}
	return 0;
}

static const char *options_for(const struct kd_modules *m, const char *name)
{
	char want[64], got[64];
	int i;

	if (!m->conf)
		return "";
	normalise(name, want, sizeof want);
	for (i = 0; i < m->conf->n_options; i++) {
		normalise(m->conf->options[i].module, got, sizeof got);
		if (!strcmp(got, want))
			return m->conf->options[i].args;
	}
	return "";
}

static int insert(struct kd_modules *m, const struct entry *en,
		  struct kd_error *e)
{
	char path[768];
	unsigned flags = 0;
	int fd;
	long ret;

	snprintf(path, sizeof path, "%s/%s", m->moddir, en->path);
	if (!strstr(en->path, ".ko") || strcmp(strstr(en->path, ".ko"), ".ko"))
		flags |= MODULE_INIT_COMPRESSED_FILE;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return kd_fail(e, errno, "cannot open module %s: %s", path,
			       strerror(errno));
	ret = syscall(SYS_finit_module, fd, options_for(m, en->name), flags);
	if (ret < 0 && errno == EEXIST)
		ret = 0;
	if (ret < 0)
		kd_fail(e, errno, "cannot load module %s: %s", en->name,
			strerror(errno));
	close(fd);
	if (ret == 0 && m->drop_loaded && unlink(path))
		kd_debug("cannot remove %s: %s", path, strerror(errno));
	return ret < 0 ? -1 : 0;
}

void kd_modules_drop_loaded_files(struct kd_modules *m)
{
	m->drop_loaded = 1;
}

/* Depth-first: every dependency before the module itself.  `visit` either
 * inserts (plan == NULL) or records the path in plan. */
struct walk {
	const char **plan;
	int max, count;
};

static int walk(struct kd_modules *m, struct entry *en, int depth,
		struct walk *w, struct kd_error *e)
{
	char *deps, *dep, *save = NULL;

	if (en->state == 2)
		return 0;
	if (en->state == 1 || depth > MAX_DEPTH)
		return kd_fail(e, ELOOP, "module dependency loop at %s", en->name);
	en->state = 1;
	deps = strdup(en->deps);
	if (!deps)
		return kd_fail(e, ENOMEM, "out of memory");
	for (dep = strtok_r(deps, " \t", &save); dep; dep = strtok_r(NULL, " \t", &save)) {
		struct entry *d = find(m, dep);

		if (!d)
			continue;	/* listed path without an entry: depmod keeps none */
		if (is_blacklisted(m, d->name))
			kd_warn("module %s is blacklisted but %s needs it: loading it",
				d->name, en->name);
		if (walk(m, d, depth + 1, w, e)) {
			free(deps);
			return -1;
		}
	}
	free(deps);
	if (w->plan) {
		if (w->count < w->max)
			w->plan[w->count] = en->path;
		w->count++;
	} else if (insert(m, en, e)) {
		en->state = 0;
		return -1;
	}
	en->state = 2;
	return 0;
}

static int request(struct kd_modules *m, const char *name, struct walk *w,
		   struct kd_error *e)
{
	struct entry *en = find(m, name);

	if (is_blacklisted(m, name)) {
		kd_info("module %s is blacklisted: not loading it", name);
		return 0;
	}
	if (!en) {
		if (is_builtin(m, name))
			return 0;
		return kd_fail(e, ENOENT, "module %s is not in the initramfs "
			       "(%s/modules.dep)", name, m->moddir);
	}
	return walk(m, en, 0, w, e);
}

int kd_modules_load(struct kd_modules *m, const char *name, struct kd_error *e)
{
	struct walk w = { NULL, 0, 0 };

	return request(m, name, &w, e);
}

int kd_modules_plan(struct kd_modules *m, const char *name, const char **paths,
		    int max, struct kd_error *e)
{
	struct walk w = { paths, max, 0 };
	int i;

	for (i = 0; i < m->n; i++)
		m->entries[i].state = 0;
	if (request(m, name, &w, e))
		return -1;
	for (i = 0; i < m->n; i++)
		m->entries[i].state = 0;
	return w.count < max ? w.count : max;
}
