/* dmesg.c - the crashed kernel's log, as makedumpfile --dump-dmesg has it.
 *
 * The walkers take rings already in memory and check every index they
 * derive from them; the functions at the end copy the rings out of the dump
 * through the crashed kernel's page tables. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "byteorder.h"
#include "dmesg.h"
#include "fdio.h"

/* ---- output ---- */

void kd_text_init(struct kd_text *t, int fd)
{
	t->fd = fd;
	t->err = 0;
	t->len = 0;
}

int kd_text_flush(struct kd_text *t)
{
	if (t->fd >= 0 && !t->err && t->len &&
	    kd_write_full(t->fd, t->buf, t->len))
		t->err = errno ? errno : EIO;
	t->len = 0;
	return t->err ? -1 : 0;
}

static void put(struct kd_text *t, const void *s, size_t n)
{
	const char *p = s;

	while (n && !t->err) {
		size_t k = sizeof t->buf - t->len;

		if (k > n)
			k = n;
		memcpy(t->buf + t->len, p, k);
		t->len += k;
		p += k;
		n -= k;
		if (t->len == sizeof t->buf)
			kd_text_flush(t);
	}
}

static int write_error(struct kd_text *t, struct kd_error *e)
{
	return kd_fail(e, t->err, "cannot write the log: %s", strerror(t->err));
}

/* ---- one record, formatted as makedumpfile does ---- */

/* isprint() || isspace() in the C locale. */
static int plain_byte(uint8_t c)
{
	return (c >= 0x20 && c < 0x7f) || (c >= '\t' && c <= '\r');
}

/* Bit 31 of a caller id: the rest is a CPU number, not a task id. */
#define CALLER_CPU 0x80000000u

/* The caller id at off in p when the layout has one, else NULL. */
static const uint32_t *caller_at(int has_caller, const uint8_t *p, size_t off,
				 uint32_t *id)
{
	if (!has_caller)
		return NULL;
	*id = kd_get_le32(p + off);
	return id;
}

/* The record's prefix in buf: "[sssss.uuuuuu] ", then, with a caller
 * id, "[%8s] " of "T<task>" or "C<cpu>".  Its length; 0 if it did not fit
 * (it always does: 35 bytes at the most). */
static size_t prefix(char *buf, size_t size, uint64_t ts_nsec,
		     const uint32_t *caller)
{
	char who[16];
	int n, m;

	n = snprintf(buf, size, "[%5llu.%06llu] ",
		     (unsigned long long)(ts_nsec / 1000000000),
		     (unsigned long long)(ts_nsec % 1000000000 / 1000));
	if (n < 0 || (size_t)n >= size)
		return 0;
	if (!caller)
		return (size_t)n;
	m = snprintf(who, sizeof who, "%c%u", *caller & CALLER_CPU ? 'C' : 'T',
		     *caller & ~CALLER_CPU);
	if (m < 0 || (size_t)m >= sizeof who)
		return 0;
	m = snprintf(buf + n, size - (size_t)n, "[%8s] ", who);
	if (m < 0 || (size_t)m >= size - (size_t)n)
		return 0;
	return (size_t)(n + m);
}

static void record(struct kd_text *t, uint64_t ts_nsec, const uint32_t *caller,
		   const uint8_t *s, size_t len)
{
	char head[48], pad[48], esc[16];
	size_t indent = prefix(head, sizeof head, ts_nsec, caller), i = 0, run;

	memset(pad, ' ', sizeof pad);
	put(t, head, indent);
	while (i < len) {
		for (run = i; run < len && s[run] != '\n' && plain_byte(s[run]);
		     run++)
			;
		put(t, s + i, run - i);
		if (run == len)
			break;
		if (s[run] == '\n') {
			put(t, "\n", 1);
			put(t, pad, indent);
		} else {
			/* "\\x%02x" of a signed char: 0xc3 is \xffffffc3 */
			unsigned v = s[run] < 0x80 ? s[run] : 0xffffff00u | s[run];
			int n = snprintf(esc, sizeof esc, "\\x%02x", v);

			put(t, esc, n > 0 ? (size_t)n : 0);
		}
		i = run + 1;
	}
	put(t, "\n", 1);
}

/* A field of width w at off lies within size bytes. */
static int fits(size_t off, size_t w, size_t size)
{
	return size >= w && off <= size - w;
}

/* ---- the lockless ring buffer (5.10+) ---- */

