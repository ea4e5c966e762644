/* md_choose.c - which members an MD array is started with, and whether
 * they are enough: mdadm's rules (Assemble.c, util.c enough()), without
 * devices, so that they are tested on lists of superblocks. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "md.h"

#define MAX_SLOTS 1920		/* 1.x role table: (4096 - 256) / 2 */

/* RAID10 keeps `copies` (near x far) copies of each chunk on consecutive
 * devices; groups start every `near` devices.  Each group needs one. */
static int raid10_enough(int raid_disks, int layout, const unsigned char *avail)
{
	int near = layout & 255, copies = near * ((layout >> 8) & 255);
	int first = 0, groups = 0;

	if (copies < 1)
		return 0;
	do {
		int k, have = 0;

		for (k = 0; k < copies; k++)
			have += avail[(first + k) % raid_disks] != 0;
		if (!have)
			return 0;
		first = (first + near) % raid_disks;
	} while (first != 0 && ++groups < raid_disks);
	return 1;
}

int kd_md_enough(int level, int raid_disks, int layout, int clean,
		 const unsigned char *avail)
{
	int i, have = 0;

	if (raid_disks <= 0 || raid_disks > MAX_SLOTS)
		return 0;
	for (i = 0; i < raid_disks; i++)
		have += avail[i] != 0;
	switch (level) {
	case 10:
		return raid10_enough(raid_disks, layout, avail);
	case -1:			/* linear */
	case 0:
		return have == raid_disks;
	case 1:
		return have >= 1;
	case 4:
		/* only the parity device missing: the data is all there */
		if (have == raid_disks - 1 && !avail[raid_disks - 1])
			return 1;
		/* fall through */
	case 5:
		/* a missing member of an array that was not stopped cleanly
		 * leaves stripes whose parity cannot be trusted: the kernel
		 * refuses (md_mod.start_dirty_degraded) */
		return have >= raid_disks - (clean ? 1 : 0);
	case 6:
		return have >= raid_disks - (clean ? 2 : 0);
	}
	return 0;
}

static int level_supported(int level)
{
	return level == -1 || level == 0 || level == 1 || level == 4 ||
	       level == 5 || level == 6 || level == 10;
}

/* Why member m does not join the array described by ref (the freshest
 * active member), or NULL. */
static const char *unfit(const struct kd_md_member *m,
			 const struct kd_md_member *ref)
{
	if (m->role < 0)
		return "a spare or faulty member";
	if (m->role >= ref->raid_disks)
		return "its slot is beyond the array's members";
	if (strcmp(m->metadata, ref->metadata) || m->level != ref->level ||
	    m->raid_disks != ref->raid_disks || m->layout != ref->layout)
		return "its superblock describes another shape of the array";
	if (m->unsupported)
		return m->unsupported;
	/* one behind: the crash came between two members' superblock
	 * writes (mdadm and the kernel allow it too) */
	if (m->events + 1 < ref->events)
		return "out of date (an older event count)";
	return NULL;
}

/* Of two members for one slot, whether a should replace b. */
static int better(const struct kd_md_candidate *a, const struct kd_md_candidate *b)
{
	if (a->m.events != b->m.events)
		return a->m.events > b->m.events;
	return a->partition && !b->partition;
}

/* Keep c[i] unless a chosen member holds its slot and is better. */
static void take_slot(struct kd_md_candidate *c, size_t n, size_t i)
{
	size_t j;

	for (j = 0; j < n; j++) {
		if (j == i || !c[j].chosen || c[j].m.role != c[i].m.role ||
		    c[j].m.replacement != c[i].m.replacement)
			continue;
		if (!better(&c[i], &c[j])) {
			c[i].left_out = "another device holds its slot";
			return;
		}
		c[j].chosen = 0;
		c[j].left_out = "another device holds its slot";
	}
	c[i].chosen = 1;
	c[i].left_out = NULL;
}

/* The freshest active member, or n when there is none. */
static size_t freshest(const struct kd_md_candidate *c, size_t n)
{
	size_t i, best = n;

	for (i = 0; i < n; i++)
		if (c[i].m.role >= 0 && (best == n || c[i].m.events > c[best].m.events))
			best = i;
	return best;
}

/* Start or wait, from the slots marked in avail and the members counted. */
static int verdict(const struct kd_md_member *ref, const unsigned char *avail,
		   int clean, int present, int degraded, struct kd_error *e)
{
	const char *what = ref->name[0] ? ref->name : ref->uuid;

	if (!kd_md_enough(ref->level, ref->raid_disks, ref->layout, clean, avail)) {
		if (!clean && kd_md_enough(ref->level, ref->raid_disks,
					   ref->layout, 1, avail))
			return kd_fail(e, EAGAIN, "MD array %s: %d of %d members, "
				       "and it was not stopped cleanly: the "
				       "kernel starts it only with all of them",
				       what, present, ref->raid_disks);
		return kd_fail(e, EAGAIN, "MD array %s: %d of %d members, not "
			       "enough to start it", what, present, ref->raid_disks);
	}
	if (!degraded && present < ref->working)
		return kd_fail(e, EAGAIN, "MD array %s: %d of its %d active "
			       "members, waiting for the rest", what, present,
			       ref->working);
	return present;
}

int kd_md_choose(struct kd_md_candidate *c, size_t n, int degraded,
		 struct kd_error *e)
{
	unsigned char avail[MAX_SLOTS];
	const struct kd_md_member *ref;
	size_t i, top = freshest(c, n);
	int present = 0, clean = 1;

	for (i = 0; i < n; i++) {
		c[i].chosen = 0;
		c[i].left_out = NULL;
	}
	if (top == n)
		return kd_fail(e, EAGAIN, "no active member of the MD array yet "
			       "(%zu spare or faulty)", n);
	ref = &c[top].m;
	if (ref->unsupported)
		return kd_fail(e, ENOTSUP, "MD array %s is %s", ref->uuid,
			       ref->unsupported);
	if (!level_supported(ref->level) || ref->raid_disks < 1 ||
	    ref->raid_disks > MAX_SLOTS)
		return kd_fail(e, ENOTSUP, "MD array %s: RAID level %d with %d "
			       "members cannot be started here", ref->uuid,
			       ref->level, ref->raid_disks);
	for (i = 0; i < n; i++) {
		c[i].left_out = unfit(&c[i].m, ref);
		if (!c[i].left_out)
			take_slot(c, n, i);
	}
	memset(avail, 0, sizeof avail);
	for (i = 0; i < n; i++) {
		if (!c[i].chosen)
			continue;
		present++;
		clean = clean && c[i].m.clean;
		if (c[i].m.in_sync && !c[i].m.replacement)
			avail[c[i].m.role] = 1;
	}
	return verdict(ref, avail, clean, present, degraded, e);
}
