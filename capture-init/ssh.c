/* ssh.c - the dump over ssh (see ssh.h). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "log.h"
#include "save.h"
#include "server.h"
#include "command.h"
#include "ssh.h"
#include "dumprecord.h"
#include "fdio.h"

#define CMD_MAX 8400
#define PATH_MAX_REMOTE 4200

int kd_sh_quote(const char *s, char *out, size_t size)
{
	size_t n = 0;

	if (size < 3)
		return -1;
	out[n++] = '\'';
	for (; *s; s++) {
		const char *piece = *s == '\'' ? "'\\''" : NULL;
		size_t len = piece ? 4 : 1;

		if (n + len + 2 > size)
			return -1;
		if (piece)
			memcpy(out + n, piece, len);
		else
			out[n] = *s;
		n += len;
	}
	out[n++] = '\'';
	out[n] = '\0';
	return 0;
}

/* ssh's options; the remote command is added by the caller. */
static int ssh_argv(char **argv, char *port, const struct kdump_conf *conf,
		    const char *prog)
{
	/* a constant table, not a buffer: built once */
	static char *const opts[] = {
		"-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
		"-o", "UserKnownHostsFile=" KD_SSH_KNOWN_HOSTS,
		"-o", "GlobalKnownHostsFile=/dev/null",
		"-o", "HostKeyAlias=" KD_SSH_HOST_ALIAS,
		"-o", "CheckHostIP=no", "-o", "IdentitiesOnly=yes",
		"-o", "ConnectTimeout=30", "-o", "ServerAliveInterval=15",
		"-o", "ServerAliveCountMax=4", "-o", "LogLevel=ERROR", NULL,
	};
	int n = 0, i;

	argv[n++] = (char *)prog;
	argv[n++] = "-F";
	argv[n++] = "/dev/null";
	argv[n++] = "-i";
	argv[n++] = KD_SSH_KEY;
	argv[n++] = strcmp(prog, "scp") ? "-p" : "-P";
	argv[n++] = port;
	for (i = 0; opts[i]; i++)
		argv[n++] = opts[i];
	return n;
}

/* user@host for ssh, user@host or user@[v6] for scp (then ":path"). */
static const char *destination(const struct kdump_conf *conf, int scp,
			       char *buf, size_t size)
{
	if (kd_ssh_destination(conf->target, scp, buf, size))
		snprintf(buf, size, "%s", conf->target);
	return buf;
}

/* Run `remote` on the server with in_fd (-1: /dev/null) as its input. */
static int remote(const struct kdump_conf *conf, const char *port,
		  const char *cmd, int in_fd, struct kd_error *e)
{
	char *argv[40], portbuf[8], dest[300];
	int n, status, null_fd = -1;
	pid_t pid;

	snprintf(portbuf, sizeof portbuf, "%s", port);
	n = ssh_argv(argv, portbuf, conf, "ssh");
	argv[n++] = (char *)destination(conf, 0, dest, sizeof dest);
	argv[n++] = (char *)cmd;
	argv[n] = NULL;
	if (in_fd < 0) {
		null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
		in_fd = null_fd;
	}
	pid = kd_spawn(argv, in_fd, -1, e);
	if (null_fd >= 0)
		close(null_fd);
	if (pid < 0)
		return -1;
	status = kd_wait(pid);
	if (status == 255)
		return kd_fail(e, ECONNREFUSED, "ssh %s: cannot connect or log "
			       "in (see the message above)", conf->target);
	if (status)
		return kd_fail(e, EIO, "ssh %s: the remote command failed (status "
			       "%d): %s", conf->target, status, cmd);
	return 0;
}