#define ID_MASK ((1ULL << 62) - 1)	/* the rest of state_var is the state */
#define STATE(sv) ((sv) >> 62)
#define COMMITTED 1
#define FINALIZED 2

static int prb_layout_ok(const struct kd_prb_layout *l)
{
	return fits(l->off_state, 8, l->desc_size) &&
	       fits(l->off_begin, 8, l->desc_size) &&
	       fits(l->off_next, 8, l->desc_size) &&
	       fits(l->off_ts, 8, l->info_size) &&
	       fits(l->off_text_len, 2, l->info_size) &&
	       (!l->has_caller || fits(l->off_caller, 4, l->info_size));
}

/* Find record id's text block: [*start, *end) of the data ring, which
 * begins with the id (8 bytes).  1 when it has none, -1 when corrupt. */
static int prb_block(const struct kd_prb *r, uint64_t begin, uint64_t next,
		     uint64_t *start, uint64_t *end)
{
	uint64_t size = r->text_size;

	if (begin % size == next % size)
		return 1;		/* data-less (FAILED_LPOS, NO_LPOS) */
	if (next - begin > size)
		return -1;
	if (begin / size == (next - 1) / size) {
		*start = begin % size;
		*end = *start + (next - begin);
		if (*end > size)
			return -1;
	} else {
		*start = 0;		/* a wrapped block is at the start */
		*end = next % size;
	}
	return *end - *start < 8 ? -1 : 0;
}

static int prb_record(struct kd_text *t, const struct kd_prb_layout *l,
		      const struct kd_prb *r, uint64_t id, struct kd_error *e)
{
	uint64_t slot = id % r->count;
	const uint8_t *d = r->descs + slot * l->desc_size;
	const uint8_t *info = r->infos + slot * l->info_size;
	uint64_t sv = kd_get_le64(d + l->off_state);
	uint64_t begin = kd_get_le64(d + l->off_begin);
	uint64_t next = kd_get_le64(d + l->off_next), start = 0, end = 0, len;
	uint32_t id32;
	int ret;

	if ((sv & ID_MASK) != id ||
	    (STATE(sv) != COMMITTED && STATE(sv) != FINALIZED))
		return 0;	/* overwritten, or not (or no longer) complete */
	ret = prb_block(r, begin, next, &start, &end);
	if (ret < 0)
		return kd_fail(e, EINVAL, "the printk ring is corrupt: record "
			       "%llu has text block [%#llx, %#llx) in a %llu-byte "
			       "ring; the log before it was written",
			       (unsigned long long)id, (unsigned long long)begin,
			       (unsigned long long)next,
			       (unsigned long long)r->text_size);
	if (ret)
		return 0;
	len = kd_get_le16(info + l->off_text_len);
	if (len > end - start - 8)
		len = end - start - 8;	/* truncated, as makedumpfile has it */
	record(t, kd_get_le64(info + l->off_ts),
	       caller_at(l->has_caller, info, l->off_caller, &id32),
	       r->text + start + 8, (size_t)len);
	return 0;
}

int kd_dmesg_lockless(struct kd_text *t, const struct kd_prb_layout *l,
		      const struct kd_prb *r, struct kd_error *e)
{
	uint64_t head = r->head_id & ID_MASK, id = r->tail_id & ID_MASK;
	int behind = 0;

	if (!prb_layout_ok(l) || !r->count || !r->text_size)
		return kd_fail(e, EINVAL, "impossible printk ring layout");
	/* The kernel keeps head - tail below count; older ids would all be
	 * misses, so print the newest count records and report. */
	if (((head - id) & ID_MASK) >= r->count) {
		behind = 1;
		id = (head - (r->count - 1)) & ID_MASK;
	}
	for (;;) {
		if (prb_record(t, l, r, id, e))
			return -1;
		if (t->err)
			return write_error(t, e);
		if (id == head)
			break;
		id = (id + 1) & ID_MASK;
	}
	if (behind)
		return kd_fail(e, EINVAL, "the printk ring is corrupt: tail id "
			       "%llu is not within %llu records of head id %llu; "
			       "the newest records were written",
			       (unsigned long long)(r->tail_id & ID_MASK),
			       (unsigned long long)r->count,
			       (unsigned long long)head);
	return 0;
}

/* ---- the structured log_buf (3.5 - 5.9) ---- */

