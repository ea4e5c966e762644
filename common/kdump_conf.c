/* kdump_conf.c - parse and validate /etc/kdump.conf. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "kdump_conf.h"
#include "readfile.h"

#define MAX_FILE (1 << 20)
#define MAX_LINE 4096
#define MAX_SECONDS 86400

/* Every string of a kdump_conf, freed together. */
struct pool {
	char **v;
	int n, cap;
};

struct ctx {
	struct kdump_conf *conf;
	struct kd_diag *diag;
	struct pool *pool;
	int line;
	int seen[32];		/* line where each slot was first set */
	int force_line;		/* last force_* line set to 1 */
};

struct directive;
typedef void handler(struct ctx *c, const struct directive *d, char *value);

struct directive {
	const char *name;
	handler *fn;
	int slot;		/* directives sharing a slot exclude each other */
	size_t field;		/* offset in struct kdump_conf, when used */
	int max;		/* numbers: the largest value allowed */
};

enum {
	SLOT_NONE, SLOT_TARGET, SLOT_FAILURE, SLOT_FINAL, SLOT_PATH,
	SLOT_COLLECTOR, SLOT_SSHKEY, SLOT_PRE, SLOT_POST, SLOT_EMERGENCY,
	SLOT_DRACUT, SLOT_FENCE_ARGS, SLOT_FENCE_NODES, SLOT_LINK_DELAY,
	SLOT_DISK_TIMEOUT, SLOT_DEBUG_MEM, SLOT_FORCE, SLOT_NO_REBUILD,
	SLOT_RESETTABLE, SLOT_AUTO_RESET,
};

static const char *const fs_types[] = {
	"ext2", "ext3", "ext4", "xfs", "btrfs", "vfat", "minix", "virtiofs", NULL,
};

/* ---- storage ---- */

