/* classify.c - decide a page's class from its struct page. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify.h"
#include "input.h"

static int64_t number_or(const struct kd_vmcoreinfo *v, const char *name,
			 int64_t dflt)
{
	int64_t n;

	return kd_vmci_get(v, "NUMBER", name, &n) ? dflt : n;
}

static int need(const struct kd_vmcoreinfo *v, const char *kind,
		const char *name, size_t *out, struct kd_error *e)
{
	int64_t n;

	if (kd_vmci_get(v, kind, name, &n) || n < 0 || n > 4096)
		return kd_fail(e, ENOENT, "VMCOREINFO lacks %s(%s)", kind, name);
	*out = (size_t)n;
	return 0;
}

static size_t offset_or(const struct kd_vmcoreinfo *v, const char *name,
			size_t dflt)
{
	int64_t n;

	return kd_vmci_get(v, "OFFSET", name, &n) || n < 0 ? dflt : (size_t)n;
}

/* "6.1.0-56-amd64" -> 0x060100 */
static unsigned kernel_version(const struct kd_vmcoreinfo *v)
{
	const char *s = kd_vmci_str(v, "OSRELEASE");
	unsigned a = 0, b = 0, c = 0;

	if (!s || sscanf(s, "%u.%u.%u", &a, &b, &c) < 2)
		return 0;
	return a << 16 | (b & 0xff) << 8 | (c > 255 ? 255 : c);
}

static void order_location(struct kd_page_rules *r, const struct kd_vmcoreinfo *v)
{
	unsigned ver = kernel_version(v);
	size_t folio_order = offset_or(v, "folio._folio_order", 0);
	size_t folio_dtor = offset_or(v, "folio._folio_dtor", 0);

	r->order_width = ver >= 0x041000 ? 1 : 2;
	r->off_order = offset_or(v, "page.compound_order", 0);
	r->off_dtor = offset_or(v, "page.compound_dtor", 0);
	if (r->off_order) {
		r->order_scheme = KD_ORDER_FIELD;
	} else if (folio_order > r->size) {
		/* 6.3 - 6.5: folio offsets, counted from page[0] */
		r->order_scheme = KD_ORDER_FIELD;
		r->off_order = folio_order - r->size;
		r->off_dtor = folio_dtor > r->size ? folio_dtor - r->size : 0;
	} else if (ver >= 0x060600) {
		r->order_scheme = KD_ORDER_FLAGS;
	} else {
		r->order_scheme = KD_ORDER_NONE;
	}
}

int kd_page_rules_init(struct kd_page_rules *r, const struct kd_vmcoreinfo *v,
		       struct kd_error *e)
{
	int64_t n;

	memset(r, 0, sizeof *r);
	if (need(v, "SIZE", "page", &r->size, e) ||
	    need(v, "OFFSET", "page.flags", &r->off_flags, e) ||
	    need(v, "OFFSET", "page.mapping", &r->off_mapping, e) ||
	    need(v, "OFFSET", "page._mapcount", &r->off_mapcount, e) ||
	    need(v, "OFFSET", "page.private", &r->off_private, e))
		return -1;
	r->off_head = offset_or(v, "page.compound_head", (size_t)-1);
	r->pg_lru = number_or(v, "PG_lru", KD_NO_NUMBER);
	r->pg_private = number_or(v, "PG_private", KD_NO_NUMBER);
	r->pg_swapcache = number_or(v, "PG_swapcache", KD_NO_NUMBER);
	r->pg_swapbacked = number_or(v, "PG_swapbacked", KD_NO_NUMBER);
	r->pg_slab = number_or(v, "PG_slab", KD_NO_NUMBER);
	r->pg_hwpoison = number_or(v, "PG_hwpoison", KD_NO_NUMBER);
	r->pg_head_mask = number_or(v, "PG_head_mask", 0);
	r->pg_hugetlb = number_or(v, "PG_hugetlb", KD_NO_NUMBER);
	r->buddy_mapcount = number_or(v, "PAGE_BUDDY_MAPCOUNT_VALUE", KD_NO_NUMBER);
	r->offline_mapcount = number_or(v, "PAGE_OFFLINE_MAPCOUNT_VALUE", KD_NO_NUMBER);
	r->slab_mapcount = number_or(v, "PAGE_SLAB_MAPCOUNT_VALUE", KD_NO_NUMBER);
	r->hugetlb_mapcount = number_or(v, "PAGE_HUGETLB_MAPCOUNT_VALUE", KD_NO_NUMBER);
	r->hugetlb_dtor = number_or(v, "HUGETLB_PAGE_DTOR", KD_NO_NUMBER);
	r->max_order = kd_vmci_get(v, "LENGTH", "zone.free_area", &n) || n <= 0 ||
		       n > 64 ? 11 : (int)n;
	if (r->pg_lru == KD_NO_NUMBER || r->pg_private == KD_NO_NUMBER)
		return kd_fail(e, ENOENT, "VMCOREINFO lacks NUMBER(PG_lru) or "
			       "NUMBER(PG_private)");
	order_location(r, v);
	return 0;
}

