/* dumprecord.c - the facts of one dump for vmcore.json. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "dumprecord.h"
#include "input.h"
#include "log.h"
#include "readfile.h"
#include "save.h"

#define LOG_MAX (16 << 20)	/* vmcore-dmesg.txt read for its panic line */

void kd_dumprecord_begin(struct kd_record *r, const char *vmcore)
{
	struct kd_input *in;
	struct kd_error e;

	kd_record_init(r);
	r->capture_start = time(NULL);
	r->status = KD_RECORD_UNREACHABLE;
	r->dump_level = r->dump_level_configured = -1;
	if (kd_input_open(&in, vmcore, 0, &e)) {
		kd_debug("record: %s", e.msg);
		return;
	}
	snprintf(r->kernel_release, sizeof r->kernel_release, "%s",
		 kd_input_meta(in)->release);
	r->crash_time = kd_input_meta(in)->crashtime;
	kd_input_close(in);
}

/* The line of text at p, without its "[ time]" prefix, into out. */
static void copy_line(const char *p, char *out, size_t size)
{
	const char *end = strchr(p, '\n');
	size_t len = end ? (size_t)(end - p) : strlen(p);

	snprintf(out, size, "%.*s", (int)len, p);
}

static const char *line_start(const char *log, const char *p)
{
	while (p > log && p[-1] != '\n')
		p--;
	return p;
}

/* The message after a "[    1.234567] " timestamp. */
static const char *after_stamp(const char *line)
{
	const char *close;

	if (*line != '[' || !(close = strchr(line, ']')) ||
	    memchr(line, '\n', (size_t)(close - line)))
		return line;
	close++;
	return *close == ' ' ? close + 1 : close;
}

void kd_dumprecord_panic_line(const char *log, char *out, size_t size)
{
	static const char *const first[] = { "Oops", "BUG: ", "general protection" };
	const char *p, *hit = NULL;
	size_t i;

	out[0] = '\0';
	for (p = log; (p = strstr(p, "Kernel panic - not syncing")); p++)
		hit = p;
	for (i = 0; !hit && i < sizeof first / sizeof first[0]; i++)
		hit = strstr(log, first[i]);
	/* "[    1.234] " and a caller id ("[     T1] ") may come first */
	if (hit)
		copy_line(after_stamp(after_stamp(line_start(log, hit))), out, size);
}

void kd_dumprecord_panic(struct kd_record *r, const char *path)
{
	char *text = kd_read_file(path, LOG_MAX, NULL);

	if (text)
		kd_dumprecord_panic_line(text, r->panic_message,
					 sizeof r->panic_message);
	free(text);
}

static const char *format_name(const struct kd_collect_opts *o)
{
	if (o->flat)
		return "flattened";
	return o->format == KD_FORMAT_ELF ? "elf" : "kdump-compressed";
}

/* record.h's names: lower case, "none" */
static const char *codec_name(enum kd_codec_kind kind)
{
	switch (kind) {
	case KD_CODEC_ZLIB: return "zlib";
	case KD_CODEC_LZO: return "lzo";
	case KD_CODEC_ZSTD: return "zstd";
	default: return "none";
	}
}

void kd_dumprecord_collected(struct kd_record *r,
			     const struct kd_collect_result *res,
			     const struct kd_collect_opts *o, int configured)
{
	const struct kd_stats *s = &res->stats;
	unsigned bit;

	snprintf(r->dump_format, sizeof r->dump_format, "%s", format_name(o));
	r->dump_level = res->dump_level;
	r->dump_level_configured = configured;
	snprintf(r->codec, sizeof r->codec, "%s", codec_name(res->codec));
	snprintf(r->fit, sizeof r->fit, "%s", res->fit);
	r->pages.total = res->max_mapnr;
	r->pages.written = res->pages_written;
	r->pages.zero = s->zero;
	r->pages.cache = s->cache;
	r->pages.cache_private = s->cache_private;
	r->pages.user = s->user;
	r->pages.free = s->free;
	r->pages.hwpoison = s->hwpoison;
	r->pages.offline = s->offline;
	r->pages.read_errors = s->read_errors;
	r->bytes_written = res->bytes_written;
	if (res->sha256[0])
		snprintf(r->sha256, sizeof r->sha256, "%s", res->sha256);
	for (bit = 1; bit; bit <<= 1)
		if ((res->degraded & bit) && kd_degraded_reason(bit))
			kd_record_degraded(r, kd_degraded_reason(bit));
}

void kd_dumprecord_end(struct kd_record *r, int status,
		       const struct kdump_conf *conf, int rootfs_attempt)
{
	enum kd_action next = conf->final_action;

	r->status = status == KD_DUMP_SAVED ?
		    (r->n_degraded ? KD_RECORD_DEGRADED : KD_RECORD_COMPLETE) :
		    status == KD_DUMP_INCOMPLETE ? KD_RECORD_INCOMPLETE :
		    KD_RECORD_UNREACHABLE;
	r->capture_end = time(NULL);
	if (status != KD_DUMP_SAVED && !rootfs_attempt)
		next = conf->failure_action == KD_ACTION_UNSET ?
		       KD_ACTION_REBOOT : conf->failure_action;
	snprintf(r->action, sizeof r->action, "%s",
		 kd_action_name(next == KD_ACTION_UNSET ? KD_ACTION_REBOOT : next));
}

void kd_dumprecord_write(const char *dir, const struct kd_record *r)
{
	struct kd_error e;

	if (kd_record_write(dir, r, &e))
		kd_warn("%s: %s", KD_RECORD_FILE, e.msg);
}