static char *keep(struct ctx *c, char *s)
{
	struct pool *p = c->pool;

	if (s && p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 32;
		char **v = realloc(p->v, (size_t)cap * sizeof *v);

		if (!v) {
			free(s);
			s = NULL;
		} else {
			p->v = v;
			p->cap = cap;
		}
	}
	if (!s) {
		kd_diag_error(c->diag, c->line, "out of memory");
		return NULL;
	}
	p->v[p->n++] = s;
	return s;
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* Append the blank-separated words of s to w. */
static void add_words(struct ctx *c, struct kd_words *w, const char *s)
{
	for (;;) {
		size_t len;
		char **v, *word;

		while (is_blank(*s))
			s++;
		if (!*s)
			return;
		len = strcspn(s, " \t\r\v\f");
		word = keep(c, strndup(s, len));
		v = word ? realloc(w->v, (size_t)(w->n + 1) * sizeof *v) : NULL;
		if (!v) {
			if (word)
				kd_diag_error(c->diag, c->line, "out of memory");
			return;
		}
		w->v = v;
		w->v[w->n++] = word;
		s += len;
	}
}

static char **field_str(struct ctx *c, const struct directive *d)
{
	return (char **)((char *)c->conf + d->field);
}

static int *field_int(struct ctx *c, const struct directive *d)
{
	return (int *)((char *)c->conf + d->field);
}

/* ---- once-only bookkeeping ---- */

static int claim(struct ctx *c, const struct directive *d, const char *what)
{
	int first = c->seen[d->slot];

	if (d->slot == SLOT_NONE)
		return 0;
	if (first) {
		kd_diag_error(c->diag, c->line, "%s given twice (first on line %d)",
			      what, first);
		return -1;
	}
	c->seen[d->slot] = c->line;
	return 0;
}

static int claim_named(struct ctx *c, const struct directive *d)
{
	char what[64];

	snprintf(what, sizeof what, "\"%s\"", d->name);
	return claim(c, d, what);
}

/* ---- targets ---- */

static int set_target(struct ctx *c, enum kd_target_kind kind,
		      const char *fstype, const char *where)
{
	int first = c->seen[SLOT_TARGET];

	if (first) {
		kd_diag_error(c->diag, c->line, "more than one dump target "
			      "(the first is on line %d)", first);
		return -1;
	}
	c->seen[SLOT_TARGET] = c->line;
	c->conf->target_kind = kind;
	c->conf->target_fstype = keep(c, strdup(fstype));
	c->conf->target = keep(c, strdup(where));
	c->conf->target_line = c->line;
	return 0;
}

static int has_space(const char *s)
{
	for (; *s; s++)
		if (is_blank(*s))
			return 1;
	return 0;
}

static int valid_ssh(const char *v)
{
	const char *at = strchr(v, '@');

	return at && at != v && at[1] && !strchr(at + 1, '@') && !has_space(v);
}

static int valid_nfs(const char *v)
{
	const char *sep = strstr(v, ":/");

	return sep && sep != v && !has_space(v);
}

static int is_tag(const char *v)
{
	return !strncmp(v, "LABEL=", 6) || !strncmp(v, "UUID=", 5) ||
	       !strncmp(v, "PARTUUID=", 9) || !strncmp(v, "PARTLABEL=", 10);
}

static void do_ssh(struct ctx *c, const char *name, const char *v)
{
	if (!valid_ssh(v)) {
		kd_diag_error(c->diag, c->line, "%s target \"%s\" must be "
			      "user@host", name, v);
		return;
	}
	set_target(c, KD_TARGET_SSH, "ssh", v);
}

static void do_nfs(struct ctx *c, const char *name, const char *v)
{
	if (!valid_nfs(v)) {
		kd_diag_error(c->diag, c->line, "%s target \"%s\" must be "
			      "host:/export", name, v);
		return;
	}
	set_target(c, KD_TARGET_NFS, "nfs", v);
}

static void dir_ssh(struct ctx *c, const struct directive *d, char *v)
{
	do_ssh(c, d->name, v);
}

static void dir_nfs(struct ctx *c, const struct directive *d, char *v)
{
	do_nfs(c, d->name, v);
}

static void dir_nfs4(struct ctx *c, const struct directive *d, char *v)
{
	kd_diag_warn(c->diag, c->line, "\"nfs4\" is deprecated: use \"nfs %s\" "
		     "(NFSv4 is the default)", v);
	do_nfs(c, d->name, v);
	c->conf->nfs_version = 4;
}

static void dir_net(struct ctx *c, const struct directive *d, char *v)
{
	if (strchr(v, '@')) {
		kd_diag_warn(c->diag, c->line, "\"net\" is deprecated: use "
			     "\"ssh %s\"", v);
		do_ssh(c, d->name, v);
	} else {
		kd_diag_warn(c->diag, c->line, "\"net\" is deprecated: use "
			     "\"nfs %s\"", v);
		do_nfs(c, d->name, v);
	}
}

static void dir_raw(struct ctx *c, const struct directive *d, char *v)
{
	if ((v[0] != '/' && strncmp(v, "PARTUUID=", 9) &&
	     strncmp(v, "PARTLABEL=", 10)) || has_space(v)) {
		kd_diag_error(c->diag, c->line, "raw target \"%s\" must be a "
			      "device path such as /dev/sdb1", v);
		return;
	}
	set_target(c, KD_TARGET_RAW, d->name, v);
}

static void dir_fs(struct ctx *c, const struct directive *d, char *v)
{
	int tag_ok = strcmp(d->name, "virtiofs") == 0;

	if (has_space(v) || (!tag_ok && v[0] != '/' && !is_tag(v))) {
		kd_diag_error(c->diag, c->line, "%s target \"%s\" must be a device "
			      "path, LABEL=, UUID=, PARTUUID= or PARTLABEL=",
			      d->name, v);
		return;
	}
	set_target(c, KD_TARGET_FS, d->name, v);
}

/* ---- values ---- */

static void dir_string(struct ctx *c, const struct directive *d, char *v)
{
	if (claim_named(c, d))
		return;
	*field_str(c, d) = keep(c, strdup(v));
}

static void dir_words(struct ctx *c, const struct directive *d, char *v)
{
	if (claim_named(c, d))
		return;
	add_words(c, (struct kd_words *)((char *)c->conf + d->field), v);
}

/* extra_bins, extra_modules, blacklist: may be repeated */
static void dir_more_words(struct ctx *c, const struct directive *d, char *v)
{
	add_words(c, (struct kd_words *)((char *)c->conf + d->field), v);
}

static void dir_number(struct ctx *c, const struct directive *d, char *v)
{
	char *end;
	long n;

	if (claim_named(c, d))
		return;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 0 || n > d->max) {
		kd_diag_error(c->diag, c->line, "\"%s\" must be a whole number "
			      "from 0 to %d, not \"%s\"", d->name, d->max, v);
		return;
	}
	*field_int(c, d) = (int)n;
}

