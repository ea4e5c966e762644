/* probe.h - what filesystem a block device holds, read from its superblock.
 *
 * The capture initramfs has no udev and no blkid, so LABEL=, UUID= and
 * PARTUUID= targets are resolved by reading superblocks directly: ext2/3/4,
 * xfs, btrfs and vfat, and GPT or MBR partition tables for PARTUUID.  All
 * readers take the device contents through a callback so they can be
 * tested on images and fuzzed. */
#ifndef KD_PROBE_H
#define KD_PROBE_H

#include <stddef.h>
#include <stdint.h>

struct kd_fsinfo {
	char type[16];		/* "ext4", "xfs", "btrfs", "vfat", "" */
	char uuid[40];		/* as blkid prints it */
	char label[256];
};

/* Read len bytes at offset; 0 on success (short reads are failures). */
typedef int (*kd_read_fn)(void *ctx, uint64_t offset, void *buf, size_t len);

/* 0 when a known filesystem was recognised. */
int kd_probe_fs(kd_read_fn read, void *ctx, struct kd_fsinfo *info);

/* PARTUUID of partition number `partno` (1-based) of a whole disk:
 * the GPT entry's unique GUID, or "<MBR signature>-<NN>" for MBR disks. */
int kd_probe_partuuid(kd_read_fn read, void *ctx, unsigned partno,
		      char *out, size_t size);

/* PARTLABEL of partition `partno` of a GPT disk: the entry's name, in
 * UTF-8 (MBR partitions have none). */
int kd_probe_partlabel(kd_read_fn read, void *ctx, unsigned partno,
		       char *out, size_t size);

/* kd_probe_fs on the block device at path dev (-1 when it cannot be
 * opened). */
int kd_probe_device(const char *dev, struct kd_fsinfo *info);

/* The same on an open file descriptor. */
int kd_probe_fd_read(void *fdp, uint64_t offset, void *buf, size_t len);

#endif
