/* test_dmesg.c - the kernel log walkers on synthetic rings, against the
 * exact text makedumpfile --dump-dmesg (1.7.6) prints, with and without
 * the caller id column; and kd_dmesg_write() on small vmcores, whose
 * VMCOREINFO decides whether the column is printed. */
#define UNIT_SUITE "dmesg"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "elfcore.h"
#include "scratch.h"
#include "dmesg.h"
#include "input.h"
#include "log.h"

/* x86_64 6.1: prb_desc 24 bytes (state_var 0, text_blk_lpos.begin 8,
 * .next 16), printk_info 88 bytes (ts_nsec 8, text_len 16, caller_id 20).
 * `layout` is that of a VMCOREINFO without OFFSET(printk_info.caller_id). */
static const struct kd_prb_layout layout = { 24, 0, 8, 16, 88, 8, 16, 0, 0 };
static const struct kd_prb_layout layout_caller = {
	24, 0, 8, 16, 88, 8, 16, 1, 20
};

#define COUNT 8
#define TEXT 256
#define ST_RESERVED 0ULL
#define ST_COMMITTED 1ULL
#define ST_FINALIZED 2ULL
#define ST_REUSABLE 3ULL

static uint8_t descs[COUNT * 24], infos[COUNT * 88], text[TEXT];

/* Caller ids: bit 31 marks a CPU number. */
#define TASK(n) ((uint32_t)(n))
#define CPU(n) (0x80000000u | (uint32_t)(n))

static void clear(void)
{
	memset(descs, 0, sizeof descs);
	memset(infos, 0, sizeof infos);
	memset(text, '#', sizeof text);
}

/* Descriptor of record id: state, lpos begin/next, ts, text_len. */
static void desc(uint64_t id, uint64_t state, uint64_t begin, uint64_t next,
		 uint64_t ts, uint16_t len)
{
	uint8_t *d = descs + (id % COUNT) * 24, *i = infos + (id % COUNT) * 88;

	put64(d, state << 62 | (id & ((1ULL << 62) - 1)));
	put64(d + 8, begin);
	put64(d + 16, next);
	put64(i + 8, ts);
	put16(i + 16, len);
}

/* Record id with msg in a block at data ring offset `at` (id first). */
static void rec(uint64_t id, uint64_t state, uint64_t begin, uint64_t next,
		uint64_t at, uint64_t ts, const char *msg, size_t len)
{
	desc(id, state, begin, next, ts, (uint16_t)len);
	put64(text + at, id);
	memcpy(text + at + 8, msg, len);
}

/* Simple record: block [at, at + 8 + len rounded to 8) in wrap 0. */
static void srec(uint64_t id, uint64_t at, uint64_t ts, const char *msg)
{
	size_t len = strlen(msg);
	uint64_t next = at + ((8 + len + 7) & ~7ULL);

	rec(id, ST_FINALIZED, at, next, at, ts, msg, len);
}

/* A simple record with caller id cid (printk_info offset 20). */
static void crec(uint64_t id, uint64_t at, uint64_t ts, uint32_t cid,
		 const char *msg)
{
	srec(id, at, ts, msg);
	put32(infos + (id % COUNT) * 88 + 20, cid);
}

/* What a walker wrote to a temporary file. */
struct out {
	struct kd_text t;
	FILE *f;
	char s[65536];
};

static struct out *out_open(void)
{
	struct out *o = calloc(1, sizeof *o);

	o->f = tmpfile();
	CHECK(o->f != NULL);
	kd_text_init(&o->t, fileno(o->f));
	return o;
}

static const char *out_text(struct out *o)
{
	size_t n;

	CHECK_INT(kd_text_flush(&o->t), 0);
	rewind(o->f);
	n = fread(o->s, 1, sizeof o->s - 1, o->f);
	o->s[n] = '\0';
	return o->s;
}

static void out_close(struct out *o)
{
	fclose(o->f);
	free(o);
}

static struct kd_prb ring(uint64_t tail, uint64_t head)
{
	struct kd_prb r = { descs, infos, text, COUNT, TEXT, tail, head };

	return r;
}

