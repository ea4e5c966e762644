/* test_sha256.c - common/sha256.c: the FIPS 180-2 vectors ("abc", the
 * empty message, a million 'a'), fed in pieces of every size, and
 * kd_sha256_file() on files shorter and longer than its buffer. */
#define UNIT_SUITE "sha256"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include "unit.h"
#include "scratch.h"
#include "sha256.h"

#define ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define EMPTY "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define MILLION_A "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
#define MILLION 1000000

static void hash_of(const void *buf, size_t len, char out[KD_SHA256_HEX])
{
	struct kd_sha256 h;

	kd_sha256_init(&h);
	kd_sha256_update(&h, buf, len);
	kd_sha256_hex(&h, out);
}

TEST(known_vectors)
{
	char hex[KD_SHA256_HEX], *a = malloc(MILLION);

	hash_of("abc", 3, hex);
	CHECK_STR(hex, ABC);
	hash_of("", 0, hex);
	CHECK_STR(hex, EMPTY);
	CHECK(a != NULL);
	if (!a)
		return;
	memset(a, 'a', MILLION);
	hash_of(a, MILLION, hex);
	CHECK_STR(hex, MILLION_A);
	free(a);
}

/* The result does not depend on how the bytes are split up. */
TEST(pieces_of_every_size)
{
	static const size_t sizes[] = { 1, 7, 63, 64, 65, 4096, 99999 };
	char hex[KD_SHA256_HEX], *a = malloc(MILLION);
	struct kd_sha256 h;
	size_t i, done, n;

	CHECK(a != NULL);
	if (!a)
		return;
	memset(a, 'a', MILLION);
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		kd_sha256_init(&h);
		for (done = 0; done < MILLION; done += n) {
			n = MILLION - done < sizes[i] ? MILLION - done : sizes[i];
			kd_sha256_update(&h, a + done, n);
		}
		kd_sha256_hex(&h, hex);
		CHECK_STR(hex, MILLION_A);
	}
	free(a);
}

/* A file of `len` bytes of 'a' (0 when written). */
static int file_of_a(const char *path, size_t len)
{
	char *a = malloc(len ? len : 1);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600), ret = -1;

	if (a && fd >= 0) {
		memset(a, 'a', len);
		ret = write(fd, a, len) == (ssize_t)len ? 0 : -1;
	}
	if (fd >= 0)
		close(fd);
	free(a);
	return ret;
}

static void check_file(const char *path, size_t len, const char *want)
{
	char hex[KD_SHA256_HEX] = "x";
	struct kd_error e;
	int fd;

	CHECK_INT(file_of_a(path, len), 0);
	fd = open(path, O_RDONLY);
	CHECK(fd >= 0);
	/* the file offset is elsewhere: the hash is still from offset 0 */
	CHECK(lseek(fd, 12345, SEEK_SET) == 12345);
	CHECK_INT(kd_sha256_file(fd, hex, &e), 0);
	CHECK_STR(hex, want);
	close(fd);
}

TEST(whole_files)
{
	char path[128], want[KD_SHA256_HEX], *a = malloc(3 * KD_SHA256_CHUNK + 5);

	snprintf(path, sizeof path, "%s/file", dir);
	check_file(path, 0, EMPTY);
	check_file(path, MILLION, MILLION_A);
	CHECK(a != NULL);
	if (!a)
		return;
	/* longer than the buffer, by a part of it */
	memset(a, 'a', 3 * KD_SHA256_CHUNK + 5);
	hash_of(a, 3 * KD_SHA256_CHUNK + 5, want);
	check_file(path, 3 * KD_SHA256_CHUNK + 5, want);
	free(a);
}

TEST(unreadable_file)
{
	char hex[KD_SHA256_HEX] = "x", path[128];
	struct kd_error e;
	int fd;

	snprintf(path, sizeof path, "%s/wronly", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK_INT(kd_sha256_file(fd, hex, &e), -1);
	CHECK_INT(e.code, EBADF);
	CHECK_STR(hex, "");
	close(fd);
}

int main(void)
{
	if (scratch_setup("sha256"))
		return 1;
	RUN(known_vectors);
	RUN(pieces_of_every_size);
	RUN(whole_files);
	RUN(unreadable_file);
	scratch_done();
	return unit_done();
}