/* Feed what write_to(fd) produces to `cmd` on the server. */
static int stream(const struct kdump_conf *conf, const char *port,
		  const char *cmd, int (*write_to)(const struct kdump_conf *,
						   int, struct kd_error *),
		  struct kd_error *e)
{
	char *argv[40], portbuf[8], dest[300];
	struct kd_error ssh_err;
	int p[2], n, status, ret;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC))
		return kd_fail(e, errno, "pipe: %s", strerror(errno));
	snprintf(portbuf, sizeof portbuf, "%s", port);
	n = ssh_argv(argv, portbuf, conf, "ssh");
	argv[n++] = (char *)destination(conf, 0, dest, sizeof dest);
	argv[n++] = (char *)cmd;
	argv[n] = NULL;
	pid = kd_spawn(argv, p[0], -1, &ssh_err);
	close(p[0]);
	if (pid < 0) {
		close(p[1]);
		*e = ssh_err;
		return -1;
	}
	signal(SIGPIPE, SIG_IGN);
	ret = write_to(conf, p[1], e);
	close(p[1]);
	status = kd_wait(pid);
	if (status && !ret)
		ret = kd_fail(e, EIO, "ssh %s: the transfer failed (status %d)",
			      conf->target, status);
	else if (status)
		kd_err("ssh %s exited with status %d", conf->target, status);
	return ret;
}

static int write_dmesg(const struct kdump_conf *conf, int fd,
		       struct kd_error *e)
{
	return kd_save_dmesg_to(fd, e);
}

static int make_cmd(char *out, size_t size, const char *fmt, const char *a,
		    const char *b, struct kd_error *e)
{
	char qa[PATH_MAX_REMOTE], qb[PATH_MAX_REMOTE];

	if (kd_sh_quote(a, qa, sizeof qa) || (b && kd_sh_quote(b, qb, sizeof qb)) ||
	    snprintf(out, size, fmt, qa, b ? qb : "") >= (int)size)
		return kd_fail(e, ENAMETOOLONG, "the remote path is too long");
	return 0;
}

static int remote_mv(const struct kdump_conf *conf, const char *port,
		     const char *dir, const char *from, const char *to,
		     struct kd_error *e)
{
	char a[PATH_MAX_REMOTE], b[PATH_MAX_REMOTE], cmd[CMD_MAX];

	snprintf(a, sizeof a, "%s/%s", dir, from);
	snprintf(b, sizeof b, "%s/%s", dir, to);
	if (make_cmd(cmd, sizeof cmd, "chmod 0600 -- %1$s && mv -f -- %1$s %2$s",
		     a, b, e))
		return -1;
	return remote(conf, port, cmd, -1, e);
}

static int remote_dd(const struct kdump_conf *conf, const char *port,
		     const char *dir, const char *name,
		     int (*write_to)(const struct kdump_conf *, int,
				     struct kd_error *),
		     struct kd_error *e)
{
	char file[PATH_MAX_REMOTE], cmd[CMD_MAX];

	snprintf(file, sizeof file, "%s/%s", dir, name);
	if (make_cmd(cmd, sizeof cmd, "umask 077 && dd bs=1M status=none "
		     "of=%s%s", file, NULL, e))
		return -1;
	return stream(conf, port, cmd, write_to, e);
}

static int scp_vmcore(const struct kdump_conf *conf, const char *port,
		      const char *dir, struct kd_error *e)
{
	char *argv[40], portbuf[8], dest[PATH_MAX_REMOTE + 256], host[300];
	int n, status;

	snprintf(portbuf, sizeof portbuf, "%s", port);
	snprintf(dest, sizeof dest, "%s:%s/vmcore-incomplete",
		 destination(conf, 1, host, sizeof host), dir);
	n = ssh_argv(argv, portbuf, conf, "scp");
	argv[n++] = "-q";
	argv[n++] = KD_VMCORE;
	argv[n++] = dest;
	argv[n] = NULL;
	kd_info("copying %s unfiltered with scp", KD_VMCORE);
	status = kd_spawn_wait(argv, NULL, e);
	if (status < 0)
		return -1;
	if (status)
		return kd_fail(e, EIO, "scp to %s failed (status %d)", conf->target,
			       status);
	return 0;
}

static int is_scp(const struct kdump_conf *conf)
{
	const char *c = kdump_conf_collector(conf);

	return !strncmp(c, "scp", 3) && (!c[3] || c[3] == ' ' || c[3] == '\t');
}