/* Walk tail..head with layout l; check the return value and the text. */
static void expect_in(const struct kd_prb_layout *l, uint64_t tail,
		      uint64_t head, int ret, const char *want)
{
	struct out *o = out_open();
	struct kd_prb r = ring(tail, head);
	struct kd_error e = { 0, "" };

	CHECK_INT(kd_dmesg_lockless(&o->t, l, &r, &e), ret);
	if (ret)
		CHECK(strstr(e.msg, "corrupt") || strstr(e.msg, "impossible"));
	CHECK_STR(out_text(o), want);
	out_close(o);
}

static void expect(uint64_t tail, uint64_t head, int ret, const char *want)
{
	expect_in(&layout, tail, head, ret, want);
}

TEST(lockless_format)
{
	clear();
	srec(1, 0, 0, "Linux version 6.1");
	srec(2, 32, 1500000, "two\nlines\n");
	srec(3, 56, 12345678901ULL, "ctl\x01\x1b del\x7f hi\xc3\xff tab\tcr\r");
	srec(4, 96, 99999999999999ULL, "five digits");
	srec(5, 120, 100000000000000ULL, "six digits");
	srec(6, 144, 12345678123456789ULL, "eight\ndigits");
	expect(1, 6, 0,
	       "[    0.000000] Linux version 6.1\n"
	       "[    0.001500] two\n"
	       "               lines\n"
	       "               \n"
	       "[   12.345678] ctl\\x01\\x1b del\\x7f hi\\xffffffc3\\xffffffff"
	       " tab\tcr\r\n"
	       "[99999.999999] five digits\n"
	       "[100000.000000] six digits\n"
	       "[12345678.123456] eight\n"
	       "                  digits\n");
}

/* Tasks and CPUs, ids of every width; the lines of a record indented
 * past the caller column, however wide it is. */
static void caller_ring(void)
{
	clear();
	crec(1, 0, 0, TASK(0), "Linux version 6.12.0");
	crec(2, 32, 1500000, TASK(1), "two\nlines");
	crec(3, 56, 2000000, CPU(0), "irq \xc3");
	crec(4, 72, 4000000, TASK(12345678), "nine\nten");
	crec(5, 88, 5000000, TASK(0x7fffffff), "max task");
	crec(6, 112, 12345678901ULL, CPU(0x7fffffff), "max cpu");
}

/* Records 1..3 of caller_ring(), with the column and without. */
static const char ring3_caller[] =
	"[    0.000000] [      T0] Linux version 6.12.0\n"
	"[    0.001500] [      T1] two\n"
	"                          lines\n"
	"[    0.002000] [      C0] irq \\xffffffc3\n";
static const char ring3_plain[] =
	"[    0.000000] Linux version 6.12.0\n"
	"[    0.001500] two\n"
	"               lines\n"
	"[    0.002000] irq \\xffffffc3\n";

TEST(lockless_caller_ids)
{
	caller_ring();
	expect_in(&layout_caller, 1, 6, 0,
		  "[    0.000000] [      T0] Linux version 6.12.0\n"
		  "[    0.001500] [      T1] two\n"
		  "                          lines\n"
		  "[    0.002000] [      C0] irq \\xffffffc3\n"
		  "[    0.004000] [T12345678] nine\n"
		  "                           ten\n"
		  "[    0.005000] [T2147483647] max task\n"
		  "[   12.345678] [C2147483647] max cpu\n");
}

/* No OFFSET(printk_info.caller_id): the same ring, no column. */
TEST(lockless_no_caller_offset)
{
	struct kd_prb_layout bad = layout_caller;

	caller_ring();
	expect(1, 3, 0, ring3_plain);
	expect_in(&layout_caller, 1, 3, 0, ring3_caller);
	bad.off_caller = 85;	/* 4 bytes do not fit in 88 */
	expect_in(&bad, 1, 3, -1, "");
}

TEST(lockless_states)
{
	clear();
	srec(9, 0, 1000, "finalized");
	rec(10, ST_COMMITTED, 24, 48, 24, 2000, "committed", 9);
	rec(11, ST_RESERVED, 48, 72, 48, 3000, "reserved", 8);
	rec(12, ST_REUSABLE, 72, 96, 72, 4000, "reusable", 8);
	desc(13, ST_FINALIZED, 1, 1, 5000, 0);	/* FAILED_LPOS: no data */
	desc(14, ST_FINALIZED, 3, 3, 6000, 5);	/* NO_LPOS */
	/* id 15's slot holds id 7: a miss */
	srec(7, 96, 7000, "old id 7");
	srec(16, 120, 8000, "last");
	expect(9, 16, 0,
	       "[    0.000001] finalized\n"
	       "[    0.000002] committed\n"
	       "[    0.000008] last\n");
}