static int logbuf_corrupt(struct kd_error *e, uint64_t idx, const char *what)
{
	return kd_fail(e, EINVAL, "log_buf is corrupt: %s at index %llu; the "
		       "log before it was written", what, (unsigned long long)idx);
}

int kd_dmesg_logbuf(struct kd_text *t, const struct kd_logbuf_layout *l,
		    const uint8_t *buf, uint64_t size, uint64_t first,
		    uint64_t next, struct kd_error *e)
{
	size_t hs = l->header_size;
	uint64_t idx = first;
	int wrapped = 0;

	if (!hs || !fits(l->off_ts, 8, hs) || !fits(l->off_len, 2, hs) ||
	    !fits(l->off_text_len, 2, hs) ||
	    (l->has_caller && !fits(l->off_caller, 4, hs)))
		return kd_fail(e, EINVAL, "impossible log_buf record layout");
	if (next > size)
		return logbuf_corrupt(e, next, "log_next_idx out of range");
	while (idx != next) {
		const uint8_t *h;
		uint64_t len, text_len;
		uint32_t id32;

		if (idx > size || size - idx < hs)
			return logbuf_corrupt(e, idx, "a record past the end");
		h = buf + idx;
		len = kd_get_le16(h + l->off_len);
		if (!len) {		/* the rest is free: go to the start */
			if (wrapped++ || !idx)
				return logbuf_corrupt(e, idx, "a second wrap");
			idx = 0;
			continue;
		}
		text_len = kd_get_le16(h + l->off_text_len);
		if (len < hs || len > size - idx || text_len > len - hs)
			return logbuf_corrupt(e, idx, "an inconsistent record");
		record(t, kd_get_le64(h + l->off_ts),
		       caller_at(l->has_caller, h, l->off_caller, &id32), h + hs,
		       (size_t)text_len);
		if (t->err)
			return write_error(t, e);
		idx += len;
	}
	return 0;
}

/* ---- the plain character ring (before 3.5) ---- */

int kd_dmesg_plain(struct kd_text *t, const uint8_t *buf, uint64_t size,
		   uint64_t log_end, struct kd_error *e)
{
	if (!size)
		return kd_fail(e, EINVAL, "log_buf is empty");
	if (log_end < size) {
		put(t, buf, (size_t)log_end);
	} else {
		uint64_t idx = log_end % size;

		put(t, buf + idx, (size_t)(size - idx));
		put(t, buf, (size_t)idx);
	}
	return t->err ? write_error(t, e) : 0;
}

/* ---- copying the rings out of the dump ---- */

/* VMCOREINFO lookups that remember the first key missing. */
struct keys {
	struct kd_input *in;
	const char *missing;
};

static uint64_t key(struct keys *k, const char *name)
{
	int64_t v;

	if (kd_input_vmcoreinfo(k->in, name, &v)) {
		if (!k->missing)
			k->missing = name;
		return 0;
	}
	return (uint64_t)v;
}

static int have(struct kd_input *in, const char *name)
{
	int64_t v;

	return kd_input_vmcoreinfo(in, name, &v) == 0;
}

/* An offset VMCOREINFO may lack: 1 and *off when it has it, else 0 and
 * *off 0.  -1 is makedumpfile's "not found", so it counts as absent. */
static int optional_offset(struct kd_input *in, const char *name, size_t *off)
{
	int64_t v;

	*off = 0;
	if (kd_input_vmcoreinfo(in, name, &v) || v == -1)
		return 0;
	*off = (size_t)v;
	return 1;
}

/* A copy of len bytes at vaddr, at most KD_DMESG_MAX_RING of them. */
static void *copy_virt(struct kd_input *in, uint64_t vaddr, uint64_t len,
		       const char *what, struct kd_error *e)
{
	void *p;

	if (!len || len > KD_DMESG_MAX_RING) {
		kd_fail(e, EFBIG, "%s is %llu bytes, beyond the %llu MiB limit",
			what, (unsigned long long)len,
			(unsigned long long)(KD_DMESG_MAX_RING >> 20));
		return NULL;
	}
	p = malloc((size_t)len);
	if (!p) {
		kd_fail(e, ENOMEM, "no memory for %s (%llu bytes)", what,
			(unsigned long long)len);
		return NULL;
	}
	if (kd_input_read_virt(in, vaddr, p, (size_t)len)) {
		kd_fail(e, EIO, "cannot read %s (%llu bytes at %#llx)", what,
			(unsigned long long)len, (unsigned long long)vaddr);
		free(p);
		return NULL;
	}
	return p;
}

