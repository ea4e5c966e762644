/* md.h - MD RAID arrays without mdadm: read member superblocks, describe
 * a running array for kdumpctl, assemble it in the capture kernel.
 *
 * The capture kernel's kdump-init has no udev, no shell and no mdadm, so
 * it does what `mdadm --incremental` and `mdadm --assemble` do for native
 * metadata (0.90 and 1.x): find the members by their superblocks, keep the
 * freshest (event counts), hand them to the kernel with SET_ARRAY_INFO,
 * ADD_NEW_DISK and RUN_ARRAY.  It never writes to a member itself (the
 * running array does, as on any boot).  External metadata (IMSM, DDF)
 * needs mdmon and is refused.
 *
 * Split in four: md_super.c parses superblocks (fuzzed), md_choose.c
 * decides which members an array is started with (pure, unit tested),
 * md.c reads sysfs (describe, scan), md_start.c asks the kernel to start
 * the array. */
#ifndef KD_MD_H
#define KD_MD_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "probe.h"

/* What one member's superblock says. */
struct kd_md_member {
	char uuid[40];		/* array UUID, as mdadm --detail prints it:
				 * "xxxxxxxx:xxxxxxxx:xxxxxxxx:xxxxxxxx" */
	char metadata[8];	/* "0.90", "1.0", "1.1", "1.2" */
	int level, raid_disks;	/* level: -1 linear, 0, 1, 4, 5, 6, 10, ... */
	int role;		/* this device's slot; -1 spare or faulty */
	uint64_t events;
	char name[64];		/* 1.x array name ("host:name"), "" for 0.90 */

	/* for assembly */
	int sb_major, sb_minor;	/* SET_ARRAY_INFO's major/minor_version */
	int layout;		/* RAID10 copies, RAID5 algorithm */
	int working;		/* members this superblock counts as active */
	int clean;		/* the array was stopped cleanly */
	int in_sync;		/* role >= 0 and not still being recovered */
	int replacement;	/* rebuilt to replace the member in `role` */
	uint64_t ctime;		/* creation, seconds: of two superblocks on
				 * one device the newer is the real one */
	const char *unsupported; /* NULL, or why kdump-init cannot start an
				  * array with this member (a reshape that
				  * needs mdadm's backup file, ...) */
};

/* Parse the superblock on a member of `size` bytes read through `read`:
 * 1.1 at 0, 1.2 at 4 KiB, 1.0 8 to 12 KiB before the end (4 KiB
 * aligned), 0.90 in the last 64 KiB-aligned 64 KiB.  Checks the magic,
 * the version, the checksum, the offsets and the counts as the kernel
 * does.  When several are valid (a device reused with another format),
 * the newest (ctime) wins, as in mdadm.  0, or -1 when there is none. */
int kd_md_read_super(kd_read_fn read, void *ctx, uint64_t size,
		     struct kd_md_member *m);

/* The superblock of block device `name` of the sysfs tree at sys (its
 * size), read from its node in devdir ("/sys", "/dev" but in tests). */
int kd_md_read_member(const char *sys, const char *devdir, const char *name,
		      struct kd_md_member *m);

/* A running array, as kdumpctl records it for the capture kernel. */
struct kd_md_array {
	char uuid[40];		/* as in struct kd_md_member */
	char metadata[8];
	int level, raid_disks;
};

/* First kernel: describe the running array NAME ("md0", "md127") from
 * /sys/class/block/NAME/md and a member's superblock.  -1 with the reason
 * when the capture kernel could not assemble it: external metadata (IMSM,
 * DDF containers), no superblock (mdadm --build), members on other MD,
 * device-mapper or iSCSI devices, a level or feature it cannot start. */
int kd_md_describe(const char *name, struct kd_md_array *a, struct kd_error *e);

/* The same with sysfs at `sys` and device nodes in `devdir` (tests). */
int kd_md_describe_at(const char *sys, const char *devdir, const char *name,
		      struct kd_md_array *a, struct kd_error *e);

/* Capture kernel: assemble the array with this UUID from the partitions
 * and disks in /sys/class/block (not MD or device-mapper devices), create
 * /dev/mdN and start it; its path in dev.  Works with what is there now and
 * never waits: -1 with e->code EAGAIN when members are missing, so that the
 * caller retries until its timeout.
 *
 * degraded 0: start only when every member that the freshest superblock
 * counts as active is here (an array is never started with fewer members
 * than it had, which would leave the late one out of date).  degraded 1,
 * for the caller's last try: start with what is here when the level allows
 * it (RAID1 with one mirror, RAID5 without one member if it was stopped
 * cleanly); otherwise -1, EAGAIN, with the reason (kd_md_enough has the
 * kernel's rules, so the kernel is not asked to do what it refuses).
 * An array that is already running with these members is returned as it
 * is. */
int kd_md_assemble(const char *uuid, int degraded, char *dev, size_t size,
		   struct kd_error *e);

/* One device with a superblock of the wanted array. */
struct kd_md_candidate {
	struct kd_md_member m;
	char name[32];		/* sda1 */
	unsigned major, minor;
	int partition;		/* 1: a partition (wins a tie against its disk,
				 * whose end-of-device superblock is the same) */
	int chosen;		/* set by kd_md_choose */
	const char *left_out;	/* and why not, when it is not chosen */
};

/* Candidates for array `uuid` under sysfs `sys`, nodes in `devdir`: up to
 * max in c; how many, or -1 on an error reading the sysfs directory. */
int kd_md_scan(const char *sys, const char *devdir, const char *uuid,
	       struct kd_md_candidate *c, size_t max, struct kd_error *e);

/* Which candidates of one array to add, as mdadm chooses: the freshest
 * event count among active members wins; a member one event behind is
 * kept (a crash between the members' superblock writes leaves exactly
 * that, and the kernel accepts it), an older one is left out; spares and
 * faulty members are left out; of two for one slot the fresher (on a tie a
 * partition over its whole disk).  Sets chosen; returns how many, or -1:
 * EAGAIN when members are missing (more may appear), ENOTSUP when the
 * array cannot be started here at all. */
int kd_md_choose(struct kd_md_candidate *c, size_t n, int degraded,
		 struct kd_error *e);

/* UUIDs compared by their hex digits: mdadm's "a:b:c:d" and a 1.x UUID
 * as blkid prints it ("8-4-4-4-12") name the same array.  1 when equal. */
int kd_md_same_uuid(const char *a, const char *b);

/* Whether the slots marked in avail[raid_disks] are enough to run an
 * array of this level, layout and cleanliness (the kernel's rules: RAID5
 * that was not stopped cleanly needs every member). */
int kd_md_enough(int level, int raid_disks, int layout, int clean,
		 const unsigned char *avail);

#endif
