/* crashkernel.c - parse crashkernel= and pick the size for a RAM size.
 *
 * Numbers are read as the kernel's memparse() reads them, so that the
 * result is what the kernel reserved; the checks are stricter than the
 * kernel's (it takes the first matching range and ignores the rest). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "crashkernel.h"
#include "number.h"

/* Write the one-line reason and return -1. */
static int reason(char *err, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int reason(char *err, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (err && size) {
		va_start(ap, fmt);
		vsnprintf(err, size, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* A size at *p, moving *p past it; `what` names it in the reason. */
static int size_at(const char **p, uint64_t *out, const char *what,
		   char *err, size_t size)
{
	if (!kd_parse_size(*p, out, p))
		return 0;
	if (**p >= '0' && **p <= '9')
		return reason(err, size, "size \"%.*s\" is too large",
			      (int)strspn(*p, "0123456789abcdefABCDEFxXkKmMgGtTpPeE"),
			      *p);
	if (!**p)
		return reason(err, size, "expected %s at the end", what);
	return reason(err, size, "expected %s, not \"%s\"", what, *p);
}

/* ",high", ",low", ",cma" or nothing; sets ck->kind */
static int parse_kind(const char *p, struct kd_crashkernel *ck)
{
	if (!*p)
		ck->kind = KD_CK_PLAIN;
	else if (!strcmp(p, ",high"))
		ck->kind = KD_CK_HIGH;
	else if (!strcmp(p, ",low"))
		ck->kind = KD_CK_LOW;
	else if (!strcmp(p, ",cma"))
		ck->kind = KD_CK_CMA;
	else
		return -1;
	return 0;
}

/* "@offset" or nothing */
static int parse_offset(const char **p, struct kd_crashkernel *ck, char *err,
			size_t size)
{
	if (**p != '@')
		return 0;
	(*p)++;
	ck->has_offset = 1;
	return size_at(p, &ck->offset, "an offset after \"@\"", err, size);
}

/* size[@offset] or size,high|low|cma */
static int parse_plain(const char *value, struct kd_crashkernel *ck,
		       char *err, size_t size)
{
	const char *p = value;

	if (size_at(&p, &ck->size, "a size such as 256M", err, size))
		return -1;
	if (*p == '-')
		return reason(err, size, "expected \":\" and a size after the "
			      "range \"%s\"", value);
	if (parse_offset(&p, ck, err, size))
		return -1;
	if (parse_kind(p, ck))
		return reason(err, size, "unexpected \"%s\" after the size "
			      "(allowed: @offset, ,high, ,low, ,cma)", p);
	if (ck->has_offset && ck->kind != KD_CK_PLAIN)
		return reason(err, size, "an offset cannot be combined with "
			      ",high, ,low or ,cma");
	return 0;
}

/* start-[end]:size */
static int parse_range(const char **pp, struct kd_ck_range *r, char *err,
		       size_t size)
{
	const char *p = *pp, *start = *pp;

	if (kd_parse_size(p, &r->start, &p) || *p != '-')
		return reason(err, size, "a range must look like "
			      "start-[end]:size, not \"%s\"", start);
	p++;
	r->end = UINT64_MAX;
	if (*p != ':' && size_at(&p, &r->end, "the end of the range", err, size))
		return -1;
	if (*p != ':')
		return reason(err, size, "expected \":\" after the range "
			      "\"%.*s\"", (int)(p - start), start);
	if (r->end <= r->start)
		return reason(err, size, "range \"%.*s\" ends before it starts",
			      (int)(p - start), start);
	p++;
	if (size_at(&p, &r->size, "a size after \":\"", err, size))
		return -1;
	*pp = p;
	return 0;
}

static int parse_ranges(const char *value, struct kd_crashkernel *ck,
			char *err, size_t size)
{
	const char *p = value;

	for (;;) {
		const char *start = p;
		struct kd_ck_range *r;

		if (ck->nranges == KD_CK_MAX_RANGES)
			return reason(err, size, "more than %d ranges",
				      KD_CK_MAX_RANGES);
		r = &ck->ranges[ck->nranges];
		if (parse_range(&p, r, err, size))
			return -1;
		if (ck->nranges && r->start < ck->ranges[ck->nranges - 1].end)
			return reason(err, size, "range \"%.*s\" overlaps or "
				      "comes before the one before it",
				      (int)(strchr(start, ':') - start), start);
		ck->nranges++;
		if (*p != ',' || p[1] < '0' || p[1] > '9')
			break;
		p++;
	}
	if (parse_offset(&p, ck, err, size))
		return -1;
	if (!parse_kind(p, ck) && *p)
		return reason(err, size, "\"%s\" needs a plain size, not ranges", p);
	if (*p)
		return reason(err, size, "unexpected \"%s\" after the ranges", p);
	return 0;
}

int kd_crashkernel_parse(const char *value, struct kd_crashkernel *ck,
			 char *err, size_t err_size)
{
	memset(ck, 0, sizeof *ck);
	if (!value || !*value)
		return reason(err, err_size, "empty value");
	if (strchr(value, ':'))
		return parse_ranges(value, ck, err, err_size);
	return parse_plain(value, ck, err, err_size);
}

uint64_t kd_crashkernel_size(const struct kd_crashkernel *ck, uint64_t ram)
{
	int i;

	if (!ck->nranges)
		return ck->size;
	for (i = 0; i < ck->nranges; i++)
		if (ram >= ck->ranges[i].start && (ram < ck->ranges[i].end ||
						   ck->ranges[i].end == UINT64_MAX))
			return ck->ranges[i].size;
	return 0;
}