/* Where the lockless ring is and how its records are laid out. */
struct prb_keys {
	uint64_t prb, rb_size, desc_ring, text_ring, counter;
	uint64_t count_bits, descs, infos, head_id, tail_id;
	uint64_t size_bits, data;
	struct kd_prb_layout l;
};

static int prb_keys(struct kd_input *in, struct prb_keys *p,
		    struct kd_error *e)
{
	struct keys k = { in, NULL };
	uint64_t lpos = key(&k, "OFFSET(prb_desc.text_blk_lpos)");

	p->prb = key(&k, "SYMBOL(prb)");
	p->rb_size = key(&k, "SIZE(printk_ringbuffer)");
	p->desc_ring = key(&k, "OFFSET(printk_ringbuffer.desc_ring)");
	p->text_ring = key(&k, "OFFSET(printk_ringbuffer.text_data_ring)");
	p->count_bits = key(&k, "OFFSET(prb_desc_ring.count_bits)");
	p->descs = key(&k, "OFFSET(prb_desc_ring.descs)");
	p->infos = key(&k, "OFFSET(prb_desc_ring.infos)");
	p->head_id = key(&k, "OFFSET(prb_desc_ring.head_id)");
	p->tail_id = key(&k, "OFFSET(prb_desc_ring.tail_id)");
	p->size_bits = key(&k, "OFFSET(prb_data_ring.size_bits)");
	p->data = key(&k, "OFFSET(prb_data_ring.data)");
	p->l.desc_size = key(&k, "SIZE(prb_desc)");
	p->l.off_state = key(&k, "OFFSET(prb_desc.state_var)");
	p->l.off_begin = lpos + key(&k, "OFFSET(prb_data_blk_lpos.begin)");
	p->l.off_next = lpos + key(&k, "OFFSET(prb_data_blk_lpos.next)");
	p->l.info_size = key(&k, "SIZE(printk_info)");
	p->l.off_ts = key(&k, "OFFSET(printk_info.ts_nsec)");
	p->l.off_text_len = key(&k, "OFFSET(printk_info.text_len)");
	if (k.missing)
		return kd_fail(e, ENOENT, "VMCOREINFO lacks %s", k.missing);
	/* atomic_long_t wraps state_var, head_id and tail_id */
	k.missing = NULL;
	p->counter = key(&k, "OFFSET(atomic_long_t.counter)");
	p->l.off_state += p->counter;
	p->l.has_caller = optional_offset(in, "OFFSET(printk_info.caller_id)",
					  &p->l.off_caller);
	if (p->rb_size > 4096 || p->l.desc_size > 4096 ||
	    p->l.info_size > 4096 || !prb_layout_ok(&p->l))
		return kd_fail(e, EINVAL, "VMCOREINFO describes an impossible "
			       "printk ring layout");
	return 0;
}

/* A field of the printk_ringbuffer copy, -1 if outside it. */
static int rb_field(const uint8_t *rb, uint64_t size, uint64_t off, int w,
		    uint64_t *v)
{
	if (off > size || !fits((size_t)off, (size_t)w, (size_t)size))
		return -1;
	*v = w == 8 ? kd_get_le64(rb + off) : kd_get_le32(rb + off);
	return 0;
}

/* Fill r's counts, ids and the addresses of its arrays from the
 * printk_ringbuffer at p->prb. */
static int prb_header(struct kd_input *in, const struct prb_keys *p,
		      struct kd_prb *r, uint64_t addr[3], struct kd_error *e)
{
	uint8_t rb[4096];
	uint64_t ptr, cbits, sbits, dr = p->desc_ring, tr = p->text_ring;

	if (kd_input_read_virt(in, p->prb, &ptr, 8) ||
	    kd_input_read_virt(in, ptr, rb, (size_t)p->rb_size))
		return kd_fail(e, EIO, "cannot read the printk ring buffer");
	if (rb_field(rb, p->rb_size, dr + p->count_bits, 4, &cbits) ||
	    rb_field(rb, p->rb_size, dr + p->descs, 8, &addr[0]) ||
	    rb_field(rb, p->rb_size, dr + p->infos, 8, &addr[1]) ||
	    rb_field(rb, p->rb_size, dr + p->head_id + p->counter, 8, &r->head_id) ||
	    rb_field(rb, p->rb_size, dr + p->tail_id + p->counter, 8, &r->tail_id) ||
	    rb_field(rb, p->rb_size, tr + p->size_bits, 4, &sbits) ||
	    rb_field(rb, p->rb_size, tr + p->data, 8, &addr[2]))
		return kd_fail(e, EINVAL, "VMCOREINFO places the printk ring's "
			       "fields outside SIZE(printk_ringbuffer)");
	if (cbits > 31 || sbits > 31)
		return kd_fail(e, EINVAL, "the printk ring is corrupt: "
			       "count_bits %llu, size_bits %llu",
			       (unsigned long long)cbits, (unsigned long long)sbits);
	r->count = 1ULL << cbits;
	r->text_size = 1ULL << sbits;
	return 0;
}