TEST(lockless_wrapped_blocks)
{
	clear();
	/* wrap 3 of a 256-byte ring: a block at 200 that does not fit in
	 * the 40 bytes left is stored at the start of the next wrap */
	rec(20, ST_FINALIZED, 3 * 256 + 200, 4 * 256 + 48, 0, 1000,
	    "wrapped to the start of the ring", 32);
	rec(21, ST_FINALIZED, 4 * 256 + 48, 4 * 256 + 64, 48, 2000, "x", 1);
	/* a newer kernel may leave an exact fit at the end: [240, 256) */
	rec(22, ST_FINALIZED, 4 * 256 + 240, 5 * 256, 240, 3000, "end", 3);
	/* text_len beyond the block: truncated to the block */
	rec(23, ST_FINALIZED, 4 * 256 + 64, 4 * 256 + 80, 64, 4000, "12345678", 8);
	put16(infos + (23 % COUNT) * 88 + 16, 200);
	expect(20, 23, 0,
	       "[    0.000001] wrapped to the start of the ring\n"
	       "[    0.000002] x\n"
	       "[    0.000003] end\n"
	       "[    0.000004] 12345678\n");
	/* 6.1 stores an exact fit at the end at the start instead */
	clear();
	rec(30, ST_FINALIZED, 7 * 256 + 240, 8 * 256 + 16, 0, 5000, "6.1", 3);
	expect(30, 30, 0, "[    0.000005] 6.1\n");
}

TEST(lockless_id_wraps)
{
	uint64_t top = (1ULL << 62) - 1;

	clear();
	srec(top - 1, 0, 1000, "before");
	srec(top, 24, 2000, "top");
	srec(0, 48, 3000, "zero");
	srec(1, 72, 4000, "one");
	/* the upper state bits of the kernel's ids are ignored */
	expect(top - 1 + (1ULL << 62), 1, 0,
	       "[    0.000001] before\n[    0.000002] top\n"
	       "[    0.000003] zero\n[    0.000004] one\n");
}

/* The kernel starts the logical positions just below 2^64 (and the ids
 * below 2^32), so both wrap early in every boot. */
TEST(lockless_lpos_wraps)
{
	uint64_t z = 0;	/* 2^64 */

	clear();
	rec(40, ST_FINALIZED, z - 56, z - 32, 200, 1000, "below", 5);
	rec(41, ST_FINALIZED, z - 32, z + 24, 0, 2000, "across 2^64", 11);
	rec(42, ST_FINALIZED, z + 24, z + 48, 24, 3000, "above", 5);
	expect(40, 42, 0, "[    0.000001] below\n[    0.000002] across 2^64\n"
	       "[    0.000003] above\n");
	clear();
	rec(43, ST_FINALIZED, z - 16, z, 240, 4000, "at end", 6);
	expect(43, 43, 0, "[    0.000004] at end\n");
	clear();
	srec(0xfffffffe, 0, 1000, "id below 2^32");
	srec(0x100000000ULL, 24, 2000, "id 2^32");
	expect(0xfffffffe, 0x100000000ULL, 0,
	       "[    0.000001] id below 2^32\n[    0.000002] id 2^32\n");
}

TEST(lockless_single_and_empty)
{
	clear();
	srec(5, 0, 1000, "only");
	expect(5, 5, 0, "[    0.000001] only\n");
	desc(5, ST_RESERVED, 0, 16, 1000, 4);
	expect(5, 5, 0, "");
}

