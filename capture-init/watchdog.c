/* watchdog.c - open, feed and release /dev/watchdog. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/watchdog.h>
#include "clock.h"
#include "log.h"
#include "readfile.h"
#include "watchdog.h"

/* The driver registers its device while the module loads; a few seconds
 * for devtmpfs to show it. */
#define DEVICE_WAIT 5
#define DEFAULT_TIMEOUT 60

static int wd_fd = -1;

int kd_watchdog_parse_timeout(const char *text)
{
	const char *p = text ? strstr(text, "timeout ") : NULL;
	char *end;
	long n;

	if (!p || (p != text && p[-1] != '\n'))
		return -1;
	n = strtol(p + 8, &end, 10);
	if (end == p + 8 || (*end && *end != '\n') || n < 1 || n > 3600)
		return -1;
	return (int)n;
}

static int open_device(void)
{
	static const char *const paths[] = { "/dev/watchdog0", "/dev/watchdog" };
	double end = kd_clock_seconds() + DEVICE_WAIT;
	size_t i;
	int fd;

	for (;;) {
		for (i = 0; i < sizeof paths / sizeof paths[0]; i++) {
			fd = open(paths[i], O_WRONLY | O_CLOEXEC);
			if (fd >= 0)
				return fd;
		}
		if (kd_clock_seconds() > end)
			return -1;
		usleep(100 * 1000);
	}
}

int kd_watchdog_open(const char *conf_file, struct kd_error *e)
{
	char *text = kd_read_file(conf_file, 4096, NULL);
	int timeout, set;

	if (!text)
		return 0;
	timeout = kd_watchdog_parse_timeout(text);
	free(text);
	if (timeout < 0)
		timeout = DEFAULT_TIMEOUT;
	wd_fd = open_device();
	if (wd_fd < 0)
		return kd_fail(e, ENODEV, "the first kernel used a hardware "
			       "watchdog, but no /dev/watchdog here: %s",
			       strerror(errno));
	set = timeout;
	if (ioctl(wd_fd, WDIOC_SETTIMEOUT, &set))
		kd_warn("watchdog: cannot set a %d s timeout: %s", timeout,
			strerror(errno));
	kd_watchdog_feed();
	kd_info("hardware watchdog armed (%d s), fed while the capture "
		"keeps its deadlines", set > 0 ? set : timeout);
	return 0;
}

void kd_watchdog_feed(void)
{
	if (wd_fd >= 0 && ioctl(wd_fd, WDIOC_KEEPALIVE, 0) &&
	    write(wd_fd, "\0", 1) != 1)
		kd_debug("watchdog: cannot feed it: %s", strerror(errno));
}

int kd_watchdog_active(void)
{
	return wd_fd >= 0;
}
