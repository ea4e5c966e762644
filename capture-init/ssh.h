/* ssh.h - save the dump over ssh.
 *
 * The OpenSSH client in the image connects with the key and the pinned
 * host keys kdumpctl put there (KD_SSH_KEY, KD_SSH_KNOWN_HOSTS, the host
 * keys recorded under the alias KD_SSH_HOST_ALIAS), StrictHostKeyChecking
 * and BatchMode on: a changed host key fails the target.  On the server,
 * only mkdir, dd and mv run:
 *	<path>/<ip>-<date>/			mode 0700
 *	vmcore-dmesg.txt			(written as ...-incomplete.txt, then mv)
 *	vmcore-incomplete -> vmcore.flat	(the built-in collector, flattened)
 *	vmcore-incomplete -> vmcore		(cat, dd or scp: unfiltered)
 * The rename happens only after the stream ended completely and ssh
 * reported success.  Values from kdump.conf reach the remote shell only
 * inside single quotes. */
#ifndef KD_SSH_H
#define KD_SSH_H

#include <stddef.h>
#include "error.h"
#include "kdump_conf.h"
#include "record.h"

#define KD_SSH_DIR "/etc/kdump/ssh"
#define KD_SSH_KEY KD_SSH_DIR "/id"
#define KD_SSH_KNOWN_HOSTS KD_SSH_DIR "/known_hosts"
#define KD_SSH_HOST_ALIAS "kdump-target"

/* s as one single-quoted word for a POSIX shell; -1 when it does not fit. */
int kd_sh_quote(const char *s, char *out, size_t size);

/* Save to conf->target over ssh into <path>/<host>-<date>/.  Returns
 * KD_DUMP_SAVED, or with e set KD_DUMP_UNREACHABLE (no connection, login
 * or directory: nothing written) or KD_DUMP_INCOMPLETE (save.h).  rec is
 * filled and written beside the dump as vmcore.json. */
int kd_ssh_save(const struct kdump_conf *conf, int port, const char *host,
		struct kd_record *rec, struct kd_error *e);

#endif