TEST(lockless_corrupt_stops)
{
	clear();
	srec(1, 0, 1000, "good");
	/* committed, but the block is longer than the ring */
	desc(2, ST_FINALIZED, 16, 16 + 2 * TEXT + 8, 2000, 4);
	srec(3, 48, 3000, "after");
	expect(1, 3, -1, "[    0.000001] good\n");
	/* a block too short for its id */
	desc(2, ST_FINALIZED, 16, 20, 2000, 4);
	expect(1, 3, -1, "[    0.000001] good\n");
	/* a wrapped block whose end lies before its id */
	desc(2, ST_FINALIZED, 250, 256 + 4, 2000, 4);
	expect(1, 3, -1, "[    0.000001] good\n");
	/* next before begin */
	desc(2, ST_FINALIZED, 100, 40, 2000, 4);
	expect(1, 3, -1, "[    0.000001] good\n");
}

TEST(lockless_tail_far_behind)
{
	clear();
	srec(100, 0, 1000, "a");
	srec(101, 16, 2000, "b");
	/* tail 3 is 98 ids behind the head in an 8-slot ring: only ids
	 * 94..101 can be valid; what they hold is written, then an error */
	expect(3, 101, -1, "[    0.000001] a\n[    0.000002] b\n");
}

TEST(lockless_bad_layout)
{
	struct kd_prb_layout l = layout;
	struct out *o = out_open();
	struct kd_prb r = ring(0, 0);
	struct kd_error e;

	l.off_text_len = 87;
	CHECK_INT(kd_dmesg_lockless(&o->t, &l, &r, &e), -1);
	l = layout;
	r.count = 0;
	CHECK_INT(kd_dmesg_lockless(&o->t, &l, &r, &e), -1);
	CHECK_STR(out_text(o), "");
	out_close(o);
}

/* A larger ring than the output buffer: 2000 records. */
TEST(lockless_long_output)
{
	enum { N = 2048, SZ = 65536 };
	static uint8_t d[N * 24], in[N * 88], tx[SZ];
	struct kd_prb r = { d, in, tx, N, SZ, 0, 1999 };
	struct out *o = out_open();
	struct kd_error e;
	char line[64];
	const char *s;
	uint64_t id;
	int ok = 1;

	for (id = 0; id < 2000; id++) {
		put64(d + id * 24, 2ULL << 62 | id);
		put64(d + id * 24 + 8, id * 32);
		put64(d + id * 24 + 16, id * 32 + 32);
		put64(in + id * 88 + 8, id * 1000000000ULL);
		put16(in + id * 88 + 16, 10);
		put64(tx + id * 32, id);
		snprintf((char *)tx + id * 32 + 8, 24, "record%04u", (unsigned)id);
	}
	CHECK_INT(kd_dmesg_lockless(&o->t, &layout, &r, &e), 0);
	s = out_text(o);
	CHECK_INT(strlen(s), 2000 * 26);
	for (id = 0; id < 2000 && ok; id++) {
		snprintf(line, sizeof line, "[%5u.000000] record%04u\n",
			 (unsigned)id, (unsigned)id);
		ok = !strncmp(s + id * 26, line, 26);
	}
	CHECK(ok);
	out_close(o);
}

TEST(write_error)
{
	struct kd_text t;
	struct kd_prb r;
	struct kd_error e = { 0, "" };
	int fd = open("/dev/full", O_WRONLY);

	CHECK(fd >= 0);
	clear();
	srec(1, 0, 1000, "x");
	r = ring(1, 1);
	kd_text_init(&t, fd);
	CHECK_INT(kd_dmesg_lockless(&t, &layout, &r, &e), 0);
	CHECK_INT(kd_text_flush(&t), -1);
	CHECK_INT(t.err, ENOSPC);
	close(fd);
}

/* ---- log_buf (3.5 - 5.9) ---- */

/* printk_log: ts_nsec 0, len 8, text_len 10, dict_len 12, header 16 */
static const struct kd_logbuf_layout llayout = { 16, 0, 8, 10, 0, 0 };

/* 5.1 - 5.9 with CONFIG_PRINTK_CALLER: caller_id 16, header 20. */
static const struct kd_logbuf_layout llayout_caller = { 20, 0, 8, 10, 1, 16 };

/* A record at idx with an hs-byte header: text, then dict, padded to 8;
 * returns its length. */
