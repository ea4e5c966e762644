/* printable.h - text from a file (a configuration, a record on a dump
 * disk) made safe for a terminal: control bytes (an escape sequence, a
 * carriage return) and DEL are shown as \xNN, never sent as they are. */
#ifndef KD_PRINTABLE_H
#define KD_PRINTABLE_H

#include <stddef.h>

/* in, escaped, into out (size bytes, NUL-terminated); cut short at the
 * end when it does not fit, never inside an escape. */
void kd_printable(const char *in, char *out, size_t size);

#endif
