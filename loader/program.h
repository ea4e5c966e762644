/* program.h - find a program the way a user's shell would, and also in
 * /usr/sbin and /sbin (not in every user's PATH). */
#ifndef KD_PROGRAM_H
#define KD_PROGRAM_H

#include <stddef.h>

/* A name with a "/" is taken as it is; otherwise PATH (or a default) is
 * searched.  0 and the executable's path in out, or -1 and out "". */
int kd_find_program(const char *name, char *out, size_t size);

#endif
