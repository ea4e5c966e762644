/* dumpline.c - one dump's line of `kdumpctl list`: its record read and
 * shown (see dumplist.h). */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include "dumplist.h"
#include "printable.h"
#include "readfile.h"
#include "record.h"

const char *const kd_dumplist_header[KD_LIST_COLS] = {
	"DUMP", "STATUS", "KERNEL", "CRASHED (UTC)", "SIZE", "LEVEL/CODEC",
	"WHY",
};

enum { C_DUMP, C_STATUS, C_KERNEL, C_CRASHED, C_SIZE, C_LEVEL, C_WHY };

/* Bytes in binary units, one decimal below 10: 512B 1.5K 27M 3.2G. */
static void human(uint64_t bytes, char *out, size_t size)
{
	static const char units[] = "BKMGTPE";
	double v = (double)bytes;
	int u = 0;

	while (v >= 1024 && units[u + 1]) {
		v /= 1024;
		u++;
	}
	if (!u)
		snprintf(out, size, "%" PRIu64 "B", bytes);
	else
		snprintf(out, size, v < 9.95 ? "%.1f%c" : "%.0f%c", v, units[u]);
}

/* ISO 8601 in UTC; "-" for an unknown time (0). */
static void iso_time(int64_t t, char *out, size_t size)
{
	time_t when = (time_t)t;
	struct tm tm;

	if (t <= 0 || (int64_t)when != t || !gmtime_r(&when, &tm) ||
	    !strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm))
		snprintf(out, size, "-");
}

/* "31/zstd"; "-" for what the record does not know. */
static void level(const struct kd_record *r, char *out, size_t size)
{
	char lvl[16] = "-", text[64];

	if (r->dump_level >= 0)
		snprintf(lvl, sizeof lvl, "%d", r->dump_level);
	snprintf(text, sizeof text, "%s%s%s", lvl, r->codec[0] ? "/" : "",
		 r->codec);
	kd_printable(text, out, size);
}

/* Why a dump is not complete: its first failed step, else (degraded)
 * its first reason. */
static void why(const struct kd_record *r, char *out, size_t size)
{
	const struct kd_record_step *s = &r->failed[0];
	char text[2 * KD_RECORD_TEXT + 2] = "";

	if (r->status != KD_RECORD_COMPLETE && r->n_failed)
		snprintf(text, sizeof text, "%s%s%s", s->step,
			 s->error[0] ? ": " : "", s->error);
	else if (r->status != KD_RECORD_COMPLETE && r->n_degraded)
		snprintf(text, sizeof text, "%s", r->degraded[0]);
	kd_printable(text, out, size);
}

/* The record of dump l: 0, or -1 after a warning saying why not. */
static int read_record(const char *dir, const struct kd_listed *l,
		       struct kd_record *r)
{
	char path[PATH_MAX + 300], *text;
	const char *fail = NULL;
	struct kd_error e;
	struct stat st;
	size_t len;

	snprintf(path, sizeof path, "%s/%s/%s", dir, l->d.name, KD_RECORD_FILE);
	/* not through a link: it could point anywhere on this system */
	if (lstat(path, &st))
		fail = strerror(errno);
	else if (!S_ISREG(st.st_mode))
		fail = "not a regular file";
	text = fail ? NULL : kd_read_config(path, KD_RECORD_FILE_MAX, &len, &fail);
	if (text && kd_record_parse(r, text, len, &e))
		fail = e.msg;
	if (fail)
		kd_dumplist_warn(dir, l->d.name, KD_RECORD_FILE, fail);
	free(text);
	return fail ? -1 : 0;
}

void kd_dumplist_cells(const char *dir, const struct kd_listed *l,
		       char cells[KD_LIST_COLS][KD_LIST_CELL])
{
	struct kd_record r;
	int good = l->record && !read_record(dir, l, &r);
	int i;

	for (i = 0; i < KD_LIST_COLS; i++)
		snprintf(cells[i], KD_LIST_CELL, "-");
	kd_printable(l->d.name, cells[C_DUMP], KD_LIST_CELL);
	cells[C_WHY][0] = '\0';
	if (!good) {
		snprintf(cells[C_STATUS], KD_LIST_CELL, "%s",
			 l->record ? "bad record" : "no record");
		if (l->file_size)
			human(l->file_size, cells[C_SIZE], KD_LIST_CELL);
		return;
	}
	snprintf(cells[C_STATUS], KD_LIST_CELL, "%s",
		 kd_record_status_name(r.status));
	if (r.kernel_release[0])
		kd_printable(r.kernel_release, cells[C_KERNEL], KD_LIST_CELL);
	iso_time(r.crash_time, cells[C_CRASHED], KD_LIST_CELL);
	human(r.bytes_written, cells[C_SIZE], KD_LIST_CELL);
	level(&r, cells[C_LEVEL], KD_LIST_CELL);
	why(&r, cells[C_WHY], KD_LIST_CELL);
}
