/* record.h - vmcore.json, the record kdump-init writes beside every dump
 * (mode 0600) and `kdumpctl list` reads back.
 *
 * One JSON object, keys in this order, written by kd_record_format and read
 * by kd_record_parse (which takes any order, skips unknown keys, and
 * refuses what is not one JSON object of these types):
 *
 *   "record": 1                       the format's version
 *   "status": "complete" | "degraded" | "incomplete" | "unreachable"
 *   "kernel_release": "6.1.0-28-amd64"  the crashed kernel's (VMCOREINFO)
 *   "panic_message": "Kernel panic - not syncing: ..."  from its log
 *   "crash_time": 1733220000          VMCOREINFO CRASHTIME, 0 unknown
 *   "capture_start", "capture_end"    the capture kernel's clock (epoch s)
 *   "dump_file": "vmcore"             in the same directory
 *   "dump_format": "kdump-compressed" | "elf" | "flattened" | "copy" | "other"
 *   "dump_level": 31, "dump_level_configured": 1
 *   "codec": "lzo" | "zlib" | "zstd" | "none"
 *   "fit": "..."                      why the level or codec was raised to
 *                                     fit the target, "" when it was not
 *   "pages": { "total", "written", "zero", "cache", "cache_private",
 *              "user", "free", "hwpoison", "offline", "read_errors" }
 *   "bytes_written": 123456
 *   "sha256": "<64 hex digits>"       of dump_file as it lies on the
 *                                     target, "" when not computed
 *   "degraded": [ "reason", ... ]     why a complete dump holds less
 *   "failed_steps": [ { "step": "...", "error": "..." }, ... ]
 *   "action": "reboot" | "halt" | "poweroff" | "shell" | "dump_to_rootfs"
 *
 * Strings are UTF-8 as given (control characters and '"' '\\' escaped; a
 * byte that is not UTF-8 is written as U+FFFD, so that any JSON reader
 * takes the file); the parser accepts the standard escapes, \u included
 * (surrogate pairs, to UTF-8).
 *
 * The parser is strict about what it reads (the file comes from a dump
 * disk): RFC 8259 only, at most KD_RECORD_FILE_MAX bytes, nested at most
 * KD_JSON_MAX_DEPTH (json.h) deep, numbers integers in their field's
 * range.  Its choices:
 *   - "record" and "status" must be there; any other key may be missing
 *     (then as kd_record_init leaves it).  A "record" above
 *     KD_RECORD_VERSION is read all the same: later versions only add keys,
 *     and unknown keys (any JSON value) are skipped.
 *   - A key given twice is refused ("duplicate key"), in the record, in
 *     "pages" and in a failed step: which of two values to believe is not
 *     a guess to make about a file that is not what kdump-init writes.
 *   - A string longer than its field is cut to fit, at a character's
 *     boundary (one longer than the field is still a readable record, and
 *     what kd_record_format writes always fits).  "sha256" is the
 *     exception: "" or 64 lowercase hex digits, anything else refused.
 *   - "degraded" and "failed_steps" beyond KD_RECORD_MAX_LIST entries are
 *     folded into the last as kd_record_degraded/kd_record_failed fold. */
#ifndef KD_RECORD_H
#define KD_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"

#define KD_RECORD_FILE "vmcore.json"
#define KD_RECORD_VERSION 1
#define KD_RECORD_MAX_LIST 8		/* degraded reasons, failed steps */
#define KD_RECORD_TEXT 256		/* bytes per string, NUL included */
/* Room for kd_record_format's longest text: every string full of
 * control bytes (6 bytes each as \u00XX) and every number at its
 * longest make 44668 bytes. */
#define KD_RECORD_JSON_MAX (64 << 10)
#define KD_RECORD_FILE_MAX (1 << 20)	/* what kd_record_parse reads */

enum kd_record_status {
	KD_RECORD_COMPLETE,	/* every page the level keeps is in the dump */
	KD_RECORD_DEGRADED,	/* whole, but some pages could not be read or
				 * filtered (the reasons say which) */
	KD_RECORD_INCOMPLETE,	/* cut short: vmcore-incomplete */
	KD_RECORD_UNREACHABLE,	/* nothing of the vmcore was written */
};

struct kd_record_pages {
	uint64_t total, written, zero, cache, cache_private, user, free,
		 hwpoison, offline, read_errors;
};

struct kd_record_step {
	char step[KD_RECORD_TEXT];	/* "mount nfs", "write vmcore", ... */
	char error[KD_RECORD_TEXT];
};

struct kd_record {
	int version;
	enum kd_record_status status;
	char kernel_release[KD_RECORD_TEXT];
	char panic_message[KD_RECORD_TEXT];
	int64_t crash_time, capture_start, capture_end;
	char dump_file[KD_RECORD_TEXT];
	char dump_format[32];
	int dump_level, dump_level_configured;
	char codec[16];
	char fit[KD_RECORD_TEXT];
	struct kd_record_pages pages;
	uint64_t bytes_written;
	char sha256[65];
	char degraded[KD_RECORD_MAX_LIST][KD_RECORD_TEXT];
	int n_degraded;
	struct kd_record_step failed[KD_RECORD_MAX_LIST];
	int n_failed;
	char action[32];
};

/* A record with version set and everything else empty or 0. */
void kd_record_init(struct kd_record *r);

/* Add a reason or a failed step (strings cut to fit; beyond
 * KD_RECORD_MAX_LIST the last entry says how many were left out:
 * "(N more left out)", as the reason or the step, the error ""). */
void kd_record_degraded(struct kd_record *r, const char *why);
void kd_record_failed(struct kd_record *r, const char *step, const char *error);

/* src into dst (size bytes), cut at a character's boundary to fit. */
void kd_record_text(char *dst, size_t size, const char *src);

/* "complete", ...; "unknown" for a value that is none of them. */
const char *kd_record_status_name(enum kd_record_status s);
/* The status of that name: 0, or -1 when there is none. */
int kd_record_status_parse(const char *name, enum kd_record_status *s);

/* The JSON text into buf (size bytes, NUL-terminated; one key a line,
 * indented by two spaces a level, in the order above, a newline at the
 * end); its length, or -1 when buf is too small (KD_RECORD_JSON_MAX
 * always suffices). */
int kd_record_format(const struct kd_record *r, char *buf, size_t size);

/* Parse len bytes (untrusted: a file on the dump target).  0, or -1 with
 * e saying what and where (byte offset). */
int kd_record_parse(struct kd_record *r, const char *text, size_t len,
		    struct kd_error *e);

/* Write dir/vmcore.json atomically, mode 0600. */
int kd_record_write(const char *dir, const struct kd_record *r,
		    struct kd_error *e);

#endif