/* The fields of printk_info we use, packed 16 bytes a record: ts_nsec at
 * 0, text_len at 8, caller_id (when the layout has it) at 12.  Read in
 * chunks, so that the 88-byte infos are never in memory whole. */
#define PACKED_INFO 16
#define PACKED_TS 0
#define PACKED_TEXT_LEN 8
#define PACKED_CALLER 12

static uint8_t *pack_infos(struct kd_input *in, const struct prb_keys *p,
			   uint64_t addr, uint64_t count, struct kd_error *e)
{
	size_t isz = p->l.info_size, per = 65536 / isz, i, n;
	uint8_t *out, *chunk;
	uint64_t done;

	if (count > KD_DMESG_MAX_RING / PACKED_INFO) {
		kd_fail(e, EFBIG, "the printk ring has %llu records, beyond "
			"the limit", (unsigned long long)count);
		return NULL;
	}
	out = malloc((size_t)count * PACKED_INFO);
	chunk = malloc(per * isz);
	if (!out || !chunk) {
		kd_fail(e, ENOMEM, "no memory for the printk ring's records");
		goto fail;
	}
	for (done = 0; done < count; done += n) {
		n = count - done < per ? (size_t)(count - done) : per;
		if (kd_input_read_virt(in, addr + done * isz, chunk, n * isz)) {
			kd_fail(e, EIO, "cannot read the printk ring's records "
				"at %#llx", (unsigned long long)(addr + done * isz));
			goto fail;
		}
		for (i = 0; i < n; i++) {
			uint8_t *o = out + (done + i) * PACKED_INFO;
			const uint8_t *info = chunk + i * isz;

			memset(o, 0, PACKED_INFO);
			memcpy(o + PACKED_TS, info + p->l.off_ts, 8);
			memcpy(o + PACKED_TEXT_LEN, info + p->l.off_text_len, 2);
			if (p->l.has_caller)
				memcpy(o + PACKED_CALLER, info + p->l.off_caller, 4);
		}
	}
	free(chunk);
	return out;
fail:
	free(out);
	free(chunk);
	return NULL;
}

static int lockless_from_dump(struct kd_input *in, struct kd_text *t,
			      struct kd_error *e)
{
	struct prb_keys p;
	struct kd_prb r;
	struct kd_prb_layout l;
	uint64_t addr[3];
	uint8_t *descs = NULL, *infos = NULL, *text = NULL;
	int ret = -1;

	if (prb_keys(in, &p, e) || prb_header(in, &p, &r, addr, e))
		return -1;
	if (r.count > KD_DMESG_MAX_RING / p.l.desc_size)
		return kd_fail(e, EFBIG, "the printk ring has %llu records, "
			       "beyond the limit", (unsigned long long)r.count);
	text = copy_virt(in, addr[2], r.text_size, "the printk text ring", e);
	if (text)
		descs = copy_virt(in, addr[0], r.count * p.l.desc_size,
				  "the printk descriptors", e);
	if (descs)
		infos = pack_infos(in, &p, addr[1], r.count, e);
	if (infos) {
		l = p.l;
		l.info_size = PACKED_INFO;
		l.off_ts = PACKED_TS;
		l.off_text_len = PACKED_TEXT_LEN;
		l.off_caller = PACKED_CALLER;
		r.descs = descs;
		r.infos = infos;
		r.text = text;
		ret = kd_dmesg_lockless(t, &l, &r, e);
	}
	free(descs);
	free(infos);
	free(text);
	return ret;
}

