/* kdump_conf_directives.c - the directives of kdump.conf: one handler
 * each, which checks the value and stores it, and the table that names
 * them.  "Given twice" is tracked per slot: directives that set the same
 * thing (the dump target, the failure action) share one. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kdump_conf_table.h"
#include "server.h"

#define MAX_SECONDS 86400	/* link_delay, disk_timeout: at most a day */

/* ---- storage ---- */

static void out_of_memory(struct ctx *c)
{
	kd_diag_error(c->diag, c->line, "out of memory");
}

char *kd_conf_keep(struct ctx *c, char *s)
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
	char *word = kd_conf_keep(c, strndup(s, len));

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

		while (kd_conf_is_blank(*s))
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
		if (kd_conf_is_blank(*s))
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
	c->conf->target_fstype = kd_conf_keep(c, strdup(fstype));
	c->conf->target = kd_conf_keep(c, strdup(where));
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
	if (has_blank(v) || (!is_path(v) && !is_tag(v, "PARTUUID=") &&
			     !is_tag(v, "PARTLABEL=") && !is_tag(v, "SERIAL="))) {
		kd_diag_error(c->diag, c->line, "raw target \"%s\" must be a "
			      "device path such as /dev/sdb1, PARTUUID=, "
			      "PARTLABEL= or SERIAL=", v);
		return;
	}
	set_target(c, d, KD_TARGET_RAW, "raw", v);
}

