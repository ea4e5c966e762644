/* save.h - save one dump into a directory: vmcore-dmesg.txt first, then
 * the vmcore through the core_collector, written as vmcore-incomplete,
 * fsynced and renamed when complete (to vmcore.flat when the built-in
 * collector has -F, as ssh targets name it), files mode 0600; and the
 * capture kernel's own log as kexec-dmesg.log. */
#ifndef KD_SAVE_H
#define KD_SAVE_H

#include "error.h"
#include "kdump_conf.h"
#include "record.h"

#define KD_VMCORE "/proc/vmcore"

/* How far a dump attempt got: kdump_post's argument, documented in
 * kdump.conf(5), so the values never change. */
enum kd_dump_status {
	KD_DUMP_SAVED = 0,		/* the dump is whole */
	KD_DUMP_INCOMPLETE = 1,		/* the collector or the writing failed */
	KD_DUMP_UNREACHABLE = 2,	/* nothing could be written to the target */
};

/* Returns the collector's status: 0 when the vmcore was saved whole.  rec
 * (may be NULL) gets the panic line, what the collector wrote, the file's
 * name and, when whole, its SHA-256.  With fit_to_target the built-in
 * collector raises the level until the dump fits the free space. */
int kd_save_dump(const struct kdump_conf *conf, const char *dir,
		 struct kd_record *rec, struct kd_error *e);

/* The flattened dump (raw targets) to an open device. */
int kd_save_raw(const struct kdump_conf *conf, int fd, struct kd_error *e);

/* The dump on a stream (ssh): flattened from the built-in collector,
 * unfiltered ELF from cat/dd. */
int kd_save_stream(const struct kdump_conf *conf, int fd,
		   struct kd_record *rec, struct kd_error *e);

/* The crashed kernel's log to fd. */
int kd_save_dmesg_to(int fd, struct kd_error *e);

/* 1 when core_collector is makedumpfile or kdump-collect (run in-process). */
int kd_collector_is_builtin(const struct kdump_conf *conf);

/* 1 when it is the built-in collector with -F: the flattened format. */
int kd_collector_is_flat(const struct kdump_conf *conf);

/* The capture kernel's log, as kexec-dmesg.log in dir. */
int kd_save_kernel_log(const char *dir, struct kd_error *e);

#endif
