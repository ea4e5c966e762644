/* sha256.c - SHA-256 through libmd (sha256.h). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sha256.h"

void kd_sha256_init(struct kd_sha256 *h)
{
	SHA256Init(&h->ctx);
}

void kd_sha256_update(struct kd_sha256 *h, const void *buf, size_t len)
{
	SHA256Update(&h->ctx, buf, len);
}

void kd_sha256_hex(struct kd_sha256 *h, char out[KD_SHA256_HEX])
{
	static const char digits[] = "0123456789abcdef";
	uint8_t d[SHA256_DIGEST_LENGTH];
	size_t i;

	SHA256Final(d, &h->ctx);
	for (i = 0; i < sizeof d; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * sizeof d] = '\0';
}

/* Hash from offset 0 until pread finds the end; 0, or -1 with errno. */
static int hash_all(int fd, struct kd_sha256 *h, uint8_t *buf)
{
	uint64_t off = 0;
	ssize_t n;

	for (;;) {
		n = pread(fd, buf, KD_SHA256_CHUNK, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : 0;
		kd_sha256_update(h, buf, (size_t)n);
		off += (uint64_t)n;
	}
}

int kd_sha256_file(int fd, char out[KD_SHA256_HEX], struct kd_error *e)
{
	/* on the heap: a capture kernel's stack is no place for 1 MiB */
	uint8_t *buf = malloc(KD_SHA256_CHUNK);
	struct kd_sha256 h;
	int ret;

	out[0] = '\0';
	if (!buf)
		return kd_fail(e, ENOMEM, "out of memory for the SHA-256 buffer");
	kd_sha256_init(&h);
	ret = hash_all(fd, &h, buf);
	if (ret)
		ret = kd_fail(e, errno, "cannot read the file to hash: %s",
			      strerror(errno));
	else
		kd_sha256_hex(&h, out);
	free(buf);
	return ret;
}
