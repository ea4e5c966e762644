/* nfs.h - mount the NFS dump target with mount(2): "host:/export", NFS
 * version 4 (4.2, 4.1, then 4.0, whichever the server speaks) unless 3 is
 * asked for (then with nolock: there is no lock daemon in the image). */
#ifndef KD_NFS_H
#define KD_NFS_H

#include "error.h"

int kd_nfs_mount(const char *spec, int version, const char *local_ip,
		 const char *dir, struct kd_error *e);

#endif