static void dir_flag(struct ctx *c, const struct directive *d, char *v)
{
	if (claim_named(c, d))
		return;
	if (strcmp(v, "0") && strcmp(v, "1")) {
		kd_diag_error(c->diag, c->line, "\"%s\" must be 0 or 1, not \"%s\"",
			      d->name, v);
		return;
	}
	*field_int(c, d) = v[0] == '1';
	if (v[0] == '1' && !strncmp(d->name, "force_", 6)) {
		if (c->force_line)
			kd_diag_error(c->diag, c->line, "force_rebuild and "
				      "force_no_rebuild cannot both be 1 (the "
				      "other is on line %d)", c->force_line);
		c->force_line = c->line;
	}
}

static void dir_override_resettable(struct ctx *c, const struct directive *d,
				    char *v)
{
	dir_flag(c, d, v);
	kd_diag_warn(c->diag, c->line, "\"override_resettable\" has no effect "
		     "and is ignored");
}

static void dir_yes_no(struct ctx *c, const struct directive *d, char *v)
{
	if (claim_named(c, d))
		return;
	if (strcmp(v, "yes") && strcmp(v, "no")) {
		kd_diag_error(c->diag, c->line, "\"%s\" must be yes or no, not "
			      "\"%s\"", d->name, v);
		return;
	}
	*field_int(c, d) = v[0] == 'y';
}

static void dir_options(struct ctx *c, const struct directive *d, char *v)
{
	size_t len = strcspn(v, " \t");
	const char *args = v + len;
	struct kd_module_options *o;
	char *module;
	int i;

	while (is_blank(*args))
		args++;
	if (!*args) {
		kd_diag_error(c->diag, c->line, "\"options\" needs a module name "
			      "and its parameters");
		return;
	}
	module = keep(c, strndup(v, len));
	if (!module)
		return;
	for (i = 0; i < c->conf->n_options; i++)
		if (!strcmp(c->conf->options[i].module, module)) {
			kd_diag_error(c->diag, c->line, "options for module %s "
				      "given twice", module);
			return;
		}
	o = realloc(c->conf->options, (size_t)(c->conf->n_options + 1) * sizeof *o);
	if (!o) {
		kd_diag_error(c->diag, c->line, "out of memory");
		return;
	}
	c->conf->options = o;
	o[c->conf->n_options].module = module;
	o[c->conf->n_options++].args = keep(c, strdup(args));
	(void)d;
}

/* ---- actions ---- */

static const char *const action_names[] = {
	[KD_ACTION_UNSET] = "", [KD_ACTION_REBOOT] = "reboot",
	[KD_ACTION_HALT] = "halt", [KD_ACTION_POWEROFF] = "poweroff",
	[KD_ACTION_SHELL] = "shell", [KD_ACTION_DUMP_TO_ROOTFS] = "dump_to_rootfs",
};

static enum kd_action action_by_name(const char *v)
{
	int i;

	for (i = KD_ACTION_REBOOT; i <= KD_ACTION_DUMP_TO_ROOTFS; i++)
		if (!strcmp(v, action_names[i]))
			return (enum kd_action)i;
	return KD_ACTION_UNSET;
}

