/* crashkernel.c - parse crashkernel= and pick the size for a RAM size. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "crashkernel.h"

static int reason(char *err, size_t size, const char *msg)
{
	snprintf(err, size, "%s", msg);
	return -1;
}

int kd_parse_size(const char *s, uint64_t *out, const char **end)
{
	uint64_t v = 0;
	int shift = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	switch (*p) {
	case 'E': case 'e': shift += 10; /* fall through */
	case 'P': case 'p': shift += 10; /* fall through */
	case 'T': case 't': shift += 10; /* fall through */
	case 'G': case 'g': shift += 10; /* fall through */
	case 'M': case 'm': shift += 10; /* fall through */
	case 'K': case 'k': shift += 10; p++; break;
	default: break;
	}
	if (shift && v > (UINT64_MAX >> shift))
		return -1;
	*out = v << shift;
	if (end)
		*end = p;
	return 0;
}

/* ",high", ",low", ",cma" or nothing; sets ck->kind */
static int parse_suffix(const char *p, struct kd_crashkernel *ck)
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

static int parse_offset(const char *p, struct kd_crashkernel *ck,
			const char **end)
{
	if (*p != '@') {
		*end = p;
		return 0;
	}
	ck->has_offset = 1;
	return kd_parse_size(p + 1, &ck->offset, end);
}

static int parse_plain(const char *value, struct kd_crashkernel *ck,
		       char *err, size_t size)
{
	const char *p;

	if (kd_parse_size(value, &ck->size, &p))
		return reason(err, size, "expected a size such as 256M");
	if (*p == '-')
		return reason(err, size, "expected \":\" after a range "
			      "(start-[end]:size)");
	if (parse_offset(p, ck, &p))
		return reason(err, size, "expected an offset after \"@\"");
	if (parse_suffix(p, ck))
		return reason(err, size, "unexpected text after the size "
			      "(allowed: @offset, ,high, ,low, ,cma)");
	if (ck->has_offset && ck->kind != KD_CK_PLAIN)
		return reason(err, size, "an offset cannot be combined with "
			      ",high, ,low or ,cma");
	return 0;
}

/* "start-[end]:size" */
static int parse_range(const char **pp, struct kd_ck_range *r, char *err,
		       size_t size)
{
	const char *p = *pp;

	if (kd_parse_size(p, &r->start, &p) || *p != '-')
		return reason(err, size, "a range must look like start-[end]:size");
	p++;
	r->end = UINT64_MAX;
	if (*p != ':' && kd_parse_size(p, &r->end, &p))
		return reason(err, size, "bad end of range");
	if (*p != ':')
		return reason(err, size, "expected \":\" after a range");
	if (r->end <= r->start)
		return reason(err, size, "a range must end after it starts");
	if (kd_parse_size(p + 1, &r->size, &p))
		return reason(err, size, "expected a size after \":\"");
	*pp = p;
	return 0;
}

static int parse_ranges(const char *value, struct kd_crashkernel *ck,
			char *err, size_t size)
{
	const char *p = value;

	for (;;) {
		struct kd_ck_range *r;

		if (ck->nranges == KD_CK_MAX_RANGES)
			return reason(err, size, "too many ranges");
		r = &ck->ranges[ck->nranges];
		if (parse_range(&p, r, err, size))
			return -1;
		if (ck->nranges && r->start < ck->ranges[ck->nranges - 1].end)
			return reason(err, size, "ranges must be in increasing "
				      "order and must not overlap");
		ck->nranges++;
		if (*p != ',' || p[1] < '0' || p[1] > '9')
			break;
		p++;
	}
	if (parse_offset(p, ck, &p))
		return reason(err, size, "expected an offset after \"@\"");
	if (parse_suffix(p, ck))
		return reason(err, size, "unexpected text after the ranges");
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
		if (ram >= ck->ranges[i].start && ram < ck->ranges[i].end)
			return ck->ranges[i].size;
	return 0;
}
