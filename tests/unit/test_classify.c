/* test_classify.c - page classification from synthetic struct pages, for
 * each way kernels lay out page flags, page types and compound pages:
 * 4.9 (u16 compound fields), 4.18 (u8 fields), 6.1 (the fixture kernel),
 * 6.4 (folio offsets), 6.7 (PG_hugetlb), 6.10 (slab and hugetlb page
 * types), 6.16 (one page type per page in the top byte, unaccepted
 * memory) and 7.1 (compound_head renamed compound_info). */
#define UNIT_SUITE "classify"
#include <stdint.h>
#include <stdlib.h>
#include "unit.h"
#include "classify.h"
#include "input.h"
#include "log.h"

#define LRU_61 4
#define PRIVATE_61 13
#define SWAPCACHE_61 10
#define SWAPBACKED_61 19
#define SLAB_61 9
#define HWPOISON_61 23
#define HEAD_61 16

/* struct page offsets of every x86_64 kernel since 4.x */
#define PAGE_OFFSETS \
	"SIZE(page)=64\nOFFSET(page.flags)=0\nOFFSET(page._refcount)=52\n" \
	"OFFSET(page.mapping)=24\nOFFSET(page.lru)=8\n" \
	"OFFSET(page._mapcount)=48\nOFFSET(page.private)=40\n" \
	"OFFSET(page.compound_head)=8\nOFFSET(list_head.next)=0\n" \
	"OFFSET(list_head.prev)=8\nLENGTH(zone.free_area)=11\n"

static const char v6_1[] =
	"OSRELEASE=6.1.0-56-amd64\nPAGESIZE=4096\n" PAGE_OFFSETS
	"OFFSET(page.compound_dtor)=16\nOFFSET(page.compound_order)=17\n"
	"NUMBER(PG_lru)=4\nNUMBER(PG_private)=13\nNUMBER(PG_swapcache)=10\n"
	"NUMBER(PG_swapbacked)=19\nNUMBER(PG_slab)=9\nNUMBER(PG_hwpoison)=23\n"
	"NUMBER(PG_head_mask)=65536\nNUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-129\n"
	"NUMBER(HUGETLB_PAGE_DTOR)=2\nNUMBER(PAGE_OFFLINE_MAPCOUNT_VALUE)=-257\n";

/* 4.18: no offline pages yet, other flag numbers */
static const char v4_18[] =
	"OSRELEASE=4.18.0-553.el8.x86_64\nPAGESIZE=4096\n" PAGE_OFFSETS
	"OFFSET(page.compound_dtor)=16\nOFFSET(page.compound_order)=17\n"
	"NUMBER(PG_lru)=5\nNUMBER(PG_private)=12\nNUMBER(PG_swapcache)=9\n"
	"NUMBER(PG_swapbacked)=18\nNUMBER(PG_slab)=8\nNUMBER(PG_hwpoison)=22\n"
	"NUMBER(PG_head_mask)=32768\nNUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-129\n"
	"NUMBER(HUGETLB_PAGE_DTOR)=2\n";

/* 4.9: u16 compound_dtor and compound_order, buddy -128, no PG_swapbacked
 * (PG_swapcache above PG_private: no derived value), no PG_head_mask
 * (PG_head instead) */
static const char v4_9[] =
	"OSRELEASE=4.9.0-19-amd64\nPAGESIZE=4096\n" PAGE_OFFSETS
	"OFFSET(page.compound_dtor)=16\nOFFSET(page.compound_order)=18\n"
	"NUMBER(PG_lru)=5\nNUMBER(PG_private)=11\nNUMBER(PG_swapcache)=15\n"
	"NUMBER(PG_slab)=7\nNUMBER(PG_hwpoison)=22\nNUMBER(PG_head)=14\n"
	"NUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-128\nNUMBER(HUGETLB_PAGE_DTOR)=2\n";

