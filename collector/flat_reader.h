/* flat_reader.h - rebuild a dump file from the flattened stream
 * (makedumpfile -R): apply each record (big-endian offset and size, then
 * the data) at its offset, in stream order, until the end marker. */
#ifndef KD_FLAT_READER_H
#define KD_FLAT_READER_H

#include "error.h"

/* Read the stream from in_fd and write the file to out_fd.  A stream that
 * ends early keeps what arrived and fails, saying so. */
int kd_flat_rearrange(int in_fd, int out_fd, struct kd_error *e);

#endif