static void set_failure(struct ctx *c, const struct directive *d,
			enum kd_action a)
{
	if (claim(c, d, "the failure action (failure_action, default or "
		  "mount_root_run_init)"))
		return;
	c->conf->failure_action = a;
}

static void dir_failure_action(struct ctx *c, const struct directive *d, char *v)
{
	enum kd_action a = action_by_name(v);

	if (a == KD_ACTION_UNSET) {
		kd_diag_error(c->diag, c->line, "\"%s\" is not a failure action "
			      "(reboot, halt, poweroff, shell, dump_to_rootfs)", v);
		return;
	}
	set_failure(c, d, a);
}

static void dir_default(struct ctx *c, const struct directive *d, char *v)
{
	if (!strcmp(v, "mount_root_run_init")) {
		kd_diag_warn(c->diag, c->line, "\"default mount_root_run_init\" is "
			     "deprecated: use \"failure_action dump_to_rootfs\"");
		set_failure(c, d, KD_ACTION_DUMP_TO_ROOTFS);
		return;
	}
	if (action_by_name(v) != KD_ACTION_UNSET)
		kd_diag_warn(c->diag, c->line, "\"default\" is deprecated: use "
			     "\"failure_action %s\"", v);
	dir_failure_action(c, d, v);
}

static void dir_mount_root_run_init(struct ctx *c, const struct directive *d,
				    char *v)
{
	(void)v;
	kd_diag_warn(c->diag, c->line, "\"mount_root_run_init\" is deprecated: "
		     "use \"failure_action dump_to_rootfs\"");
	set_failure(c, d, KD_ACTION_DUMP_TO_ROOTFS);
}

static void dir_final_action(struct ctx *c, const struct directive *d, char *v)
{
	enum kd_action a = action_by_name(v);

	if (a != KD_ACTION_REBOOT && a != KD_ACTION_HALT && a != KD_ACTION_POWEROFF) {
		kd_diag_error(c->diag, c->line, "\"%s\" is not a final action "
			      "(reboot, halt, poweroff)", v);
		return;
	}
	if (claim_named(c, d))
		return;
	c->conf->final_action = a;
}

/* ---- the table ---- */

#define F(f) offsetof(struct kdump_conf, f)
static const struct directive directives[] = {
	{ "raw", dir_raw, SLOT_TARGET, 0, 0 },
	{ "nfs", dir_nfs, SLOT_TARGET, 0, 0 },
	{ "nfs4", dir_nfs4, SLOT_TARGET, 0, 0 },
	{ "net", dir_net, SLOT_TARGET, 0, 0 },
	{ "ssh", dir_ssh, SLOT_TARGET, 0, 0 },
	{ "path", dir_string, SLOT_PATH, F(path), 0 },
	{ "core_collector", dir_string, SLOT_COLLECTOR, F(core_collector), 0 },
	{ "sshkey", dir_string, SLOT_SSHKEY, F(sshkey), 0 },
	{ "kdump_pre", dir_string, SLOT_PRE, F(kdump_pre), 0 },
	{ "kdump_post", dir_string, SLOT_POST, F(kdump_post), 0 },
	{ "kdump_emergency", dir_string, SLOT_EMERGENCY, F(kdump_emergency), 0 },
	{ "dracut_args", dir_string, SLOT_DRACUT, F(dracut_args), 0 },
	{ "fence_kdump_args", dir_string, SLOT_FENCE_ARGS, F(fence_kdump_args), 0 },
	{ "fence_kdump_nodes", dir_words, SLOT_FENCE_NODES, F(fence_kdump_nodes), 0 },
	{ "extra_bins", dir_more_words, SLOT_NONE, F(extra_bins), 0 },
	{ "extra_modules", dir_more_words, SLOT_NONE, F(extra_modules), 0 },
	{ "blacklist", dir_more_words, SLOT_NONE, F(blacklist), 0 },
	{ "options", dir_options, SLOT_NONE, 0, 0 },
	{ "failure_action", dir_failure_action, SLOT_FAILURE, 0, 0 },
	{ "default", dir_default, SLOT_FAILURE, 0, 0 },
	{ "mount_root_run_init", dir_mount_root_run_init, SLOT_FAILURE, 0, 0 },
	{ "final_action", dir_final_action, SLOT_FINAL, 0, 0 },
	{ "link_delay", dir_number, SLOT_LINK_DELAY, F(link_delay), MAX_SECONDS },
	{ "disk_timeout", dir_number, SLOT_DISK_TIMEOUT, F(disk_timeout), MAX_SECONDS },
	{ "debug_mem_level", dir_number, SLOT_DEBUG_MEM, F(debug_mem_level), 3 },
	{ "force_rebuild", dir_flag, SLOT_FORCE, F(force_rebuild), 0 },
	{ "force_no_rebuild", dir_flag, SLOT_NO_REBUILD, F(force_no_rebuild), 0 },
	{ "override_resettable", dir_override_resettable, SLOT_RESETTABLE,
	  F(override_resettable), 0 },
	{ "auto_reset_crashkernel", dir_yes_no, SLOT_AUTO_RESET,
	  F(auto_reset_crashkernel), 0 },
};
#define N_DIRECTIVES (sizeof directives / sizeof directives[0])