/* 6.4: folio offsets (page[1] starts at 64) */
static const char v6_4[] =
	"OSRELEASE=6.4.16\nPAGESIZE=4096\n" PAGE_OFFSETS
	"OFFSET(folio._folio_dtor)=80\nOFFSET(folio._folio_order)=81\n"
	"NUMBER(PG_lru)=4\nNUMBER(PG_private)=13\nNUMBER(PG_swapcache)=10\n"
	"NUMBER(PG_swapbacked)=19\nNUMBER(PG_slab)=9\nNUMBER(PG_hwpoison)=23\n"
	"NUMBER(PG_head_mask)=65536\nNUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-129\n"
	"NUMBER(HUGETLB_PAGE_DTOR)=2\nNUMBER(PAGE_OFFLINE_MAPCOUNT_VALUE)=-257\n";

/* 6.7: order in the low byte of page[1].flags, hugetlb a page[1] flag
 * above it */
static const char v6_7[] =
	"OSRELEASE=6.7.12-amd64\nPAGESIZE=4096\n" PAGE_OFFSETS
	"NUMBER(PG_lru)=4\nNUMBER(PG_private)=13\nNUMBER(PG_swapcache)=10\n"
	"NUMBER(PG_swapbacked)=19\nNUMBER(PG_slab)=9\nNUMBER(PG_hwpoison)=23\n"
	"NUMBER(PG_head_mask)=65536\nNUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-129\n"
	"NUMBER(PG_hugetlb)=8\nNUMBER(PAGE_OFFLINE_MAPCOUNT_VALUE)=-257\n";

/* 6.10: slab and hugetlb are page types; PG_slab is gone (makedumpfile
 * then tests bit 7, PG_waiters: a page with it is taken for slab) */
static const char v6_10[] =
	"OSRELEASE=6.10.6\nPAGESIZE=4096\n" PAGE_OFFSETS
	"NUMBER(PG_lru)=5\nNUMBER(PG_private)=12\nNUMBER(PG_swapcache)=9\n"
	"NUMBER(PG_swapbacked)=17\nNUMBER(PG_hwpoison)=21\n"
	"NUMBER(PG_head_mask)=64\nNUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-129\n"
	"NUMBER(PAGE_HUGETLB_MAPCOUNT_VALUE)=-2049\n"
	"NUMBER(PAGE_OFFLINE_MAPCOUNT_VALUE)=-257\n"
	"NUMBER(PAGE_SLAB_MAPCOUNT_VALUE)=-4097\n";

/* 6.16: one page type in the top byte of page_type */
static const char v6_16[] =
	"OSRELEASE=6.16.1\nPAGESIZE=4096\n" PAGE_OFFSETS
	"NUMBER(PG_lru)=5\nNUMBER(PG_private)=12\nNUMBER(PG_swapcache)=9\n"
	"NUMBER(PG_swapbacked)=17\nNUMBER(PG_hwpoison)=21\n"
	"NUMBER(PG_head_mask)=64\nNUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-268435456\n"
	"NUMBER(PAGE_HUGETLB_MAPCOUNT_VALUE)=4093640704\n"
	"NUMBER(PAGE_OFFLINE_MAPCOUNT_VALUE)=-251658240\n"
	"NUMBER(PAGE_SLAB_MAPCOUNT_VALUE)=-184549376\n"
	"NUMBER(PAGE_UNACCEPTED_MAPCOUNT_VALUE)=-150994944\n";

/* 7.1: page.compound_info, a mask to the head in tail pages (bit 0 set) */
static const char v7_1[] =
	"OSRELEASE=7.3.4+deb13-amd64\nPAGESIZE=4096\nSIZE(page)=64\n"
	"OFFSET(page.flags)=0\nOFFSET(page._refcount)=52\nOFFSET(page.mapping)=24\n"
	"OFFSET(page.lru)=8\nOFFSET(page._mapcount)=48\nOFFSET(page.private)=40\n"
	"OFFSET(page.compound_info)=8\nLENGTH(zone.free_area)=11\n"
	"NUMBER(PG_lru)=5\nNUMBER(PG_private)=14\nNUMBER(PG_swapcache)=10\n"
	"NUMBER(PG_swapbacked)=17\nNUMBER(PG_hwpoison)=21\n"
	"NUMBER(PG_head_mask)=64\nNUMBER(PAGE_BUDDY_MAPCOUNT_VALUE)=-268435456\n"
	"NUMBER(PAGE_OFFLINE_MAPCOUNT_VALUE)=-251658240\n"
	"NUMBER(PAGE_SLAB_MAPCOUNT_VALUE)=-184549376\n";

