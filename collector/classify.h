/* classify.h - what a struct page says about its page, per dump level.
 *
 * A pure function of the struct page bytes (and of the next struct page,
 * where a compound page keeps its order and hugetlb mark) and of the
 * numbers the kernel exports in VMCOREINFO.  The rules, their order and
 * the per-version details are makedumpfile's, so the per-class counts
 * match it:
 *   free (buddy, 2^private pages; unaccepted, a max-order block)
 *   > non-private cache > cache (private or not) > user data (anonymous
 *   or hugetlb, the whole compound page) > hwpoison > offline.
 * Tail pages of compound pages are never classified on their own: they
 * go with their head.
 *
 * Compound order and hugetlb test by kernel:
 *   6.9+       order in page[1].flags & 0xff, head _mapcount ==
 *              PAGE_HUGETLB_MAPCOUNT_VALUE
 *   6.6 - 6.8  order in page[1].flags & 0xff, page[1].flags bit PG_hugetlb
 *   6.3 - 6.5  folio._folio_order / _folio_dtor (minus SIZE(page)) of page[1]
 *   4.16 - 6.2 u8 page.compound_order / compound_dtor of page[1]
 *   4.4 - 4.15 u16 compound_order / compound_dtor
 *   < 4.4      u16 order, dtor the address SYMBOL(free_huge_page)
 * Page types: buddy, offline, slab (6.10+), hugetlb (6.9+) and unaccepted
 * (6.16+) are _mapcount values; before 6.10 slab is flag PG_slab. */
#ifndef KD_CLASSIFY_H
#define KD_CLASSIFY_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "vmcoreinfo.h"

enum kd_class {
	KD_KEEP,
	KD_TAIL,		/* a compound tail: decided with its head */
	KD_CACHE,		/* counted as "Non-private cache pages" */
	KD_CACHE_PRIVATE,
	KD_USER,
	KD_FREE,
	KD_HWPOISON,
	KD_OFFLINE,
};

/* Where the compound order and the hugetlb mark live. */
enum kd_order_scheme {
	KD_ORDER_FIELD,		/* page[1] fields (or none: order 0) */
	KD_ORDER_FLAGS,		/* low byte of page[1].flags (6.6+) */
};

#define KD_NO_NUMBER INT64_MIN
#define KD_NO_OFFSET ((size_t)-1)

struct kd_page_rules {
	size_t size;		/* SIZE(page) */
	size_t off_flags, off_mapping, off_private, off_mapcount;
	size_t off_head;	/* KD_NO_OFFSET: tails cannot be told */
	enum kd_order_scheme order_scheme;
	size_t off_order, off_dtor;	/* in page[1]; 0 when unknown */
	int order_width, dtor_width;	/* bytes: 1, 2 (dtor 8 before 4.4) */
	int64_t hugetlb_dtor;	/* HUGETLB_PAGE_DTOR */
	int64_t free_huge_page;	/* SYMBOL(free_huge_page) */
	uint64_t head_mask;	/* PG_head_mask */
	int64_t pg_lru, pg_private, pg_swapcache, pg_swapbacked, pg_slab,
		pg_hwpoison, pg_hugetlb;
	int64_t buddy_mapcount, offline_mapcount, slab_mapcount,
		hugetlb_mapcount, unaccepted_mapcount;
	int max_order;		/* LENGTH(zone.free_area), 0 when unknown */
};

/* Read the rules from VMCOREINFO, with makedumpfile's defaults for keys
 * old kernels lack (PG_slab 7, PG_head_mask from PG_head or 1 << 14,
 * PG_swapbacked PG_private + 6); fails (naming the missing key) when
 * pages cannot be classified at all. */
int kd_page_rules_init(struct kd_page_rules *r, const struct kd_vmcoreinfo *v,
		       struct kd_error *e);

/* Classify the page at pfn.  `page` is its struct page; `next` the
 * following one or NULL.  *nr_pages is how many pfns the decision covers
 * (a free block or a compound page), at least 1. */
enum kd_class kd_classify(const struct kd_page_rules *r, const uint8_t *page,
			  const uint8_t *next, int dump_level, uint64_t pfn,
			  uint64_t *nr_pages);

#endif
