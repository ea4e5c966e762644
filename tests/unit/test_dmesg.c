/* test_dmesg.c - the kernel log walkers on synthetic rings, against the
 * exact text makedumpfile --dump-dmesg prints. */
#define UNIT_SUITE "dmesg"
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "dmesg.h"

/* x86_64 6.1 layout: prb_desc 24 bytes (state_var 0, text_blk_lpos
 * begin 8, next 16), printk_info 88 bytes (ts_nsec 8, text_len 16). */
static const struct kd_prb_layout layout = { 24, 88, 0, 8, 16, 8, 16 };

#define COUNT 8
#define TEXT 256

static uint8_t descs[COUNT * 24], infos[COUNT * 88], text[TEXT];

static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

/* Record id with text at [begin, next) of the data ring (begin holds id). */
static void add(uint64_t id, uint64_t state, uint64_t ts, const char *msg,
		uint64_t begin, uint64_t next)
{
	uint8_t *d = descs + (id % COUNT) * 24, *i = infos + (id % COUNT) * 88;
	uint16_t len = (uint16_t)strlen(msg);

	put64(d, state << 62 | id);
	put64(d + 8, begin);
	put64(d + 16, next);
	put64(i + 8, ts);
	memcpy(i + 16, &len, 2);
	put64(text + begin % TEXT, id);
	memcpy(text + (begin % TEXT) + 8, msg, len);
}

/* Run the walker into a pipe and return what it wrote. */
static char *walk(uint64_t tail, uint64_t head)
{
	static char out[4096];
	struct kd_text *t = calloc(1, sizeof *t);
	int fds[2];
	ssize_t n;

	CHECK(pipe(fds) == 0);
	t->fd = fds[1];
	CHECK_INT(kd_dmesg_lockless(t, &layout, descs, infos, COUNT, text, TEXT,
				    tail, head), 0);
	kd_text_flush(t);
	close(fds[1]);
	n = read(fds[0], out, sizeof out - 1);
	out[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	free(t);
	return out;
}

TEST(lockless_records)
{
	memset(descs, 0, sizeof descs);
	add(1, 2, 1500000, "Linux version 6.1", 100, 132);
	add(2, 1, 12345678901ULL, "two\nlines", 132, 156);
	add(3, 3, 13000000000ULL, "reusable: skipped", 156, 188);
	add(4, 2, 99999999999999ULL, "bin\x01\xc3 tab\tok", 188, 212);
	/* a block that did not fit at the end of the ring: its data is at
	 * the start, its begin still points at the end */
	add(5, 2, 100000000000000ULL, "wrapped", 0, 24);
	put64(descs + 5 * 24 + 8, 240);
	put64(descs + 5 * 24 + 16, 256 + 24);
	CHECK_STR(walk(1, 5),
		  "[    0.001500] Linux version 6.1\n"
		  "[   12.345678] two\n"
		  "               lines\n"
		  "[99999.999999] bin\\x01\\xffffffc3 tab\tok\n"
		  "[100000.000000] wrapped\n");
}

TEST(lockless_skips_missing_and_dataless)
{
	memset(descs, 0, sizeof descs);
	add(9, 2, 1000, "kept", 0, 16);
	add(10, 2, 2000, "", 16, 16);		/* no text block */
	/* id 11 never written: the slot holds id 3's state: a miss */
	add(12, 2, 3000, "last", 32, 48);
	CHECK_STR(walk(9, 12), "[    0.000001] kept\n[    0.000003] last\n");
}

TEST(logbuf_records)
{
	/* 3.5-5.9 layout: ts_nsec 0, len 8, text_len 10, header 16 bytes */
	static const struct kd_logbuf_layout l = { 16, 0, 8, 10 };
	uint8_t buf[128];
	struct kd_text *t = calloc(1, sizeof *t);
	uint16_t len;
	char out[512];
	int fds[2];
	ssize_t n;

	memset(buf, 0, sizeof buf);
	put64(buf, 2000000000);
	len = 24; memcpy(buf + 8, &len, 2);
	len = 5; memcpy(buf + 10, &len, 2);
	memcpy(buf + 16, "hello", 5);
	/* at 24: len 0 means "wrap to the start" */
	CHECK(pipe(fds) == 0);
	t->fd = fds[1];
	CHECK_INT(kd_dmesg_logbuf(t, &l, buf, sizeof buf, 0, 24), 0);
	/* a corrupt record stops the walk with an error */
	len = 200; memcpy(buf + 8, &len, 2);
	CHECK_INT(kd_dmesg_logbuf(t, &l, buf, sizeof buf, 0, 24), -1);
	kd_text_flush(t);
	close(fds[1]);
	n = read(fds[0], out, sizeof out - 1);
	out[n > 0 ? n : 0] = '\0';
	close(fds[0]);
	CHECK_STR(out, "[    2.000000] hello\n");
	free(t);
}

int main(void)
{
	RUN(lockless_records);
	RUN(lockless_skips_missing_and_dataless);
	RUN(logbuf_records);
	return unit_done();
}
