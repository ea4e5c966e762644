/* codec.h - per-page compression for the kdump-compressed format.
 *
 * Each page is compressed on its own, as crash decodes it: zlib (a complete
 * zlib stream, made by libdeflate at level 1; read back with zlib),
 * LZO1X-1(11) (LZO1X-1 with a small dictionary), or zstd (one frame,
 * level 1).  A result that is not smaller than the page is stored raw.
 *
 * zlib and zstd take another level when a dump must shrink to fit its
 * target (fit.h): the format and the readers are the same at every
 * level, only the time spent differs. */
#ifndef KD_CODEC_H
#define KD_CODEC_H

#include <stddef.h>
#include <stdint.h>

enum kd_codec_kind {
	KD_CODEC_NONE = 0,
	KD_CODEC_ZLIB = 0x1,	/* DUMP_DH_COMPRESSED_ZLIB */
	KD_CODEC_LZO = 0x2,	/* DUMP_DH_COMPRESSED_LZO */
	KD_CODEC_ZSTD = 0x20,	/* DUMP_DH_COMPRESSED_ZSTD */
};

/* Big enough for any codec's worst case on one page. */
#define KD_CODEC_BOUND (4096 + 4096 / 16 + 64 + 3 + 512)

/* zstd's level for "compress harder": on 4 KiB pages of real crashes
 * levels 1 to 9 shrink them alike (58.5% -> 58.3%), 12 gains 1% more at
 * a tenth of the speed (about 30 MB/s a CPU), and 15 to 19 another 0.1%
 * at a half to a third of that. */
#define KD_CODEC_ZSTD_HARD 12

struct kd_codec;

/* level 0: the codec's default (above); LZO has a single level. */
struct kd_codec *kd_codec_new_level(enum kd_codec_kind kind, int level);
struct kd_codec *kd_codec_new(enum kd_codec_kind kind);
void kd_codec_free(struct kd_codec *c);

/* Compress one page of `len` bytes into out (KD_CODEC_BOUND bytes).
 * Returns the flag to store (the codec's flag, or 0 when stored raw) and
 * the stored size in *out_len. */
unsigned kd_codec_compress(struct kd_codec *c, const void *page, size_t len,
			   void *out, size_t *out_len);

/* Decode a stored page of kind `flag` into page[len]; 0 only when exactly
 * len bytes result. */
int kd_codec_decompress(unsigned flag, const void *in, size_t in_len,
			void *page, size_t len);

const char *kd_codec_name(enum kd_codec_kind kind);

#endif
