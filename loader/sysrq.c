/* sysrq.c - the sysrq "c" command: a kernel panic on purpose. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "sysrq.h"
#include "writefile.h"

static int write_proc(const char *root, const char *name, const char *text,
		      struct kd_error *e)
{
	char path[512];

	snprintf(path, sizeof path, "%s%s", root, name);
	return kd_write_kernel_file(path, text, e);
}

int kd_sysrq_crash(const char *root, struct kd_error *e)
{
	if (write_proc(root, "/proc/sys/kernel/sysrq", "1\n", e))
		return -1;
	sync();
	return write_proc(root, "/proc/sysrq-trigger", "c", e);
}
