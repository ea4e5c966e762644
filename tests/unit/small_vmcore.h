/* small_vmcore.h - a small synthetic vmcore for the writer tests, and
 * what they do with it.
 *
 * Two PT_LOADs: A, 40 pages at 1 MiB, and B, 20 pages at 2 MiB whose last
 * page is partial (not in RAM); every 5th page is zeros (12 of the 60),
 * the others a pattern.  VMCOREINFO has no page tables, so nothing but
 * zero pages can be filtered.  small_vmcore_setup() makes it in the
 * scratch directory (scratch.h, made first). */
#ifndef KD_TEST_SMALL_VMCORE_H
#define KD_TEST_SMALL_VMCORE_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "elfcore.h"
#include "scratch.h"
#include "collect.h"
#include "log.h"

#ifndef PAGE
#define PAGE 4096
#endif
#define LOAD_A 0x100000ULL	/* 40 pages */
#define LOAD_B 0x200000ULL	/* 20 pages, the last one partial */
#define PAGES_A 40
#define PAGES_B 20

static char vmcore[128];
static const char small_vmcoreinfo[] =
	"OSRELEASE=6.1.0-test\nPAGESIZE=4096\nCRASHTIME=1700000000\n";

/* Page i of the synthetic memory: every 5th page zero, the rest a pattern. */
static inline void fill_page(uint8_t *p, unsigned i)
{
	unsigned j;

	if (i % 5 == 3) {
		memset(p, 0, PAGE);
		return;
	}
	for (j = 0; j < PAGE; j++)
		p[j] = (uint8_t)(i * 7 + j / 64);
}

static inline void make_vmcore(void)
{
	uint8_t hdr[2 * PAGE], page[PAGE], prstatus[336];
	size_t notes = 0;
	unsigned i;
	int fd;

	memset(hdr, 0, sizeof hdr);
	memset(prstatus, 0, sizeof prstatus);
	ehdr(hdr, 3);
	notes += note(hdr + PAGE + notes, "CORE", 1, prstatus, sizeof prstatus);
	notes += note(hdr + PAGE + notes, "CORE", 1, prstatus, sizeof prstatus);
	notes += note(hdr + PAGE + notes, "VMCOREINFO", 0, small_vmcoreinfo,
		      sizeof small_vmcoreinfo - 1);
	phdr_load(hdr + 64, 4, PAGE, 0, 0, notes);
	phdr_load(hdr + 64 + 56, 1, 2 * PAGE, 0xffff888000000000ULL + LOAD_A, LOAD_A,
	     PAGES_A * PAGE);
	phdr_load(hdr + 64 + 112, 1, (2 + PAGES_A) * PAGE, 0xffff888000000000ULL + LOAD_B,
	     LOAD_B, PAGES_B * PAGE - 100);
	fd = open(vmcore, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CHECK(fd >= 0);
	CHECK(write(fd, hdr, sizeof hdr) == (ssize_t)sizeof hdr);
	for (i = 0; i < PAGES_A + PAGES_B; i++) {
		fill_page(page, i);
		CHECK(write(fd, page, PAGE) == PAGE);
	}
	CHECK(ftruncate(fd, (2 + PAGES_A + PAGES_B) * PAGE - 100) == 0);
	close(fd);
}

/* kd_collect() of `input` into the file out. */
static inline int collect_from(const char *input, const char *out,
			       enum kd_codec_kind codec, enum kd_format format,
			       int level, int flat, struct kd_collect_result *r,
			       struct kd_error *e)
{
	struct kd_collect_opts o = KD_COLLECT_DEFAULTS;
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600), ret;

	o.vmcore = input;
	o.codec = codec;
	o.format = format;
	o.dump_level = level;
	o.flat = flat;
	o.message_level = 0;
	ret = kd_collect(&o, fd, r, e);
	close(fd);
	return ret;
}

/* kd_collect() of the small vmcore into the file out. */
static inline int collect(const char *out, enum kd_codec_kind codec,
			  enum kd_format format, int level, int flat,
			  struct kd_collect_result *r, struct kd_error *e)
{
	return collect_from(vmcore, out, codec, format, level, flat, r, e);
}

/* The little-endian u32 at off of a file (0xffffffff when short). */
static inline uint32_t u32_at(const char *path, off_t off)
{
	uint8_t b[4];
	uint32_t v = 0;
	int fd = open(path, O_RDONLY);

	if (fd >= 0) {
		v = pread(fd, b, 4, off) == 4 ? kd_get_le32(b) : 0xffffffff;
		close(fd);
	}
	return v;
}

/* The result and the kdump-compressed file out say that `level` and
 * `codec` were written. */
static inline void check_written(const struct kd_collect_result *r,
				 const char *out, int level,
				 enum kd_codec_kind codec)
{
	CHECK_INT(r->dump_level, level);
	CHECK_INT(u32_at(out, 4096 + 8), (uint32_t)level);	/* sub header */
	CHECK_INT(r->codec, codec);
	CHECK_INT(u32_at(out, 424), codec);			/* status */
}

/* The vmcore, in the scratch directory (scratch_setup() first). */
static inline int small_vmcore_setup(void)
{
	kd_log_set_level(KD_LOG_ERR);
	snprintf(vmcore, sizeof vmcore, "%s/vmcore", dir);
	make_vmcore();
	return 0;
}

#endif