struct page {
	uint64_t flags, mapping, private, head;
	int32_t mapcount;
};

struct next {
	uint64_t flags;
	unsigned order, dtor;
};

static int rules_for(struct kd_page_rules *r, const char *text)
{
	struct kd_vmcoreinfo v;
	struct kd_error e;
	int ret;

	if (kd_vmci_parse(&v, text, strlen(text)))
		return -1;
	ret = kd_page_rules_init(r, &v, &e);
	if (ret)
		printf("  rules: %s\n", e.msg);
	kd_vmci_free(&v);
	return ret;
}

static void put(uint8_t *b, size_t off, uint64_t v, int width)
{
	memcpy(b + off, &v, (size_t)width);	/* little-endian */
}

/* Classify page p (with page[1] n, or none) at pfn for level. */
static enum kd_class classify(const struct kd_page_rules *r, struct page p,
			      const struct next *n, uint64_t pfn, int level,
			      uint64_t *nr)
{
	uint8_t b[2][64];

	memset(b, 0, sizeof b);
	put(b[0], r->off_flags, p.flags, 8);
	put(b[0], r->off_mapping, p.mapping, 8);
	put(b[0], r->off_private, p.private, 8);
	put(b[0], r->off_mapcount, (uint32_t)p.mapcount, 4);
	if (r->off_head != KD_NO_OFFSET)
		put(b[0], r->off_head, p.head, 8);
	if (n) {
		put(b[1], r->off_flags, n->flags, 8);
		put(b[1], r->off_head, 0xffffea0000000000ULL | 1, 8);
		if (r->order_scheme == KD_ORDER_FIELD && r->off_order)
			put(b[1], r->off_order, n->order, r->order_width);
		if (r->order_scheme == KD_ORDER_FIELD && r->off_dtor)
			put(b[1], r->off_dtor, n->dtor, r->dtor_width);
	}
	return kd_classify(r, b[0], n ? b[1] : NULL, level, pfn, nr);
}

#define BIT(n) (1ULL << (n))
#define ANON 0xffff888003a4b001ULL	/* an anon_vma, bit 0 set */
#define FILE 0xffff888003a4b100ULL	/* an address_space */

#define CHECK_CLASS(P, n, pfn, level, class, pages) do { \
	uint64_t nr_ = 0; \
	CHECK_INT(classify(&r, (P), (n), (pfn), (level), &nr_), class); \
	CHECK_INT(nr_, pages); \
} while (0)

TEST(rules_of_6_1)
{
	struct kd_page_rules r;

	CHECK_INT(rules_for(&r, v6_1), 0);
	CHECK_INT(r.order_scheme, KD_ORDER_FIELD);
	CHECK_INT(r.off_order, 17);
	CHECK_INT(r.off_dtor, 16);
	CHECK_INT(r.order_width, 1);
	CHECK_INT(r.dtor_width, 1);
	CHECK_INT(r.head_mask, 65536);
	CHECK_INT(r.max_order, 11);
	CHECK_INT(r.pg_slab, 9);
}

