/* kdump_conf.c - parse and validate /etc/kdump.conf.
 *
 * The text is cut into lines.  Each line loses its comment, its outer blanks
 * and one pair of double quotes around the value, and then goes to the
 * handler of its directive in the table below.  Handlers check the value and
 * store it.  "Given twice" is tracked per slot: directives that set the same
 * thing (the dump target, the failure action) share one. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "kdump_conf.h"
#include "collector_line.h"
#include "readfile.h"
#include "server.h"

#define MAX_FILE (1 << 20)
#define MAX_LINE 4096
#define MAX_SECONDS 86400	/* link_delay, disk_timeout: at most a day */
#define WRAP 72			/* print: word lists wrap after this */

enum {
	SLOT_NONE, SLOT_TARGET, SLOT_FAILURE, SLOT_FINAL, SLOT_PATH,
	SLOT_COLLECTOR, SLOT_SSHKEY, SLOT_PRE, SLOT_POST, SLOT_EMERGENCY,
	SLOT_DRACUT, SLOT_FENCE_ARGS, SLOT_FENCE_NODES, SLOT_LINK_DELAY,
	SLOT_DISK_TIMEOUT, SLOT_DEBUG_MEM, SLOT_FORCE, SLOT_NO_REBUILD,
	SLOT_RESETTABLE, SLOT_AUTO_RESET, N_SLOTS
};

/* Every string of a kdump_conf, freed together, and the line where each
 * directive was given (for checks made after parsing). */
struct pool {
	char **v;
	int n, cap;
	int line[N_SLOTS];
};

struct ctx {
	struct kdump_conf *conf;
	struct kd_diag *diag;
	struct pool *pool;
	int line;
	int seen[N_SLOTS];		/* line where each slot was set */
	const char *seen_by[N_SLOTS];	/* and the directive that set it */
	int force_line;			/* a force_* directive set to 1 */
};

struct directive;
typedef void handler(struct ctx *c, const struct directive *d, char *value);

struct directive {
	const char *name;
	handler *fn;
	int slot;		/* once-only bookkeeping; SLOT_NONE: may repeat */
	size_t field;		/* offset in struct kdump_conf, when used */
	int max;		/* numbers: the largest value allowed */
};

/* ---- storage ---- */

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

static void out_of_memory(struct ctx *c)
{
	kd_diag_error(c->diag, c->line, "out of memory");
}

/* Hand s (from malloc) to the pool; NULL and an error when s is NULL or
 * the pool cannot grow. */
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
		out_of_memory(c);
		return NULL;
	}
	p->v[p->n++] = s;
	return s;
}

/* Arrays grow to 4, 8, 16, ...: room is needed when n is 0 or a power of
 * two from 4 on. */
static int needs_room(int n)
{
	return n == 0 || (n >= 4 && (n & (n - 1)) == 0);
}

static int add_word(struct ctx *c, struct kd_words *w, const char *s, size_t len)
{
	char *word = keep(c, strndup(s, len));

	if (!word)
		return -1;
	if (needs_room(w->n)) {
		size_t cap = w->n ? (size_t)w->n * 2 : 4;
		char **v = realloc(w->v, cap * sizeof *v);

		if (!v) {
			out_of_memory(c);
			return -1;
		}
		w->v = v;
	}
	w->v[w->n++] = word;
	return 0;
}

