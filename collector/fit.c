/* fit.c - choose the dump level and codec that fit the target (fit.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include "dump_size.h"
#include "fit.h"
#include "window.h"
#include "writer.h"

#define FLAT_HEADER 4096		/* sink.c: the stream's header */
#define FLAT_RECORD 16			/* offset and size before each write */

struct step {
	int level;
	enum kd_codec_kind codec;
	int codec_level;
};

/* Least useful for debugging first. */
static const int level_bits[] = {
	KD_DL_ZERO, KD_DL_FREE, KD_DL_CACHE, KD_DL_CACHE_PRIVATE, KD_DL_USER,
};

/* Weakest first; a codec's default level is 0. */
static const struct step codecs[] = {
	{ 0, KD_CODEC_NONE, 0 }, { 0, KD_CODEC_LZO, 0 }, { 0, KD_CODEC_ZLIB, 0 },
	{ 0, KD_CODEC_ZSTD, 0 }, { 0, KD_CODEC_ZSTD, KD_CODEC_ZSTD_HARD },
};
#define NCODECS (sizeof codecs / sizeof codecs[0])

struct fitter {
	struct kd_input *in;
	const struct kd_collect_opts *o;
	int level;			/* the input's dump level */
	uint64_t upper;			/* dumpable pages at most */
};

static size_t codec_rank(const struct step *s)
{
	size_t i;

	for (i = 0; i < NCODECS; i++)
		if (codecs[i].codec == s->codec &&
		    codecs[i].codec_level == s->codec_level)
			return i;
	return NCODECS - 1;
}

/* One more level bit, else a stronger codec; 0 when there is none.  Bits
 * that need struct pages are skipped when they cannot be read. */
static int next_step(const struct fitter *f, struct step *s)
{
	int filtered = kd_input_meta(f->in)->filtered;
	size_t i;

	for (i = 0; i < sizeof level_bits / sizeof level_bits[0]; i++) {
		if ((s->level & level_bits[i]) ||
		    (level_bits[i] != KD_DL_ZERO && !filtered))
			continue;
		s->level |= level_bits[i];
		return 1;
	}
	i = codec_rank(s) + 1;
	if (f->o->format == KD_FORMAT_ELF || i >= NCODECS)
		return 0;
	s->codec = codecs[i].codec;
	s->codec_level = codecs[i].codec_level;
	return 1;
}

/* A stream adds its header, end marker and a record header before each
 * write; writes are seldom under 4 KiB (caches of 64 KiB and 1 MiB, one
 * bitmap window at a time): a record per 4 KiB and per window bounds it. */
static uint64_t flat_overhead(const struct fitter *f, uint64_t bytes)
{
	struct kd_window win;
	uint64_t windows;

	kd_window_init(&win, (size_t)f->o->cyclic_buffer * 1024 * 8,
		       kd_input_meta(f->in)->max_mapnr);
	windows = win.max / win.size + 1;
	return FLAT_HEADER + FLAT_RECORD *
	       (bytes / KD_PAGE_SIZE + 4 * windows + 8);
}

/* The size of the dump at step s. */
static int measure(struct fitter *f, const struct step *s, uint64_t *bytes,
		   int *exact, struct kd_error *e)
{
	struct kd_write_opts wo = {
		.codec = s->codec, .codec_level = s->codec_level,
		.cycle_pfns = (size_t)f->o->cyclic_buffer * 1024 * 8,
	};
	struct kd_dump_size est;

	if (f->level != s->level) {
		if (kd_input_set_level(f->in, s->level, e))
			return -1;
		f->level = s->level;
	}
	if (f->o->format == KD_FORMAT_ELF) {
		*exact = 1;
		if (kd_elf_size(f->in, &wo, bytes, e))
			return -1;
	} else {
		if (kd_dump_size_kdump(f->in, &wo, f->upper, &est, e))
			return -1;
		*bytes = est.bytes;
		*exact = est.exact;
		f->upper = est.dumpable;	/* levels only ever rise */
	}
	if (f->o->flat)
		*bytes += flat_overhead(f, *bytes);
	return 0;
}

/* "850 MiB", "12 KiB", "1.5 GiB". */
static const char *size_text(uint64_t b, char *buf, size_t n)
{
	if (b >= (10ULL << 30))
		snprintf(buf, n, "%.1f GiB", (double)b / (1 << 30));
	else if (b >= (1 << 20))
		snprintf(buf, n, "%" PRIu64 " MiB", (b + (1 << 19)) >> 20);
	else
		snprintf(buf, n, "%" PRIu64 " KiB", (b + 1023) >> 10);
	return buf;
}