TEST(free_pages)
{
	struct kd_page_rules r;
	struct page buddy = { 0, 0, 3, 0, -129 };

	CHECK_INT(rules_for(&r, v6_1), 0);
	CHECK_CLASS(buddy, NULL, 8, KD_DL_FREE, KD_FREE, 8);
	CHECK_CLASS(buddy, NULL, 8, KD_DL_MAX, KD_FREE, 8);
	CHECK_CLASS(buddy, NULL, 8, KD_DL_MAX & ~KD_DL_FREE, KD_KEEP, 1);
	buddy.private = 10;				/* the largest order */
	CHECK_CLASS(buddy, NULL, 1024, KD_DL_MAX, KD_FREE, 1024);
	buddy.private = 11;				/* beyond: corrupt */
	CHECK_CLASS(buddy, NULL, 2048, KD_DL_MAX, KD_KEEP, 1);
	buddy.private = 0;
	buddy.flags = BIT(SLAB_61);			/* slab reuses the word */
	CHECK_CLASS(buddy, NULL, 0, KD_DL_MAX, KD_KEEP, 1);
}

TEST(cache_pages)
{
	struct kd_page_rules r;
	struct page cache = { BIT(LRU_61), FILE, 0, 0, -1 };
	struct page priv = { BIT(LRU_61) | BIT(PRIVATE_61), FILE, 0, 0, -1 };
	struct page swap = { BIT(SWAPCACHE_61) | BIT(SWAPBACKED_61), FILE, 0, 0, -1 };
	struct page owner1 = { BIT(SWAPCACHE_61), FILE, 0, 0, -1 };

	CHECK_INT(rules_for(&r, v6_1), 0);
	CHECK_CLASS(cache, NULL, 0, KD_DL_CACHE, KD_CACHE, 1);
	CHECK_CLASS(cache, NULL, 0, KD_DL_CACHE_PRIVATE, KD_CACHE, 1);
	CHECK_CLASS(cache, NULL, 0, KD_DL_ZERO | KD_DL_USER | KD_DL_FREE, KD_KEEP, 1);
	CHECK_CLASS(priv, NULL, 0, KD_DL_CACHE, KD_KEEP, 1);
	CHECK_CLASS(priv, NULL, 0, KD_DL_CACHE_PRIVATE, KD_CACHE_PRIVATE, 1);
	CHECK_CLASS(priv, NULL, 0, KD_DL_MAX, KD_CACHE_PRIVATE, 1);
	CHECK_CLASS(swap, NULL, 0, KD_DL_CACHE, KD_CACHE, 1);
	/* PG_swapcache is PG_owner_priv_1 unless PG_swapbacked is set */
	CHECK_CLASS(owner1, NULL, 0, KD_DL_MAX, KD_KEEP, 1);
	/* an anonymous page in the swap cache is user data, not cache */
	swap.mapping = ANON;
	CHECK_CLASS(swap, NULL, 0, KD_DL_CACHE | KD_DL_CACHE_PRIVATE, KD_KEEP, 1);
	CHECK_CLASS(swap, NULL, 0, KD_DL_MAX, KD_USER, 1);
}

TEST(user_pages_and_compound)
{
	struct kd_page_rules r;
	struct page anon = { BIT(LRU_61) | BIT(SWAPBACKED_61), ANON, 0, 0, 0 };
	struct page head = { BIT(HEAD_61) | BIT(LRU_61), ANON, 0, 0, 0 };
	struct page tail = { 0, ANON, 0, 0xffffea0000100000ULL | 1, 0 };
	struct page huge = { BIT(HEAD_61), 0, 0, 0, -1 };
	struct page cache_head = { BIT(HEAD_61) | BIT(LRU_61), FILE, 0, 0, 0 };
	struct next thp = { 0, 9, 3 }, hugetlb = { 0, 9, 2 }, folio = { 0, 2, 1 };

	CHECK_INT(rules_for(&r, v6_1), 0);
	CHECK_CLASS(anon, NULL, 5, KD_DL_USER, KD_USER, 1);
	CHECK_CLASS(anon, NULL, 5, KD_DL_MAX & ~KD_DL_USER, KD_KEEP, 1);
	CHECK_CLASS(head, &thp, 512, KD_DL_MAX, KD_USER, 512);
	CHECK_CLASS(head, &thp, 1024 + 256, KD_DL_MAX, KD_USER, 1);	/* misaligned */
	CHECK_CLASS(head, NULL, 512, KD_DL_MAX, KD_USER, 1);	/* no page[1] */
	CHECK_CLASS(tail, NULL, 513, KD_DL_MAX, KD_TAIL, 1);
	CHECK_CLASS(huge, &hugetlb, 512, KD_DL_USER, KD_USER, 512);
	CHECK_CLASS(huge, &hugetlb, 512, KD_DL_MAX & ~KD_DL_USER, KD_KEEP, 1);
	CHECK_CLASS(huge, &thp, 512, KD_DL_MAX, KD_KEEP, 1);	/* not hugetlb */
	CHECK_CLASS(cache_head, &folio, 4, KD_DL_CACHE, KD_CACHE, 4);
}

