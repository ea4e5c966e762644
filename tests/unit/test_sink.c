/* test_sink.c - collector/sink.c: a file sink writes at offsets, keeps its
 * first error and still lets a writer go back (patch, extend, sync); a
 * flattened sink writes records and refuses what a stream cannot do. */
#define UNIT_SUITE "sink"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include "unit.h"
#include "byteorder.h"
#include "sink.h"

static char path[64];

static int scratch_file(void)
{
	int fd;

	snprintf(path, sizeof path, "/tmp/kd-sink-XXXXXX");
	fd = mkstemp(path);
	CHECK(fd >= 0);
	return fd;
}

static off_t size_of(int fd)
{
	struct stat st;

	return fstat(fd, &st) ? -1 : st.st_size;
}

TEST(file_writes_at_offsets)
{
	struct kd_sink s;
	struct kd_error e;
	char buf[8] = "";
	int fd = scratch_file();

	kd_sink_file(&s, fd);
	CHECK_INT(kd_sink_write(&s, 100, "later", 5), 0);
	CHECK_INT(kd_sink_write(&s, 0, "first", 5), 0);
	CHECK_INT(kd_sink_write(&s, 50, "", 0), 0);
	CHECK_INT(s.written, 10);
	CHECK_INT(s.end, 105);
	CHECK_INT(kd_sink_finish(&s, &e), 0);
	CHECK(pread(fd, buf, 5, 100) == 5);
	CHECK_STR(buf, "later");
	close(fd);
	unlink(path);
}

/* A write past RLIMIT_FSIZE fails; the error sticks, and the header can
 * still be patched, the file extended and synced. */
TEST(error_is_sticky_but_patch_goes_through)
{
	struct rlimit old, small = { 8192, 0 };
	struct kd_sink s;
	struct kd_error e;
	static char big[16384];
	char buf[8] = "";
	int fd = scratch_file();

	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	small.rlim_max = old.rlim_max;
	kd_sink_file(&s, fd);
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &small), 0);
	CHECK_INT(kd_sink_write(&s, 0, big, sizeof big), -1);
	CHECK_INT(s.err, EFBIG);
	CHECK_INT(s.partial, 8192);
	CHECK_INT(kd_sink_write(&s, 0, "x", 1), -1);
	CHECK_INT(kd_sink_patch(&s, 0, "HEADER", 6, &e), 0);
	CHECK_INT(kd_sink_sync(&s, &e), 0);
	setrlimit(RLIMIT_FSIZE, &old);
	/* a sparse extension; never a truncation */
	CHECK_INT(kd_sink_extend(&s, 1 << 20, &e), 0);
	CHECK_INT(size_of(fd), 1 << 20);
	CHECK_INT(kd_sink_extend(&s, 100, &e), 0);
	CHECK_INT(size_of(fd), 1 << 20);
	CHECK_INT(s.err, EFBIG);
	CHECK(pread(fd, buf, 6, 0) == 6);
	CHECK_STR(buf, "HEADER");
	CHECK_INT(kd_sink_finish(&s, &e), -1);
	CHECK_STR(e.msg, "cannot write the dump: File too large");
	CHECK_INT(kd_sink_fail(&s, &e, "the bitmap"), -1);
	CHECK_STR(e.msg, "cannot write the bitmap: File too large");
	close(fd);
	unlink(path);
}

/* Pieces go out as one write: at the offset in a file, as one record in
 * a stream; a short write says how much of them landed. */
