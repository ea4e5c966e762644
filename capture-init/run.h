/* run.h - run programs without a shell: hooks and external collectors. */
#ifndef KD_RUN_H
#define KD_RUN_H

/* Run argv[0] (a path) with argv; returns its exit status (0..255), 128+N
 * when killed by signal N, 127 when it could not be started, or -1 when
 * PID 1 stopped it (watch.h).  After kd_run_watched, PID 1 runs it in a
 * watched child, stopped after `stall` seconds without a byte written. */
int kd_run(char *const argv[]);

void kd_run_watched(int stall);

/* kd_run without the stall rule (a shell a person uses), the hardware
 * watchdog fed all the same. */
int kd_run_interactive(char *const argv[]);

/* Run every executable regular file in dir, in lexical order, each with
 * `arg` as its only argument when not NULL.  Returns how many failed;
 * a missing directory is not an error. */
int kd_run_dir(const char *dir, const char *arg);

#endif
