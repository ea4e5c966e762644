/* nfs.c - the NFS target (see nfs.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include "log.h"
#include "net.h"
#include "nfs.h"
#include "server.h"

static int try_mount(const char *spec, const char *type, const char *opts,
		     const char *dir)
{
	kd_info("mounting %s (%s, %s)", spec, type, opts);
	return mount(spec, dir, type, 0, opts);
}

int kd_nfs_mount(const char *spec, int version, const char *local_ip,
		 const char *dir, struct kd_error *e)
{
	static const char *const minors[] = { "4.2", "4.1", "4.0", NULL };
	char host[256], ip[64], opts[512];
	int i;

	if (kd_server_host(spec, 0, host, sizeof host) == KD_SERVER_BAD)
		return kd_fail(e, EINVAL, "\"%s\" is not host:/export", spec);
	if (kd_net_resolve(host, strchr(local_ip, ':') ? AF_INET6 : AF_INET, ip,
			   sizeof ip, e))
		return -1;
	if (mkdir(dir, 0700) && errno != EEXIST)
		return kd_fail(e, errno, "mkdir %s: %s", dir, strerror(errno));
	if (version == 3) {
		/* the kernel wants proto= of the address's family */
		snprintf(opts, sizeof opts, "vers=3,proto=%s,nolock,addr=%s",
			 strchr(ip, ':') ? "tcp6" : "tcp", ip);
		if (try_mount(spec, "nfs", opts, dir))
			return kd_fail(e, errno, "cannot mount %s (NFSv3): %s",
				       spec, strerror(errno));
		return 0;
	}
	for (i = 0; minors[i]; i++) {
		snprintf(opts, sizeof opts, "vers=%s,addr=%s,clientaddr=%s",
			 minors[i], ip, local_ip);
		if (!try_mount(spec, "nfs4", opts, dir))
			return 0;
		if (errno != EPROTONOSUPPORT && errno != EINVAL)
			break;
	}
	return kd_fail(e, errno, "cannot mount %s (NFSv4): %s", spec,
		       strerror(errno));
}
