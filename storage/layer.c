/* layer.c - the lines of /etc/kdump/stack (see layer.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "layer.h"

int kd_layer_parse(const char *line, struct kd_layer *l)
{
	char tail;

	memset(l, 0, sizeof *l);
	if (sscanf(line, "md %39s %c", l->md_uuid, &tail) == 1) {
		l->kind = KD_LAYER_MD;
		return 0;
	}
	if (sscanf(line, "lvm %39s %39s %127s %127s %" SCNu64 " %c",
		   l->lv.vg_uuid, l->lv.lv_uuid, l->lv.vg_name, l->lv.lv_name,
		   &l->lv.seqno, &tail) == 5) {
		l->kind = KD_LAYER_LVM;
		return 0;
	}
	return -1;
}

int kd_layer_format(const struct kd_layer *l, char *out, size_t size)
{
	int n;

	if (l->kind == KD_LAYER_MD)
		n = snprintf(out, size, "md %s", l->md_uuid);
	else
		n = snprintf(out, size, "lvm %s %s %s %s %" PRIu64, l->lv.vg_uuid,
			     l->lv.lv_uuid, l->lv.vg_name, l->lv.lv_name,
			     l->lv.seqno);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}