static uint16_t lrec_in(uint8_t *buf, size_t idx, size_t hs, uint64_t ts,
			const char *msg, const char *dict)
{
	size_t tl = strlen(msg), dl = strlen(dict);
	uint16_t len = (uint16_t)((hs + tl + dl + 7) & ~7u);

	memset(buf + idx, 0, hs);
	put64(buf + idx, ts);
	put16(buf + idx + 8, len);
	put16(buf + idx + 10, (uint16_t)tl);
	put16(buf + idx + 12, (uint16_t)dl);
	memcpy(buf + idx + hs, msg, tl);
	memcpy(buf + idx + hs + tl, dict, dl);
	return len;
}

static uint16_t lrec(uint8_t *buf, size_t idx, uint64_t ts, const char *msg,
		     const char *dict)
{
	return lrec_in(buf, idx, 16, ts, msg, dict);
}

/* A record with a caller id, in the 20-byte header of llayout_caller. */
static uint16_t lrec_caller(uint8_t *buf, size_t idx, uint64_t ts,
			    uint32_t cid, const char *msg, const char *dict)
{
	uint16_t len = lrec_in(buf, idx, 20, ts, msg, dict);

	put32(buf + idx + 16, cid);
	return len;
}

static void lexpect_in(const struct kd_logbuf_layout *l, const uint8_t *buf,
		       size_t size, uint64_t first, uint64_t next, int ret,
		       const char *want)
{
	struct out *o = out_open();
	struct kd_error e = { 0, "" };

	CHECK_INT(kd_dmesg_logbuf(&o->t, l, buf, size, first, next, &e), ret);
	if (ret)
		CHECK(strstr(e.msg, "corrupt") || strstr(e.msg, "impossible"));
	CHECK_STR(out_text(o), want);
	out_close(o);
}

static void lexpect(const uint8_t *buf, size_t size, uint64_t first,
		    uint64_t next, int ret, const char *want)
{
	lexpect_in(&llayout, buf, size, first, next, ret, want);
}

/* Records of a 5.4 kernel with CONFIG_PRINTK_CALLER in buf[160]; the
 * index after them. */
static size_t caller_logbuf(uint8_t *buf)
{
	size_t idx = 0;

	memset(buf, 0xee, 160);
	idx += lrec_caller(buf, idx, 0, TASK(0), "Linux version 5.4.0", "");
	idx += lrec_caller(buf, idx, 2000000000, TASK(1234567), "multi\nline",
			   "SUBSYSTEM=pci");
	idx += lrec_caller(buf, idx, 3000001000ULL, CPU(1), "from irq", "");
	idx += lrec_caller(buf, idx, 4000000000ULL, TASK(12345678), "wide\nid",
			   "");
	return idx;
}

/* What makedumpfile prints of caller_logbuf(). */
static const char caller_logbuf_log[] =
	"[    0.000000] [      T0] Linux version 5.4.0\n"
	"[    2.000000] [T1234567] multi\n"
	"                          line\n"
	"[    3.000001] [      C1] from irq\n"
	"[    4.000000] [T12345678] wide\n"
	"                           id\n";

TEST(logbuf_caller_ids)
{
	uint8_t buf[160];
	size_t next = caller_logbuf(buf);
	struct kd_logbuf_layout l = llayout_caller;

	lexpect_in(&llayout_caller, buf, sizeof buf, 0, next, 0,
		   caller_logbuf_log);
	/* no OFFSET(printk_log.caller_id): no column */
	l.has_caller = 0;
	lexpect_in(&l, buf, sizeof buf, 0, next, 0,
		   "[    0.000000] Linux version 5.4.0\n"
		   "[    2.000000] multi\n"
		   "               line\n"
		   "[    3.000001] from irq\n"
		   "[    4.000000] wide\n"
		   "               id\n");
	l = llayout_caller;
	l.off_caller = 17;	/* 4 bytes do not fit in the 20 */
	lexpect_in(&l, buf, sizeof buf, 0, next, -1, "");
}

