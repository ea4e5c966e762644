/* dumprecord.h - fill the record (record.h) of one dump attempt: the
 * crashed kernel's release and crash time, the panic line of its log, what
 * the collector wrote, and how the attempt ended. */
#ifndef KD_DUMPRECORD_H
#define KD_DUMPRECORD_H

#include "collect.h"
#include "kdump_conf.h"
#include "record.h"

/* A fresh record: capture_start now, release and CRASHTIME from vmcore. */
void kd_dumprecord_begin(struct kd_record *r, const char *vmcore);

/* The panic message: the last "Kernel panic - not syncing" line of the
 * log text, else its first Oops or BUG line; "" when there is none. */
void kd_dumprecord_panic_line(const char *log, char *out, size_t size);

/* panic_message from the saved vmcore-dmesg.txt at path. */
void kd_dumprecord_panic(struct kd_record *r, const char *path);

/* What the built-in collector wrote, its configured level and the file. */
void kd_dumprecord_collected(struct kd_record *r,
			     const struct kd_collect_result *res,
			     const struct kd_collect_opts *o, int configured);

/* The end of an attempt that ended with `status` (enum kd_dump_status):
 * the record's status (complete becomes degraded when the collector said
 * so), capture_end now, and the action that follows - failure_action, or
 * final_action after success and after the dump_to_rootfs attempt. */
void kd_dumprecord_end(struct kd_record *r, int status,
		       const struct kdump_conf *conf, int rootfs_attempt);

/* Write dir/vmcore.json; a warning when it cannot be. */
void kd_dumprecord_write(const char *dir, const struct kd_record *r);

#endif
