/* codec.c - compress and decompress single pages. */
#include <stdlib.h>
#include <string.h>
#include <libdeflate.h>
#include <lzo/lzo1x.h>
#include <zlib.h>
#include <zstd.h>
#include "bitmap.h"
#include "codec.h"

#define DEFAULT_LEVEL 1		/* zlib and zstd: the fastest */
#define FILL_MAX 64		/* the longest compressed fill page kept */

/* A page of one byte repeated, as this codec compressed it.  Such pages
 * are common (0xcc pads kernel text: a tenth of a -d 31 dump), and
 * libdeflate takes as long for one as for a page of text. */
struct fill {
	size_t page_len;		/* 0: not compressed yet */
	uint8_t len;
	uint8_t data[FILL_MAX];
};

struct kd_codec {
	enum kd_codec_kind kind;
	int level;
	struct libdeflate_compressor *deflate;
	void *lzo_work;
	ZSTD_CCtx *zstd;
	struct fill *fills;		/* 256, by byte; NULL: none kept */
};

struct kd_codec *kd_codec_new_level(enum kd_codec_kind kind, int level)
{
	struct kd_codec *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->kind = kind;
	c->level = level > 0 ? level : DEFAULT_LEVEL;
	switch (kind) {
	case KD_CODEC_ZLIB:
		c->deflate = libdeflate_alloc_compressor(c->level);
		if (!c->deflate)
			goto fail;
		break;
	case KD_CODEC_LZO:
		if (lzo_init() != LZO_E_OK)
			goto fail;
		c->lzo_work = malloc(LZO1X_1_11_MEM_COMPRESS);
		if (!c->lzo_work)
			goto fail;
		break;
	case KD_CODEC_ZSTD:
		c->zstd = ZSTD_createCCtx();
		if (!c->zstd)
			goto fail;
		break;
	default:
		break;
	}
	c->fills = calloc(256, sizeof *c->fills);	/* optional */
	return c;
fail:
	free(c);
	return NULL;
}

struct kd_codec *kd_codec_new(enum kd_codec_kind kind)
{
	return kd_codec_new_level(kind, 0);
}

void kd_codec_free(struct kd_codec *c)
{
	if (!c)
		return;
	libdeflate_free_compressor(c->deflate);
	free(c->lzo_work);
	ZSTD_freeCCtx(c->zstd);
	free(c->fills);
	free(c);
}

/* A complete zlib stream (RFC 1950), as zlib's uncompress() in crash
 * reads it; libdeflate makes it from the whole page at once. */
static size_t zlib_page(struct kd_codec *c, const void *in, size_t len,
			void *out)
{
	return libdeflate_zlib_compress(c->deflate, in, len, out, KD_CODEC_BOUND);
}

/* LZO1X-1 with a 2048-entry dictionary (LZO1X-1(11)): the same stream
 * format lzo1x_decompress_safe() in crash and drgn reads.  The default
 * 16384-entry one, which makedumpfile uses, is cleared at every call:
 * for a 4 KiB page that costs more than the few matches it adds (0.5%
 * larger dumps, a tenth faster). */
static size_t lzo_page(struct kd_codec *c, const void *in, size_t len, void *out)
{
	lzo_uint n = KD_CODEC_BOUND;

	if (lzo1x_1_11_compress(in, len, out, &n, c->lzo_work) != LZO_E_OK)
		return 0;
	return n;
}

static size_t zstd_page(struct kd_codec *c, const void *in, size_t len, void *out)
{
	size_t n = ZSTD_compressCCtx(c->zstd, out, KD_CODEC_BOUND, in, len,
				     c->level);

	return ZSTD_isError(n) ? 0 : n;
}

/* What page (len bytes of `byte`) compressed to, kept for next time;
 * the codecs are deterministic, so it is what compressing it gives.
 * NULL: compress it. */
static const struct fill *known_fill(struct kd_codec *c, int byte, size_t len)
{
	if (!c->fills || byte < 0 || c->fills[byte].page_len != len)
		return NULL;
	return &c->fills[byte];
}

static void keep_fill(struct kd_codec *c, int byte, size_t len,
		      const void *out, size_t n)
{
	if (!c->fills || byte < 0 || n > FILL_MAX)
		return;
	memcpy(c->fills[byte].data, out, n);
	c->fills[byte].len = (uint8_t)n;
	c->fills[byte].page_len = len;
}

unsigned kd_codec_compress(struct kd_codec *c, const void *page, size_t len,
			   void *out, size_t *out_len)
{
	int byte = len ? kd_fill_byte(page, len) : -1;
	const struct fill *f = known_fill(c, byte, len);
	size_t n = 0;

	if (f) {
		memcpy(out, f->data, f->len);
		*out_len = f->len;
		return (unsigned)c->kind;
	}
	switch (c->kind) {
	case KD_CODEC_ZLIB: n = zlib_page(c, page, len, out); break;
	case KD_CODEC_LZO: n = lzo_page(c, page, len, out); break;
	case KD_CODEC_ZSTD: n = zstd_page(c, page, len, out); break;
	default: break;
	}
	if (n == 0 || n >= len) {
		memcpy(out, page, len);
		*out_len = len;
		return 0;
	}
	keep_fill(c, byte, len, out, n);
	*out_len = n;
	return (unsigned)c->kind;
}

int kd_codec_decompress(unsigned flag, const void *in, size_t in_len,
			void *page, size_t len)
{
	uLongf zlen = len;
	lzo_uint llen = len;
	size_t n;

	switch (flag) {
	case 0:
		if (in_len != len)
			return -1;
		memcpy(page, in, len);
		return 0;
	case KD_CODEC_ZLIB:
		return uncompress(page, &zlen, in, in_len) == Z_OK && zlen == len ? 0 : -1;
	case KD_CODEC_LZO:
		return lzo1x_decompress_safe(in, in_len, page, &llen, NULL) == LZO_E_OK &&
		       llen == len ? 0 : -1;
	case KD_CODEC_ZSTD:
		n = ZSTD_decompress(page, len, in, in_len);
		return !ZSTD_isError(n) && n == len ? 0 : -1;
	default:
		return -1;
	}
}

const char *kd_codec_name(enum kd_codec_kind kind)
{
	switch (kind) {
	case KD_CODEC_ZLIB: return "zlib";
	case KD_CODEC_LZO: return "LZO";
	case KD_CODEC_ZSTD: return "zstd";
	default: return "uncompressed";
	}
}