static const struct directive fs_target = { "", dir_fs, SLOT_TARGET, 0, 0 };

/* The directive called `name`; fs targets share one entry (its name is
 * taken from the line). */
static const struct directive *lookup(const char *name, struct directive *fs)
{
	const char *const *t;
	size_t i;

	for (i = 0; i < N_DIRECTIVES; i++)
		if (!strcmp(directives[i].name, name))
			return &directives[i];
	for (t = fs_types; *t; t++)
		if (!strcmp(*t, name)) {
			*fs = fs_target;
			fs->name = *t;
			return fs;
		}
	return NULL;
}

/* ---- lines ---- */

/* Cut a comment: "#" at the start or after a blank, outside quotes. */
static void strip_comment(char *s)
{
	int quoted = 0;
	char *p;

	for (p = s; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '#' && !quoted && (p == s || is_blank(p[-1]))) {
			*p = '\0';
			return;
		}
	}
}

static char *trim(char *s)
{
	char *end;

	while (is_blank(*s))
		s++;
	end = s + strlen(s);
	while (end > s && is_blank(end[-1]))
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
	struct directive fs;
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
	d = lookup(name, &fs);
	if (!d) {
		kd_diag_error(c->diag, c->line, "unknown directive \"%s\"", name);
		return;
	}
	if (!*value && d->fn != dir_mount_root_run_init) {
		kd_diag_error(c->diag, c->line, "\"%s\" needs a value", name);
		return;
	}
	d->fn(c, d, value);
}

static void set_defaults(struct kdump_conf *conf)
{
	conf->disk_timeout = KDUMP_DEFAULT_DISK_TIMEOUT;
	conf->auto_reset_crashkernel = -1;
}

static void fill_defaults(struct ctx *c)
{
	struct kdump_conf *conf = c->conf;

	if (!conf->path)
		conf->path = keep(c, strdup(KDUMP_DEFAULT_DUMP_PATH));
	if (!conf->sshkey)
		conf->sshkey = keep(c, strdup(KDUMP_DEFAULT_SSHKEY));
}

int kdump_conf_parse(struct kdump_conf *conf, const char *text, size_t len,
		     struct kd_diag *diag)
{
	struct ctx c = { conf, diag, NULL, 0, { 0 }, 0 };
	const char *p = text, *end = text + len;
	char line[MAX_LINE + 1];

