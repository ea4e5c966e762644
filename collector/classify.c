/* classify.c - decide a page's class from its struct page. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "byteorder.h"
#include "classify.h"
#include "input.h"

#define VERSION(a, b, c) ((unsigned)(a) << 16 | (unsigned)(b) << 8 | (unsigned)(c))
#define PG_SLAB_ORIGINAL 7		/* makedumpfile's default */
#define PG_COMPOUND_ORIGINAL 14
#define BUDDY_MAPCOUNT_2_6_39 (-128)

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

	return kd_vmci_get(v, "OFFSET", name, &n) || n < 0 || n > 4096 ?
	       dflt : (size_t)n;
}

/* "6.1.0-56-amd64" -> VERSION(6, 1, 0); 0 when unknown */
static unsigned kernel_version(const struct kd_vmcoreinfo *v)
{
	const char *s = kd_vmci_str(v, "OSRELEASE");
	unsigned a = 0, b = 0, c = 0;

	if (!s || sscanf(s, "%u.%u.%u", &a, &b, &c) < 2)
		return 0;
	return VERSION(a > 255 ? 255 : a, b > 255 ? 255 : b, c > 255 ? 255 : c);
}

/* page[1] offset of a folio member, or of a page member, or 0. */
static size_t field_offset(const struct kd_vmcoreinfo *v, size_t page_size,
			   const char *folio_name, const char *page_name,
			   const char *list_name, unsigned ver)
{
	size_t off = offset_or(v, folio_name, 0);

	if (off > page_size)
		return off - page_size;		/* 6.3 - 6.5 */
	off = offset_or(v, page_name, 0);
	if (off || ver >= VERSION(4, 4, 0))
		return off;
	/* before 4.4, page[1].lru held the order and the destructor */
	if (offset_or(v, "page.lru", KD_NO_OFFSET) == KD_NO_OFFSET ||
	    offset_or(v, list_name, KD_NO_OFFSET) == KD_NO_OFFSET)
		return 0;
	return offset_or(v, "page.lru", 0) + offset_or(v, list_name, 0);
}

static void compound_rules(struct kd_page_rules *r, const struct kd_vmcoreinfo *v)
{
	unsigned ver = kernel_version(v);

	r->hugetlb_mapcount = number_or(v, "PAGE_HUGETLB_MAPCOUNT_VALUE", KD_NO_NUMBER);
	r->pg_hugetlb = number_or(v, "PG_hugetlb", KD_NO_NUMBER);
	r->hugetlb_dtor = number_or(v, "HUGETLB_PAGE_DTOR", KD_NO_NUMBER);
	if (kd_vmci_get(v, "SYMBOL", "free_huge_page", &r->free_huge_page))
		r->free_huge_page = KD_NO_NUMBER;
	if (r->hugetlb_mapcount != KD_NO_NUMBER || r->pg_hugetlb != KD_NO_NUMBER) {
		r->order_scheme = KD_ORDER_FLAGS;
		return;
	}
	r->order_scheme = KD_ORDER_FIELD;
	r->off_order = field_offset(v, r->size, "folio._folio_order",
				    "page.compound_order", "list_head.prev", ver);
	r->off_dtor = field_offset(v, r->size, "folio._folio_dtor",
				   "page.compound_dtor", "list_head.next", ver);
	r->order_width = ver >= VERSION(4, 16, 0) ? 1 : 2;
	r->dtor_width = ver >= VERSION(4, 16, 0) ? 1 :
			ver >= VERSION(4, 4, 0) ? 2 : 8;
	if (r->off_order + (size_t)r->order_width > r->size)
		r->off_order = 0;
	if (r->off_dtor + (size_t)r->dtor_width > r->size)
		r->off_dtor = 0;
}

/* Page flag numbers, with makedumpfile's fallbacks for old kernels. */
static int flag_rules(struct kd_page_rules *r, const struct kd_vmcoreinfo *v,
		      struct kd_error *e)
{
	int64_t head = number_or(v, "PG_head", number_or(v, "PG_compound",
							 PG_COMPOUND_ORIGINAL));

