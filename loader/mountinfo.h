/* mountinfo.h - which mounted filesystem holds a path, from
 * /proc/self/mountinfo. */
#ifndef KD_MOUNTINFO_H
#define KD_MOUNTINFO_H

#include <limits.h>

struct kd_mount {
	char dir[PATH_MAX], dev[PATH_MAX], fstype[32];
};

/* The entry with the longest mount point under which the (real) path
 * lies; 0, or -1 when there is none. */
int kd_mount_of(const char *path, struct kd_mount *m);

#endif
