/* kdump_conf_table.h - private to the kdump.conf parser: the parsing
 * context, the directive table (kdump_conf_directives.c) and what the
 * line parser (kdump_conf.c) and the printer (kdump_conf_print.c) share. */
#ifndef KD_KDUMP_CONF_TABLE_H
#define KD_KDUMP_CONF_TABLE_H

#include <stddef.h>
#include "kdump_conf.h"

enum {
	SLOT_NONE, SLOT_TARGET, SLOT_FAILURE, SLOT_FINAL, SLOT_PATH,
	SLOT_COLLECTOR, SLOT_SSHKEY, SLOT_PRE, SLOT_POST, SLOT_EMERGENCY,
	SLOT_DRACUT, SLOT_FENCE_ARGS, SLOT_FENCE_NODES, SLOT_LINK_DELAY,
	SLOT_DISK_TIMEOUT, SLOT_DEBUG_MEM, SLOT_FORCE, SLOT_NO_REBUILD,
	SLOT_RESETTABLE, SLOT_AUTO_RESET, SLOT_STALL_TIMEOUT, SLOT_DUMP_TIMEOUT,
	SLOT_FIT, N_SLOTS
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
	int bare;		/* may be given without a value */
};

static inline int kd_conf_is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* The directive called name, or NULL. */
const struct directive *kd_conf_directive(const char *name);

/* Hand s (from malloc) to the pool; NULL and an error when s is NULL or
 * the pool cannot grow. */
char *kd_conf_keep(struct ctx *c, char *s);

#endif