/* "LZO", "zstd level 12". */
static const char *codec_text(const struct step *s, char *buf, size_t n)
{
	if (s->codec_level)
		snprintf(buf, n, "%s level %d", kd_codec_name(s->codec),
			 s->codec_level);
	else
		snprintf(buf, n, "%s", kd_codec_name(s->codec));
	return buf;
}

/* "850 MiB at level 1", and " with LZO" (", uncompressed") when the
 * codec changed. */
static const char *at_text(uint64_t bytes, const struct step *s,
			   int with_codec, char *buf, size_t n)
{
	const char *sep = s->codec == KD_CODEC_NONE ? ", " : " with ";
	char b[24], c[32];

	snprintf(buf, n, "%s at level %d%s%s", size_text(bytes, b, sizeof b),
		 s->level, with_codec ? sep : "",
		 with_codec ? codec_text(s, c, sizeof c) : "");
	return buf;
}

/* "dump level 1 -> 17, LZO -> zstd: 850 MiB at level 1 with LZO would
 * not fit in 300 MiB", and when the last step does not fit either
 * ", nor would 320 MiB at level 31 with zstd: writing that anyway". */
static void describe(struct kd_fit *f, const struct step *from,
		     const struct step *to, uint64_t from_bytes, uint64_t room,
		     int free_space)
{
	char lv[40] = "", cd[80] = "", c1[32], c2[32], a1[96], a2[96] = "", r[24];
	int codec = codec_rank(from) != codec_rank(to);

	if (from->level != to->level)
		snprintf(lv, sizeof lv, "dump level %d -> %d", from->level,
			 to->level);
	if (codec)
		snprintf(cd, sizeof cd, "%s%s -> %s", *lv ? ", " : "",
			 codec_text(from, c1, sizeof c1),
			 codec_text(to, c2, sizeof c2));
	if (!f->fits)
		at_text(f->bytes, to, codec, a2, sizeof a2);
	snprintf(f->why, sizeof f->why, "%s%s: %s would not fit in %s%s%s%s%s",
		 lv, cd, at_text(from_bytes, from, codec, a1, sizeof a1),
		 free_space ? "the " : "", size_text(room, r, sizeof r),
		 free_space ? " free" : "", f->fits ? "" : ", nor would ",
		 f->fits ? "" : a2);
	if (!f->fits)
		snprintf(f->why + strlen(f->why), sizeof f->why - strlen(f->why),
			 ": writing that anyway");
}

int kd_fit(struct kd_input *in, const struct kd_collect_opts *o,
	   uint64_t room, int free_space, struct kd_fit *f, struct kd_error *e)
{
	struct fitter ft = { in, o, o->dump_level, kd_input_meta(in)->max_mapnr };
	struct step first = { o->dump_level, o->codec, 0 }, s = first;
	uint64_t first_bytes;

	memset(f, 0, sizeof *f);
	if (measure(&ft, &s, &first_bytes, &f->exact, e))
		return -1;
	f->bytes = first_bytes;
	for (f->steps = 1; f->bytes > room && next_step(&ft, &s); f->steps++)
		if (measure(&ft, &s, &f->bytes, &f->exact, e))
			return -1;
	f->level = s.level;
	f->codec = s.codec;
	f->codec_level = s.codec_level;
	f->fits = f->bytes <= room;
	if (f->steps > 1)
		describe(f, &first, &s, first_bytes, room, free_space);
	return 0;
}

int kd_fit_room(int fd, uint64_t *room, struct kd_error *e)
{
	struct statvfs v;
	struct stat st;
	uint64_t free_bytes, reserve;

	if (fstat(fd, &st))
		return kd_fail(e, errno, "fstat: %s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return kd_fail(e, EINVAL, "the free space of the target is only "
			       "known for a file, not a stream");
	if (fstatvfs(fd, &v))
		return kd_fail(e, errno, "cannot read the free space of the "
			       "target: %s", strerror(errno));
	free_bytes = (uint64_t)v.f_bavail * v.f_frsize;
	reserve = KD_FIT_RESERVE(free_bytes);
	*room = free_bytes > reserve ? free_bytes - reserve : 0;
	return 0;
}
