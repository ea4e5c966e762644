/* stack.c - device-mapper, MD and iSCSI devices, told apart in sysfs. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "readfile.h"
#include "stack.h"

/* device-mapper UUIDs start with the subsystem that made the device:
 * "LVM-" (lvm2), "CRYPT-" (cryptsetup), "mpath-" (multipathd). */
static enum kd_stack dm_kind(const char *sys, const char *name)
{
	char path[PATH_MAX], uuid[256];

	snprintf(path, sizeof path, "%s/class/block/%s/dm/uuid", sys, name);
	if (kd_read_line(path, uuid, sizeof uuid))
		return KD_STACK_DM;
	if (!strncmp(uuid, "LVM-", 4))
		return KD_STACK_LVM;
	if (!strncmp(uuid, "CRYPT-", 6))
		return KD_STACK_CRYPT;
	if (!strncmp(uuid, "mpath-", 6))
		return KD_STACK_MULTIPATH;
	/* a partition on a multipath map: "part1-mpath-..." */
	if (!strncmp(uuid, "part", 4) && strstr(uuid, "-mpath-"))
		return KD_STACK_MULTIPATH;
	return KD_STACK_DM;
}

enum kd_stack kd_stack_of(const char *sys, const char *name)
{
	char path[PATH_MAX], real[PATH_MAX];

	snprintf(path, sizeof path, "%s/class/block/%s/dm", sys, name);
	if (access(path, F_OK) == 0)
		return dm_kind(sys, name);
	snprintf(path, sizeof path, "%s/class/block/%s/md", sys, name);
	if (access(path, F_OK) == 0)
		return KD_STACK_MD;
	/* an iSCSI disk sits below its session in the device tree */
	snprintf(path, sizeof path, "%s/class/block/%s", sys, name);
	if (realpath(path, real) && strstr(real, "/session"))
		return KD_STACK_ISCSI;
	return KD_STACK_PLAIN;
}

const char *kd_stack_refusal(enum kd_stack kind)
{
	static const char *const why[] = {
		[KD_STACK_CRYPT] = "an encrypted (LUKS, dm-crypt) device: the "
			"capture kernel has no key to open it (kdump does not "
			"hand the volume key over; the kernel can from Linux "
			"6.16, CONFIG_CRASH_DM_CRYPT)",
		[KD_STACK_MULTIPATH] = "a multipath device, which the capture "
			"kernel does not set up",
		[KD_STACK_DM] = "a device-mapper device, which the capture "
			"kernel cannot set up",
		[KD_STACK_ISCSI] = "an iSCSI disk, which the capture kernel "
			"does not log in to",
	};

	return kind == KD_STACK_PLAIN || kind == KD_STACK_LVM || kind == KD_STACK_MD ?
	       NULL : why[kind];
}
