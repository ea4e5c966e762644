/* kdump-init - PID 1 of the capture kernel.
 *
 * For now (the capture environment is a later step) it mounts the early
 * filesystems, reports what the capture kernel was given - /proc/vmcore and
 * elfcorehdr= - and powers off. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include "log.h"

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

/* Print the elfcorehdr= parameter of the capture command line. */
static void report_elfcorehdr(void)
{
	char line[4096], *p;
	FILE *f = fopen("/proc/cmdline", "r");

	if (!f || !fgets(line, sizeof line, f)) {
		kd_err("cannot read /proc/cmdline");
		if (f)
			fclose(f);
		return;
	}
	fclose(f);
	p = strstr(line, "elfcorehdr=");
	if (!p) {
		kd_err("no elfcorehdr= on the command line");
		return;
	}
	p[strcspn(p, " \n")] = '\0';
	kd_info("capture kernel: %s", p);
}

int main(void)
{
	struct stat st;

	mount_early("devtmpfs", "/dev");
	open_console();
	mount_early("proc", "/proc");
	mount_early("sysfs", "/sys");
	if (stat("/proc/vmcore", &st) == 0)
		kd_info("capture kernel: /proc/vmcore present, %lld bytes",
			(long long)st.st_size);
	else
		kd_err("capture kernel: no /proc/vmcore: %s", strerror(errno));
	report_elfcorehdr();
	if (getpid() != 1)
		return 0;
	sync();
	reboot(RB_POWER_OFF);
	for (;;)
		pause();
}
