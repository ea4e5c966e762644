/* kdump-init - PID 1 of the capture kernel.
 *
 * Mounts the early filesystems, reads /etc/kdump.conf (validated by
 * kdumpctl when the image was built), loads the modules the image carries,
 * runs kdump_pre, waits for and mounts the target, saves the dump, runs
 * kdump_post with how far it got (save.h: enum kd_dump_status), and ends
 * with final_action - or failure_action when the dump failed.  PID 1
 * never exits: every path ends in an action.  Each dump attempt runs in a
 * child that PID 1 watches (watch.h): a step that passes its deadline is
 * stopped, what it wrote is kept as incomplete, and failure_action runs;
 * the hardware watchdog the first kernel used is fed meanwhile. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include "action.h"
#include "blockdev.h"
#include "fence.h"
#include "kparam.h"
#include "dumpdir.h"
#include "dumprecord.h"
#include "log.h"
#include "memdebug.h"
#include "modules.h"
#include "net.h"
#include "nfs.h"
#include "probe.h"
#include "readfile.h"
#include "run.h"
#include "save.h"
#include "ssh.h"
#include "stackup.h"
#include "watch.h"
#include "watchdog.h"

#define CONF_FILE "/etc/kdump.conf"
#define MODULES_LIST "/etc/kdump/modules"
#define TARGET_MNT "/kdumproot"
#define ROOT_MNT "/sysroot"
#define NFS_MNT "/kdumproot"
#define LOCAL_HOST "127.0.0.1"

static void mount_early(const char *type, const char *dir)
{
	if (mkdir(dir, 0755) && errno != EEXIST)
		kd_warn("cannot create %s: %s", dir, strerror(errno));
	if (mount(type, dir, type, 0, NULL) && errno != EBUSY)
		kd_warn("cannot mount %s on %s: %s", type, dir, strerror(errno));
}

/* The kernel gives PID 1 no stdio when the initramfs lacks /dev/console. */
static void open_console(void)
{
	int fd;

	if (fcntl(2, F_GETFD) != -1)
		return;
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static void print_meminfo(const struct kdump_conf *conf, const char *when)
{
	struct kd_error e;

	if (!conf->debug_mem_level)
		return;
	kd_info("memory %s (debug_mem_level %d):", when, conf->debug_mem_level);
	if (kd_memdebug_print(stderr, conf->debug_mem_level, "/proc/meminfo",
			      "/proc/slabinfo", &e))
		kd_warn("%s", e.msg);
}

/* debug_mem_level: PID 1 samples /proc/meminfo on every watch tick, and
 * the lowest point is printed at the end. */
static int sampling_memory;

static void sample_memory(void)
{
	kd_memdebug_sample("/proc/meminfo");
}

static void print_lowest_memory(void)
{
	struct kd_memlow low = kd_memdebug_lowest();

	if (sampling_memory && low.free_kb >= 0)
		kd_info("lowest memory during the capture: MemFree %ld kB "
			"(at %.1f s), MemAvailable %ld kB", low.free_kb, low.at,
			low.available_kb);
}

/* The modules listed in the image, then extra_modules. */
static void load_modules(const struct kdump_conf *conf)
{
	struct kd_modules *m;
	struct kd_error e;
	char dir[300], *list, *name, *save = NULL;
	struct utsname u;
	int i;

	if (uname(&u)) {
		kd_warn("uname: %s: no modules loaded", strerror(errno));
		return;
	}
	snprintf(dir, sizeof dir, "/lib/modules/%s", u.release);
	if (kd_modules_open(&m, dir, conf, &e)) {
		kd_debug("%s", e.msg);
		return;
	}
	kd_modules_drop_loaded_files(m);
	list = kd_read_file(MODULES_LIST, 1 << 20, NULL);
	for (name = list ? strtok_r(list, " \t\n", &save) : NULL; name;
	     name = strtok_r(NULL, " \t\n", &save))
		if (kd_modules_load(m, name, &e))
			kd_warn("%s", e.msg);
	for (i = 0; i < conf->extra_modules.n; i++)
		if (kd_modules_load(m, conf->extra_modules.v[i], &e))
			kd_warn("%s", e.msg);
	free(list);
	kd_modules_close(m);
}

/* The LVM and MD layers under the target, set up while it is waited for;
 * shared, so that an attempt after a stopped one knows what is up. */
static struct kd_stack *stack;

/* What a dump attempt tells PID 1, in shared memory (watch.h). */
struct attempt {
	int status;			/* enum kd_dump_status */
	struct kd_error e;
	pid_t fence_pid;		/* the fence_kdump sender, 0: none */
	int rootfs;			/* 1: the dump_to_rootfs attempt */
	char dir[4200];			/* the dump directory, once made */
	struct kd_record rec;
};
static struct attempt *att;

/* Wait for `spec` (its layers set up as their devices appear). */
static int wait_device(const char *spec, int timeout, char *dev, size_t size,
		       struct kd_error *e)
{
	char waited[sizeof e->msg];

	snprintf(waited, sizeof waited, "waiting for %s", spec);
	kd_watch_step(waited, timeout + 30);
	if (!kd_blockdev_wait(spec, timeout, dev, size, kd_stack_step, stack, e))
		return 0;
	if (stack->why[0]) {
		snprintf(waited, sizeof waited, "%s", e->msg);
		kd_fail(e, ENODEV, "%s: %s", waited, stack->why);
	}
	return -1;
}

/* Wait for `spec`, then mount it on `dir` as `fstype` (probed when NULL). */
static int mount_device(const char *spec, const char *fstype, const char *opts,
			const char *dir, int timeout, struct kd_error *e)
{
	char dev[300];
	struct kd_fsinfo fs;
	int fd;

	kd_info("waiting for %s (up to %d s)", spec, timeout);
	if (wait_device(spec, timeout, dev, sizeof dev, e))
		return -1;
	if (!fstype) {
		fd = open(dev, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || kd_probe_fs(kd_probe_fd_read, &fd, &fs)) {
			if (fd >= 0)
				close(fd);
			return kd_fail(e, EINVAL, "no known filesystem on %s", dev);
		}
		close(fd);
		fstype = fs.type;
	}
	if (mkdir(dir, 0700) && errno != EEXIST)
		return kd_fail(e, errno, "mkdir %s: %s", dir, strerror(errno));
	kd_watch_step("mounting the target", 0);
	if (mount(dev, dir, fstype, 0, opts))
		return kd_fail(e, errno, "cannot mount %s (%s) on %s: %s", dev,
			       fstype, dir, strerror(errno));
	kd_info("mounted %s (%s) on %s", dev, fstype, dir);
	return 0;
}

/* kdump_pre, then pre.d; 0 to go on with the dump.  They run before the
 * target is waited for, so that kdump_pre can prepare it, and a dump it
 * vetoes costs no disk_timeout. */
static int run_pre_hooks(const struct kdump_conf *conf)
{
	if (conf->kdump_pre) {
		char *argv[] = { conf->kdump_pre, NULL };
		int status;

		kd_info("running kdump_pre %s", conf->kdump_pre);
		status = kd_run(argv);
		if (status) {
			kd_err("kdump_pre %s exited with status %d: no dump",
			       conf->kdump_pre, status);
			return -1;
		}
	}
	kd_run_dir("/etc/kdump/pre.d", NULL);
	return 0;
}

/* post.d, then kdump_post, each with the status of one dump attempt
 * (enum kd_dump_status); `attempt` tells the two attempts of
 * dump_to_rootfs apart on the console. */
static void run_post_hooks(const struct kdump_conf *conf, int status,
			   const char *attempt)
{
	char arg[16];

	snprintf(arg, sizeof arg, "%d", status);
	kd_info("%s: dump status %d", attempt, status);
	kd_run_dir("/etc/kdump/post.d", arg);
	if (conf->kdump_post) {
		char *argv[] = { conf->kdump_post, arg, NULL };

		kd_info("running kdump_post %s %s", conf->kdump_post, arg);
		status = kd_run(argv);
		if (status)
			kd_warn("kdump_post exited with status %d", status);
	}
}

/* Save into <mnt>/<path>/<host>-<date>/; an enum kd_dump_status. */
static int save_to_fs(const struct kdump_conf *conf, const char *mnt,
		      const char *host, struct kd_error *e)
{
	char dir[4200];
	struct kd_error log_err;
	int status;

	kd_watch_step("creating the dump directory", 0);
	if (kd_dumpdir_create(mnt, conf->path, host, time(NULL), dir,
			      sizeof dir, e))
		return KD_DUMP_UNREACHABLE;
	snprintf(att->dir, sizeof att->dir, "%s", dir);
	kd_info("saving the dump to %s", dir);
	/* a record from the start: a capture stopped later leaves one */
	kd_dumprecord_end(&att->rec, KD_DUMP_INCOMPLETE, conf, att->rootfs);
	kd_dumprecord_write(dir, &att->rec);
	print_meminfo(conf, "before the dump");
	status = kd_save_dump(conf, dir, &att->rec, e) ? KD_DUMP_INCOMPLETE :
							  KD_DUMP_SAVED;
	if (status)
		kd_record_failed(&att->rec, "write the vmcore", e->msg);
	kd_watch_step("saving kexec-dmesg.log", 0);
	if (kd_save_kernel_log(dir, &log_err))
		kd_warn("kexec-dmesg.log: %s", log_err.msg);
	kd_dumprecord_end(&att->rec, status, conf, att->rootfs);
	kd_dumprecord_write(dir, &att->rec);
	kd_watch_step("syncing the target", 0);
	sync();
	return status;
}

static int save_to_raw(const struct kdump_conf *conf, struct kd_error *e)
{
	char dev[300];
	int fd, status;

	kd_info("waiting for %s (up to %d s)", conf->target, conf->disk_timeout);
	if (wait_device(conf->target, conf->disk_timeout, dev, sizeof dev, e))
		return KD_DUMP_UNREACHABLE;
	fd = open(dev, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		kd_fail(e, errno, "cannot open %s: %s", dev, strerror(errno));
		return KD_DUMP_UNREACHABLE;
	}
	kd_info("writing the dump to %s", dev);
	status = kd_save_raw(conf, fd, e) ? KD_DUMP_INCOMPLETE : KD_DUMP_SAVED;
	if (close(fd) && !status) {
		kd_fail(e, errno, "close %s: %s", dev, strerror(errno));
		status = KD_DUMP_INCOMPLETE;
	}
	return status;
}

/* The root filesystem kdumpctl passed as kdump.root=. */
static int mount_root(const struct kdump_conf *conf, struct kd_error *e)
{
	char root[256], fstype[32], flags[256];

	if (kd_proc_cmdline_param("kdump.root", root, sizeof root))
		return kd_fail(e, ENOENT, "no kdump.root= on the command line: "
			       "the root filesystem is unknown");
	if (kd_proc_cmdline_param("kdump.rootfstype", fstype, sizeof fstype))
		fstype[0] = '\0';
	if (kd_proc_cmdline_param("kdump.rootflags", flags, sizeof flags))
		flags[0] = '\0';
	return mount_device(root, fstype[0] ? fstype : NULL,
			    flags[0] ? flags : NULL, ROOT_MNT,
			    conf->disk_timeout, e);
}

/* No target (path on the root filesystem), or failure_action
 * dump_to_rootfs. */
static int dump_to_rootfs(const struct kdump_conf *conf, struct kd_error *e)
{
	if (mount_root(conf, e))
		return KD_DUMP_UNREACHABLE;
	return save_to_fs(conf, ROOT_MNT, LOCAL_HOST, e);
}

/* Each of these returns an enum kd_dump_status, with e set when not 0. */
static int dump_to_target(const struct kdump_conf *conf, struct kd_error *e)
{
	switch (conf->target_kind) {
	case KD_TARGET_FS:
		if (mount_device(conf->target, conf->target_fstype, NULL,
				 TARGET_MNT, conf->disk_timeout, e))
			return KD_DUMP_UNREACHABLE;
		return save_to_fs(conf, TARGET_MNT, LOCAL_HOST, e);
	case KD_TARGET_RAW:
		return save_to_raw(conf, e);
	case KD_TARGET_NONE:
		return dump_to_rootfs(conf, e);
	default:
		kd_fail(e, ENOTSUP, "%s targets are not supported",
			kd_target_kind_name(conf->target_kind));
		return KD_DUMP_UNREACHABLE;
	}
}

static int dump_over_network(const struct kdump_conf *conf,
			     const struct kd_netconf *nc, const char *ip,
			     struct kd_error *e)
{
	if (conf->target_kind == KD_TARGET_NFS) {
		kd_watch_step("mounting the NFS export", 0);
		if (kd_nfs_mount(conf->target, nc->nfsvers ? nc->nfsvers :
				 conf->nfs_version, ip, NFS_MNT, e))
			return KD_DUMP_UNREACHABLE;
		return save_to_fs(conf, NFS_MNT, ip, e);
	}
	return kd_ssh_save(conf, nc->sshport, ip, &att->rec, e);
}

static int is_remote(const struct kdump_conf *conf)
{
	return conf->target_kind == KD_TARGET_NFS ||
	       conf->target_kind == KD_TARGET_SSH;
}

/* The network first when the target or fence_kdump needs it. */
static int dump(const struct kdump_conf *conf, struct kd_error *e)
{
	struct kd_netconf nc;
	struct kd_error fe;
	char ip[64];

	if (!is_remote(conf) && !conf->fence_kdump_nodes.n)
		return dump_to_target(conf, e);
	/* the NICs are waited for up to disk_timeout, DHCP up to 30 s */
	kd_watch_step("bringing up the network",
		      conf->disk_timeout + conf->link_delay + 60);
	if (kd_net_up(conf, &nc, ip, sizeof ip, e)) {
		if (is_remote(conf))
			return KD_DUMP_UNREACHABLE;
		kd_warn("no network for fence_kdump: %s", e->msg);
		return dump_to_target(conf, e);
	}
	att->fence_pid = kd_fence_start(conf, &fe);
	if (att->fence_pid < 0)
		kd_warn("%s", fe.msg);
	if (is_remote(conf))
		return dump_over_network(conf, &nc, ip, e);
	return dump_to_target(conf, e);
}

static const struct kdump_conf *attempt_conf;

/* In the child: one attempt, its outcome in *att. */
static int attempt_main(void *arg)
{
	att->status = att->rootfs ? dump_to_rootfs(attempt_conf, &att->e) :
				    dump(attempt_conf, &att->e);
	return att->status;
}

static int record_main(void *arg)
{
	kd_dumprecord_write(att->dir, &att->rec);
	return 0;
}

/* The deadlines of kdump.conf (dump_stall_timeout, dump_timeout). */
static struct kd_watch_limits dump_limits(const struct kdump_conf *conf)
{
	struct kd_watch_limits l = { conf->dump_stall_timeout,
				     conf->dump_timeout, 0, 0 };
	struct stat st;

	/* auto: the waits for the target and the network, 5 minutes, then
	 * the vmcore's size at KD_WATCH_MIN_RATE until the collector counts */
	l.base = 300 + conf->disk_timeout + conf->link_delay;
	if (!stat(KD_VMCORE, &st))
		l.expected = (uint64_t)st.st_size;
	return l;
}

/* A stopped attempt: the record says why, rewritten by a child that may
 * hang on the same target, so with a bound of its own. */
static void record_stopped(const struct kdump_conf *conf, int status)
{
	struct kd_watch_limits l = { 0, 20, 0, 0 };
	struct kd_error e;

	kd_record_failed(&att->rec, "deadline", att->e.msg);
	kd_dumprecord_end(&att->rec, status, conf, att->rootfs);
	if (att->dir[0] && kd_watch_call("rewriting the record", record_main, NULL, &l, &e) < 0)
		kd_warn("%s: not updated: %s", KD_RECORD_FILE, e.msg);
}

/* One dump attempt (the target, or dump_to_rootfs), watched; an enum
 * kd_dump_status, with e set when not 0. */
static int run_attempt(const struct kdump_conf *conf, int rootfs,
		       struct kd_error *e)
{
	struct kd_watch_limits l = dump_limits(conf);
	pid_t fence = att->fence_pid;
	int ret;

	memset(att, 0, sizeof *att);
	att->fence_pid = fence;
	att->rootfs = rootfs;
	kd_dumprecord_begin(&att->rec, KD_VMCORE);
	attempt_conf = conf;
	ret = kd_watch_call("the dump", attempt_main, NULL, &l, &att->e);
	if (ret >= 0 && ret <= KD_DUMP_UNREACHABLE) {
		*e = att->e;
		return ret;
	}
	if (ret > KD_DUMP_UNREACHABLE)
		kd_fail(&att->e, EIO, "the dump attempt ended with status %d",
			ret);
	kd_err("%s", att->e.msg);
	ret = att->dir[0] ? KD_DUMP_INCOMPLETE : KD_DUMP_UNREACHABLE;
	if (ret == KD_DUMP_INCOMPLETE)
		kd_err("what was written is kept: %s/vmcore-incomplete", att->dir);
	record_stopped(conf, ret);
	*e = att->e;
	return ret;
}

static void emergency_hooks(const struct kdump_conf *conf)
{
	kd_run_dir("/etc/kdump/emergency.d", NULL);
	if (conf->kdump_emergency) {
		char *argv[] = { conf->kdump_emergency, NULL };

		kd_run(argv);
	}
}

/* Stop the fence_kdump sender (the peers may fence this node from now
 * on), then reboot, halt or power off: every end goes through here. */
static void __attribute__((noreturn)) end(enum kd_action a)
{
	print_lowest_memory();
	if (att) {
		kd_fence_stop(att->fence_pid);
		att->fence_pid = 0;
	}
	kd_action_final(a);
}

/* failure_action; the action to end with.  A shell or dump_to_rootfs
 * then ends with final_action.  dump_to_rootfs is a second attempt:
 * kdump_post runs again, with its status, so that the last status it
 * received says where the dump is. */
static enum kd_action on_failure(const struct kdump_conf *conf)
{
	struct kd_error e;
	int status;

	emergency_hooks(conf);
	switch (conf->failure_action) {
	case KD_ACTION_SHELL:
		kd_action_shell();
		return conf->final_action;
	case KD_ACTION_DUMP_TO_ROOTFS:
		kd_info("failure_action dump_to_rootfs: saving to the root "
			"filesystem");
		status = run_attempt(conf, 1, &e);
		if (status)
			kd_err("dump_to_rootfs failed: %s", e.msg);
		run_post_hooks(conf, status, "dump_to_rootfs");
		return conf->final_action;
	case KD_ACTION_HALT:
	case KD_ACTION_POWEROFF:
		return conf->failure_action;
	default:
		return KD_ACTION_REBOOT;
	}
}

/* What the crashed kernel left: /proc/vmcore and elfcorehdr=. */
static int report_vmcore(void)
{
	char hdr[64];
	struct stat st;

	if (stat(KD_VMCORE, &st)) {
		kd_err("capture kernel: no %s (%s): this is not a crash capture "
		       "boot", KD_VMCORE, strerror(errno));
		return -1;
	}
	if (kd_proc_cmdline_param("elfcorehdr", hdr, sizeof hdr))
		strcpy(hdr, "(none)");
	kd_info("capture kernel: %s present, %lld bytes", KD_VMCORE,
		(long long)st.st_size);
	kd_info("capture kernel: elfcorehdr=%s", hdr);
	return 0;
}

/* The image always carries kdump.conf; without one the defaults apply. */
static void read_conf(struct kdump_conf *conf)
{
	struct kd_diag d;

	kd_diag_init(&d, CONF_FILE);
	if (access(CONF_FILE, F_OK) && errno == ENOENT) {
		kd_warn("%s is missing: using the defaults", CONF_FILE);
		kdump_conf_parse(conf, "", 0, &d);
		return;
	}
	if (kdump_conf_load(conf, CONF_FILE, &d)) {
		kd_err("%s is not usable: rebooting without a dump", CONF_FILE);
		end(KD_ACTION_REBOOT);
	}
}

int main(int argc, char **argv)
{
	struct kdump_conf conf;
	struct kd_error e;
	int status;

	if (kd_net_is_dhcp_event(argc, argv))
		return kd_net_dhcp_event(argv[1]);
	mount_early("devtmpfs", "/dev");
	open_console();
	mount_early("proc", "/proc");
	mount_early("sysfs", "/sys");
	mount_early("tmpfs", "/run");
	if (report_vmcore())
		end(KD_ACTION_REBOOT);
	read_conf(&conf);
	print_meminfo(&conf, "at start");
	load_modules(&conf);
	print_meminfo(&conf, "after loading the modules");
	if (conf.debug_mem_level) {
		sampling_memory = 1;
		kd_watch_on_tick(sample_memory);
	}
	if (kd_watchdog_open(KD_WATCHDOG_CONF, &e))
		kd_err("%s", e.msg);
	if (kd_watch_setup(&e)) {
		kd_err("%s: rebooting without a dump", e.msg);
		end(KD_ACTION_REBOOT);
	}
	att = kd_watch_shared(sizeof *att);
	stack = kd_watch_shared(sizeof *stack);
	if (!att || !stack) {
		kd_err("the shared memory is too small: rebooting without a dump");
		end(KD_ACTION_REBOOT);
	}
	kd_run_watched(conf.dump_stall_timeout);
	if (kd_stack_load(stack, KD_STACK_FILE, &e))
		kd_err("%s: the target's LVM or MD layers will not be set up",
		       e.msg);
	if (run_pre_hooks(&conf))
		end(conf.final_action);
	status = run_attempt(&conf, 0, &e);
	if (status)
		kd_err("%s", e.msg);
	/* on every path, before failure_action, which may never return */
	run_post_hooks(&conf, status, "target");
	end(status ? on_failure(&conf) : conf.final_action);
}
