/* stackup.c - MD and LVM under the target, set up in order (see
 * stackup.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "log.h"
#include "lvm.h"
#include "md.h"
#include "readfile.h"
#include "stackup.h"

int kd_stack_load(struct kd_stack *s, const char *file, struct kd_error *e)
{
	char *text = kd_read_file(file, 1 << 16, NULL), *line, *save = NULL;

	memset(s, 0, sizeof *s);
	if (!text)
		return errno == ENOENT ? 0 :
		       kd_fail(e, errno, "%s: %s", file, strerror(errno));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (s->n == KD_STACK_MAX || kd_layer_parse(line, &s->layer[s->n])) {
			free(text);
			return kd_fail(e, EINVAL, "%s: bad layer \"%s\"", file, line);
		}
		s->n++;
	}
	free(text);
	return 0;
}

#define DEGRADED_AFTER 20	/* seconds: at most this long for a member */

static int layer_up(struct kd_stack *s, int i, int degraded, struct kd_error *e)
{
	const struct kd_layer *l = &s->layer[i];

	if (l->kind == KD_LAYER_MD)
		return kd_md_assemble(l->md_uuid, degraded, s->dev[i],
				      sizeof s->dev[i], e);
	return kd_lvm_activate(&l->lv, degraded, s->dev[i], sizeof s->dev[i], e);
}

static void say_up(const struct kd_stack *s, int i)
{
	const struct kd_layer *l = &s->layer[i];

	if (l->kind == KD_LAYER_MD)
		kd_info("assembled MD array %s as %s", l->md_uuid, s->dev[i]);
	else
		kd_info("activated LVM volume %s/%s as %s", l->lv.vg_name,
			l->lv.lv_name, s->dev[i]);
}

void kd_stack_step(void *ctx, int waited, int timeout)
{
	struct kd_stack *s = ctx;
	int half = timeout / 2 < DEGRADED_AFTER ? timeout / 2 : DEGRADED_AFTER;
	struct kd_error e;

	while (s->up < s->n) {
		if (layer_up(s, s->up, waited >= half, &e)) {
			/* say it once, not on every poll */
			if (strcmp(s->why, e.msg))
				kd_info("not yet: %s", e.msg);
			snprintf(s->why, sizeof s->why, "%s", e.msg);
			return;
		}
		say_up(s, s->up);
		s->why[0] = '\0';
		s->up++;
	}
}