TEST(logbuf_records)
{
	uint8_t buf[160];
	uint16_t a, b;

	memset(buf, 0xee, sizeof buf);
	/* oldest records at 96.., then a wrap marker, newest at 0.. */
	a = lrec(buf, 96, 2000000000, "hello", "SUBSYSTEM=pci");
	CHECK_INT(a, 40);
	memset(buf + 136, 0, 16);	/* len 0: continue at the start */
	b = lrec(buf, 0, 3000000001ULL, "multi\nline\x02", "");
	lrec(buf, b, 12345678000000000ULL, "late", "");
	lexpect(buf, sizeof buf, 96, b + 24, 0,
		"[    2.000000] hello\n"
		"[    3.000000] multi\n"
		"               line\\x02\n"
		"[12345678.000000] late\n");
	lexpect(buf, sizeof buf, 96, 96, 0, "");	/* empty */
}

TEST(logbuf_corrupt_stops)
{
	uint8_t buf[128], zero[64];
	uint16_t a;
	struct kd_logbuf_layout bad = { 16, 0, 8, 15, 0, 0 };
	struct out *o;
	struct kd_error e;

	memset(buf, 0, sizeof buf);
	a = lrec(buf, 0, 1000, "one", "");
	lrec(buf, a, 2000, "two", "");
	/* len beyond the buffer */
	put16(buf + a + 8, 200);
	lexpect(buf, sizeof buf, 0, 64, -1, "[    0.000001] one\n");
	/* len shorter than the header */
	put16(buf + a + 8, 8);
	lexpect(buf, sizeof buf, 0, 64, -1, "[    0.000001] one\n");
	/* text_len beyond len */
	put16(buf + a + 8, 24);
	put16(buf + a + 10, 9);
	lexpect(buf, sizeof buf, 0, 64, -1, "[    0.000001] one\n");
	/* next never reached: wraps twice */
	put16(buf + a + 10, 3);
	lexpect(buf, sizeof buf, 0, 60, -1,
		"[    0.000001] one\n[    0.000002] two\n"
		"[    0.000001] one\n[    0.000002] two\n");
	/* a second wrap from the middle */
	lexpect(buf, sizeof buf, 80, 8, -1,
		"[    0.000001] one\n[    0.000002] two\n");
	/* len 0 at index 0 */
	memset(zero, 0, sizeof zero);
	lexpect(zero, sizeof zero, 0, 8, -1, "");
	/* indexes out of range, a header past the end */
	lexpect(buf, sizeof buf, 0, 129, -1, "");
	lexpect(buf, sizeof buf, 120, 0, -1, "");
	lexpect(buf, sizeof buf, 1000, 0, -1, "");
	o = out_open();
	CHECK_INT(kd_dmesg_logbuf(&o->t, &bad, buf, sizeof buf, 0, 0, &e), -1);
	out_close(o);
}

TEST(plain_ring)
{
	static const char s[] = "efghabcd";
	const uint8_t *buf = (const uint8_t *)s;
	struct out *o = out_open();
	struct kd_error e;

	CHECK_INT(kd_dmesg_plain(&o->t, buf, 8, 4, &e), 0);
	CHECK_STR(out_text(o), "efgh");
	out_close(o);
	o = out_open();
	CHECK_INT(kd_dmesg_plain(&o->t, buf, 8, 8 * 1000 + 4, &e), 0);
	CHECK_STR(out_text(o), "abcdefgh");
	CHECK_INT(kd_dmesg_plain(&o->t, buf, 0, 0, &e), -1);
	out_close(o);
}

/* ---- kd_dmesg_write() on a vmcore: VMCOREINFO decides ---- */

/* 64 KiB of RAM at paddr 0, in the direct map; the symbols are in the
 * kernel map (phys_base 0): the printk ring at RAM_PRB, its arrays and
 * log_buf at RAM_DESCS, RAM_INFOS and RAM_TEXT. */
#define PAGE 4096
#define RAM_SIZE 0x10000
#define DIRECT_MAP 0xffff888000000000ULL
#define KMAP 0xffffffff80000000ULL
#define RAM_PTR 0x0		/* prb, or log_buf */
#define RAM_LEN 0x8		/* log_buf_len */
#define RAM_FIRST 0x10		/* log_first_idx */
#define RAM_NEXT 0x18		/* log_next_idx */
#define RAM_PRB 0x100
#define RAM_DESCS 0x1000
#define RAM_INFOS 0x2000
#define RAM_TEXT 0x3000

static uint8_t ram[RAM_SIZE];