/* Append the blank-separated words of s to w. */
static void add_words(struct ctx *c, struct kd_words *w, const char *s)
{
	for (;;) {
		size_t len;

		while (is_blank(*s))
			s++;
		if (!*s)
			return;
		len = strcspn(s, " \t\r\v\f");
		if (add_word(c, w, s, len))
			return;
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

static struct kd_words *field_words(struct ctx *c, const struct directive *d)
{
	return (struct kd_words *)((char *)c->conf + d->field);
}

/* ---- once-only bookkeeping ---- */

/* Record that d set its slot on this line; an error (and -1) when the slot
 * was set before. */
static int claim(struct ctx *c, const struct directive *d)
{
	int first = c->seen[d->slot];
	const char *by = c->seen_by[d->slot];

	if (d->slot == SLOT_NONE)
		return 0;
	if (first && d->slot == SLOT_TARGET) {
		kd_diag_error(c->diag, c->line, "more than one dump target "
			      "(the first is on line %d)", first);
		return -1;
	}
	if (first && d->slot == SLOT_FAILURE && strcmp(by, d->name)) {
		kd_diag_error(c->diag, c->line, "\"%s\" and \"%s\" on line %d "
			      "both set the failure action", d->name, by, first);
		return -1;
	}
	if (first) {
		kd_diag_error(c->diag, c->line, "\"%s\" given twice (first on "
			      "line %d)", d->name, first);
		return -1;
	}
	c->seen[d->slot] = c->line;
	c->seen_by[d->slot] = d->name;
	c->pool->line[d->slot] = c->line;
	return 0;
}

/* ---- targets ---- */

static int has_blank(const char *s)
{
	for (; *s; s++)
		if (is_blank(*s))
			return 1;
	return 0;
}

static int starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* an absolute path other than "/" */
static int is_path(const char *v)
{
	return v[0] == '/' && v[1];
}

/* "TAG=" and something after it */
static int is_tag(const char *v, const char *tag)
{
	return starts_with(v, tag) && v[strlen(tag)];
}

static int valid_ssh(const char *v)
{
	char host[256];

	return kd_server_host(v, 1, host, sizeof host) != KD_SERVER_BAD &&
	       !strchr(v, '/') && !has_blank(v);
}

static int valid_nfs(const char *v)
{
	char host[256];

	return kd_server_host(v, 0, host, sizeof host) != KD_SERVER_BAD &&
	       !has_blank(v);
}

/* 0 when this is the first target */
static int set_target(struct ctx *c, const struct directive *d,
		      enum kd_target_kind kind, const char *fstype,
		      const char *where)
{
	if (claim(c, d))
		return -1;
	c->conf->target_kind = kind;
	c->conf->target_fstype = keep(c, strdup(fstype));
	c->conf->target = keep(c, strdup(where));
	c->conf->target_line = c->line;
	return 0;
}

static void dir_ssh(struct ctx *c, const struct directive *d, char *v)
{
	if (!valid_ssh(v)) {
		kd_diag_error(c->diag, c->line, "ssh target \"%s\" must be "
			      "user@host", v);
		return;
	}
	set_target(c, d, KD_TARGET_SSH, "ssh", v);
}

static void dir_nfs(struct ctx *c, const struct directive *d, char *v)
{
	if (!valid_nfs(v)) {
		kd_diag_error(c->diag, c->line, "%s target \"%s\" must be "
			      "host:/export (an IPv6 server as [addr]:/export)",
			      d->name, v);
		return;
	}
	if (set_target(c, d, KD_TARGET_NFS, "nfs", v) || strcmp(d->name, "nfs4"))
		return;
	kd_diag_warn(c->diag, c->line, "\"nfs4\" is deprecated: use \"nfs %s\" "
		     "(NFSv4 is the default)", v);
	c->conf->nfs_version = 4;
}

/* net host:/export is NFS, net user@host is ssh */
static void dir_net(struct ctx *c, const struct directive *d, char *v)
{
	int ssh = valid_ssh(v);

	if (!ssh && !valid_nfs(v)) {
		kd_diag_error(c->diag, c->line, "net target \"%s\" must be "
			      "host:/export (NFS) or user@host (ssh)", v);
		return;
	}
	if (!set_target(c, d, ssh ? KD_TARGET_SSH : KD_TARGET_NFS,
			ssh ? "ssh" : "nfs", v))
		kd_diag_warn(c->diag, c->line, "\"net\" is deprecated: use "
			     "\"%s %s\"", ssh ? "ssh" : "nfs", v);
}

static void dir_raw(struct ctx *c, const struct directive *d, char *v)
{
	if (has_blank(v) || (!is_path(v) && !is_tag(v, "PARTUUID="))) {
		kd_diag_error(c->diag, c->line, "raw target \"%s\" must be a "
			      "device path such as /dev/sdb1, or PARTUUID=", v);
		return;
	}
	set_target(c, d, KD_TARGET_RAW, "raw", v);
}

static void dir_fs(struct ctx *c, const struct directive *d, char *v)
{
	if (has_blank(v) || (!is_path(v) && !is_tag(v, "LABEL=") &&
			     !is_tag(v, "UUID=") && !is_tag(v, "PARTUUID="))) {
		kd_diag_error(c->diag, c->line, "%s target \"%s\" must be a "
			      "device path, LABEL=, UUID= or PARTUUID=",
			      d->name, v);
		return;
	}
	set_target(c, d, KD_TARGET_FS, d->name, v);
}

/* virtiofs names a tag given to the guest, not a device */
static void dir_virtiofs(struct ctx *c, const struct directive *d, char *v)
{
	if (has_blank(v)) {
		kd_diag_error(c->diag, c->line, "virtiofs target \"%s\" must be "
			      "one virtiofs tag", v);
		return;
	}
	set_target(c, d, KD_TARGET_FS, d->name, v);
}

/* ---- values ---- */

static void dir_string(struct ctx *c, const struct directive *d, char *v)
{
	if (claim(c, d))
		return;
	*field_str(c, d) = keep(c, strdup(v));
}

/* fence_kdump_nodes: a list given once */
static void dir_words(struct ctx *c, const struct directive *d, char *v)
{
	if (claim(c, d))
		return;
	add_words(c, field_words(c, d), v);
}

/* extra_bins, extra_modules, blacklist: repeated lines add up */
static void dir_more_words(struct ctx *c, const struct directive *d, char *v)
{
	add_words(c, field_words(c, d), v);
}

/* Digits only: no sign, no blanks, nothing after. */
static int parse_count(const char *s, int max, int *out)
{
	long n = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
		if (n > max)
			return -1;
	}
	*out = (int)n;
	return 0;
}

static void dir_number(struct ctx *c, const struct directive *d, char *v)
{
	int n;

	if (parse_count(v, d->max, &n)) {
		kd_diag_error(c->diag, c->line, "\"%s\" must be a whole number "
			      "from 0 to %d, not \"%s\"", d->name, d->max, v);
		return;
	}
	if (claim(c, d))
		return;
	*field_int(c, d) = n;
}

static void dir_flag(struct ctx *c, const struct directive *d, char *v)
{
	if (strcmp(v, "0") && strcmp(v, "1")) {
		kd_diag_error(c->diag, c->line, "\"%s\" must be 0 or 1, not \"%s\"",
			      d->name, v);
		return;
	}
	if (claim(c, d))
		return;
	*field_int(c, d) = v[0] == '1';
}

/* force_rebuild and force_no_rebuild: 0/1, and not both 1 */
static void dir_force(struct ctx *c, const struct directive *d, char *v)
{
	int other = d->slot == SLOT_FORCE ? c->conf->force_no_rebuild
					  : c->conf->force_rebuild;
	int errors = c->diag->errors;

	dir_flag(c, d, v);
	if (c->diag->errors != errors || !*field_int(c, d))
		return;
	if (other)
		kd_diag_error(c->diag, c->line, "force_rebuild and "
			      "force_no_rebuild cannot both be 1 (the other is "
			      "on line %d)", c->force_line);
	c->force_line = c->line;
}

static void dir_override_resettable(struct ctx *c, const struct directive *d,
				    char *v)
{
	int errors = c->diag->errors;

	dir_flag(c, d, v);
	if (c->diag->errors == errors)
		kd_diag_warn(c->diag, c->line, "\"override_resettable\" has no "
			     "effect and is ignored");
}

/* auto_reset_crashkernel: kdump-utils resets crashkernel= when kernels
 * are updated; kdumpctl does that only when asked (reset-crashkernel). */
static void dir_auto_reset(struct ctx *c, const struct directive *d, char *v)
{
	if (strcmp(v, "yes") && strcmp(v, "no")) {
		kd_diag_error(c->diag, c->line, "\"%s\" must be yes or no, not "
			      "\"%s\"", d->name, v);
		return;
	}
	if (claim(c, d))
		return;
	*field_int(c, d) = v[0] == 'y';
	kd_diag_warn(c->diag, c->line, "\"auto_reset_crashkernel\" has no "
		     "effect: run \"kdumpctl reset-crashkernel\" to set the "
		     "default crashkernel=");
}

/* Module names compare with "-" and "_" alike, as the kernel does. */
static int same_module(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;

		if (x != y)
			return 0;
	}
	return *a == *b;
}

