/* collector_line.h - a core_collector line as kdump-init runs it: words
 * split on blanks (no shell, no quotes), and which collector they name.
 *
 *	makedumpfile, kdump-collect	the built-in collector, in-process
 *	cp, cat, dd			an unfiltered copy, in-process
 *	scp				ssh targets: the whole vmcore by scp
 *	anything else			that program, from the image, with
 *					/proc/vmcore and the dump file after
 *					its arguments
 * The name is compared without its directory. */
#ifndef KD_COLLECTOR_LINE_H
#define KD_COLLECTOR_LINE_H

#define KD_COLLECTOR_MAX_WORDS 32

enum kd_collector_kind {
	KD_COLLECTOR_BUILTIN, KD_COLLECTOR_COPY, KD_COLLECTOR_SCP,
	KD_COLLECTOR_PROGRAM,
};

/* Split line in place into argv (at most KD_COLLECTOR_MAX_WORDS words,
 * argv has room for that many and a NULL); the number of words, or -1
 * when there are more. */
int kd_collector_split(char *line, char **argv);

/* The program's name: the first word without its directory (len bytes). */
const char *kd_collector_name(const char *line, size_t *len);

/* What the line (its first word) runs. */
enum kd_collector_kind kd_collector_kind(const char *line);

#endif