TEST(writev_pieces)
{
	struct rlimit old, small = { 8192, 0 };
	struct iovec v[3] = { { "ab", 2 }, { "", 0 }, { "cde", 3 } };
	static char big[6000];
	struct iovec bv[2] = { { big, sizeof big }, { big, sizeof big } };
	uint8_t got[4200];
	struct kd_sink s;
	struct kd_error e;
	char buf[8] = "";
	int fd = scratch_file(), p[2];

	kd_sink_file(&s, fd);
	CHECK_INT(kd_sink_writev(&s, 10, v, 3), 0);
	CHECK_INT(kd_sink_writev(&s, 0, v, 0), 0);
	CHECK_INT(s.written, 5);
	CHECK_INT(s.end, 15);
	CHECK(pread(fd, buf, 5, 10) == 5);
	CHECK_STR(buf, "abcde");
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	small.rlim_max = old.rlim_max;
	CHECK_INT(setrlimit(RLIMIT_FSIZE, &small), 0);
	CHECK_INT(kd_sink_writev(&s, 100, bv, 2), -1);
	setrlimit(RLIMIT_FSIZE, &old);
	CHECK_INT(s.err, EFBIG);
	CHECK_INT(s.partial, 8192 - 100);
	close(fd);
	unlink(path);

	CHECK_INT(pipe(p), 0);
	CHECK_INT(kd_sink_flat(&s, p[1]), 0);
	CHECK_INT(kd_sink_writev(&s, 77, v, 3), 0);
	CHECK_INT(kd_sink_finish(&s, &e), 0);
	close(p[1]);
	CHECK(read(p[0], got, sizeof got) == (ssize_t)(4096 + 16 + 5 + 16));
	close(p[0]);
	CHECK(kd_get_be64(got + 4096) == 77 && kd_get_be64(got + 4104) == 5);
	CHECK(!memcmp(got + 4112, "abcde", 5));
	CHECK_INT(kd_sink_writev(&s, 0, v, KD_SINK_IOV + 1), -1);
}

TEST(reserve_allocates)
{
	struct kd_sink s;
	struct kd_error e;
	int fd = scratch_file();

	kd_sink_file(&s, fd);
	CHECK_INT(kd_sink_reserve(&s, 4096, 0, &e), 0);
	CHECK_INT(size_of(fd), 0);
	CHECK_INT(kd_sink_reserve(&s, 4096, 100000, &e), 0);
	CHECK_INT(size_of(fd), 4096 + 100000);
	close(fd);
	unlink(path);
}

/* The stream: the header, one record per write (big-endian offset and
 * size), the end marker; nothing that needs to seek. */
TEST(flat_stream)
{
	uint8_t got[4200];
	struct kd_sink s;
	struct kd_error e;
	int p[2];

	CHECK_INT(pipe(p), 0);
	CHECK_INT(kd_sink_flat(&s, p[1]), 0);
	CHECK_INT(kd_sink_write(&s, 0x123456789aULL, "dump", 4), 0);
	CHECK_INT(kd_sink_write(&s, 8, "pagedata", 8), 0);
	CHECK_INT(kd_sink_patch(&s, 0, "x", 1, &e), -1);
	CHECK_INT(e.code, ESPIPE);
	CHECK_INT(kd_sink_extend(&s, 1 << 20, &e), -1);
	CHECK_INT(kd_sink_reserve(&s, 0, 4096, &e), 0);
	CHECK_INT(kd_sink_sync(&s, &e), 0);
	CHECK_INT(kd_sink_finish(&s, &e), 0);
	close(p[1]);
	CHECK(read(p[0], got, sizeof got) == (ssize_t)(4096 + 16 + 4 + 16 + 8 + 16));
	close(p[0]);
	CHECK(!memcmp(got, "makedumpfile", 13));
	CHECK(kd_get_be64(got + 16) == 1 && kd_get_be64(got + 24) == 1);
	CHECK(kd_get_be64(got + 4096) == 0x123456789aULL);
	CHECK(kd_get_be64(got + 4104) == 4);
	CHECK(!memcmp(got + 4112, "dump", 4));
	CHECK(kd_get_be64(got + 4116) == 8 && kd_get_be64(got + 4124) == 8);
	CHECK(kd_get_be64(got + 4140) == UINT64_MAX);
	CHECK(kd_get_be64(got + 4148) == UINT64_MAX);
	CHECK_INT(s.written, 12);
}

int main(void)
{
	RUN(file_writes_at_offsets);
	RUN(error_is_sticky_but_patch_goes_through);
	RUN(writev_pieces);
	RUN(reserve_allocates);
	RUN(flat_stream);
	return unit_done();
}