static const struct kd_module_options *find_options(const struct kdump_conf *conf,
						     const char *module)
{
	int i;

	for (i = 0; i < conf->n_options; i++)
		if (same_module(conf->options[i].module, module))
			return &conf->options[i];
	return NULL;
}

/* options <module> <parameters...> */
static void dir_options(struct ctx *c, const struct directive *d, char *v)
{
	struct kdump_conf *conf = c->conf;
	size_t len = strcspn(v, " \t\r\v\f");
	const struct kd_module_options *first;
	const char *args = v + len;
	struct kd_module_options *o;

	(void)d;
	while (is_blank(*args))
		args++;
	if (!*args) {
		kd_diag_error(c->diag, c->line, "\"options\" needs a module name "
			      "and its parameters");
		return;
	}
	v[len] = '\0';
	first = find_options(conf, v);
	if (first) {
		kd_diag_error(c->diag, c->line, "\"options\" for module %s given "
			      "twice (first on line %d)", v, first->line);
		return;
	}
	if (needs_room(conf->n_options)) {
		int cap = conf->n_options ? conf->n_options * 2 : 4;

		o = realloc(conf->options, (size_t)cap * sizeof *o);
		if (!o) {
			out_of_memory(c);
			return;
		}
		conf->options = o;
	}
	o = &conf->options[conf->n_options];
	o->module = keep(c, strdup(v));
	o->args = keep(c, strdup(args));
	o->line = c->line;
	if (o->module && o->args)
		conf->n_options++;
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

static void dir_failure_action(struct ctx *c, const struct directive *d, char *v)
{
	enum kd_action a = action_by_name(v);

	if (a == KD_ACTION_UNSET) {
		kd_diag_error(c->diag, c->line, "\"%s\" is not a failure action "
			      "(reboot, halt, poweroff, shell, dump_to_rootfs)", v);
		return;
	}
	if (!claim(c, d))
		c->conf->failure_action = a;
}

/* default <action>: the old name, which also knew mount_root_run_init */
static void dir_default(struct ctx *c, const struct directive *d, char *v)
{
	enum kd_action a = action_by_name(v);
	int old = !strcmp(v, "mount_root_run_init");

	if (old)
		a = KD_ACTION_DUMP_TO_ROOTFS;
	if (a == KD_ACTION_UNSET) {
		kd_diag_error(c->diag, c->line, "\"%s\" is not a failure action "
			      "(reboot, halt, poweroff, shell, dump_to_rootfs)", v);
		return;
	}
	if (claim(c, d))
		return;
	c->conf->failure_action = a;
	if (old)
		kd_diag_warn(c->diag, c->line, "\"default mount_root_run_init\" is "
			     "deprecated: use \"failure_action dump_to_rootfs\"");
	else
		kd_diag_warn(c->diag, c->line, "\"default\" is deprecated: use "
			     "\"failure_action %s\"", v);
}

static void dir_mount_root_run_init(struct ctx *c, const struct directive *d,
				    char *v)
{
	if (*v) {
		kd_diag_error(c->diag, c->line, "\"mount_root_run_init\" takes no "
			      "value");
		return;
	}
	if (claim(c, d))
		return;
	c->conf->failure_action = KD_ACTION_DUMP_TO_ROOTFS;
	kd_diag_warn(c->diag, c->line, "\"mount_root_run_init\" is deprecated: "
		     "use \"failure_action dump_to_rootfs\"");
}

static void dir_final_action(struct ctx *c, const struct directive *d, char *v)
{
	enum kd_action a = action_by_name(v);

	if (a != KD_ACTION_REBOOT && a != KD_ACTION_HALT && a != KD_ACTION_POWEROFF) {
		kd_diag_error(c->diag, c->line, "\"%s\" is not a final action "
			      "(reboot, halt, poweroff)", v);
		return;
	}
	if (!claim(c, d))
		c->conf->final_action = a;
}

/* ---- the table ---- */

#define F(f) offsetof(struct kdump_conf, f)
static const struct directive directives[] = {
	{ "raw", dir_raw, SLOT_TARGET, 0, 0 },
	{ "nfs", dir_nfs, SLOT_TARGET, 0, 0 },
	{ "nfs4", dir_nfs, SLOT_TARGET, 0, 0 },
	{ "net", dir_net, SLOT_TARGET, 0, 0 },
	{ "ssh", dir_ssh, SLOT_TARGET, 0, 0 },
	{ "ext2", dir_fs, SLOT_TARGET, 0, 0 },
	{ "ext3", dir_fs, SLOT_TARGET, 0, 0 },
	{ "ext4", dir_fs, SLOT_TARGET, 0, 0 },
	{ "xfs", dir_fs, SLOT_TARGET, 0, 0 },
	{ "btrfs", dir_fs, SLOT_TARGET, 0, 0 },
	{ "vfat", dir_fs, SLOT_TARGET, 0, 0 },
	{ "msdos", dir_fs, SLOT_TARGET, 0, 0 },
	{ "minix", dir_fs, SLOT_TARGET, 0, 0 },
	{ "virtiofs", dir_virtiofs, SLOT_TARGET, 0, 0 },
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
	{ "force_rebuild", dir_force, SLOT_FORCE, F(force_rebuild), 0 },
	{ "force_no_rebuild", dir_force, SLOT_NO_REBUILD, F(force_no_rebuild), 0 },
	{ "override_resettable", dir_override_resettable, SLOT_RESETTABLE,
	  F(override_resettable), 0 },
	{ "auto_reset_crashkernel", dir_auto_reset, SLOT_AUTO_RESET,
	  F(auto_reset_crashkernel), 0 },
};
#define N_DIRECTIVES (sizeof directives / sizeof directives[0])

static const struct directive *lookup(const char *name)
{
	size_t i;

	for (i = 0; i < N_DIRECTIVES; i++)
		if (!strcmp(directives[i].name, name))
			return &directives[i];
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
	d = lookup(name);
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
		if ((p == line || is_blank(p[-1])) && (!p[n] || is_blank(p[n])))
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
		conf->path = keep(c, strdup(KDUMP_DEFAULT_DUMP_PATH));
	if (!conf->sshkey)
		conf->sshkey = keep(c, strdup(KDUMP_DEFAULT_SSHKEY));
}

int kdump_conf_parse(struct kdump_conf *conf, const char *text, size_t len,
		     struct kd_diag *diag)
{
	struct ctx c;

	memset(conf, 0, sizeof *conf);
	memset(&c, 0, sizeof c);
	conf->disk_timeout = KDUMP_DEFAULT_DISK_TIMEOUT;
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
	const struct directive *d = lookup(directive);
	const struct pool *p = conf->storage;

	return d && p ? p->line[d->slot] : 0;
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

/* ---- printing ---- */

/* Would the parser change s (a "#" tail taken as a comment, outer blanks
 * trimmed)?  A value holding a double quote was never unquoted, so it is
 * always written as it is. */
static int needs_quotes(const char *s, size_t len)
{
	size_t i;

	if (memchr(s, '"', len))
		return 0;
	if (!len || is_blank(s[0]) || is_blank(s[len - 1]))
		return 1;
	for (i = 0; i < len; i++)
		if (s[i] == '#' && (i == 0 || is_blank(s[i - 1])))
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
	fprintf(out, "debug_mem_level %d\n", conf->debug_mem_level);
	fprintf(out, "force_rebuild %d\n", conf->force_rebuild);
	fprintf(out, "force_no_rebuild %d\n", conf->force_no_rebuild);
}
