/* x86_64.c - virtual to physical translation for x86_64 dumps. */
#include <errno.h>
#include <string.h>
#include "log.h"
#include "x86_64.h"

#define START_KERNEL_MAP 0xffffffff80000000ULL
#define PTE_PRESENT 0x1ULL
#define PTE_PSE 0x80ULL
#define PTE_ADDR 0x000ffffffffff000ULL

/* phys_base: NUMBER(phys_base), else from the kernel text PT_LOAD. */
static int find_phys_base(struct kd_x86 *x, const struct kd_vmcoreinfo *v)
{
	int64_t n;
	int i;

	if (kd_vmci_get(v, "NUMBER", "phys_base", &n) == 0) {
		x->phys_base = (uint64_t)n;
		return 0;
	}
	for (i = 0; i < x->el->nloads; i++) {
		const struct kd_load *l = &x->el->loads[i];

		if (l->vaddr >= START_KERNEL_MAP) {
			x->phys_base = l->paddr - (l->vaddr - START_KERNEL_MAP);
			return 0;
		}
	}
	return -1;
}

/* The direct map base: vaddr - paddr of the last PT_LOAD below the
 * kernel text mapping. */
static int find_page_offset(struct kd_x86 *x)
{
	int i, found = -1;

	for (i = 0; i < x->el->nloads; i++) {
		const struct kd_load *l = &x->el->loads[i];

		if (l->vaddr && l->vaddr < START_KERNEL_MAP && l->vaddr >= l->paddr) {
			x->page_offset = l->vaddr - l->paddr;
			found = 0;
		}
	}
	return found;
}

int kd_x86_init(struct kd_x86 *x, struct kd_elf *el,
		const struct kd_vmcoreinfo *v, struct kd_error *e)
{
	int64_t n;
	int i;

	memset(x, 0, sizeof *x);
	x->el = el;
	for (i = 0; i < 5; i++)
		x->cache[i].paddr = 1;
	x->levels = kd_vmci_get(v, "NUMBER", "pgtable_l5_enabled", &n) == 0 && n ? 5 : 4;
	if (kd_vmci_get(v, "NUMBER", "sme_mask", &n) == 0)
		x->sme_mask = (uint64_t)n;
	x->kernel_image_size = 512ULL << 20;	/* before KASLR: modules above it */
	if (kd_vmci_get(v, "NUMBER", "KERNEL_IMAGE_SIZE", &n) == 0 && n > 0 &&
	    n <= 1LL << 30)
		x->kernel_image_size = (uint64_t)n;
	if (find_phys_base(x, v))
		return kd_fail(e, EINVAL, "cannot find phys_base");
	if (find_page_offset(x))
		return kd_fail(e, EINVAL, "cannot find the direct map base");
	if (kd_vmci_get(v, "SYMBOL", "init_top_pgt", &n) &&
	    kd_vmci_get(v, "SYMBOL", "init_level4_pgt", &n) &&
	    kd_vmci_get(v, "SYMBOL", "swapper_pg_dir", &n))
		return kd_fail(e, EINVAL, "no page table root in VMCOREINFO");
	if ((uint64_t)n < START_KERNEL_MAP ||
	    (uint64_t)n - START_KERNEL_MAP >= x->kernel_image_size)
		return kd_fail(e, EINVAL, "page table root outside the kernel map");
	x->pgd = (uint64_t)n - START_KERNEL_MAP + x->phys_base;
	return 0;
}

/* Entry `index` of the table page at paddr (level `lvl` caches it). */
static int table_entry(struct kd_x86 *x, int lvl, uint64_t paddr, unsigned index,
		       uint64_t *out)
{
	struct kd_pt_cache *c = &x->cache[lvl];

	if (c->paddr != paddr) {
		if (kd_elf_read_phys(x->el, paddr, c->entry, sizeof c->entry)) {
			c->paddr = 1;
			return -1;
		}
		c->paddr = paddr;
	}
	*out = c->entry[index];
	return 0;
}

static int walk(struct kd_x86 *x, uint64_t vaddr, uint64_t *paddr)
{
	uint64_t table = x->pgd, entry, mask = PTE_ADDR & ~x->sme_mask;
	int shift = x->levels == 5 ? 48 : 39, lvl = 0;

	for (; shift >= 12; shift -= 9, lvl++) {
		if (table_entry(x, lvl, table, (unsigned)(vaddr >> shift) & 511, &entry))
			return -1;
		if (!(entry & PTE_PRESENT))
			return -1;
		/* a 1 GiB (PUD) or 2 MiB (PMD) page */
		if ((shift == 30 || shift == 21) && (entry & PTE_PSE)) {
			uint64_t size = 1ULL << shift;

			*paddr = (entry & mask & ~(size - 1)) + (vaddr & (size - 1));
			return 0;
		}
		table = entry & mask;
	}
	*paddr = table + (vaddr & 0xfff);
	return 0;
}

/* The direct map, as the PT_LOADs of RAM describe it (bounded by real
 * RAM: with KASLR, vmalloc and vmemmap may lie within 2^46 of its base). */
static int direct_map(struct kd_x86 *x, uint64_t vaddr, uint64_t *paddr)
{
	int i;

	if (vaddr < x->page_offset)
		return -1;
	for (i = 0; i < x->el->nloads; i++) {
		const struct kd_load *l = &x->el->loads[i];

		if (l->vaddr - l->paddr == x->page_offset &&
		    vaddr >= l->vaddr && vaddr - l->vaddr < l->memsz) {
			*paddr = vaddr - x->page_offset;
			return 0;
		}
	}
	return -1;
}

int kd_x86_vtop(struct kd_x86 *x, uint64_t vaddr, uint64_t *paddr)
{
	if (vaddr >= START_KERNEL_MAP &&
	    vaddr - START_KERNEL_MAP < x->kernel_image_size) {
		*paddr = vaddr - START_KERNEL_MAP + x->phys_base;
		return 0;
	}
	if (direct_map(x, vaddr, paddr) == 0)
		return 0;
	return walk(x, vaddr, paddr);
}

int kd_x86_read(struct kd_x86 *x, uint64_t vaddr, void *buf, size_t len)
{
	uint8_t *out = buf;

	while (len) {
		size_t n = 4096 - (vaddr & 4095);
		uint64_t paddr;

		if (n > len)
			n = len;
		if (kd_x86_vtop(x, vaddr, &paddr) ||
		    kd_elf_read_phys(x->el, paddr & ~x->sme_mask, out, n))
			return -1;
		out += n;
		vaddr += n;
		len -= n;
	}
	return 0;
}

const uint8_t *kd_x86_view(struct kd_x86 *x, uint64_t vaddr, size_t len)
{
	uint64_t first, paddr, v;

	if (!len || kd_x86_vtop(x, vaddr, &first))
		return NULL;
	for (v = (vaddr | 4095) + 1; v - vaddr < len; v += 4096)
		if (kd_x86_vtop(x, v, &paddr) || paddr != first + (v - vaddr))
			return NULL;
	return kd_elf_view(x->el, first & ~x->sme_mask, len, 0);
}
