/* test_md_choose.c - which members an MD array is started with, and
 * whether they are enough, on lists of superblocks (no devices, no
 * kernel): mdadm's choice by event count, degraded starts by level. */
#define UNIT_SUITE "md_choose"
#include <errno.h>
#include <stdio.h>
#include "md.h"
#include "unit.h"

#define U "3d000000:4b444000:80000000:00000007"

static struct kd_md_candidate c[8];
static size_t n;
static struct kd_error e;

/* A new array: level, members (raid_disks), layout; every member that
 * is added below says all of them are active and the array clean. */
static int level_, disks_, layout_;

static void array(int level, int raid_disks, int layout)
{
	memset(c, 0, sizeof c);
	n = 0;
	level_ = level;
	disks_ = raid_disks;
	layout_ = layout;
}

static struct kd_md_candidate *add(const char *name, int role, uint64_t events)
{
	struct kd_md_candidate *m = &c[n++];

	snprintf(m->name, sizeof m->name, "%s", name);
	snprintf(m->m.uuid, sizeof m->m.uuid, "%s", U);
	snprintf(m->m.metadata, sizeof m->m.metadata, "1.2");
	m->m.level = level_;
	m->m.raid_disks = disks_;
	m->m.layout = layout_;
	m->m.role = role;
	m->m.events = events;
	m->m.working = disks_;
	m->m.clean = 1;
	m->m.in_sync = role >= 0;
	m->chosen = 7;			/* kd_md_choose must set it */
	return m;
}

static int choose(int degraded)
{
	memset(&e, 0, sizeof e);
	return kd_md_choose(c, n, degraded, &e);
}

TEST(raid1_complete)
{
	array(1, 2, 0);
	add("vda", 0, 42);
	add("vdb", 1, 42);
	CHECK_INT(choose(0), 2);
	CHECK_INT(c[0].chosen, 1);
	CHECK_INT(c[1].chosen, 1);
	CHECK(c[0].left_out == NULL);
}

/* A member that missed writes is left out, never added: with the others
 * counting it failed the array starts; when they still count it active
 * (it was missing when the array last ran), only as a last resort. */
TEST(raid1_stale_member)
{
	array(1, 2, 0);
	add("vda", 0, 50);
	add("vdb", 1, 42);
	c[0].m.working = 1;
	CHECK_INT(choose(0), 1);
	CHECK_INT(c[0].chosen, 1);
	CHECK_INT(c[1].chosen, 0);
	CHECK(c[1].left_out && strstr(c[1].left_out, "out of date"));
	c[0].m.working = 2;
	CHECK_INT(choose(0), -1);
	CHECK_INT(e.code, EAGAIN);
	CHECK(strstr(e.msg, "1 of its 2 active members") != NULL);
	CHECK_INT(choose(1), 1);
	CHECK_INT(c[1].chosen, 0);
	/* the freshest decides whatever the order */
	array(1, 2, 0);
	add("vdb", 1, 42);
	add("vda", 0, 50);
	CHECK_INT(choose(1), 1);
	CHECK_INT(c[0].chosen, 0);
	CHECK_INT(c[1].chosen, 1);
}

/* One event behind: the crash came between two superblock writes. */
TEST(one_event_behind)
{
	array(1, 2, 0);
	add("vda", 0, 43);
	add("vdb", 1, 42);
	CHECK_INT(choose(0), 2);
	array(0, 2, 0);
	add("vda", 0, 43);
	add("vdb", 1, 41);
	CHECK_INT(choose(1), -1);
	CHECK(strstr(e.msg, "not enough") != NULL);
}

TEST(raid1_missing)
{
	array(1, 2, 0);
	add("vda", 0, 42);
	CHECK_INT(choose(0), -1);
	CHECK_INT(e.code, EAGAIN);
	CHECK_INT(choose(1), 1);
	CHECK_INT(c[0].chosen, 1);
}

TEST(raid0_missing)
{
	array(0, 2, 0);
	add("vda", 0, 42);
	CHECK_INT(choose(1), -1);
	CHECK_INT(e.code, EAGAIN);
	CHECK(strstr(e.msg, "1 of 2 members, not enough") != NULL);
	add("vdb", 1, 42);
	CHECK_INT(choose(0), 2);
	array(-1, 3, 0);			/* linear */
	add("vda", 0, 9);
	add("vdc", 2, 9);
	CHECK_INT(choose(1), -1);
}

/* RAID5 without a member starts only if it was stopped cleanly: after a
 * crash it usually was not, and the kernel refuses. */
TEST(raid5_missing)
{
	array(5, 3, 2);
	add("vda", 0, 42);
	add("vdc", 2, 42);
	CHECK_INT(choose(0), -1);
	CHECK_INT(choose(1), 2);
	c[1].m.clean = 0;
	CHECK_INT(choose(1), -1);
	CHECK_INT(e.code, EAGAIN);
	CHECK(strstr(e.msg, "not stopped cleanly") != NULL);
	add("vdb", 1, 42);
	CHECK_INT(choose(0), 3);
	array(5, 3, 2);
	add("vda", 0, 42);
	CHECK_INT(choose(1), -1);
	CHECK(strstr(e.msg, "not enough") != NULL);
}

