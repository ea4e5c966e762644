/* test_byteorder.c - common/byteorder.h: the byte layout of each load and
 * store is fixed (not the host's), at any alignment. */
#define UNIT_SUITE "byteorder"
#include <stdint.h>
#include "unit.h"
#include "byteorder.h"

static const uint8_t bytes[] = {
	0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0xfe, 0xff,
};

TEST(little_endian_loads)
{
	CHECK_INT(kd_get_le16(bytes), 0x0201);
	CHECK_INT(kd_get_le32(bytes), 0x04030201);
	CHECK(kd_get_le64(bytes) == 0x0807060504030201ULL);
	/* the high bit does not sign-extend */
	CHECK_INT(kd_get_le16(bytes + 9), 0xfffe);
	CHECK(kd_get_le32(bytes + 7) == 0xfffe0908U);
}

TEST(big_endian_loads)
{
	CHECK(kd_get_be64(bytes) == 0x0102030405060708ULL);
	CHECK(kd_get_be64(bytes + 3) == 0x040506070809feffULL);
}

TEST(stores_lay_out_bytes)
{
	uint8_t b[10];

	memset(b, 0xaa, sizeof b);
	kd_put_le16(b + 1, 0x1234);
	CHECK(b[0] == 0xaa && b[1] == 0x34 && b[2] == 0x12 && b[3] == 0xaa);
	kd_put_le32(b + 1, 0x89abcdefU);
	CHECK(!memcmp(b + 1, "\xef\xcd\xab\x89", 4) && b[5] == 0xaa);
	kd_put_le64(b + 1, 0x0102030405060708ULL);
	CHECK(!memcmp(b + 1, "\x08\x07\x06\x05\x04\x03\x02\x01", 8) && b[9] == 0xaa);
	kd_put_be64(b + 1, 0x0102030405060708ULL);
	CHECK(!memcmp(b + 1, "\x01\x02\x03\x04\x05\x06\x07\x08", 8));
	CHECK(b[0] == 0xaa && b[9] == 0xaa);
}

/* Every offset of a buffer: a store reads back, whatever the alignment. */
TEST(round_trip_unaligned)
{
	uint8_t b[24];
	size_t off;

	for (off = 0; off < 8; off++) {
		kd_put_le16(b + off, 0xbeef);
		CHECK_INT(kd_get_le16(b + off), 0xbeef);
		kd_put_le32(b + off, 0xdeadbeefU);
		CHECK(kd_get_le32(b + off) == 0xdeadbeefU);
		kd_put_le64(b + off, 0xfedcba9876543210ULL);
		CHECK(kd_get_le64(b + off) == 0xfedcba9876543210ULL);
		kd_put_be64(b + off, 0xfedcba9876543210ULL);
		CHECK(kd_get_be64(b + off) == 0xfedcba9876543210ULL);
		CHECK_INT(b[off], 0xfe);
	}
}

int main(void)
{
	RUN(little_endian_loads);
	RUN(big_endian_loads);
	RUN(stores_lay_out_bytes);
	RUN(round_trip_unaligned);
	return unit_done();
}
