/* clock.h - seconds on the monotonic clock, for deadlines of waits. */
#ifndef KD_CLOCK_H
#define KD_CLOCK_H

/* Seconds since an arbitrary start; never goes back. */
double kd_clock_seconds(void);

#endif
