/* fuzz_dmesg.c - the kernel log walkers on arbitrary rings.
 *
 * Input: a 48-byte header, then the ring.
 *	0	count_bits (mod 6: 1 to 32 descriptors)
 *	1	bit 0: take the layouts from bytes 2-10 instead of x86_64's;
 *		bit 1: records have caller ids
 *	2-8	desc_size, off_state, off_begin, off_next, info_size, off_ts,
 *		off_text_len (the log_buf walker uses 2, 3, 4 and 5 for its
 *		header size and offsets)
 *	9, 10	off_caller in printk_info, in the log_buf header
 *	16	tail_id, 24 head_id (u64)
 *	32	log_first_idx, 36 log_next_idx (u32), 40 log_end (u64)
 *	48	descs (count * desc_size), infos (count * info_size), the text
 *		ring (the rest, at least one byte)
 * The log_buf and plain walkers take everything after the header.  Each
 * array is copied to a buffer of its own so that ASan sees any overrun. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "dmesg.h"

#define HEADER 48

static uint8_t *dup(const uint8_t *p, size_t n)
{
	uint8_t *q = malloc(n ? n : 1);

	if (q && n)
		memcpy(q, p, n);
	return q;
}

static uint64_t u64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint32_t u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void lockless(struct kd_text *t, const uint8_t *h, const uint8_t *d,
		     size_t size)
{
	struct kd_prb_layout l = { 24, 0, 8, 16, 88, 8, 16, 0, 20 };
	struct kd_prb r;
	struct kd_error e;
	uint8_t *descs, *infos, *text;
	size_t nd, ni;

	if (h[1] & 1) {
		l.desc_size = h[2];
		l.off_state = h[3];
		l.off_begin = h[4];
		l.off_next = h[5];
		l.info_size = h[6];
		l.off_ts = h[7];
		l.off_text_len = h[8];
		l.off_caller = h[9];
	}
	l.has_caller = (h[1] & 2) != 0;
	r.count = 1u << (h[0] % 6);
	nd = r.count * l.desc_size;
	ni = r.count * l.info_size;
	if (size < nd + ni + 1)
		return;
	descs = dup(d, nd);
	infos = dup(d + nd, ni);
	text = dup(d + nd + ni, size - nd - ni);
	if (descs && infos && text) {
		r.descs = descs;
		r.infos = infos;
		r.text = text;
		r.text_size = size - nd - ni;
		r.tail_id = u64(h + 16);
		r.head_id = u64(h + 24);
		kd_dmesg_lockless(t, &l, &r, &e);
	}
	free(descs);
	free(infos);
	free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_logbuf_layout ll = { 16, 0, 8, 10, 0, 16 };
	struct kd_text *t;
	struct kd_error e;
	uint8_t *ring;

	if (size < HEADER)
		return 0;
	t = malloc(sizeof *t);
	if (!t)
		return 0;
	kd_text_init(t, -1);		/* output discarded */
	lockless(t, data, data + HEADER, size - HEADER);
	if (data[1] & 1) {
		ll.header_size = data[2];
		ll.off_ts = data[3];
		ll.off_len = data[4];
		ll.off_text_len = data[5];
		ll.off_caller = data[10];
	} else if (data[1] & 2) {
		ll.header_size = 20;	/* printk_log with CONFIG_PRINTK_CALLER */
	}
	ll.has_caller = (data[1] & 2) != 0;
	ring = dup(data + HEADER, size - HEADER);
	if (ring) {
		kd_dmesg_logbuf(t, &ll, ring, size - HEADER, u32(data + 32),
				u32(data + 36), &e);
		kd_dmesg_plain(t, ring, size - HEADER, u64(data + 40), &e);
	}
	free(ring);
	free(t);
	return 0;
}
