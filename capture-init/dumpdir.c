/* dumpdir.c - create the dump directory. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "dumpdir.h"

int kd_mkdirs(const char *path, struct kd_error *e)
{
	char buf[4096], *p;

	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
		return kd_fail(e, ENAMETOOLONG, "path too long: %s", path);
	for (p = buf + 1; ; p++) {
		if (*p != '/' && *p)
			continue;
		char saved = *p;

		*p = '\0';
		if (mkdir(buf, 0700) && errno != EEXIST)
			return kd_fail(e, errno, "cannot create %s: %s", buf,
				       strerror(errno));
		*p = saved;
		if (!saved)
			return 0;
	}
}

int kd_dumpdir_create(const char *mnt, const char *path, const char *host,
		      time_t when, char *out, size_t size, struct kd_error *e)
{
	char base[4096], stamp[32];
	struct tm tm;
	int n;

	gmtime_r(&when, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%d-%H:%M:%S", &tm);
	snprintf(base, sizeof base, "%s/%s", mnt, path + strspn(path, "/"));
	if (kd_mkdirs(base, e))
		return -1;
	for (n = 1; n < 100; n++) {
		if (n == 1)
			snprintf(out, size, "%s/%s-%s", base, host, stamp);
		else
			snprintf(out, size, "%s/%s-%s-%d", base, host, stamp, n);
		if (mkdir(out, 0700) == 0)
			return 0;
		if (errno != EEXIST)
			return kd_fail(e, errno, "cannot create %s: %s", out,
				       strerror(errno));
	}
	return kd_fail(e, EEXIST, "too many dumps named %s/%s-%s", base, host,
		       stamp);
}
