/* classify.h - what a struct page says about its page, per dump level.
 *
 * A pure function of the struct page bytes (and of the next struct page,
 * where a compound page keeps its order and destructor) and of the numbers
 * the kernel exports in VMCOREINFO.  The rules and their order are
 * makedumpfile's, so the per-class counts match:
 *   free (buddy, 2^order pages) > non-private cache > cache > user data
 *   (anonymous or hugetlb, whole compound page) > hwpoison > offline.
 * Tail pages of compound pages are never classified on their own: they
 * go with their head. */
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

/* Where the compound order and destructor live, by kernel version. */
enum kd_order_scheme {
	KD_ORDER_NONE,		/* not exported: no compound pages */
	KD_ORDER_FIELD,		/* page[1] fields (4.4 - 6.5) */
	KD_ORDER_FLAGS,		/* low byte of page[1].flags (6.6+) */
};

#define KD_NO_NUMBER INT64_MIN

struct kd_page_rules {
	size_t size;		/* SIZE(page) */
	size_t off_flags, off_mapping, off_private, off_mapcount, off_head;
	size_t off_order, off_dtor;
	int order_width;	/* bytes of the order/dtor fields: 1 or 2 */
	enum kd_order_scheme order_scheme;
	int64_t pg_lru, pg_private, pg_swapcache, pg_swapbacked, pg_slab,
		pg_hwpoison, pg_head_mask, pg_hugetlb;
	int64_t buddy_mapcount, offline_mapcount, slab_mapcount,
		hugetlb_mapcount, hugetlb_dtor;
	int max_order;		/* LENGTH(zone.free_area) */
};

/* Read the rules from VMCOREINFO; fails (with the missing key named)
 * when pages cannot be classified at all. */
int kd_page_rules_init(struct kd_page_rules *r, const struct kd_vmcoreinfo *v,
		       struct kd_error *e);

/* Classify the page at pfn.  `page` is its struct page; `next` the
 * following one or NULL.  *nr_pages is how many pfns the decision covers
 * (a free block or a compound page), at least 1. */
enum kd_class kd_classify(const struct kd_page_rules *r, const uint8_t *page,
			  const uint8_t *next, int dump_level, uint64_t pfn,
			  uint64_t *nr_pages);

#endif
