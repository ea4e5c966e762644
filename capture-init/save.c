/* save.c - write vmcore-dmesg.txt, the vmcore and kexec-dmesg.log. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <linux/fs.h>
#include "collect.h"
#include "collector_line.h"
#include "dumprecord.h"
#include "fdio.h"
#include "log.h"
#include "options.h"
#include "run.h"
#include "save.h"
#include "sha256.h"
#include "watch.h"

/* Sync the directory: a file made in it is on the disk from now on, so a
 * target that fails later still shows vmcore-incomplete (and vmcore.json
 * says why) instead of losing the whole entry with the journal. */
static void sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 || (fsync(fd) && errno != EINVAL))
		kd_warn("cannot sync %s: %s", dir, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static int create(const char *dir, const char *name, struct kd_error *e)
{
	char path[4200];
	int fd;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		kd_fail(e, errno, "cannot create %s: %s", path, strerror(errno));
	return fd;
}

/* fsync, close and rename dir/from to dir/to. */
static int finish(int fd, const char *dir, const char *from, const char *to,
		  struct kd_error *e)
{
	char a[4200], b[4200];
	int ret = 0;

	if (fsync(fd) && errno != EINVAL)
		ret = kd_fail(e, errno, "fsync %s/%s: %s", dir, from, strerror(errno));
	if (close(fd) && !ret)
		ret = kd_fail(e, errno, "close %s/%s: %s", dir, from, strerror(errno));
	if (ret)
		return -1;
	snprintf(a, sizeof a, "%s/%s", dir, from);
	snprintf(b, sizeof b, "%s/%s", dir, to);
	if (rename(a, b))
		return kd_fail(e, errno, "rename %s: %s", a, strerror(errno));
	return 0;
}

static int save_dmesg(const char *dir, struct kd_error *e)
{
	int fd = create(dir, "vmcore-dmesg-incomplete.txt", e);

	if (fd < 0)
		return -1;
	kd_info("saving vmcore-dmesg.txt");
	if (kd_collect_dmesg(KD_VMCORE, fd, e)) {
		close(fd);
		return -1;
	}
	return finish(fd, dir, "vmcore-dmesg-incomplete.txt", "vmcore-dmesg.txt", e);
}

/* Copy /proc/vmcore unfiltered (core_collector cp, cat or dd). */
static int copy_vmcore(int out, struct kd_error *e)
{
	static char buf[1 << 20];	/* 1 MiB: too big for a stack frame */
	int in = open(KD_VMCORE, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (in < 0)
		return kd_fail(e, errno, "cannot open %s: %s", KD_VMCORE, strerror(errno));
	while ((n = read(in, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)) {
		if (n > 0 && kd_write_full(out, buf, (size_t)n)) {
			close(in);
			return kd_fail(e, errno, "write: %s", strerror(errno));
		}
	}
	close(in);
	if (n < 0)
		return kd_fail(e, errno, "read %s: %s", KD_VMCORE, strerror(errno));
	return 0;
}

/* How much the dump may take: the free space of the directory's
 * filesystem (the collector measures it on out), or the size of a raw
 * device; 0 (no fitting) when fit_to_target is no or it is unknown. */
static uint64_t fit_bytes(const struct kdump_conf *conf, int out, int flat)
{
	uint64_t size;

	if (!conf->fit_to_target)
		return 0;
	if (!flat)
		return KD_FIT_AUTO;
	if (ioctl(out, BLKGETSIZE64, &size) == 0)
		return size;
	return 0;		/* a stream (ssh): the far side's room is unknown */
}

/* makedumpfile options: the built-in collector.  `flat` for streams; a
 * -F on the line flattens a file too (kd_collector_is_flat names it). */
static int collect_builtin(const struct kdump_conf *conf, const char *line,
			   int out, int flat, struct kd_record *rec,
			   struct kd_error *e)
{
	struct kd_collect_result r;
	struct kd_options o;
	char words[4096];
	int ret;

	if (kd_options_parse_line(&o, line, words, sizeof words, e))
		return -1;
	o.collect.vmcore = KD_VMCORE;
	o.collect.flat |= flat;
	o.collect.fit_bytes = fit_bytes(conf, out, flat);
	kd_info("collecting: level %d, %s, %s%s", o.collect.dump_level,
		kd_codec_name(o.collect.codec),
		o.collect.format == KD_FORMAT_ELF ? "ELF" : "kdump-compressed",
		o.collect.flat ? ", flattened" : "");
	ret = kd_collect(&o.collect, out, &r, e);
	if (rec)
		kd_dumprecord_collected(rec, &r, &o.collect, o.collect.dump_level);
	return ret;
}

static void set_format(struct kd_record *rec, const char *format)
{
	if (rec)
		snprintf(rec->dump_format, sizeof rec->dump_format, "%s", format);
}

/* Run the configured collector with its output on fd `out`. */
static int run_collector(const struct kdump_conf *conf, int out, int flat,
			 const char *dest, struct kd_record *rec,
			 struct kd_error *e)
{
	const char *line = kdump_conf_collector(conf);
	char words[4096], *argv[KD_COLLECTOR_MAX_WORDS + 3];
	int argc, status;

	kd_watch_step("writing the vmcore", 0);
	switch (kd_collector_kind(line)) {
	case KD_COLLECTOR_BUILTIN:
		return collect_builtin(conf, line, out, flat, rec, e);
	case KD_COLLECTOR_COPY:
		kd_info("copying %s unfiltered", KD_VMCORE);
		set_format(rec, "copy");
		return copy_vmcore(out, e);
	default:
		break;
	}
	set_format(rec, "other");
	snprintf(words, sizeof words, "%s", line);
	argc = kd_collector_split(words, argv);
	if (argc < 1)
		return kd_fail(e, EINVAL, "core_collector: empty, or more than "
			       "%d words", KD_COLLECTOR_MAX_WORDS);
	if (!dest)
		return kd_fail(e, EINVAL, "core_collector %s cannot write to a "
			       "raw device", argv[0]);
	argv[argc++] = KD_VMCORE;
	argv[argc++] = (char *)dest;
	argv[argc] = NULL;
	kd_info("running %s", argv[0]);
	status = kd_run(argv);
	if (status)
		return kd_fail(e, EIO, "%s exited with status %d", argv[0], status);
	return 0;
}

/* The saved file's size and SHA-256 into the record, read back from the
 * target once the dump is safe there (after "saved": the hash adds to the
 * time to the reboot, not to the time to the dump): a step bounded by
 * the time a slow disk needs for it (10 MB/s). */
static void hash_dump(const char *dir, const char *name, struct kd_record *rec)
{
	char path[4200];
	struct stat st;
	struct kd_error e;
	int fd;

	if (!rec)
		return;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		kd_warn("sha256: cannot read %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	/* the file's size, gaps between the collector's writes included */
	rec->bytes_written = (uint64_t)st.st_size;
	kd_watch_step("computing the dump's sha256",
		      60 + (int)(st.st_size / (10 << 20)));
	if (kd_sha256_file(fd, rec->sha256, &e)) {
		kd_warn("sha256: %s", e.msg);
		rec->sha256[0] = '\0';
	}
	close(fd);
}

int kd_save_dump(const struct kdump_conf *conf, const char *dir,
		 struct kd_record *rec, struct kd_error *e)
{
	char dest[4200];
	struct kd_error dmesg_err;
	const char *final = kd_collector_is_flat(conf) ? "vmcore.flat" : "vmcore";
	int fd, ret;

	kd_watch_step("saving vmcore-dmesg.txt", 0);
	if (save_dmesg(dir, &dmesg_err))
		kd_warn("vmcore-dmesg.txt: %s", dmesg_err.msg);
	else if (rec) {
		snprintf(dest, sizeof dest, "%s/vmcore-dmesg.txt", dir);
		kd_dumprecord_panic(rec, dest);
	}
	if (rec)
		snprintf(rec->dump_file, sizeof rec->dump_file, "vmcore-incomplete");
	fd = create(dir, "vmcore-incomplete", e);
	if (fd < 0)
		return -1;
	sync_dir(dir);
	snprintf(dest, sizeof dest, "%s/vmcore-incomplete", dir);
	ret = run_collector(conf, fd, 0, dest, rec, e);
	if (ret) {
		fsync(fd);
		close(fd);
		kd_err("the dump is incomplete: %s/vmcore-incomplete", dir);
		return -1;
	}
	if (finish(fd, dir, "vmcore-incomplete", final, e))
		return -1;
	if (rec)
		snprintf(rec->dump_file, sizeof rec->dump_file, "%s", final);
	kd_info("saved %s/%s", dir, final);
	hash_dump(dir, final, rec);
	return 0;
}

int kd_save_raw(const struct kdump_conf *conf, int fd, struct kd_error *e)
{
	int ret = run_collector(conf, fd, 1, NULL, NULL, e);

	if (fsync(fd) && !ret)
		ret = kd_fail(e, errno, "fsync: %s", strerror(errno));
	return ret;
}

int kd_save_stream(const struct kdump_conf *conf, int fd,
		   struct kd_record *rec, struct kd_error *e)
{
	return run_collector(conf, fd, 1, NULL, rec, e);
}

int kd_save_dmesg_to(int fd, struct kd_error *e)
{
	kd_info("saving vmcore-dmesg.txt");
	return kd_collect_dmesg(KD_VMCORE, fd, e);
}

int kd_collector_is_builtin(const struct kdump_conf *conf)
{
	return kd_collector_kind(kdump_conf_collector(conf)) == KD_COLLECTOR_BUILTIN;
}

/* The options as collect_builtin parses them, so that "-lF" counts too. */
int kd_collector_is_flat(const struct kdump_conf *conf)
{
	struct kd_options o;
	struct kd_error e;
	char words[4096];

	return kd_collector_is_builtin(conf) &&
	       !kd_options_parse_line(&o, kdump_conf_collector(conf), words,
				      sizeof words, &e) && o.collect.flat;
}

int kd_save_kernel_log(const char *dir, struct kd_error *e)
{
	int size = klogctl(10, NULL, 0);	/* SYSLOG_ACTION_SIZE_BUFFER */
	char *buf;
	int n, fd, ret = 0;

	if (size <= 0)
		size = 1 << 20;
	buf = malloc((size_t)size);
	if (!buf)
		return kd_fail(e, ENOMEM, "out of memory");
	n = klogctl(3, buf, size);		/* SYSLOG_ACTION_READ_ALL */
	fd = create(dir, "kexec-dmesg.log", e);
	if (fd < 0) {
		free(buf);
		return -1;
	}
	if (n > 0 && kd_write_full(fd, buf, (size_t)n))
		ret = kd_fail(e, errno, "write kexec-dmesg.log: %s", strerror(errno));
	free(buf);
	if (close(fd) && !ret)
		ret = kd_fail(e, errno, "close kexec-dmesg.log: %s", strerror(errno));
	return ret;
}
