/* kdump_reader.c - read kdump-compressed files. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "bitmap.h"
#include "byteorder.h"
#include "codec.h"
#include "fdio.h"
#include "kdump_reader.h"

#define HEADER_SIZE 464
#define SUB_HEADER_SIZE 104
#define DESC_SIZE 24
#define SECTION 4096		/* pfns per rank entry */
#define MAX_BITMAP (1ULL << 32)	/* bytes per bitmap: 32 Ti pfns */

static int parse_header(struct kd_kdump *k, const uint8_t *h, struct kd_error *e)
{
	if (memcmp(h, "KDUMP   ", 8))
		return kd_fail(e, EINVAL, "not a kdump-compressed file");
	k->header_version = kd_get_le32(h + 8);
	memcpy(k->release, h + 12 + 130, 64);
	k->release[64] = '\0';
	k->status = kd_get_le32(h + 424);
	k->block_size = kd_get_le32(h + 428);
	k->nr_cpus = (int)kd_get_le32(h + 460);
	if (k->block_size != 4096)
		return kd_fail(e, EINVAL, "unsupported block size %u", k->block_size);
	if (k->header_version < 6)
		k->max_mapnr = kd_get_le32(h + 440);
	return 0;
}

static int parse_sub_header(struct kd_kdump *k, const uint8_t *s,
			    struct kd_error *e)
{
	k->phys_base = kd_get_le64(s);
	k->dump_level = (int)kd_get_le32(s + 8);
	k->vmcoreinfo_offset = kd_get_le64(s + 32);
	k->vmcoreinfo_size = kd_get_le64(s + 40);
	k->notes_offset = kd_get_le64(s + 48);
	k->notes_size = kd_get_le64(s + 56);
	if (k->header_version >= 6)
		k->max_mapnr = kd_get_le64(s + 96);
	if (k->notes_size > k->file_size || k->notes_offset > k->file_size ||
	    k->vmcoreinfo_size > k->file_size || k->vmcoreinfo_offset > k->file_size)
		return kd_fail(e, EINVAL, "note offsets beyond the end of the file");
	return 0;
}

static int read_bitmaps(struct kd_kdump *k, uint32_t sub_blocks,
			uint32_t bitmap_blocks, struct kd_error *e)
{
	uint64_t B = k->block_size, one = (uint64_t)bitmap_blocks / 2 * B;
	uint64_t start = B * (1 + (uint64_t)sub_blocks);
	uint64_t i, nsec = k->max_mapnr / SECTION + 1;

	if (bitmap_blocks % 2 || one > MAX_BITMAP || k->max_mapnr > one * 8 ||
	    start + 2 * one > k->file_size)
		return kd_fail(e, EINVAL, "the bitmaps do not fit the file "
			       "(truncated or corrupt)");
	k->bitmap1 = malloc(one ? one : 1);
	k->bitmap2 = malloc(one ? one : 1);
	k->rank = calloc(nsec, sizeof *k->rank);
	if (!k->bitmap1 || !k->bitmap2 || !k->rank)
		return kd_fail(e, ENOMEM, "out of memory for the bitmaps");
	if (kd_pread_full(k->fd, k->bitmap1, one, start) ||
	    kd_pread_full(k->fd, k->bitmap2, one, start + one))
		return kd_fail(e, EIO, "cannot read the bitmaps");
	for (i = 0; i < nsec; i++) {
		uint64_t from = i * SECTION, to = (i + 1) * SECTION;

		k->rank[i] = k->dumpable;
		if (to > one * 8)
			to = one * 8;
		k->dumpable += kd_bits_count(k->bitmap2, from, to);
	}
	k->desc_offset = start + 2 * one;
	return 0;
}

int kd_kdump_open_fd(struct kd_kdump *k, int fd, struct kd_error *e)
{
	uint8_t h[HEADER_SIZE], s[SUB_HEADER_SIZE];
	struct stat st;

	memset(k, 0, sizeof *k);
	k->fd = fd;
	if (fstat(fd, &st))
		return kd_fail(e, errno, "fstat: %s", strerror(errno));
	k->file_size = (uint64_t)st.st_size;
	if (k->file_size < 8192 || kd_pread_full(fd, h, sizeof h, 0) ||
	    kd_pread_full(fd, s, sizeof s, 4096))
		return kd_fail(e, EINVAL, "file too short for a kdump header");
	if (parse_header(k, h, e) || parse_sub_header(k, s, e) ||
	    read_bitmaps(k, kd_get_le32(h + 432), kd_get_le32(h + 436), e)) {
		kd_kdump_close(k);
		return -1;
	}
	return 0;
}

void kd_kdump_close(struct kd_kdump *k)
{
	free(k->bitmap1);
	free(k->bitmap2);
	free(k->rank);
	k->bitmap1 = k->bitmap2 = NULL;
	k->rank = NULL;
}

/* Index of pfn's descriptor: dumpable pages before it. */
static uint64_t rank_of(const struct kd_kdump *k, uint64_t pfn)
{
	uint64_t sec = pfn / SECTION;

	return k->rank[sec] + kd_bits_count(k->bitmap2, sec * SECTION, pfn);
}

enum kd_page_status kd_kdump_read_page(struct kd_kdump *k, uint64_t pfn,
				       uint8_t *page)
{
	uint8_t d[DESC_SIZE], buf[KD_CODEC_BOUND];
	uint64_t off;
	uint32_t size, flags;

	if (pfn >= k->max_mapnr || !kd_bit_test(k->bitmap1, pfn))
		return KD_PAGE_NOT_IN_RAM;
	if (!kd_bit_test(k->bitmap2, pfn))
		return KD_PAGE_EXCLUDED;
	off = k->desc_offset + rank_of(k, pfn) * DESC_SIZE;
	if (off + DESC_SIZE > k->file_size)
		return KD_PAGE_INCOMPLETE;	/* the table was cut short */
	if (kd_pread_full(k->fd, d, sizeof d, off))
		return KD_PAGE_ERROR;
	off = kd_get_le64(d);
	size = kd_get_le32(d + 8);
	flags = kd_get_le32(d + 12);
	if (off == 0)
		return KD_PAGE_INCOMPLETE;
	if (size > k->block_size || size == 0 || off > k->file_size ||
	    kd_pread_full(k->fd, buf, size, off))
		return KD_PAGE_ERROR;
	if (kd_codec_decompress(flags, buf, size, page, k->block_size))
		return KD_PAGE_ERROR;
	return KD_PAGE_OK;
}