TEST(always_excluded)
{
	struct kd_page_rules r;
	struct page poison = { BIT(HWPOISON_61), 0, 0, 0, -1 };
	struct page offline = { 0, 0, 0, 0, -257 };
	struct page huge_poison = { BIT(HWPOISON_61) | BIT(HEAD_61), 0, 0, 0, -1 };
	struct next order2 = { 0, 2, 0 };

	CHECK_INT(rules_for(&r, v6_1), 0);
	CHECK_CLASS(poison, NULL, 0, 0, KD_HWPOISON, 1);
	CHECK_CLASS(huge_poison, &order2, 4, 0, KD_HWPOISON, 4);
	CHECK_CLASS(offline, NULL, 0, 0, KD_OFFLINE, 1);
	offline.flags = BIT(SLAB_61);
	CHECK_CLASS(offline, NULL, 0, KD_DL_MAX, KD_KEEP, 1);
}

TEST(slab_is_not_anonymous)
{
	struct kd_page_rules r;
	/* struct slab overlays page.mapping: bit 0 may be set */
	struct page slab = { BIT(SLAB_61), ANON, 0, 0, -1 };
	struct page plain = { 0, 0, 0, 0, -1 };

	CHECK_INT(rules_for(&r, v6_1), 0);
	CHECK_CLASS(slab, NULL, 0, KD_DL_MAX, KD_KEEP, 1);
	CHECK_CLASS(plain, NULL, 0, KD_DL_MAX, KD_KEEP, 1);
}

TEST(kernel_4_18)
{
	struct kd_page_rules r;
	struct page buddy = { 0, 0, 2, 0, -129 };
	struct page head = { BIT(15), 0, 0, 0, -1 };
	struct page cache = { BIT(5), FILE, 0, 0, -1 };
	struct page v61_offline = { 0, 0, 0, 0, -257 };
	struct next hugetlb = { 0, 9, 2 };

	CHECK_INT(rules_for(&r, v4_18), 0);
	CHECK_INT(r.offline_mapcount, KD_NO_NUMBER);
	CHECK_CLASS(buddy, NULL, 4, KD_DL_MAX, KD_FREE, 4);
	CHECK_CLASS(head, &hugetlb, 512, KD_DL_MAX, KD_USER, 512);
	CHECK_CLASS(cache, NULL, 0, KD_DL_MAX, KD_CACHE, 1);
	CHECK_CLASS(v61_offline, NULL, 0, KD_DL_MAX, KD_KEEP, 1);
}

TEST(kernel_4_9)
{
	struct kd_page_rules r;
	struct page buddy = { 0, 0, 1, 0, -128 };
	struct page head = { BIT(14), 0, 0, 0, -1 };
	struct page swapcache = { BIT(15), FILE, 0, 0, -1 };
	struct next hugetlb = { 0, 9, 2 }, not_huge = { 0, 9, 0x0201 };

	CHECK_INT(rules_for(&r, v4_9), 0);
	CHECK_INT(r.order_width, 2);
	CHECK_INT(r.dtor_width, 2);
	CHECK_INT(r.head_mask, BIT(14));
	CHECK_INT(r.pg_swapbacked, KD_NO_NUMBER);
	CHECK_CLASS(buddy, NULL, 2, KD_DL_MAX, KD_FREE, 2);
	CHECK_CLASS(head, &hugetlb, 512, KD_DL_MAX, KD_USER, 512);
	CHECK_CLASS(head, &not_huge, 512, KD_DL_MAX, KD_KEEP, 1);
	/* without PG_swapbacked, PG_swapcache alone means cache */
	CHECK_CLASS(swapcache, NULL, 0, KD_DL_CACHE, KD_CACHE, 1);
}