static const char vmci_base[] =
	"PAGESIZE=4096\nSYMBOL(init_top_pgt)=ffffffff80008000\n"
	"NUMBER(phys_base)=0\nCRASHTIME=1700000000\n";

/* 6.12 x86_64: printk_ringbuffer 88 bytes (desc_ring at 0, its
 * text_data_ring at 48), prb_desc_ring (count_bits 0, descs 8, infos 16,
 * head_id 24, tail_id 32), prb_data_ring (size_bits 0, data 8). */
static const char vmci_prb[] =
	"OSRELEASE=6.12.0-test\nSYMBOL(prb)=ffffffff80000000\n"
	"SIZE(printk_ringbuffer)=88\nOFFSET(printk_ringbuffer.desc_ring)=0\n"
	"OFFSET(printk_ringbuffer.text_data_ring)=48\n"
	"OFFSET(prb_desc_ring.count_bits)=0\nOFFSET(prb_desc_ring.descs)=8\n"
	"OFFSET(prb_desc_ring.infos)=16\nOFFSET(prb_desc_ring.head_id)=24\n"
	"OFFSET(prb_desc_ring.tail_id)=32\nSIZE(prb_desc)=24\n"
	"OFFSET(prb_desc.state_var)=0\nOFFSET(prb_desc.text_blk_lpos)=8\n"
	"OFFSET(prb_data_blk_lpos.begin)=0\nOFFSET(prb_data_blk_lpos.next)=8\n"
	"OFFSET(prb_data_ring.size_bits)=0\nOFFSET(prb_data_ring.data)=8\n"
	"SIZE(printk_info)=88\nOFFSET(printk_info.ts_nsec)=8\n"
	"OFFSET(printk_info.text_len)=16\nSIZE(atomic_long_t)=8\n"
	"OFFSET(atomic_long_t.counter)=0\n";

/* 5.4 x86_64: printk_log (SIZE 16, or 20 with CONFIG_PRINTK_CALLER). */
static const char vmci_logbuf[] =
	"OSRELEASE=5.4.0-test\nSYMBOL(log_buf)=ffffffff80000000\n"
	"SYMBOL(log_buf_len)=ffffffff80000008\n"
	"SYMBOL(log_first_idx)=ffffffff80000010\n"
	"SYMBOL(log_next_idx)=ffffffff80000018\n"
	"OFFSET(printk_log.ts_nsec)=0\nOFFSET(printk_log.len)=8\n"
	"OFFSET(printk_log.text_len)=10\nOFFSET(printk_log.dict_len)=12\n";

/* The synthetic lockless ring (descs, infos, text), tail..head, in ram. */
static void ram_prb(uint64_t tail, uint64_t head)
{
	uint8_t *rb = ram + RAM_PRB;

	memset(ram, 0, sizeof ram);
	put64(ram + RAM_PTR, KMAP + RAM_PRB);
	put32(rb, 3);			/* COUNT */
	put64(rb + 8, KMAP + RAM_DESCS);
	put64(rb + 16, KMAP + RAM_INFOS);
	put64(rb + 24, head);
	put64(rb + 32, tail);
	put32(rb + 48, 8);		/* TEXT */
	put64(rb + 48 + 8, KMAP + RAM_TEXT);
	memcpy(ram + RAM_DESCS, descs, sizeof descs);
	memcpy(ram + RAM_INFOS, infos, sizeof infos);
	memcpy(ram + RAM_TEXT, text, sizeof text);
}

/* log_buf (size bytes of buf) and its indexes in ram. */
static void ram_logbuf(const uint8_t *buf, uint32_t size, uint32_t first,
		       uint32_t next)
{
	memset(ram, 0, sizeof ram);
	put64(ram + RAM_PTR, KMAP + RAM_TEXT);
	put32(ram + RAM_LEN, size);
	put32(ram + RAM_FIRST, first);
	put32(ram + RAM_NEXT, next);
	memcpy(ram + RAM_TEXT, buf, size);
}

