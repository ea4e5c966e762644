/* hang.c - hang the capture kernel on purpose (reliability.sh): a
 * SCHED_FIFO busy loop on its only CPU, with real-time throttling off,
 * so that nothing else - PID 1 included - runs again.  Only the hardware
 * watchdog can end this. */
#include <sched.h>
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(void)
{
	struct sched_param sp = { .sched_priority = 99 };
	int fd = open("/proc/sys/kernel/sched_rt_runtime_us", O_WRONLY);

	if (fd < 0 || write(fd, "-1", 2) != 2)
		perror("sched_rt_runtime_us");
	/* musl's sched_setscheduler() is ENOSYS by design: the system call */
	if (syscall(SYS_sched_setscheduler, 0, SCHED_FIFO, &sp))
		perror("sched_setscheduler");
	printf("KDTEST: hanging the capture kernel\n");
	fflush(stdout);
	for (;;)
		;
}