TEST(derived_swapbacked)
{
	static const char text[] =
		"OSRELEASE=4.9.0\n" PAGE_OFFSETS
		"NUMBER(PG_lru)=5\nNUMBER(PG_private)=11\nNUMBER(PG_swapcache)=8\n";
	struct kd_page_rules r;

	CHECK_INT(rules_for(&r, text), 0);
	CHECK_INT(r.pg_swapbacked, 17);		/* PG_private + 6 */
	CHECK_INT(r.pg_slab, 7);
	CHECK_INT(r.head_mask, BIT(14));
	CHECK_INT(r.buddy_mapcount, -128);
}

TEST(kernel_6_4_folio_offsets)
{
	struct kd_page_rules r;
	struct page head = { BIT(HEAD_61), 0, 0, 0, -1 };
	struct next hugetlb = { 0, 9, 2 };

	CHECK_INT(rules_for(&r, v6_4), 0);
	CHECK_INT(r.off_order, 17);
	CHECK_INT(r.off_dtor, 16);
	CHECK_CLASS(head, &hugetlb, 512, KD_DL_USER, KD_USER, 512);
}

TEST(kernel_6_7_flags)
{
	struct kd_page_rules r;
	struct page head = { BIT(HEAD_61), 0, 0, 0, -1 };
	struct page anon_head = { BIT(HEAD_61), ANON, 0, 0, 0 };
	struct next hugetlb = { BIT(8) | 9, 0, 0 }, thp = { 4, 0, 0 };

	CHECK_INT(rules_for(&r, v6_7), 0);
	CHECK_INT(r.order_scheme, KD_ORDER_FLAGS);
	CHECK_CLASS(head, &hugetlb, 512, KD_DL_USER, KD_USER, 512);
	CHECK_CLASS(head, &thp, 16, KD_DL_USER, KD_KEEP, 1);
	CHECK_CLASS(anon_head, &thp, 16, KD_DL_USER, KD_USER, 16);
}

TEST(kernel_6_10_page_types)
{
	struct kd_page_rules r;
	struct page head = { BIT(6), 0, 0, 0, -2049 };
	struct page slab = { 0, ANON, 0, 0, -4097 };
	struct page waiters = { BIT(7), ANON, 0, 0, 0 };
	struct next order9 = { 9, 0, 0 };

	CHECK_INT(rules_for(&r, v6_10), 0);
	CHECK_INT(r.order_scheme, KD_ORDER_FLAGS);
	CHECK_INT(r.pg_slab, 7);
	CHECK_CLASS(head, &order9, 512, KD_DL_USER, KD_USER, 512);
	CHECK_CLASS(slab, NULL, 0, KD_DL_MAX, KD_KEEP, 1);
	/* makedumpfile's fallback PG_slab 7 is PG_waiters here: kept */
	CHECK_CLASS(waiters, NULL, 0, KD_DL_MAX, KD_KEEP, 1);
}

TEST(kernel_6_16_one_type)
{
	struct kd_page_rules r;
	struct page buddy = { 0, 0, 4, 0, (int32_t)0xf0000000u };
	struct page offline = { 0, 0, 0, 0, (int32_t)0xf1000000u };
	struct page unaccepted = { 0, 0, 0, 0, (int32_t)0xf7000000u };
	struct page huge = { BIT(6), 0, 0, 0, (int32_t)0xf4000000u };
	struct page slab = { 0, ANON, 0, 0, (int32_t)0xf5000000u };
	struct page old_buddy = { 0, 0, 0, 0, -129 };
	struct next order9 = { 9, 0, 0 };

	CHECK_INT(rules_for(&r, v6_16), 0);
	CHECK_CLASS(buddy, NULL, 16, KD_DL_FREE, KD_FREE, 16);
	CHECK_CLASS(offline, NULL, 0, 0, KD_OFFLINE, 1);
	CHECK_CLASS(unaccepted, NULL, 1024, KD_DL_FREE, KD_FREE, 1024);
	CHECK_CLASS(unaccepted, NULL, 1024, KD_DL_MAX & ~KD_DL_FREE, KD_KEEP, 1);
	CHECK_CLASS(huge, &order9, 512, KD_DL_USER, KD_USER, 512);
	CHECK_CLASS(slab, NULL, 0, KD_DL_MAX, KD_KEEP, 1);
	CHECK_CLASS(old_buddy, NULL, 0, KD_DL_MAX, KD_KEEP, 1);
}