	r->pg_lru = number_or(v, "PG_lru", KD_NO_NUMBER);
	r->pg_private = number_or(v, "PG_private", KD_NO_NUMBER);
	if (r->pg_lru == KD_NO_NUMBER || r->pg_private == KD_NO_NUMBER)
		return kd_fail(e, ENOENT, "VMCOREINFO lacks NUMBER(PG_lru) or "
			       "NUMBER(PG_private)");
	r->pg_swapcache = number_or(v, "PG_swapcache", KD_NO_NUMBER);
	r->pg_swapbacked = number_or(v, "PG_swapbacked", KD_NO_NUMBER);
	if (r->pg_swapbacked == KD_NO_NUMBER && r->pg_swapcache != KD_NO_NUMBER &&
	    r->pg_swapcache < r->pg_private)
		r->pg_swapbacked = r->pg_private + 6;
	r->pg_slab = number_or(v, "PG_slab", PG_SLAB_ORIGINAL);
	r->pg_hwpoison = number_or(v, "PG_hwpoison", KD_NO_NUMBER);
	r->head_mask = (uint64_t)number_or(v, "PG_head_mask",
		head >= 0 && head < 64 ? (int64_t)(1ULL << head) : 0);
	return 0;
}

static void type_rules(struct kd_page_rules *r, const struct kd_vmcoreinfo *v)
{
	int64_t n;

	r->buddy_mapcount = number_or(v, "PAGE_BUDDY_MAPCOUNT_VALUE",
		kernel_version(v) >= VERSION(2, 6, 39) ? BUDDY_MAPCOUNT_2_6_39 :
		KD_NO_NUMBER);
	r->offline_mapcount = number_or(v, "PAGE_OFFLINE_MAPCOUNT_VALUE", KD_NO_NUMBER);
	r->slab_mapcount = number_or(v, "PAGE_SLAB_MAPCOUNT_VALUE", KD_NO_NUMBER);
	r->unaccepted_mapcount = number_or(v, "PAGE_UNACCEPTED_MAPCOUNT_VALUE",
					   KD_NO_NUMBER);
	r->max_order = kd_vmci_get(v, "LENGTH", "zone.free_area", &n) || n <= 0 ||
		       n > 63 ? 0 : (int)n;
}

int kd_page_rules_init(struct kd_page_rules *r, const struct kd_vmcoreinfo *v,
		       struct kd_error *e)
{
	memset(r, 0, sizeof *r);
	if (need(v, "SIZE", "page", &r->size, e) ||
	    need(v, "OFFSET", "page.flags", &r->off_flags, e) ||
	    need(v, "OFFSET", "page.mapping", &r->off_mapping, e) ||
	    need(v, "OFFSET", "page._mapcount", &r->off_mapcount, e) ||
	    need(v, "OFFSET", "page.private", &r->off_private, e))
		return -1;
	if (r->off_flags + 8 > r->size || r->off_mapping + 8 > r->size ||
	    r->off_mapcount + 4 > r->size || r->off_private + 8 > r->size)
		return kd_fail(e, EINVAL, "struct page offsets beyond SIZE(page)");
	/* 7.1 renamed it compound_info (a mask that finds the head, when
	 * struct page is a power of two): bit 0 still marks a tail */
	r->off_head = offset_or(v, "page.compound_head",
				offset_or(v, "page.compound_info", KD_NO_OFFSET));
	if (r->off_head != KD_NO_OFFSET && r->off_head + 8 > r->size)
		r->off_head = KD_NO_OFFSET;
	if (flag_rules(r, v, e))
		return -1;
	type_rules(r, v);
	compound_rules(r, v);
	return 0;
}

static uint64_t ulong_at(const uint8_t *p, size_t off)
{
	return kd_get_le64(p + off);
}

static int32_t int_at(const uint8_t *p, size_t off)
{
	return (int32_t)kd_get_le32(p + off);
}

static uint64_t small_at(const uint8_t *p, size_t off, int width)
{
	switch (width) {
	case 1: return p[off];
	case 2: return kd_get_le16(p + off);
	default: return ulong_at(p, off);
	}
}

static int has_flag(uint64_t flags, int64_t bit)
{
	return bit >= 0 && bit < 64 && (flags >> bit & 1);
}

static int is_type(int32_t mapcount, int64_t value)
{
	return value != KD_NO_NUMBER && mapcount == (int32_t)value;
}

