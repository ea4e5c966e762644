/* dmesg.h - the crashed kernel's log (vmcore-dmesg.txt), written exactly as
 * `makedumpfile --dump-dmesg` writes it: "[sssss.uuuuuu] text" lines,
 * bytes that are neither printable nor blank as \xNN, and the lines of a
 * multi-line record indented under the first.
 *
 * Both formats: the lockless ring buffer of Linux 5.10+ (SYMBOL(prb)) and
 * the structured log_buf of 3.5 - 5.9 (SYMBOL(log_buf)).  The record
 * walkers work on plain memory so they can be tested and fuzzed. */
#ifndef KD_DMESG_H
#define KD_DMESG_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "input.h"

#define KD_DMESG_MAX_RING (64 << 20)

/* Output sink for the walkers. */
struct kd_text {
	int fd;
	char buf[8192];
	size_t len;
	int err;
};

/* Layout of the lockless ring, from VMCOREINFO. */
struct kd_prb_layout {
	size_t desc_size, info_size;
	size_t off_state, off_begin, off_next;	/* in prb_desc */
	size_t off_ts, off_text_len;		/* in printk_info */
};

/* Walk ids tail..head of a lockless ring already copied to memory. */
int kd_dmesg_lockless(struct kd_text *t, const struct kd_prb_layout *l,
		      const uint8_t *descs, const uint8_t *infos,
		      uint64_t count, const uint8_t *text, uint64_t text_size,
		      uint64_t tail_id, uint64_t head_id);

/* Layout of a log_buf record header. */
struct kd_logbuf_layout {
	size_t header_size;
	size_t off_ts, off_len, off_text_len;
};

/* Walk the records of log_buf from first to next (byte indexes). */
int kd_dmesg_logbuf(struct kd_text *t, const struct kd_logbuf_layout *l,
		    const uint8_t *buf, uint64_t size, uint64_t first,
		    uint64_t next);

int kd_text_flush(struct kd_text *t);

/* Write the log of the dump behind `in` to fd. */
int kd_dmesg_write(struct kd_input *in, int fd, struct kd_error *e);

#endif
