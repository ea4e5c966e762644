/* dmesg.c - extract the kernel log from a vmcore. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "dmesg.h"

#define ID_MASK (~(3ULL << 62))
#define STATE(sv) ((sv) >> 62 & 3)
#define COMMITTED 1
#define FINALIZED 2

int kd_text_flush(struct kd_text *t)
{
	size_t done = 0;

	while (!t->err && done < t->len) {
		ssize_t n = write(t->fd, t->buf + done, t->len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			t->err = n < 0 ? errno : EIO;
		else
			done += (size_t)n;
	}
	t->len = 0;
	return t->err ? -1 : 0;
}

static void put(struct kd_text *t, const char *s, size_t n)
{
	while (n) {
		size_t room = sizeof t->buf - t->len, k = n < room ? n : room;

		memcpy(t->buf + t->len, s, k);
		t->len += k;
		s += k;
		n -= k;
		if (t->len == sizeof t->buf)
			kd_text_flush(t);
	}
}

/* One record: "[%5llu.%06llu] " then the text, as makedumpfile prints it. */
static void record(struct kd_text *t, uint64_t ts_nsec, const uint8_t *text,
		   size_t len)
{
	char prefix[64], esc[16];
	int indent = snprintf(prefix, sizeof prefix, "[%5llu.%06llu] ",
			      (unsigned long long)(ts_nsec / 1000000000),
			      (unsigned long long)(ts_nsec % 1000000000 / 1000));
	size_t i;

	put(t, prefix, (size_t)indent);
	for (i = 0; i < len; i++) {
		char c = (char)text[i];

		if (c == '\n') {
			put(t, "\n", 1);
			snprintf(prefix, sizeof prefix, "%*s", indent, "");
			put(t, prefix, (size_t)indent);
		} else if (isprint((unsigned char)c) || isspace((unsigned char)c)) {
			put(t, &c, 1);
		} else {
			/* a signed char, as makedumpfile formats it */
			put(t, esc, (size_t)snprintf(esc, sizeof esc, "\\x%02x",
						       (unsigned)(int)c));
		}
	}
	put(t, "\n", 1);
}

