/* rmtree.c - walk a tree with openat/fdopendir, never through a symlink. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "rmtree.h"

#define MAX_DEPTH 64

/* What to do with each entry: called with the entry's parent and stat. */
typedef int (*visit_fn)(int dirfd, const char *name, const struct stat *st,
			void *arg, struct kd_error *e);

static int open_subdir(int dirfd, const char *name, const struct stat *st,
		       struct kd_error *e)
{
	struct stat sub;
	int fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			O_CLOEXEC);

	if (fd < 0)
		return kd_fail(e, errno, "cannot open %s: %s", name,
			       strerror(errno));
	if (fstat(fd, &sub) || sub.st_dev != st->st_dev ||
	    sub.st_ino != st->st_ino) {
		close(fd);
		return kd_fail(e, EBUSY, "%s changed while it was read", name);
	}
	return fd;
}

/* Call fn for every entry below name (children first), then for name. */
static int walk(int dirfd, const char *name, const struct stat *st, int depth,
		visit_fn fn, void *arg, struct kd_error *e)
{
	struct dirent *ent;
	DIR *d;
	int fd, ret = 0;

	if (!S_ISDIR(st->st_mode))
		return fn(dirfd, name, st, arg, e);
	if (depth > MAX_DEPTH)
		return kd_fail(e, ELOOP, "%s: more than %d levels of directories",
			       name, MAX_DEPTH);
	fd = open_subdir(dirfd, name, st, e);
	if (fd < 0)
		return -1;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return kd_fail(e, errno, "cannot read %s: %s", name,
			       strerror(errno));
	}
	while (!ret && (errno = 0, ent = readdir(d))) {
		struct stat child;

		if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, ".."))
			continue;
		if (fstatat(fd, ent->d_name, &child, AT_SYMLINK_NOFOLLOW))
			ret = kd_fail(e, errno, "cannot stat %s/%s: %s", name,
				      ent->d_name, strerror(errno));
		else if (S_ISDIR(child.st_mode) && child.st_dev != st->st_dev)
			ret = kd_fail(e, EXDEV, "%s/%s is a mount point", name,
				      ent->d_name);
		else
			ret = walk(fd, ent->d_name, &child, depth + 1, fn, arg, e);
		if (ret)
			kd_prefix(e, "%s", name);
	}
	if (!ret && errno)
		ret = kd_fail(e, errno, "cannot read %s: %s", name,
			      strerror(errno));
	closedir(d);
	return ret ? ret : fn(dirfd, name, st, arg, e);
}

static int add_size(int dirfd, const char *name, const struct stat *st,
		    void *arg, struct kd_error *e)
{
	*(uint64_t *)arg += (uint64_t)st->st_blocks * 512;
	return 0;
}

static int remove_one(int dirfd, const char *name, const struct stat *st,
		      void *arg, struct kd_error *e)
{
	if (unlinkat(dirfd, name, S_ISDIR(st->st_mode) ? AT_REMOVEDIR : 0))
		return kd_fail(e, errno, "cannot remove %s: %s", name,
			       strerror(errno));
	return 0;
}

static int walk_top(int dirfd, const char *name, visit_fn fn, void *arg,
		    struct kd_error *e)
{
	struct stat st;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return kd_fail(e, errno, "cannot stat %s: %s", name,
			       strerror(errno));
	return walk(dirfd, name, &st, 0, fn, arg, e);
}

int kd_tree_size(int dirfd, const char *name, uint64_t *bytes,
		 struct kd_error *e)
{
	*bytes = 0;
	return walk_top(dirfd, name, add_size, bytes, e);
}

int kd_rmtree(int dirfd, const char *name, struct kd_error *e)
{
	return walk_top(dirfd, name, remove_one, NULL, e);
}
