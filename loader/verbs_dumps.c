/* kdumpctl's verbs about the saved dumps: list.
 *
 * The dump directory is found as for KDUMP_KEEP_DUMPS (dumppath.h): path
 * on the root filesystem, or under the mount point of a filesystem
 * target; a raw target's dumps are where `kdumpctl start` restores them,
 * path on the root filesystem.  Standard output holds the table and
 * nothing else; notes and warnings go to standard error. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dumplist.h"
#include "dumppath.h"
#include "kdumpctl.h"
#include "log.h"
#include "table.h"

/* Where the dumps are: 0 with dir set, 1 when they cannot be listed from
 * here (said on stderr; exit with *status), -1 after an error. */
static int dump_dir(const struct kdump_conf *conf, char *dir, size_t size,
		    int *status)
{
	struct kd_error e;
	int ret;

	if (conf->target_kind == KD_TARGET_RAW) {
		snprintf(dir, size, "%s", conf->path);
		return 0;
	}
	ret = kd_dump_path(conf, "", dir, size, &e);
	if (ret < 0)
		*status = kdumpctl_report(&e);
	if (ret <= 0)
		return ret;
	if (conf->target_kind == KD_TARGET_NFS || conf->target_kind == KD_TARGET_SSH) {
		kd_info("the dumps are on the %s server %s, in %s there: list "
			"them there", kd_target_kind_name(conf->target_kind),
			conf->target, conf->path);
		*status = EXIT_OK;
	} else {
		kd_err("%s", e.msg);
		*status = EXIT_FAIL;
	}
	return 1;
}

/* The header and a line for each dump, into t (only the header when dir
 * does not exist: there are no dumps yet). */
static int fill(struct kd_table *t, const char *dir, struct kd_error *e)
{
	static char cells[KD_LIST_COLS][KD_LIST_CELL];
	const char *row[KD_LIST_COLS];
	struct kd_listed *l;
	int n, i, ret = 0;

	if (kd_table_add(t, kd_dumplist_header))
		return kd_fail(e, ENOMEM, "out of memory");
	if (access(dir, F_OK) && errno == ENOENT) {
		kd_info("%s does not exist: no dumps", dir);
		return 0;
	}
	if (kd_dumplist_scan(dir, &l, &n, e))
		return -1;
	for (i = 0; i < KD_LIST_COLS; i++)
		row[i] = cells[i];
	for (i = 0; !ret && i < n; i++) {
		kd_dumplist_cells(dir, &l[i], cells);
		if (kd_table_add(t, row))
			ret = kd_fail(e, ENOMEM, "out of memory");
	}
	free(l);
	return ret;
}

/* The table on stdout; 0, or -1 when it could not be written. */
static int print(const struct kd_table *t, struct kd_error *e)
{
	if (kd_table_print(t, stdout) || fflush(stdout))
		return kd_fail(e, errno, "cannot write the list: %s",
			       strerror(errno));
	return 0;
}

int kdumpctl_verb_list(const struct options *o)
{
	struct kdump_conf conf;
	struct kd_table t;
	struct kd_diag d;
	struct kd_error e;
	char dir[PATH_MAX];
	int status = EXIT_FAIL;

	kd_diag_init(&d, o->config);
	kdumpctl_read_conf(&conf, o, &d);
	kd_table_init(&t, KD_LIST_COLS);
	if (d.errors)
		kd_err("the configuration has errors: the dumps were not listed");
	else if (!dump_dir(&conf, dir, sizeof dir, &status))
		status = fill(&t, dir, &e) || print(&t, &e) ?
			kdumpctl_report(&e) : EXIT_OK;
	kd_table_free(&t);
	kdump_conf_free(&conf);
	return status;
}
