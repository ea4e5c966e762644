/* record.c - the record of a dump: built up, named, written (record.h).
 * Its JSON text is record_json.c's. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "record.h"
#include "utf8.h"
#include "writefile.h"

static const char *const status_names[] = {
	[KD_RECORD_COMPLETE] = "complete",
	[KD_RECORD_DEGRADED] = "degraded",
	[KD_RECORD_INCOMPLETE] = "incomplete",
	[KD_RECORD_UNREACHABLE] = "unreachable",
};

const char *kd_record_status_name(enum kd_record_status s)
{
	if ((unsigned)s >= sizeof status_names / sizeof status_names[0])
		return "unknown";
	return status_names[s];
}

int kd_record_status_parse(const char *name, enum kd_record_status *s)
{
	size_t i;

	for (i = 0; i < sizeof status_names / sizeof status_names[0]; i++)
		if (!strcmp(name, status_names[i])) {
			*s = (enum kd_record_status)i;
			return 0;
		}
	return -1;
}

void kd_record_init(struct kd_record *r)
{
	memset(r, 0, sizeof *r);
	r->version = KD_RECORD_VERSION;
}

void kd_record_text(char *dst, size_t size, const char *src)
{
	size_t len = kd_utf8_cut(src, strlen(src), size - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* How many entries the list's last one stands for: 1, or N from the
 * "(N more left out)" that replaced it. */
static int stands_for(const char *last)
{
	static const char tail[] = " more left out)";
	const char *p = last + 1;
	long long n = 0;	/* stops at INT_MAX, far from its own end */

	if (last[0] != '(' || *p < '1' || *p > '9')
		return 1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((n = n * 10 + (*p - '0')) >= INT_MAX)
			return 1;
	return strcmp(p, tail) || n < 2 ? 1 : (int)n;
}

/* The last entry when the list is full: it becomes the count of what it
 * and every later entry would have said. */
static void left_out(char *last, size_t size)
{
	int n = stands_for(last);

	snprintf(last, size, "(%d more left out)", n + 1);
}

void kd_record_degraded(struct kd_record *r, const char *why)
{
	char *last = r->degraded[KD_RECORD_MAX_LIST - 1];

	if (r->n_degraded >= KD_RECORD_MAX_LIST) {
		left_out(last, KD_RECORD_TEXT);
		return;
	}
	kd_record_text(r->degraded[r->n_degraded++], KD_RECORD_TEXT, why);
}

void kd_record_failed(struct kd_record *r, const char *step, const char *error)
{
	struct kd_record_step *last = &r->failed[KD_RECORD_MAX_LIST - 1];

	if (r->n_failed >= KD_RECORD_MAX_LIST) {
		left_out(last->step, sizeof last->step);
		last->error[0] = '\0';
		return;
	}
	last = &r->failed[r->n_failed++];
	kd_record_text(last->step, sizeof last->step, step);
	kd_record_text(last->error, sizeof last->error, error);
}

int kd_record_write(const char *dir, const struct kd_record *r,
		    struct kd_error *e)
{
	char path[PATH_MAX], *text = malloc(KD_RECORD_JSON_MAX);
	int len, ret;

	if (!text)
		return kd_fail(e, ENOMEM, "cannot write %s/%s: out of memory",
			       dir, KD_RECORD_FILE);
	len = kd_record_format(r, text, KD_RECORD_JSON_MAX);
	if (snprintf(path, sizeof path, "%s/%s", dir, KD_RECORD_FILE) >=
	    (int)sizeof path)
		ret = kd_fail(e, ENAMETOOLONG, "cannot write %s/%s: %s", dir,
			      KD_RECORD_FILE, strerror(ENAMETOOLONG));
	else if (len < 0)	/* cannot be: KD_RECORD_JSON_MAX is the bound */
		ret = kd_fail(e, EOVERFLOW, "cannot write %s: the record does "
			      "not fit in %d bytes", path, KD_RECORD_JSON_MAX);
	else
		ret = kd_write_file(path, text, (size_t)len, 0600, e);
	free(text);
	return ret;
}