static int is_slab(const struct kd_page_rules *r, uint64_t flags, int32_t mapcount)
{
	return is_type(mapcount, r->slab_mapcount) || has_flag(flags, r->pg_slab);
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

static struct compound from_fields(const struct kd_page_rules *r,
				   const uint8_t *next)
{
	struct compound c = { 0, 0 };
	uint64_t dtor;

	if (r->off_order)
		c.order = (unsigned)small_at(next, r->off_order, r->order_width);
	if (r->off_dtor) {
		dtor = small_at(next, r->off_dtor, r->dtor_width);
		c.hugetlb = (r->hugetlb_dtor != KD_NO_NUMBER &&
			     dtor == (uint64_t)r->hugetlb_dtor) ||
			    (r->free_huge_page != KD_NO_NUMBER &&
			     dtor == (uint64_t)r->free_huge_page);
	}
	return c;
}

/* Order and hugetlb-ness of a compound head, from the next struct page. */
static struct compound compound_of(const struct kd_page_rules *r,
				   const uint8_t *page, const uint8_t *next,
				   uint64_t pfn)
{
	struct compound c = { 0, 0 };
	uint64_t flags1;

	if (!next || !(ulong_at(page, r->off_flags) & r->head_mask))
		return c;
	if (r->order_scheme == KD_ORDER_FLAGS) {
		flags1 = ulong_at(next, r->off_flags);
		c.order = flags1 & 0xff;
		c.hugetlb = r->hugetlb_mapcount != KD_NO_NUMBER ?
			    is_type(int_at(page, r->off_mapcount), r->hugetlb_mapcount) :
			    has_flag(flags1, r->pg_hugetlb);
	} else {
		c = from_fields(r, next);
	}
	if (c.order >= 64 || (pfn & ((1ULL << c.order) - 1)))
		c.order = 0;
	return c;
}

/* A free page: a buddy block (2^private pages) or unaccepted memory (a
 * max-order block).  0 when the page is not free. */
static int free_block(const struct kd_page_rules *r, uint64_t private,
		      int32_t mapcount, int slab, enum kd_class *class,
		      uint64_t *nr_pages)
{
	if (!slab && is_type(mapcount, r->buddy_mapcount)) {
		/* a corrupt order: keep the page, test nothing else */
		if ((r->max_order && private >= (uint64_t)r->max_order) ||
		    private >= 64) {
			*class = KD_KEEP;
			return 1;
		}
		*nr_pages = 1ULL << private;
		*class = KD_FREE;
		return 1;
	}
	if (r->max_order && is_type(mapcount, r->unaccepted_mapcount)) {
		*nr_pages = 1ULL << (r->max_order - 1);
		*class = KD_FREE;
		return 1;
	}
	return 0;
}

enum kd_class kd_classify(const struct kd_page_rules *r, const uint8_t *page,
			  const uint8_t *next, int dump_level, uint64_t pfn,
			  uint64_t *nr_pages)
{
	uint64_t flags = ulong_at(page, r->off_flags);
	int32_t mapcount = int_at(page, r->off_mapcount);
	struct compound c = compound_of(r, page, next, pfn);
	int slab = is_slab(r, flags, mapcount);
	int anon = (ulong_at(page, r->off_mapping) & 1) && !slab;
	int cache = is_cache(r, flags) && !anon;
	enum kd_class class;

	*nr_pages = 1;
	if (r->off_head != KD_NO_OFFSET && (ulong_at(page, r->off_head) & 1))
		return KD_TAIL;
	if ((dump_level & KD_DL_FREE) &&
	    free_block(r, ulong_at(page, r->off_private), mapcount, slab,
		       &class, nr_pages))
		return class;
	/* from here on a compound head decides for its whole page */
	*nr_pages = 1ULL << c.order;
	if ((dump_level & KD_DL_CACHE) && cache && !has_flag(flags, r->pg_private))
		return KD_CACHE;
	if ((dump_level & KD_DL_CACHE_PRIVATE) && cache)
		return has_flag(flags, r->pg_private) ? KD_CACHE_PRIVATE : KD_CACHE;
	if ((dump_level & KD_DL_USER) && (anon || c.hugetlb))
		return KD_USER;
	if (has_flag(flags, r->pg_hwpoison))
		return KD_HWPOISON;
	if (!slab && is_type(mapcount, r->offline_mapcount))
		return KD_OFFLINE;
	*nr_pages = 1;
	return KD_KEEP;
}