/* The first tail of an order-3 slab on 7.3 (read from a dump): its own
 * fields look anonymous (folio's _large_mapcount -1 where mapping is), the
 * next tails like page cache (list pointers there); both are the slab's,
 * and kept.  makedumpfile 1.7.6 looks for compound_head only and excludes
 * them as user data and cache. */
TEST(kernel_7_1_compound_info)
{
	struct kd_page_rules r;
	struct page tail1 = { 0x3 | BIT(5), 0xffffffffULL, 0, 0xfffffffffffffe01ULL, -1 };
	struct page tail2 = { BIT(5), 0xfffffc7cc004a090ULL, 0, 0xfffffffffffffe01ULL, -1 };
	struct page anon = { BIT(5), ANON, 0, 0, 0 };

	CHECK_INT(rules_for(&r, v7_1), 0);
	CHECK(r.off_head == 8);
	CHECK_CLASS(tail1, NULL, 0x1281, KD_DL_MAX, KD_TAIL, 1);
	CHECK_CLASS(tail2, NULL, 0x1282, KD_DL_MAX, KD_TAIL, 1);
	CHECK_CLASS(anon, NULL, 0x2000, KD_DL_USER, KD_USER, 1);
}

TEST(missing_keys)
{
	struct kd_page_rules r;
	struct kd_error e;
	struct kd_vmcoreinfo v;
	static const char no_flags[] = "OSRELEASE=6.1.0\n" PAGE_OFFSETS;
	static const char bad_offset[] =
		"OSRELEASE=6.1.0\nSIZE(page)=64\nOFFSET(page.flags)=0\n"
		"OFFSET(page.mapping)=24\nOFFSET(page._mapcount)=62\n"
		"OFFSET(page.private)=40\nNUMBER(PG_lru)=4\nNUMBER(PG_private)=13\n";

	CHECK_INT(kd_vmci_parse(&v, no_flags, sizeof no_flags - 1), 0);
	CHECK_INT(kd_page_rules_init(&r, &v, &e), -1);
	CHECK(strstr(e.msg, "PG_lru") != NULL);
	kd_vmci_free(&v);
	CHECK_INT(kd_vmci_parse(&v, bad_offset, sizeof bad_offset - 1), 0);
	CHECK_INT(kd_page_rules_init(&r, &v, &e), -1);
	kd_vmci_free(&v);
	CHECK_INT(kd_vmci_parse(&v, "PAGESIZE=4096\n", 14), 0);
	CHECK_INT(kd_page_rules_init(&r, &v, &e), -1);
	CHECK(strstr(e.msg, "SIZE(page)") != NULL);
	kd_vmci_free(&v);
}

int main(void)
{
	kd_log_set_level(KD_LOG_ERR);
	RUN(rules_of_6_1);
	RUN(free_pages);
	RUN(cache_pages);
	RUN(user_pages_and_compound);
	RUN(always_excluded);
	RUN(slab_is_not_anonymous);
	RUN(kernel_4_18);
	RUN(kernel_4_9);
	RUN(derived_swapbacked);
	RUN(kernel_6_4_folio_offsets);
	RUN(kernel_6_7_flags);
	RUN(kernel_6_10_page_types);
	RUN(kernel_6_16_one_type);
	RUN(kernel_7_1_compound_info);
	RUN(missing_keys);
	return unit_done();
}