/* An ELF vmcore of ram with VMCOREINFO info; 0 when written. */
static int write_dump(const char *path, const char *info)
{
	static const uint8_t prstatus[336];
	uint8_t hdr[2 * PAGE];
	size_t n;
	int fd, ok;

	memset(hdr, 0, sizeof hdr);
	ehdr(hdr, 2);
	n = note(hdr + PAGE, "CORE", 1, prstatus, sizeof prstatus);
	n += note(hdr + PAGE + n, "VMCOREINFO", 0, info, (uint32_t)strlen(info));
	phdr_load(hdr + 64, 4, PAGE, 0, 0, n);
	phdr_load(hdr + 120, 1, 2 * PAGE, DIRECT_MAP, 0, sizeof ram);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ok = fd >= 0 && pwrite(fd, hdr, sizeof hdr, 0) == (ssize_t)sizeof hdr &&
	     pwrite(fd, ram, sizeof ram, 2 * PAGE) == (ssize_t)sizeof ram;
	if (fd >= 0 && close(fd))
		ok = 0;
	return ok ? 0 : -1;
}

/* kd_dmesg_write() on ram with VMCOREINFO base + kind + extra. */
static void dump_expect(const char *kind, const char *extra, const char *want)
{
	char info[4096], path[128];
	struct kd_input *in = NULL;
	struct kd_error e = { 0, "" };
	struct out *o;

	snprintf(info, sizeof info, "%s%s%s", vmci_base, kind, extra);
	snprintf(path, sizeof path, "%s/vmcore", dir);
	CHECK_INT(write_dump(path, info), 0);
	CHECK_INT(kd_input_open(&in, path, 0, &e), 0);
	if (!in) {
		printf("  %s\n", e.msg);
		return;
	}
	o = out_open();
	CHECK_INT(kd_dmesg_write(in, fileno(o->f), &e), 0);
	CHECK_STR(out_text(o), want);
	out_close(o);
	kd_input_close(in);
	unlink(path);
}

TEST(dump_lockless_caller_ids)
{
	caller_ring();
	ram_prb(1, 3);
	dump_expect(vmci_prb, "OFFSET(printk_info.caller_id)=20\n", ring3_caller);
	/* a kernel that exports no caller_id: as before */
	dump_expect(vmci_prb, "", ring3_plain);
	/* makedumpfile's "not found" */
	dump_expect(vmci_prb, "OFFSET(printk_info.caller_id)=-1\n", ring3_plain);
}

TEST(dump_logbuf_caller_ids)
{
	uint8_t buf[160];
	size_t next = caller_logbuf(buf);

	ram_logbuf(buf, sizeof buf, 0, (uint32_t)next);
	dump_expect(vmci_logbuf,
		    "SIZE(printk_log)=20\nOFFSET(printk_log.caller_id)=16\n",
		    caller_logbuf_log);
}

/* 5.4 without CONFIG_PRINTK_CALLER: a 16-byte printk_log, no column. */
TEST(dump_logbuf_no_caller)
{
	uint8_t buf[64];
	uint16_t a;

	memset(buf, 0, sizeof buf);
	a = lrec(buf, 0, 1000, "one", "");
	a += lrec(buf, a, 2000000, "two\nlines", "");
	ram_logbuf(buf, sizeof buf, 0, a);
	dump_expect(vmci_logbuf, "SIZE(printk_log)=16\n",
		    "[    0.000001] one\n"
		    "[    0.002000] two\n"
		    "               lines\n");
}

int main(void)
{
	if (scratch_setup("dmesg")) {
		printf("FAIL dmesg:setup: no scratch directory\n");
		return 1;
	}
	kd_log_set_level(KD_LOG_ERR);
	RUN(lockless_format);
	RUN(lockless_caller_ids);
	RUN(lockless_no_caller_offset);
	RUN(lockless_states);
	RUN(lockless_wrapped_blocks);
	RUN(lockless_id_wraps);
	RUN(lockless_lpos_wraps);
	RUN(lockless_single_and_empty);
	RUN(lockless_corrupt_stops);
	RUN(lockless_tail_far_behind);
	RUN(lockless_bad_layout);
	RUN(lockless_long_output);
	RUN(write_error);
	RUN(logbuf_caller_ids);
	RUN(logbuf_records);
	RUN(logbuf_corrupt_stops);
	RUN(plain_ring);
	RUN(dump_lockless_caller_ids);
	RUN(dump_logbuf_caller_ids);
	RUN(dump_logbuf_no_caller);
	scratch_done();
	return unit_done();
}
