/* dmesg.h - the crashed kernel's log (vmcore-dmesg.txt), written exactly as
 * `makedumpfile --dump-dmesg` (1.7.6) writes it:
 *
 *	[sssss.uuuuuu] text
 *	[sssss.uuuuuu] [  Tnnnnn] text		(with caller ids)
 *
 * seconds at least 5 wide, microseconds 6 digits, the lines of a multi-line
 * record indented under the first (past the caller column too), bytes
 * neither printable nor white space as "\x%02x" of a signed char (0xc3
 * gives \xffffffc3), a newline after each record.
 *
 * The caller column is printed when VMCOREINFO has the field's offset:
 * OFFSET(printk_info.caller_id), which 5.10+ always exports, or
 * OFFSET(printk_log.caller_id), which 5.1 - 5.9 export with
 * CONFIG_PRINTK_CALLER.  It is "[%8s] " of 'T' and the task id, or of 'C'
 * and the CPU number when bit 31 (0x80000000) of the id is set: right-
 * aligned in 8 columns, wider when the id needs more.
 *
 * Three formats: the lockless ring buffer of Linux 5.10+ (SYMBOL(prb)), the
 * structured log_buf of 3.5 - 5.9 (SYMBOL(log_first_idx)) and the plain
 * character ring before that (SYMBOL(log_end)), written as raw bytes.
 *
 * The walkers below work on rings already copied to memory, so that they
 * can be tested and fuzzed; kd_dmesg_write() copies the rings out of the
 * dump and runs the right one.  Corrupt data stops a walk with an error
 * that says so; what was written before it stays written. */
#ifndef KD_DMESG_H
#define KD_DMESG_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "input.h"

/* The largest ring (text bytes, or any one copied array) we accept. */
#define KD_DMESG_MAX_RING ((uint64_t)64 << 20)

/* Buffered output to fd; fd < 0 discards (fuzzing). */
struct kd_text {
	int fd;
	int err;		/* errno of the first failed write */
	size_t len;
	char buf[8192];
};

void kd_text_init(struct kd_text *t, int fd);
/* Write what is buffered; -1 (and t->err) once any write failed. */
int kd_text_flush(struct kd_text *t);

/* Byte offsets in struct prb_desc and struct printk_info; off_caller
 * (of the u32 caller_id) counts only when has_caller. */
struct kd_prb_layout {
	size_t desc_size, off_state, off_begin, off_next;
	size_t info_size, off_ts, off_text_len;
	int has_caller;
	size_t off_caller;
};

/* A lockless ring in memory: descs holds count * desc_size bytes, infos
 * count * info_size, text text_size. */
struct kd_prb {
	const uint8_t *descs, *infos, *text;
	uint64_t count, text_size;
	uint64_t tail_id, head_id;
};

/* Print records tail_id..head_id that are committed or finalized. */
int kd_dmesg_lockless(struct kd_text *t, const struct kd_prb_layout *l,
		      const struct kd_prb *r, struct kd_error *e);

/* Byte offsets in struct printk_log (struct log in 3.5 - 3.10); off_caller
 * (of the u32 caller_id) counts only when has_caller. */
struct kd_logbuf_layout {
	size_t header_size, off_ts, off_len, off_text_len;
	int has_caller;
	size_t off_caller;
};

/* Print the records of buf[size] from index first up to index next. */
int kd_dmesg_logbuf(struct kd_text *t, const struct kd_logbuf_layout *l,
		    const uint8_t *buf, uint64_t size, uint64_t first,
		    uint64_t next, struct kd_error *e);

/* Copy the plain ring buf[size] whose writer is at log_end. */
int kd_dmesg_plain(struct kd_text *t, const uint8_t *buf, uint64_t size,
		   uint64_t log_end, struct kd_error *e);

/* Write the log of the dump behind `in` to fd. */
int kd_dmesg_write(struct kd_input *in, int fd, struct kd_error *e);

#endif
