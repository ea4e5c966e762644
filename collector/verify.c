/* verify.c - compare a dump with its input, page by page. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bitmap.h"
#include "elf_vmcore.h"
#include "input.h"
#include "kdump_reader.h"
#include "verify.h"

#define WINDOW (1ULL << 20)

struct ctx {
	struct kd_input *in;
	struct kd_verify_result *r;
	uint8_t *bits;			/* dumpable, recomputed */
	uint64_t start, end;		/* the window in bits */
	uint8_t in_page[KD_PAGE_SIZE], out_page[KD_PAGE_SIZE];
};

static void bad(struct ctx *c, uint64_t pfn, uint64_t *counter)
{
	if (!c->r->mismatched && !c->r->wrongly_excluded)
		c->r->first_bad_pfn = pfn;
	(*counter)++;
}

/* Whether the input says pfn is dumpable (window recomputed as needed). */
static int dumpable(struct ctx *c, uint64_t pfn, uint64_t max, struct kd_error *e)
{
	if (pfn >= c->end) {
		c->start = pfn & ~7ULL;
		c->end = c->start + WINDOW < max ? c->start + WINDOW : max;
		if (kd_input_dumpable(c->in, c->start, c->end, c->bits, 0, e))
			return -1;
	}
	return kd_bit_test(c->bits, pfn - c->start);
}

/* A page the dump lacks: fine if excluded by the level, or all zeros. */
static int check_missing(struct ctx *c, uint64_t pfn, uint64_t max,
			 struct kd_error *e)
{
	int d = dumpable(c, pfn, max, e);

	if (d < 0)
		return -1;
	c->r->excluded++;
	if (d && kd_input_read_page(c->in, pfn, c->in_page) == 0 &&
	    !kd_is_zero(c->in_page, KD_PAGE_SIZE))
		bad(c, pfn, &c->r->wrongly_excluded);
	return 0;
}

static void compare(struct ctx *c, uint64_t pfn)
{
	c->r->checked++;
	if (kd_input_read_page(c->in, pfn, c->in_page) ||
	    memcmp(c->in_page, c->out_page, KD_PAGE_SIZE))
		bad(c, pfn, &c->r->mismatched);
}

static int verify_kdump(struct ctx *c, int fd, struct kd_error *e)
{
	struct kd_kdump k;
	uint64_t pfn;
	int ret = 0;

	if (kd_kdump_open_fd(&k, fd, e))
		return -1;
	for (pfn = 0; pfn < k.max_mapnr && !ret; pfn++) {
		switch (kd_kdump_read_page(&k, pfn, c->out_page)) {
		case KD_PAGE_OK:
			compare(c, pfn);
			break;
		case KD_PAGE_EXCLUDED:
			ret = check_missing(c, pfn, k.max_mapnr, e);
			break;
		case KD_PAGE_INCOMPLETE:
			c->r->incomplete++;
			break;
		case KD_PAGE_ERROR:
			bad(c, pfn, &c->r->mismatched);
			break;
		default:
			if (kd_input_pfn_in_ram(c->in, pfn))
				bad(c, pfn, &c->r->wrongly_excluded);
			break;
		}
	}
	kd_kdump_close(&k);
	return ret;
}

static int verify_elf(struct ctx *c, const char *dump, struct kd_error *e)
{
	const struct kd_meta *m = kd_input_meta(c->in);
	struct kd_elf out;
	uint64_t pfn;
	int ret = 0;

	if (kd_elf_open(&out, dump, e))
		return -1;
	for (pfn = 0; pfn < m->max_mapnr && !ret; pfn++) {
		int d;

		if (!kd_input_pfn_in_ram(c->in, pfn))
			continue;
		d = dumpable(c, pfn, m->max_mapnr, e);
		if (d < 0) {
			ret = -1;
		} else if (!d) {
			c->r->excluded++;
		} else if (kd_elf_read_phys(&out, pfn << KD_PAGE_SHIFT, c->out_page,
					    KD_PAGE_SIZE)) {
			ret = check_missing(c, pfn, m->max_mapnr, e);
		} else if (!kd_is_zero(c->out_page, KD_PAGE_SIZE) ||
			   (kd_input_read_page(c->in, pfn, c->in_page) == 0 &&
			    !kd_is_zero(c->in_page, KD_PAGE_SIZE))) {
			compare(c, pfn);
		} else {
			c->r->excluded++;	/* a zero page, written or not */
		}
	}
	kd_elf_close(&out);
	return ret;
}

int kd_verify(const char *vmcore, const char *dump, int dump_level,
	      struct kd_verify_result *r, struct kd_error *e)
{
	struct ctx *c = calloc(1, sizeof *c);
	struct kd_kdump k;
	char magic[8] = "";
	int fd, ret, is_kdump;

	memset(r, 0, sizeof *r);
	fd = open(dump, O_RDONLY | O_CLOEXEC);
	if (!c || fd < 0) {
		free(c);
		if (fd >= 0)
			close(fd);
		return kd_fail(e, errno, "cannot open %s: %s", dump, strerror(errno));
	}
	is_kdump = pread(fd, magic, 8, 0) == 8 && !memcmp(magic, "KDUMP   ", 8);
	if (is_kdump && dump_level < 0 && kd_kdump_open_fd(&k, fd, e) == 0) {
		dump_level = k.dump_level;
		kd_kdump_close(&k);
	}
	c->r = r;
	c->bits = malloc(WINDOW / 8);
	ret = !c->bits ? kd_fail(e, ENOMEM, "out of memory") :
	      kd_input_open(&c->in, vmcore, dump_level < 0 ? 0 : dump_level, e);
	if (!ret)
		ret = is_kdump ? verify_kdump(c, fd, e) : verify_elf(c, dump, e);
	if (!ret && (r->mismatched || r->wrongly_excluded))
		ret = kd_fail(e, EIO, "%llu pages differ from the vmcore and %llu "
			      "dumpable pages are missing (first at pfn %#llx)",
			      (unsigned long long)r->mismatched,
			      (unsigned long long)r->wrongly_excluded,
			      (unsigned long long)r->first_bad_pfn);
	kd_input_close(c->in);
	free(c->bits);
	free(c);
	close(fd);
	return ret;
}
