/* rmtree.h - measure and remove a directory tree without following
 * symbolic links and without leaving its filesystem (no `rm -rf`). */
#ifndef KD_RMTREE_H
#define KD_RMTREE_H

#include <stdint.h>
#include "error.h"

/* Bytes allocated to `name` under dirfd and everything in it (as du
 * counts: st_blocks * 512); symbolic links count as themselves.  0, or -1
 * with e set. */
int kd_tree_size(int dirfd, const char *name, uint64_t *bytes,
		 struct kd_error *e);

/* Remove `name` under dirfd and everything in it.  A symbolic link is
 * removed as a link; a directory on another filesystem (a mount point)
 * inside the tree stops the removal.  0, or -1 with e set. */
int kd_rmtree(int dirfd, const char *name, struct kd_error *e);

#endif