static uint64_t ulong_at(const uint8_t *p, size_t off)
{
	uint64_t v;

	memcpy(&v, p + off, sizeof v);
	return v;
}

static int32_t int_at(const uint8_t *p, size_t off)
{
	int32_t v;

	memcpy(&v, p + off, sizeof v);
	return v;
}

static unsigned small_at(const uint8_t *p, size_t off, int width)
{
	return width == 1 ? p[off] : (unsigned)(p[off] | p[off + 1] << 8);
}

static int has_flag(uint64_t flags, int64_t bit)
{
	return bit != KD_NO_NUMBER && bit >= 0 && bit < 64 && (flags >> bit & 1);
}

static int is_slab(const struct kd_page_rules *r, uint64_t flags, int32_t mapcount)
{
	if (r->slab_mapcount != KD_NO_NUMBER)
		return mapcount == (int32_t)r->slab_mapcount;
	return has_flag(flags, r->pg_slab);
}

static int is_cache(const struct kd_page_rules *r, uint64_t flags)
{
	if (has_flag(flags, r->pg_lru))
		return 1;
	return has_flag(flags, r->pg_swapcache) &&
	       (r->pg_swapbacked == KD_NO_NUMBER || has_flag(flags, r->pg_swapbacked));
}

struct compound {
	unsigned order;
	int hugetlb;
};

/* Order and hugetlb-ness of a compound head, from the next struct page. */
static struct compound compound_of(const struct kd_page_rules *r,
				   const uint8_t *page, const uint8_t *next,
				   uint64_t pfn)
{
	struct compound c = { 0, 0 };
	uint64_t flags1;

	if (!next || !(ulong_at(page, r->off_flags) & (uint64_t)r->pg_head_mask))
		return c;
	switch (r->order_scheme) {
	case KD_ORDER_FIELD:
		c.order = small_at(next, r->off_order, r->order_width);
		if (r->off_dtor && r->hugetlb_dtor != KD_NO_NUMBER)
			c.hugetlb = small_at(next, r->off_dtor, r->order_width) ==
				    (unsigned)r->hugetlb_dtor;
		break;
	case KD_ORDER_FLAGS:
		flags1 = ulong_at(next, r->off_flags);
		c.order = flags1 & 0xff;
		c.hugetlb = r->hugetlb_mapcount != KD_NO_NUMBER ?
			    int_at(page, r->off_mapcount) == (int32_t)r->hugetlb_mapcount :
			    has_flag(flags1, r->pg_hugetlb);
		break;
	default:
		break;
	}
	if (c.order >= 64 || (pfn & ((1ULL << c.order) - 1)))
		c.order = 0;
	return c;
}

enum kd_class kd_classify(const struct kd_page_rules *r, const uint8_t *page,
			  const uint8_t *next, int dump_level, uint64_t pfn,
			  uint64_t *nr_pages)
{
	uint64_t flags = ulong_at(page, r->off_flags);
	uint64_t mapping = ulong_at(page, r->off_mapping);
	uint64_t private = ulong_at(page, r->off_private);
	int32_t mapcount = int_at(page, r->off_mapcount);
	struct compound c = compound_of(r, page, next, pfn);
	int anon = mapping & 1;
	int slab = is_slab(r, flags, mapcount);

	*nr_pages = 1ULL << c.order;
	if (r->off_head != (size_t)-1 && (ulong_at(page, r->off_head) & 1)) {
		*nr_pages = 1;
		return KD_TAIL;
	}
	if ((dump_level & KD_DL_FREE) && r->buddy_mapcount != KD_NO_NUMBER &&
	    !slab && mapcount == (int32_t)r->buddy_mapcount) {
		if (private >= (uint64_t)r->max_order) {
			*nr_pages = 1;
			return KD_KEEP;
		}
		*nr_pages = 1ULL << private;
		return KD_FREE;
	}
	if ((dump_level & KD_DL_CACHE) && is_cache(r, flags) &&
	    !has_flag(flags, r->pg_private) && !anon)
		return KD_CACHE;
	if ((dump_level & KD_DL_CACHE_PRIVATE) && is_cache(r, flags) && !anon)
		return has_flag(flags, r->pg_private) ? KD_CACHE_PRIVATE : KD_CACHE;
	if ((dump_level & KD_DL_USER) && (anon || c.hugetlb))
		return KD_USER;
	if (has_flag(flags, r->pg_hwpoison))
		return KD_HWPOISON;
	if (r->offline_mapcount != KD_NO_NUMBER && !slab &&
	    mapcount == (int32_t)r->offline_mapcount)
		return KD_OFFLINE;
	*nr_pages = 1;
	return KD_KEEP;
}
