/* sha256.h - SHA-256 of what kdump writes, for the record beside a dump:
 * libmd's implementation (<sha2.h>), never a hand-written one.
 *
 *	struct kd_sha256 h;
 *	kd_sha256_init(&h);
 *	kd_sha256_update(&h, buf, len);	(as often as needed)
 *	kd_sha256_hex(&h, hex);		hex: 64 lowercase digits and a NUL
 *
 * kd_sha256_file() hashes a whole file through a bounded buffer: it runs
 * in the capture kernel, with little memory, on dumps of many GiB. */
#ifndef KD_SHA256_H
#define KD_SHA256_H

#include <stddef.h>
#include <sha2.h>
#include "error.h"

#define KD_SHA256_HEX 65		/* 64 hex digits and the NUL */
#define KD_SHA256_CHUNK (1 << 20)	/* kd_sha256_file's buffer, bytes */

struct kd_sha256 {
	SHA2_CTX ctx;
};

void kd_sha256_init(struct kd_sha256 *h);
void kd_sha256_update(struct kd_sha256 *h, const void *buf, size_t len);
/* Finish the hash and write it as hex into out; h must be initialised
 * again before it is reused. */
void kd_sha256_hex(struct kd_sha256 *h, char out[KD_SHA256_HEX]);

/* The hash of the file open on fd, from offset 0 to its end, read with
 * pread (the file offset is not moved).  0, or -1 with the reason. */
int kd_sha256_file(int fd, char out[KD_SHA256_HEX], struct kd_error *e);

#endif