/* The buffer, its length and the kernel's indexes into it. */
static int logbuf_vars(struct kd_input *in, struct keys *k, uint64_t *ptr,
		       uint32_t *len, struct kd_error *e)
{
	uint64_t a = key(k, "SYMBOL(log_buf)"), b = key(k, "SYMBOL(log_buf_len)");

	if (k->missing)
		return kd_fail(e, ENOENT, "VMCOREINFO lacks %s", k->missing);
	*ptr = 0;
	if (kd_input_read_virt(in, a, ptr, 8) || kd_input_read_virt(in, b, len, 4))
		return kd_fail(e, EIO, "cannot read log_buf and log_buf_len");
	return 0;
}

static int logbuf_from_dump(struct kd_input *in, struct kd_text *t,
			    struct kd_error *e)
{
	static const char *const name[2] = { "printk_log", "log" };
	struct keys k = { in, NULL };
	struct kd_logbuf_layout l;
	const char *s = name[!have(in, "SIZE(printk_log)")];	/* log: 3.5-3.10 */
	uint64_t ptr, fa = key(&k, "SYMBOL(log_first_idx)"),
		 na = key(&k, "SYMBOL(log_next_idx)");
	uint32_t len = 0, first = 0, next = 0;
	char kname[64];
	uint8_t *buf;
	int ret;

	snprintf(kname, sizeof kname, "SIZE(%s)", s);
	l.header_size = key(&k, kname);
	snprintf(kname, sizeof kname, "OFFSET(%s.ts_nsec)", s);
	l.off_ts = key(&k, kname);
	snprintf(kname, sizeof kname, "OFFSET(%s.len)", s);
	l.off_len = key(&k, kname);
	snprintf(kname, sizeof kname, "OFFSET(%s.text_len)", s);
	l.off_text_len = key(&k, kname);
	/* as makedumpfile: printk_log's caller id (5.1 - 5.9 with
	 * CONFIG_PRINTK_CALLER), never a struct log's */
	l.has_caller = optional_offset(in, "OFFSET(printk_log.caller_id)",
				       &l.off_caller) && s == name[0];
	if (logbuf_vars(in, &k, &ptr, &len, e))
		return -1;
	if (kd_input_read_virt(in, fa, &first, 4) ||
	    kd_input_read_virt(in, na, &next, 4))
		return kd_fail(e, EIO, "cannot read log_first_idx and log_next_idx");
	buf = copy_virt(in, ptr, len, "log_buf", e);
	if (!buf)
		return -1;
	ret = kd_dmesg_logbuf(t, &l, buf, len, first, next, e);
	free(buf);
	return ret;
}

/* log_end is an unsigned long before 2.6.25, an unsigned int after. */
static size_t log_end_size(struct kd_input *in)
{
	const struct kd_meta *m = kd_input_meta(in);
	int a, b, c;

	if (m && sscanf(m->release, "%d.%d.%d", &a, &b, &c) == 3 &&
	    a == 2 && (b < 6 || (b == 6 && c < 25)))
		return 8;
	return 4;
}

static int plain_from_dump(struct kd_input *in, struct kd_text *t,
			   struct kd_error *e)
{
	struct keys k = { in, NULL };
	uint64_t ptr, end = 0, ea = key(&k, "SYMBOL(log_end)");
	uint32_t len = 0;
	uint8_t *buf;
	int ret;

	if (logbuf_vars(in, &k, &ptr, &len, e))
		return -1;
	if (kd_input_read_virt(in, ea, &end, log_end_size(in)))
		return kd_fail(e, EIO, "cannot read log_end");
	buf = copy_virt(in, ptr, len, "log_buf", e);
	if (!buf)
		return -1;
	ret = kd_dmesg_plain(t, buf, len, end, e);
	free(buf);
	return ret;
}

int kd_dmesg_write(struct kd_input *in, int fd, struct kd_error *e)
{
	struct kd_text *t = malloc(sizeof *t);
	int ret;

	if (!t)
		return kd_fail(e, ENOMEM, "out of memory");
	kd_text_init(t, fd);
	if (have(in, "SYMBOL(prb)"))
		ret = lockless_from_dump(in, t, e);
	else if (have(in, "SYMBOL(log_first_idx)"))
		ret = logbuf_from_dump(in, t, e);
	else if (have(in, "SYMBOL(log_end)"))
		ret = plain_from_dump(in, t, e);
	else
		ret = kd_fail(e, ENOENT, "no kernel log in this dump (VMCOREINFO "
			      "names neither prb nor log_buf)");
	if (kd_text_flush(t) && !ret)
		ret = write_error(t, e);
	free(t);
	return ret;
}
