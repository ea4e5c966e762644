/* clock.c - the monotonic clock in seconds (see clock.h). */
#include <time.h>
#include "clock.h"

double kd_clock_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}
