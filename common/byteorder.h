/* byteorder.h - little- and big-endian integers in byte buffers.
 *
 *	uint32_t n = kd_get_le32(hdr + 20);	kd_put_be64(rec, offset);
 *
 * Formats on disk and in a vmcore fix their byte order whatever the host
 * is: ELF and kdump headers, struct pages and superblocks are
 * little-endian, the flattened stream's record headers big-endian.  The
 * bytes are assembled with shifts, so a load or store is right on any
 * host and at any address (no alignment, no type punning); compilers
 * turn each into one move on x86_64. */
#ifndef KD_BYTEORDER_H
#define KD_BYTEORDER_H

#include <stdint.h>

static inline uint16_t kd_get_le16(const void *p)
{
	const uint8_t *b = p;

	return (uint16_t)(b[0] | b[1] << 8);
}

static inline uint32_t kd_get_le32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static inline uint64_t kd_get_le64(const void *p)
{
	const uint8_t *b = p;

	return (uint64_t)kd_get_le32(b) | (uint64_t)kd_get_le32(b + 4) << 32;
}

static inline uint64_t kd_get_be64(const void *p)
{
	const uint8_t *b = p;
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

static inline void kd_put_le16(void *p, uint16_t v)
{
	uint8_t *b = p;

	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
}

static inline void kd_put_le32(void *p, uint32_t v)
{
	uint8_t *b = p;

	kd_put_le16(b, (uint16_t)v);
	kd_put_le16(b + 2, (uint16_t)(v >> 16));
}

static inline void kd_put_le64(void *p, uint64_t v)
{
	uint8_t *b = p;

	kd_put_le32(b, (uint32_t)v);
	kd_put_le32(b + 4, (uint32_t)(v >> 32));
}

static inline void kd_put_be64(void *p, uint64_t v)
{
	uint8_t *b = p;
	int i;

	for (i = 7; i >= 0; i--, v >>= 8)
		b[i] = (uint8_t)v;
}

#endif