	memset(conf, 0, sizeof *conf);
	set_defaults(conf);
	c.pool = calloc(1, sizeof *c.pool);
	if (!c.pool) {
		kd_diag_error(diag, 0, "out of memory");
		return -1;
	}
	conf->storage = c.pool;
	if (len > MAX_FILE) {
		kd_diag_error(diag, 0, "larger than %d bytes", MAX_FILE);
		return -1;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		c.line++;
		if (n > MAX_LINE)
			kd_diag_error(diag, c.line, "line longer than %d bytes",
				      MAX_LINE);
		else if (memchr(p, '\0', n))
			kd_diag_error(diag, c.line, "NUL byte in the line");
		else {
			memcpy(line, p, n);
			line[n] = '\0';
			parse_line(&c, line);
		}
		p += n + 1;
	}
	fill_defaults(&c);
	return diag->errors ? -1 : 0;
}

int kdump_conf_load(struct kdump_conf *conf, const char *file,
		    struct kd_diag *diag)
{
	size_t len;
	char *text = kd_read_file(file, MAX_FILE, &len);
	int ret;

	if (!text) {
		memset(conf, 0, sizeof *conf);
		kd_diag_error(diag, 0, "cannot read: %s", errno == EFBIG ?
			      "larger than 1 MiB" : strerror(errno));
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

const char *kd_action_name(enum kd_action action)
{
	if (action <= KD_ACTION_UNSET || action > KD_ACTION_DUMP_TO_ROOTFS)
		return "reboot";
	return action_names[action];
}

const char *kd_target_kind_name(enum kd_target_kind kind)
{
	static const char *const names[] = { "none", "fs", "raw", "nfs", "ssh" };

	return kind <= KD_TARGET_SSH ? names[kind] : "?";
}

static void print_words(FILE *out, const char *name, const struct kd_words *w)
{
	int i;

	if (!w->n)
		return;
	fputs(name, out);
	for (i = 0; i < w->n; i++)
		fprintf(out, " %s", w->v[i]);
	fputc('\n', out);
}

static void print_str(FILE *out, const char *name, const char *v)
{
	if (v)
		fprintf(out, "%s %s\n", name, v);
}

void kdump_conf_print(const struct kdump_conf *conf, FILE *out)
{
	int i;

	if (conf->target_kind == KD_TARGET_NONE)
		fputs("# no target: the filesystem that holds path\n", out);
	else
		fprintf(out, "%s %s\n", conf->target_fstype, conf->target);
	print_str(out, "path", conf->path ? conf->path : KDUMP_DEFAULT_DUMP_PATH);
	print_str(out, "core_collector", kdump_conf_collector(conf));
	if (conf->target_kind == KD_TARGET_SSH)
		print_str(out, "sshkey", conf->sshkey);
	print_str(out, "kdump_pre", conf->kdump_pre);
	print_str(out, "kdump_post", conf->kdump_post);
	print_str(out, "kdump_emergency", conf->kdump_emergency);
	print_words(out, "extra_bins", &conf->extra_bins);
	print_words(out, "extra_modules", &conf->extra_modules);
	for (i = 0; i < conf->n_options; i++)
		fprintf(out, "options %s %s\n", conf->options[i].module,
			conf->options[i].args);
	print_words(out, "blacklist", &conf->blacklist);
	print_str(out, "dracut_args", conf->dracut_args);
	print_str(out, "fence_kdump_args", conf->fence_kdump_args);
	print_words(out, "fence_kdump_nodes", &conf->fence_kdump_nodes);
	fprintf(out, "failure_action %s\n", kd_action_name(conf->failure_action));
	fprintf(out, "final_action %s\n", kd_action_name(conf->final_action));
	fprintf(out, "disk_timeout %d\n", conf->disk_timeout);
	if (conf->link_delay)
		fprintf(out, "link_delay %d\n", conf->link_delay);
	if (conf->debug_mem_level)
		fprintf(out, "debug_mem_level %d\n", conf->debug_mem_level);
	fprintf(out, "force_rebuild %d\n", conf->force_rebuild);
	fprintf(out, "force_no_rebuild %d\n", conf->force_no_rebuild);
	if (conf->auto_reset_crashkernel >= 0)
		fprintf(out, "auto_reset_crashkernel %s\n",
			conf->auto_reset_crashkernel ? "yes" : "no");
}