/* mkdir <path>, then <path>/<host>-<date> (0700, must be new). */
static int make_dir(const struct kdump_conf *conf, const char *port,
		    const char *host, char *dir, size_t size, struct kd_error *e)
{
	char stamp[32], cmd[CMD_MAX];
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d-%H:%M:%S", &tm);
	if (snprintf(dir, size, "%s/%s-%s", conf->path, host, stamp) >= (int)size)
		return kd_fail(e, ENAMETOOLONG, "path too long: %s", conf->path);
	if (make_cmd(cmd, sizeof cmd, "mkdir -p -- %s && mkdir -m 0700 -- %s",
		     conf->path, dir, e))
		return -1;
	return remote(conf, port, cmd, -1, e);
}

/* The record of this save, for the stream writers below (one save at a
 * time: kdump-init is one thread). */
static struct kd_record *ssh_rec;

static int write_vmcore(const struct kdump_conf *conf, int fd,
			struct kd_error *e)
{
	return kd_save_stream(conf, fd, ssh_rec, e);
}

static int write_record(const struct kdump_conf *conf, int fd,
			struct kd_error *e)
{
	static char text[KD_RECORD_JSON_MAX];
	int len = kd_record_format(ssh_rec, text, sizeof text);

	if (len < 0)
		return kd_fail(e, EOVERFLOW, "the record does not fit");
	if (kd_write_full(fd, text, (size_t)len))
		return kd_fail(e, errno, "write: %s", strerror(errno));
	return 0;
}

/* dir/vmcore.json on the server, written as the dump's files are. */
static void remote_record(const struct kdump_conf *conf, const char *port,
			  const char *dir, int status)
{
	struct kd_error e;

	kd_dumprecord_end(ssh_rec, status, conf, 0);
	if (remote_dd(conf, port, dir, "vmcore.json.tmp", write_record, &e) ||
	    remote_mv(conf, port, dir, "vmcore.json.tmp", KD_RECORD_FILE, &e))
		kd_warn("%s: %s", KD_RECORD_FILE, e.msg);
}

static int save_vmcore(const struct kdump_conf *conf, const char *port,
		       const char *dir, struct kd_error *e)
{
	const char *final;

	if (is_scp(conf)) {
		snprintf(ssh_rec->dump_format, sizeof ssh_rec->dump_format, "copy");
		if (scp_vmcore(conf, port, dir, e))
			return KD_DUMP_INCOMPLETE;
		final = "vmcore";
	} else {
		if (remote_dd(conf, port, dir, "vmcore-incomplete",
			      write_vmcore, e)) {
			kd_err("the dump is incomplete: %s:%s/vmcore-incomplete",
			       conf->target, dir);
			return KD_DUMP_INCOMPLETE;
		}
		final = kd_collector_is_builtin(conf) ? "vmcore.flat" : "vmcore";
	}
	if (remote_mv(conf, port, dir, "vmcore-incomplete", final, e))
		return KD_DUMP_INCOMPLETE;
	snprintf(ssh_rec->dump_file, sizeof ssh_rec->dump_file, "%s", final);
	kd_info("saved %s:%s/%s", conf->target, dir, final);
	return KD_DUMP_SAVED;
}

int kd_ssh_save(const struct kdump_conf *conf, int port, const char *host,
		struct kd_record *rec, struct kd_error *e)
{
	char portstr[8], dir[PATH_MAX_REMOTE];
	struct kd_error dmesg_err;
	int status;

	snprintf(portstr, sizeof portstr, "%d", port ? port : 22);
	kd_info("connecting to %s (port %s)", conf->target, portstr);
	if (make_dir(conf, portstr, host, dir, sizeof dir, e))
		return KD_DUMP_UNREACHABLE;
	kd_info("saving the dump to %s:%s", conf->target, dir);
	if (remote_dd(conf, portstr, dir, "vmcore-dmesg-incomplete.txt",
		      write_dmesg, &dmesg_err) ||
	    remote_mv(conf, portstr, dir, "vmcore-dmesg-incomplete.txt",
		      "vmcore-dmesg.txt", &dmesg_err))
		kd_warn("vmcore-dmesg.txt: %s", dmesg_err.msg);
	ssh_rec = rec;
	snprintf(rec->dump_file, sizeof rec->dump_file, "vmcore-incomplete");
	status = save_vmcore(conf, portstr, dir, e);
	if (status)
		kd_record_failed(rec, "write the vmcore", e->msg);
	remote_record(conf, portstr, dir, status);
	return status;
}