static uint64_t u64_at(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static uint32_t u32_at(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint16_t u16_at(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }

static void lockless_record(struct kd_text *t, const struct kd_prb_layout *l,
			    const uint8_t *descs, const uint8_t *infos,
			    uint64_t count, const uint8_t *text,
			    uint64_t text_size, uint64_t id)
{
	const uint8_t *d = descs + (id % count) * l->desc_size;
	const uint8_t *info = infos + (id % count) * l->info_size;
	uint64_t sv = u64_at(d + l->off_state), begin, next, len;

	if ((sv & ID_MASK) != id || (STATE(sv) != COMMITTED && STATE(sv) != FINALIZED))
		return;
	begin = u64_at(d + l->off_begin) % text_size;
	next = u64_at(d + l->off_next) % text_size;
	if (begin == next)
		return;			/* a record without text */
	if (begin > next)
		begin = 0;		/* the block wrapped to the start */
	begin += 8;			/* the block's id */
	if (begin > next)
		return;
	len = u16_at(info + l->off_text_len);
	if (next - begin < len)
		len = next - begin;
	record(t, u64_at(info + l->off_ts), text + begin, (size_t)len);
}

int kd_dmesg_lockless(struct kd_text *t, const struct kd_prb_layout *l,
		      const uint8_t *descs, const uint8_t *infos,
		      uint64_t count, const uint8_t *text, uint64_t text_size,
		      uint64_t tail_id, uint64_t head_id)
{
	uint64_t id, n = 0;

	if (!count || !text_size || l->off_state + 8 > l->desc_size ||
	    l->off_begin + 8 > l->desc_size || l->off_next + 8 > l->desc_size ||
	    l->off_ts + 8 > l->info_size || l->off_text_len + 2 > l->info_size)
		return -1;
	for (id = tail_id & ID_MASK; ; id = (id + 1) & ID_MASK) {
		lockless_record(t, l, descs, infos, count, text, text_size, id);
		if (id == (head_id & ID_MASK) || ++n > count)
			break;
	}
	return t->err ? -1 : 0;
}

int kd_dmesg_logbuf(struct kd_text *t, const struct kd_logbuf_layout *l,
		    const uint8_t *buf, uint64_t size, uint64_t first,
		    uint64_t next)
{
	uint64_t idx = first, steps = 0;

	while (idx != next) {
		const uint8_t *h;
		uint16_t len, text_len;

		if (idx + l->header_size > size || ++steps > size)
			return -1;	/* corrupt: stop here */
		h = buf + idx;
		len = u16_at(h + l->off_len);
		if (len == 0) {		/* wrap to the start */
			if (idx == 0)
				return -1;
			idx = 0;
			continue;
		}
		text_len = u16_at(h + l->off_text_len);
		if (len < l->header_size || idx + len > size ||
		    l->header_size + text_len > len)
			return -1;
		record(t, u64_at(h + l->off_ts), h + l->header_size, text_len);
		idx += len;
	}
	return t->err ? -1 : 0;
}

/* ---- reading the rings out of the dump ---- */

struct vmci_reader {
	struct kd_input *in;
	const char *missing;
};

static uint64_t num(struct vmci_reader *r, const char *key)
{
	int64_t v;

	if (kd_input_vmcoreinfo(r->in, key, &v)) {
		if (!r->missing)
			r->missing = key;
		return 0;
	}
	return (uint64_t)v;
}

static void *read_virt(struct kd_input *in, uint64_t vaddr, uint64_t len)
{
	void *p;

	if (!len || len > KD_DMESG_MAX_RING)
		return NULL;
	p = malloc((size_t)len);
	if (p && kd_input_read_virt(in, vaddr, p, (size_t)len)) {
		free(p);
		return NULL;
	}
	return p;
}

static int lockless(struct kd_input *in, struct kd_text *t, struct kd_error *e)
{
	struct vmci_reader r = { in, NULL };
	struct kd_prb_layout l;
	uint64_t prb, desc_ring, text_ring, count, size, ptr, off_counter;
	uint8_t ring[512], *descs = NULL, *infos = NULL, *text = NULL;
	int ret = -1;

	desc_ring = num(&r, "OFFSET(printk_ringbuffer.desc_ring)");
	text_ring = num(&r, "OFFSET(printk_ringbuffer.text_data_ring)");
	off_counter = num(&r, "OFFSET(atomic_long_t.counter)");
	l.desc_size = num(&r, "SIZE(prb_desc)");
	l.info_size = num(&r, "SIZE(printk_info)");
	l.off_state = num(&r, "OFFSET(prb_desc.state_var)") + off_counter;
	l.off_begin = num(&r, "OFFSET(prb_desc.text_blk_lpos)") +
		      num(&r, "OFFSET(prb_data_blk_lpos.begin)");
	l.off_next = num(&r, "OFFSET(prb_desc.text_blk_lpos)") +
		     num(&r, "OFFSET(prb_data_blk_lpos.next)");
	l.off_ts = num(&r, "OFFSET(printk_info.ts_nsec)");
	l.off_text_len = num(&r, "OFFSET(printk_info.text_len)");
	if (r.missing)
		return kd_fail(e, ENOENT, "VMCOREINFO lacks %s", r.missing);
	if (kd_input_read_virt(in, num(&r, "SYMBOL(prb)"), &prb, 8) ||
	    kd_input_read_virt(in, prb, ring, sizeof ring))
		return kd_fail(e, EIO, "cannot read the printk ring buffer");
	if (desc_ring + 40 > sizeof ring || text_ring + 16 > sizeof ring)
		return kd_fail(e, EINVAL, "unexpected printk ring buffer layout");
	count = 1ULL << (u32_at(ring + desc_ring + num(&r, "OFFSET(prb_desc_ring.count_bits)")) & 31);
	size = 1ULL << (u32_at(ring + text_ring + num(&r, "OFFSET(prb_data_ring.size_bits)")) & 31);
	memcpy(&ptr, ring + desc_ring + num(&r, "OFFSET(prb_desc_ring.descs)"), 8);
	descs = read_virt(in, ptr, count * l.desc_size);
	memcpy(&ptr, ring + desc_ring + num(&r, "OFFSET(prb_desc_ring.infos)"), 8);
	infos = read_virt(in, ptr, count * l.info_size);
	memcpy(&ptr, ring + text_ring + num(&r, "OFFSET(prb_data_ring.data)"), 8);
	text = read_virt(in, ptr, size);
	if (!descs || !infos || !text) {
		kd_fail(e, EIO, "cannot read the printk ring buffer's arrays");
		goto out;
	}
	ret = kd_dmesg_lockless(t, &l, descs, infos, count, text, size,
		u64_at(ring + desc_ring + num(&r, "OFFSET(prb_desc_ring.tail_id)") + off_counter),
		u64_at(ring + desc_ring + num(&r, "OFFSET(prb_desc_ring.head_id)") + off_counter));
	if (ret)
		kd_fail(e, t->err ? t->err : EINVAL, "the log is corrupt or could "
			"not be written; what was read is kept");
out:
	free(descs);
	free(infos);
	free(text);
	return ret;
}

static int logbuf(struct kd_input *in, struct kd_text *t, struct kd_error *e)
{
	struct vmci_reader r = { in, NULL };
	struct kd_logbuf_layout l;
	uint64_t buf_ptr = 0;
	uint32_t len = 0, first = 0, next = 0;
	const char *s = "printk_log";
	uint8_t *buf;
	char key[64];
	int64_t v;
	int ret;

	if (kd_input_vmcoreinfo(in, "SIZE(printk_log)", &v))
		s = "log";	/* 3.5 - 3.10 */
	snprintf(key, sizeof key, "SIZE(%s)", s);
	l.header_size = num(&r, key);
	snprintf(key, sizeof key, "OFFSET(%s.ts_nsec)", s);
	l.off_ts = num(&r, key);
	snprintf(key, sizeof key, "OFFSET(%s.len)", s);
	l.off_len = num(&r, key);
	snprintf(key, sizeof key, "OFFSET(%s.text_len)", s);
	l.off_text_len = num(&r, key);
	if (r.missing)
		return kd_fail(e, ENOENT, "VMCOREINFO lacks %s", r.missing);
	if (kd_input_read_virt(in, num(&r, "SYMBOL(log_buf)"), &buf_ptr, 8) ||
	    kd_input_read_virt(in, num(&r, "SYMBOL(log_buf_len)"), &len, 4) ||
	    kd_input_read_virt(in, num(&r, "SYMBOL(log_first_idx)"), &first, 4) ||
	    kd_input_read_virt(in, num(&r, "SYMBOL(log_next_idx)"), &next, 4))
		return kd_fail(e, EIO, "cannot read the log_buf variables");
	buf = read_virt(in, buf_ptr, len);
	if (!buf)
		return kd_fail(e, EIO, "cannot read log_buf (%u bytes)", len);
	ret = kd_dmesg_logbuf(t, &l, buf, len, first, next);
	free(buf);
	if (ret)
		kd_fail(e, EINVAL, "log_buf is corrupt; what was read is kept");
	return ret;
}

int kd_dmesg_write(struct kd_input *in, int fd, struct kd_error *e)
{
	struct kd_text *t = calloc(1, sizeof *t);
	int64_t v;
	int ret;

	if (!t)
		return kd_fail(e, ENOMEM, "out of memory");
	t->fd = fd;
	if (kd_input_vmcoreinfo(in, "SYMBOL(prb)", &v) == 0)
		ret = lockless(in, t, e);
	else if (kd_input_vmcoreinfo(in, "SYMBOL(log_buf)", &v) == 0)
		ret = logbuf(in, t, e);
	else
		ret = kd_fail(e, ENOENT, "no kernel log in this vmcore "
			      "(VMCOREINFO has neither prb nor log_buf)");
	if (kd_text_flush(t) && !ret)
		ret = kd_fail(e, t->err, "cannot write the log: %s", strerror(t->err));
	free(t);
	return ret;
}