TEST(enough_rules)
{
	unsigned char all[4] = { 1, 1, 1, 1 }, no0[4] = { 0, 1, 1, 1 };
	unsigned char no3[4] = { 1, 1, 1, 0 }, no01[4] = { 0, 0, 1, 1 };
	unsigned char no02[4] = { 0, 1, 0, 1 }, none[4] = { 0 };
	unsigned char no12[4] = { 1, 0, 0, 1 };

	CHECK(kd_md_enough(1, 4, 0, 0, no01));
	CHECK(!kd_md_enough(1, 4, 0, 1, none));
	CHECK(kd_md_enough(0, 4, 0, 1, all));
	CHECK(!kd_md_enough(0, 4, 0, 1, no3));
	/* RAID4: the parity device (the last) missing leaves all data */
	CHECK(kd_md_enough(4, 4, 0, 0, no3));
	CHECK(!kd_md_enough(4, 4, 0, 0, no0));
	CHECK(kd_md_enough(4, 4, 0, 1, no0));
	CHECK(kd_md_enough(6, 4, 0, 1, no01));
	CHECK(!kd_md_enough(6, 4, 0, 0, no0));
	/* RAID10 near=2 on 4: mirrors are 0+1 and 2+3 */
	CHECK(kd_md_enough(10, 4, 0x102, 0, no02));
	CHECK(!kd_md_enough(10, 4, 0x102, 1, no01));
	/* far=2: the copies of a chunk are on neighbouring devices too */
	CHECK(kd_md_enough(10, 4, 0x201, 1, no02));
	CHECK(!kd_md_enough(10, 4, 0x201, 1, no01));
	/* device 1's far copy is on device 2: both gone */
	CHECK(!kd_md_enough(10, 4, 0x201, 1, no12));
	CHECK(kd_md_enough(10, 4, 0x102, 1, no12));
	CHECK(!kd_md_enough(10, 4, 0, 1, all));		/* no copies: invalid */
	CHECK(!kd_md_enough(7, 4, 0, 1, all));
	CHECK(!kd_md_enough(1, 0, 0, 1, all));
}

/* Two devices claim one slot: the fresher; on a tie a partition over the
 * whole disk that shows the same end-of-device superblock. */
TEST(same_role)
{
	array(1, 2, 0);
	add("vda", 0, 42);
	add("vdb", 1, 41);
	add("vdc", 1, 42);
	CHECK_INT(choose(0), 2);
	CHECK_INT(c[1].chosen, 0);
	CHECK_INT(c[2].chosen, 1);
	CHECK(c[1].left_out != NULL);
	array(1, 2, 0);
	add("vda", 0, 42);
	add("sdb", 1, 42);
	add("sdb1", 1, 42)->partition = 1;
	CHECK_INT(choose(0), 2);
	CHECK_INT(c[1].chosen, 0);
	CHECK_INT(c[2].chosen, 1);
	CHECK(c[1].left_out && strstr(c[1].left_out, "slot"));
	array(1, 2, 0);
	add("sdb1", 1, 42)->partition = 1;
	add("sdb", 1, 42);
	add("vda", 0, 42);
	CHECK_INT(choose(0), 2);
	CHECK_INT(c[0].chosen, 1);
	CHECK_INT(c[1].chosen, 0);
}

TEST(spares_and_shape)
{
	array(1, 2, 0);
	add("vda", 0, 42);
	add("vdb", 1, 42);
	add("vdc", -1, 45);			/* a spare: no event count needed */
	add("vdd", 1, 42)->m.raid_disks = 3;	/* another shape */
	add("vde", 2, 42);			/* no such slot */
	CHECK_INT(choose(0), 2);
	CHECK_INT(c[4].chosen, 0);
	CHECK_INT(c[2].chosen, 0);
	CHECK(c[2].left_out && strstr(c[2].left_out, "spare"));
	CHECK_INT(c[3].chosen, 0);
	CHECK(c[3].left_out && strstr(c[3].left_out, "shape"));
	array(1, 2, 0);
	add("vdc", -1, 45);
	CHECK_INT(choose(1), -1);
	CHECK_INT(e.code, EAGAIN);
	CHECK(strstr(e.msg, "no active member") != NULL);
}

/* A member being rebuilt is added (the kernel goes on rebuilding it) but
 * does not count towards what the level needs. */
TEST(recovering_member)
{
	array(1, 2, 0);
	add("vda", 0, 42)->m.in_sync = 0;
	add("vdb", 1, 42)->m.in_sync = 0;
	CHECK_INT(choose(1), -1);
	array(1, 2, 0);
	add("vda", 0, 42);
	add("vdb", 1, 42)->m.in_sync = 0;
	CHECK_INT(choose(0), 2);
	CHECK_INT(c[1].chosen, 1);
	add("vdc", 1, 42)->m.replacement = 1;
	CHECK_INT(choose(0), 3);
}

TEST(cannot_start_here)
{
	array(-4, 2, 0);			/* multipath */
	add("vda", 0, 1);
	add("vdb", 1, 1);
	CHECK_INT(choose(1), -1);
	CHECK_INT(e.code, ENOTSUP);
	array(5, 3, 2);
	add("vda", 0, 1);
	add("vdb", 1, 1);
	/* the freshest superblock says what the array is */
	add("vdc", 2, 2)->m.unsupported = "a reshape in progress";
	CHECK_INT(choose(1), -1);
	CHECK_INT(e.code, ENOTSUP);
	CHECK(strstr(e.msg, "reshape") != NULL);
	array(1, 2, 0);
	CHECK_INT(choose(1), -1);		/* nothing found */
	CHECK_INT(e.code, EAGAIN);
}

int main(void)
{
	RUN(raid1_complete);
	RUN(raid1_stale_member);
	RUN(one_event_behind);
	RUN(raid1_missing);
	RUN(raid0_missing);
	RUN(raid5_missing);
	RUN(enough_rules);
	RUN(same_role);
	RUN(spares_and_shape);
	RUN(recovering_member);
	RUN(cannot_start_here);
	return unit_done();
}
