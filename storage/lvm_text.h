/* lvm_text.h - LVM2's metadata text (lvm2's libdm/libdm-config.c
 * grammar) parsed into a small tree:
 *
 *	vg0 {				a section: name { entries }
 *		id = "abc..."		key = value: a "string" (\" and \\
 *		seqno = 7		escapes), a 'string', an integer,
 *		status = ["READ"]	or an array [ v, v, ... ] of those
 *	}				# comments run to the end of the line
 *
 * Text after a NUL byte is ignored, as lvm does.  Bounded: at most
 * KD_LVM_MAX_NODES entries and KD_LVM_MAX_DEPTH nested sections. */
#ifndef KD_LVM_TEXT_H
#define KD_LVM_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"

#define KD_LVM_MAX_NODES (1u << 18)
#define KD_LVM_MAX_DEPTH 16

enum kd_lvm_type {
	KD_LVM_SECTION, KD_LVM_INT, KD_LVM_STRING, KD_LVM_ARRAY,
	KD_LVM_OTHER,		/* a float or an integer out of range */
};

struct kd_lvm_node {
	const char *key;	/* NULL for an array's element */
	enum kd_lvm_type type;
	int64_t num;		/* KD_LVM_INT */
	const char *str;	/* KD_LVM_STRING */
	uint32_t child;		/* first entry or element (0: none) */
	uint32_t next;		/* next entry of the same section or array */
};

struct kd_lvm_tree {
	struct kd_lvm_node *node;	/* node[0]: the whole text, a section */
	size_t count, cap;
	char *strings;			/* keys and strings, NUL-terminated */
	size_t used, size;
};

/* Parse text (len bytes) into t: 0, or -1 with the line and the reason.
 * kd_lvm_tree_free(t) in both cases. */
int kd_lvm_parse(const char *text, size_t len, struct kd_lvm_tree *t,
		 struct kd_error *e);
void kd_lvm_tree_free(struct kd_lvm_tree *t);

const struct kd_lvm_node *kd_lvm_root(const struct kd_lvm_tree *t);
/* A section's first entry or an array's first element, and the one
 * after n; NULL at the end. */
const struct kd_lvm_node *kd_lvm_first(const struct kd_lvm_tree *t,
				       const struct kd_lvm_node *n);
const struct kd_lvm_node *kd_lvm_next(const struct kd_lvm_tree *t,
				      const struct kd_lvm_node *n);
/* The first entry called key in section sec (lvm warns about duplicates
 * and never writes them), or NULL. */
const struct kd_lvm_node *kd_lvm_find(const struct kd_lvm_tree *t,
				      const struct kd_lvm_node *sec,
				      const char *key);
/* key's value when it is a string, else NULL. */
const char *kd_lvm_str(const struct kd_lvm_tree *t,
		       const struct kd_lvm_node *sec, const char *key);
/* 0 with key's value when it is an integer >= 0, else -1. */
int kd_lvm_u64(const struct kd_lvm_tree *t, const struct kd_lvm_node *sec,
	       const char *key, uint64_t *out);
/* 1 when key is an array holding the string flag ("VISIBLE"). */
int kd_lvm_flag(const struct kd_lvm_tree *t, const struct kd_lvm_node *sec,
		const char *key, const char *flag);

#endif
