/* propagate.c - install the dump key on the ssh server (see propagate.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "log.h"
#include "propagate.h"
#include "readfile.h"
#include "command.h"

/* Runs on the server with the public key on its standard input: nothing
 * from kdump.conf is in it. */
#define INSTALL_KEY \
	"umask 077 && mkdir -p .ssh && touch .ssh/authorized_keys && " \
	"read -r key && { grep -qxF \"$key\" .ssh/authorized_keys || " \
	"printf '%s\\n' \"$key\" >> .ssh/authorized_keys; }"

/* The output of ssh and ssh-keygen says nothing we use: dropped. */
static int run(char **argv, const char *input, const char *what,
	       struct kd_error *e)
{
	int status = kd_capture(argv, input, NULL, 0, e);

	if (status < 0)
		return -1;
	if (status)
		return kd_fail(e, EIO, "%s failed (status %d)", what, status);
	return 0;
}

static int make_key(const char *key, struct kd_error *e)
{
	char dir[PATH_MAX], *slash;
	char *argv[] = { "ssh-keygen", "-q", "-t", "rsa", "-N", "", "-C",
			 "kdump", "-f", (char *)key, NULL };

	snprintf(dir, sizeof dir, "%s", key);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (mkdir(dir, 0700) && errno != EEXIST)
			return kd_fail(e, errno, "cannot create %s: %s", dir,
				       strerror(errno));
	}
	if (run(argv, NULL, "ssh-keygen", e))
		return -1;
	if (chmod(key, 0600))
		return kd_fail(e, errno, "chmod %s: %s", key, strerror(errno));
	kd_info("created the key pair %s and %s.pub", key, key);
	return 0;
}

/* ssh [-F config] OPTIONS... target command */
static int ssh(const struct kdump_conf *conf, const char *config,
	       char *const *opts, const char *cmd, const char *input,
	       const char *what, struct kd_error *e)
{
	char *argv[32];
	int n = 0, i;

	argv[n++] = "ssh";
	if (config && config[0]) {
		argv[n++] = "-F";
		argv[n++] = (char *)config;
	}
	for (i = 0; opts[i] && n < 28; i++)
		argv[n++] = opts[i];
	argv[n++] = conf->target;
	argv[n++] = (char *)cmd;
	argv[n] = NULL;
	return run(argv, input, what, e);
}

int kd_propagate(const struct kdump_conf *conf, const char *ssh_config,
		 struct kd_error *e)
{
	char pub[PATH_MAX + 8], *key_text;
	char *install[] = { "-o", "StrictHostKeyChecking=accept-new", NULL };
	char *check[] = { "-i", conf->sshkey, "-o", "IdentitiesOnly=yes",
			  "-o", "BatchMode=yes", "-o",
			  "StrictHostKeyChecking=yes", NULL };
	int ret;

	if (conf->target_kind != KD_TARGET_SSH)
		return kd_fail(e, EINVAL, "propagate: kdump.conf names no ssh "
			       "target");
	if (access(conf->sshkey, F_OK) == 0)
		kd_info("using the existing key %s", conf->sshkey);
	else if (make_key(conf->sshkey, e))
		return -1;
	snprintf(pub, sizeof pub, "%s.pub", conf->sshkey);
	key_text = kd_read_file(pub, 16384, NULL);
	if (!key_text)
		return kd_fail(e, errno, "cannot read %s: %s", pub, strerror(errno));
	kd_info("installing %s on %s (a new host key is recorded in "
		"known_hosts; a changed one is refused)", pub, conf->target);
	ret = ssh(conf, ssh_config, install, INSTALL_KEY, key_text,
		  "installing the key", e);
	free(key_text);
	if (ret)
		return kd_prefix(e, "%s", conf->target);
	if (ssh(conf, ssh_config, check, "true", NULL, "logging in with the key", e))
		return kd_prefix(e, "%s", conf->target);
	kd_info("%s accepts %s: the ssh target is ready", conf->target,
		conf->sshkey);
	return 0;
}
