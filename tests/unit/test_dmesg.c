/* test_dmesg.c - the kernel log walkers on synthetic rings, against the
 * exact text makedumpfile --dump-dmesg (1.7.2) prints. */
#define UNIT_SUITE "dmesg"
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "byteorder.h"
#include "dmesg.h"

/* x86_64 6.1: prb_desc 24 bytes (state_var 0, text_blk_lpos.begin 8,
 * .next 16), printk_info 88 bytes (ts_nsec 8, text_len 16). */
static const struct kd_prb_layout layout = { 24, 0, 8, 16, 88, 8, 16 };

#define COUNT 8
#define TEXT 256
#define ST_RESERVED 0ULL
#define ST_COMMITTED 1ULL
#define ST_FINALIZED 2ULL
#define ST_REUSABLE 3ULL

static uint8_t descs[COUNT * 24], infos[COUNT * 88], text[TEXT];

#define put64 kd_put_le64
#define put16 kd_put_le16

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

/* Walk tail..head; check the return value and the text. */
static void expect(uint64_t tail, uint64_t head, int ret, const char *want)
{
	struct out *o = out_open();
	struct kd_prb r = ring(tail, head);
	struct kd_error e = { 0, "" };

	CHECK_INT(kd_dmesg_lockless(&o->t, &layout, &r, &e), ret);
	if (ret)
		CHECK(strstr(e.msg, "corrupt") != NULL);
	CHECK_STR(out_text(o), want);
	out_close(o);
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
static const struct kd_logbuf_layout llayout = { 16, 0, 8, 10 };

/* A record at idx: text, then dict, padded to 8; returns its length. */
static uint16_t lrec(uint8_t *buf, size_t idx, uint64_t ts, const char *msg,
		     const char *dict)
{
	size_t tl = strlen(msg), dl = strlen(dict);
	uint16_t len = (uint16_t)((16 + tl + dl + 7) & ~7u);

	put64(buf + idx, ts);
	put16(buf + idx + 8, len);
	put16(buf + idx + 10, (uint16_t)tl);
	put16(buf + idx + 12, (uint16_t)dl);
	memcpy(buf + idx + 16, msg, tl);
	memcpy(buf + idx + 16 + tl, dict, dl);
	return len;
}

static void lexpect(const uint8_t *buf, size_t size, uint64_t first,
		    uint64_t next, int ret, const char *want)
{
	struct out *o = out_open();
	struct kd_error e = { 0, "" };

	CHECK_INT(kd_dmesg_logbuf(&o->t, &llayout, buf, size, first, next, &e),
		  ret);
	if (ret)
		CHECK(strstr(e.msg, "corrupt") || strstr(e.msg, "impossible"));
	CHECK_STR(out_text(o), want);
	out_close(o);
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
	struct kd_logbuf_layout bad = { 16, 0, 8, 15 };
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

int main(void)
{
	RUN(lockless_format);
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
	RUN(logbuf_records);
	RUN(logbuf_corrupt_stops);
	RUN(plain_ring);
	return unit_done();
}
