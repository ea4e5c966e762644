/* vmcoreinfo.h - the VMCOREINFO text: "KEY=VALUE" lines such as
 * OSRELEASE=6.1.0, SYMBOL(prb)=ffffffff82a1b2c0 (hex), SIZE(page)=64,
 * OFFSET(page.flags)=0, LENGTH(mem_section)=2048 (decimal),
 * NUMBER(PG_lru)=4 (signed decimal, or hex with 0x), KERNELOFFSET (hex),
 * CRASHTIME (decimal).  Lines without '=' are skipped; the first of
 * duplicate keys wins; a SYMBOL of 0 or ~0 counts as absent. */
#ifndef KD_VMCOREINFO_H
#define KD_VMCOREINFO_H

#include <stddef.h>
#include <stdint.h>

#define KD_VMCI_MAX_TEXT (64 << 10)

struct kd_vmci_entry {
	const char *key;	/* points into text */
	const char *value;
};

struct kd_vmcoreinfo {
	char *text;		/* own copy, lines NUL-terminated */
	struct kd_vmci_entry *e;
	int n;
};

/* 0, or -1 when out of memory or the text is larger than KD_VMCI_MAX_TEXT. */
int kd_vmci_parse(struct kd_vmcoreinfo *v, const char *text, size_t len);
void kd_vmci_free(struct kd_vmcoreinfo *v);

/* The raw value string of `key`, or NULL. */
const char *kd_vmci_str(const struct kd_vmcoreinfo *v, const char *key);

/* The value of `key` as a number, with the base its kind uses (SYMBOL and
 * KERNELOFFSET hex; others decimal, "0x" hex, or hex when decimal fails,
 * as makedumpfile reads them); 0 when present and well formed, else -1
 * with *out untouched. */
int kd_vmci_num(const struct kd_vmcoreinfo *v, const char *key, int64_t *out);

/* Shorthands: kd_vmci_get(v, "SYMBOL", "prb", &x) looks up SYMBOL(prb). */
int kd_vmci_get(const struct kd_vmcoreinfo *v, const char *kind,
		const char *name, int64_t *out);

#endif