static void dir_fs(struct ctx *c, const struct directive *d, char *v)
{
	if (has_blank(v) || (!is_path(v) && !is_tag(v, "LABEL=") &&
			     !is_tag(v, "UUID=") && !is_tag(v, "PARTUUID=") &&
			     !is_tag(v, "PARTLABEL="))) {
		kd_diag_error(c->diag, c->line, "%s target \"%s\" must be a "
			      "device path, LABEL=, UUID=, PARTUUID= or "
			      "PARTLABEL=", d->name, v);
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
	*field_str(c, d) = kd_conf_keep(c, strdup(v));
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

/* yes or no */
static void dir_yes_no(struct ctx *c, const struct directive *d, char *v)
{
	if (strcmp(v, "yes") && strcmp(v, "no")) {
		kd_diag_error(c->diag, c->line, "\"%s\" must be yes or no, not "
			      "\"%s\"", d->name, v);
		return;
	}
	if (!claim(c, d))
		*field_int(c, d) = v[0] == 'y';
}

/* auto_reset_crashkernel: kdump-utils resets crashkernel= when kernels
 * are updated; kdumpctl does that only when asked (reset-crashkernel). */
static void dir_auto_reset(struct ctx *c, const struct directive *d, char *v)
{
	int errors = c->diag->errors;

	dir_yes_no(c, d, v);
	if (c->diag->errors == errors)
		kd_diag_warn(c->diag, c->line, "\"auto_reset_crashkernel\" has no "
			     "effect: run \"kdumpctl reset-crashkernel\" to set the "
			     "default crashkernel=");
}

/* dump_stall_timeout: a few seconds at least, or every pause of a busy
 * target would end the capture. */
static void dir_stall_timeout(struct ctx *c, const struct directive *d, char *v)
{
	int n;

	if (parse_count(v, d->max, &n) || n < KDUMP_MIN_STALL_TIMEOUT) {
		kd_diag_error(c->diag, c->line, "\"%s\" must be a whole number "
			      "of seconds from %d to %d, not \"%s\"", d->name,
			      KDUMP_MIN_STALL_TIMEOUT, d->max, v);
		return;
	}
	if (!claim(c, d))
		*field_int(c, d) = n;
}

/* dump_timeout: seconds, 0 for none, or auto */
static void dir_dump_timeout(struct ctx *c, const struct directive *d, char *v)
{
	int n;

	if (!strcmp(v, "auto")) {
		n = KDUMP_DUMP_TIMEOUT_AUTO;
	} else if (parse_count(v, d->max, &n)) {
		kd_diag_error(c->diag, c->line, "\"%s\" must be auto or a whole "
			      "number of seconds from 0 (none) to %d, not \"%s\"",
			      d->name, d->max, v);
		return;
	}
	if (!claim(c, d))
		*field_int(c, d) = n;
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
	while (kd_conf_is_blank(*args))
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
	o->module = kd_conf_keep(c, strdup(v));
	o->args = kd_conf_keep(c, strdup(args));
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

const char *kd_action_name(enum kd_action action)
{
	if (action <= KD_ACTION_UNSET || action > KD_ACTION_DUMP_TO_ROOTFS)
		return "reboot";
	return action_names[action];
}

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
	{ "raw", dir_raw, SLOT_TARGET, 0, 0, 0 },
	{ "nfs", dir_nfs, SLOT_TARGET, 0, 0, 0 },
	{ "nfs4", dir_nfs, SLOT_TARGET, 0, 0, 0 },
	{ "net", dir_net, SLOT_TARGET, 0, 0, 0 },
	{ "ssh", dir_ssh, SLOT_TARGET, 0, 0, 0 },
	{ "ext2", dir_fs, SLOT_TARGET, 0, 0, 0 },
	{ "ext3", dir_fs, SLOT_TARGET, 0, 0, 0 },
	{ "ext4", dir_fs, SLOT_TARGET, 0, 0, 0 },
	{ "xfs", dir_fs, SLOT_TARGET, 0, 0, 0 },
	{ "btrfs", dir_fs, SLOT_TARGET, 0, 0, 0 },
	{ "vfat", dir_fs, SLOT_TARGET, 0, 0, 0 },
	{ "msdos", dir_fs, SLOT_TARGET, 0, 0, 0 },
	{ "minix", dir_fs, SLOT_TARGET, 0, 0, 0 },
	{ "virtiofs", dir_virtiofs, SLOT_TARGET, 0, 0, 0 },
	{ "path", dir_string, SLOT_PATH, F(path), 0, 0 },
	{ "core_collector", dir_string, SLOT_COLLECTOR, F(core_collector), 0, 0 },
	{ "sshkey", dir_string, SLOT_SSHKEY, F(sshkey), 0, 0 },
	{ "kdump_pre", dir_string, SLOT_PRE, F(kdump_pre), 0, 0 },
	{ "kdump_post", dir_string, SLOT_POST, F(kdump_post), 0, 0 },
	{ "kdump_emergency", dir_string, SLOT_EMERGENCY, F(kdump_emergency), 0, 0 },
	{ "dracut_args", dir_string, SLOT_DRACUT, F(dracut_args), 0, 0 },
	{ "fence_kdump_args", dir_string, SLOT_FENCE_ARGS, F(fence_kdump_args), 0, 0 },
	{ "fence_kdump_nodes", dir_words, SLOT_FENCE_NODES, F(fence_kdump_nodes), 0, 0 },
	{ "extra_bins", dir_more_words, SLOT_NONE, F(extra_bins), 0, 0 },
	{ "extra_modules", dir_more_words, SLOT_NONE, F(extra_modules), 0, 0 },
	{ "blacklist", dir_more_words, SLOT_NONE, F(blacklist), 0, 0 },
	{ "options", dir_options, SLOT_NONE, 0, 0, 0 },
	{ "failure_action", dir_failure_action, SLOT_FAILURE, 0, 0, 0 },
	{ "default", dir_default, SLOT_FAILURE, 0, 0, 0 },
	{ "mount_root_run_init", dir_mount_root_run_init, SLOT_FAILURE, 0, 0, 1 },
	{ "final_action", dir_final_action, SLOT_FINAL, 0, 0, 0 },
	{ "link_delay", dir_number, SLOT_LINK_DELAY, F(link_delay), MAX_SECONDS, 0 },
	{ "disk_timeout", dir_number, SLOT_DISK_TIMEOUT, F(disk_timeout), MAX_SECONDS, 0 },
	{ "dump_stall_timeout", dir_stall_timeout, SLOT_STALL_TIMEOUT,
	  F(dump_stall_timeout), MAX_SECONDS, 0 },
	{ "dump_timeout", dir_dump_timeout, SLOT_DUMP_TIMEOUT, F(dump_timeout),
	  10 * MAX_SECONDS, 0 },
	{ "fit_to_target", dir_yes_no, SLOT_FIT, F(fit_to_target), 0, 0 },
	{ "debug_mem_level", dir_number, SLOT_DEBUG_MEM, F(debug_mem_level), 3, 0 },
	{ "force_rebuild", dir_force, SLOT_FORCE, F(force_rebuild), 0, 0 },
	{ "force_no_rebuild", dir_force, SLOT_NO_REBUILD, F(force_no_rebuild), 0, 0 },
	{ "override_resettable", dir_override_resettable, SLOT_RESETTABLE,
	  F(override_resettable), 0, 0 },
	{ "auto_reset_crashkernel", dir_auto_reset, SLOT_AUTO_RESET,
	  F(auto_reset_crashkernel), 0, 0 },
};
#define N_DIRECTIVES (sizeof directives / sizeof directives[0])

const struct directive *kd_conf_directive(const char *name)
{
	size_t i;

	for (i = 0; i < N_DIRECTIVES; i++)
		if (!strcmp(directives[i].name, name))
			return &directives[i];
	return NULL;
}
