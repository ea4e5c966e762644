/* sysrq.c - the sysrq "c" command: a kernel panic on purpose. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "fdio.h"
#include "sysrq.h"

static int write_proc(const char *root, const char *name, const char *text,
		      struct kd_error *e)
{
	char path[512];
	int fd;

	snprintf(path, sizeof path, "%s%s", root, name);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return kd_fail(e, errno, "cannot open %s: %s", path,
			       strerror(errno));
	if (kd_write_full(fd, text, strlen(text))) {
		kd_fail(e, errno, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	if (close(fd))
		return kd_fail(e, errno, "cannot write %s: %s", path,
			       strerror(errno));
	return 0;
}

int kd_sysrq_crash(const char *root, struct kd_error *e)
{
	if (write_proc(root, "/proc/sys/kernel/sysrq", "1\n", e))
		return -1;
	sync();
	return write_proc(root, "/proc/sysrq-trigger", "c", e);
}
