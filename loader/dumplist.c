/* dumplist.c - find the dumps in a dump directory (see dumplist.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "dumplist.h"
#include "log.h"
#include "printable.h"
#include "record.h"

#define MAX_LISTED 100000

void kd_dumplist_warn(const char *dir, const char *name, const char *file,
		      const char *why)
{
	char path[PATH_MAX + 300], shown[sizeof path], reason[600];

	snprintf(path, sizeof path, "%s/%s%s%s", dir, name, file ? "/" : "",
		 file ? file : "");
	kd_printable(path, shown, sizeof shown);
	kd_printable(why, reason, sizeof reason);
	kd_warn("%s: %s", shown, reason);
}

/* What the collector leaves, finished, cut short, or as a stream. */
static const char *const dump_files[] = {
	"vmcore", "vmcore-incomplete", "vmcore.flat",
};

/* The date of a directory kdump-init did not name: when it was last
 * changed, in the format of the names (UTC, as kdump-init writes it). */
static void stamp_of(const struct stat *st, struct kd_dump *d)
{
	struct tm tm;

	if (!gmtime_r(&st->st_mtime, &tm) ||
	    !strftime(d->stamp, sizeof d->stamp, "%Y-%m-%d-%H:%M:%S", &tm))
		d->stamp[0] = '\0';
	d->seq = 1;
}

/* What dump directory `name` (open as fd) holds; 0 when it is none. */
static int look_inside(int fd, struct kd_listed *l)
{
	struct stat st;
	size_t i;

	l->record = !fstatat(fd, KD_RECORD_FILE, &st, AT_SYMLINK_NOFOLLOW);
	for (i = 0; i < sizeof dump_files / sizeof dump_files[0]; i++)
		if (!fstatat(fd, dump_files[i], &st, AT_SYMLINK_NOFOLLOW) &&
		    S_ISREG(st.st_mode)) {
			l->file_size = (uint64_t)st.st_size;
			return 1;
		}
	return l->record;
}

/* Append `name` in dirfd when it is a dump directory.  One that cannot
 * be looked into is a warning: the others are listed all the same. */
static int add(const char *dir, int dirfd, const char *name,
	       struct kd_listed **v, int *n, struct kd_error *e)
{
	struct kd_listed l = { 0 }, *bigger;
	struct stat st;
	int fd, found;

	if (name[0] == '.' || strlen(name) >= sizeof l.d.name ||
	    fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISDIR(st.st_mode))
		return 0;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		kd_dumplist_warn(dir, name, NULL, strerror(errno));
		return 0;
	}
	found = look_inside(fd, &l);
	close(fd);
	if (!found)
		return 0;
	if (*n >= MAX_LISTED)
		return kd_fail(e, E2BIG, "more than %d dumps", MAX_LISTED);
	if (!kd_dump_name(name, &l.d)) {
		snprintf(l.d.name, sizeof l.d.name, "%s", name);
		stamp_of(&st, &l.d);
	}
	bigger = realloc(*v, (size_t)(*n + 1) * sizeof **v);
	if (!bigger)
		return kd_fail(e, ENOMEM, "out of memory");
	*v = bigger;
	(*v)[(*n)++] = l;
	return 0;
}

int kd_dumplist_scan(const char *dir, struct kd_listed **out, int *n,
		     struct kd_error *e)
{
	struct dirent *ent;
	int ret = 0;
	DIR *d = opendir(dir);

	*out = NULL;
	*n = 0;
	if (!d)
		return kd_fail(e, errno, "cannot open %s: %s", dir, strerror(errno));
	while (!ret && (errno = 0, ent = readdir(d)))
		ret = add(dir, dirfd(d), ent->d_name, out, n, e);
	if (!ret && errno)
		ret = kd_fail(e, errno, "cannot read: %s", strerror(errno));
	closedir(d);
	if (ret) {
		kd_prefix(e, "%s", dir);
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	/* struct kd_dump first: the comparator sees each entry as one */
	qsort(*out, (size_t)*n, sizeof **out, kd_dump_older);
	return 0;
}
