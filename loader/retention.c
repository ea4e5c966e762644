/* retention.c - choose and remove the oldest dumps in the dump directory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "log.h"
#include "retention.h"
#include "rmtree.h"

#define MAX_DUMPS 100000

/* The characters of an IPv4 or IPv6 address. */
static int is_ip_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F') || c == '.' || c == ':';
}

/* The number in s[0..len) when every character is a digit, else -1. */
static int digits(const char *s, int len)
{
	int v = 0, i;

	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "YYYY-MM-DD-HH:MM:SS", as kdump-init's strftime writes it. */
static int is_stamp(const char *s)
{
	static const char sep[] = "    -  -  -  :  :  ";
	int i;

	for (i = 0; i < 19; i++)
		if (sep[i] != ' ' ? s[i] != sep[i] : (s[i] < '0' || s[i] > '9'))
			return 0;
	return digits(s + 5, 2) >= 1 && digits(s + 5, 2) <= 12 &&
	       digits(s + 8, 2) >= 1 && digits(s + 8, 2) <= 31 &&
	       digits(s + 11, 2) <= 23 && digits(s + 14, 2) <= 59 &&
	       digits(s + 17, 2) <= 60;
}

/* "" or "-N" with N from 2 to 99, no leading zero (kd_dumpdir_create). */
static int suffix(const char *s)
{
	int len = (int)strlen(s), n;

	if (!len)
		return 1;
	if (s[0] != '-' || len < 2 || len > 3 || s[1] == '0')
		return -1;
	n = digits(s + 1, len - 1);
	return n >= 2 ? n : -1;
}

int kd_dump_name(const char *name, struct kd_dump *d)
{
	size_t host = 0, len = strlen(name);
	int seq;

	while (is_ip_char(name[host]))
		host++;
	if (!host || len >= sizeof d->name || name[host] != '-' ||
	    len < host + 20 || !is_stamp(name + host + 1))
		return 0;
	seq = suffix(name + host + 20);
	if (seq < 0)
		return 0;
	memset(d, 0, sizeof *d);
	memcpy(d->name, name, len + 1);
	memcpy(d->stamp, name + host + 1, 19);
	d->seq = seq;
	return 1;
}

int kd_dump_older(const void *a, const void *b)
{
	const struct kd_dump *x = a, *y = b;
	int c = strcmp(x->stamp, y->stamp);

	if (c)
		return c;
	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	return strcmp(x->name, y->name);
}

int kd_retention_select(struct kd_dump *d, int n, unsigned long keep,
			uint64_t budget)
{
	uint64_t total = 0;
	int i, marked = 0;

	if (n <= 0)
		return 0;
	qsort(d, (size_t)n, sizeof *d, kd_dump_older);
	for (i = 0; i < n; i++) {
		d[i].remove = keep && (unsigned long)(n - i) > keep;
		marked += d[i].remove;
		if (!d[i].remove)
			total += d[i].bytes;
	}
	for (i = 0; budget && total > budget && i < n - 1; i++) {
		if (d[i].remove)
			continue;
		d[i].remove = 1;
		total -= d[i].bytes;
		marked++;
	}
	return marked;
}

/* Append the dump `name` in dirfd to the array when it is one. */
static int add_dump(int dirfd, const char *name, struct kd_dump **v, int *n,
		    struct kd_error *e)
{
	struct kd_dump d, *bigger;
	struct stat st;

	if (!kd_dump_name(name, &d))
		return 0;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return kd_fail(e, errno, "cannot stat %s: %s", name,
			       strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return 0;
	if (*n >= MAX_DUMPS)
		return kd_fail(e, E2BIG, "more than %d dumps", MAX_DUMPS);
	if (kd_tree_size(dirfd, name, &d.bytes, e))
		return -1;
	bigger = realloc(*v, (size_t)(*n + 1) * sizeof **v);
	if (!bigger)
		return kd_fail(e, ENOMEM, "out of memory");
	*v = bigger;
	(*v)[(*n)++] = d;
	return 0;
}

static int scan_fd(int fd, struct kd_dump **out, int *n, struct kd_error *e)
{
	struct dirent *ent;
	int dup_fd = dup(fd), ret = 0;
	DIR *d;

	if (dup_fd < 0)
		return kd_fail(e, errno, "dup: %s", strerror(errno));
	d = fdopendir(dup_fd);
	if (!d) {
		close(dup_fd);
		return kd_fail(e, errno, "cannot read: %s", strerror(errno));
	}
	while (!ret && (errno = 0, ent = readdir(d)))
		ret = add_dump(fd, ent->d_name, out, n, e);
	if (!ret && errno)
		ret = kd_fail(e, errno, "cannot read: %s", strerror(errno));
	closedir(d);
	return ret;
}

static int open_dir(const char *dir, struct kd_error *e)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return kd_fail(e, errno, "cannot open %s: %s", dir,
			       strerror(errno));
	return fd;
}

int kd_retention_scan(const char *dir, struct kd_dump **out, int *n,
		      struct kd_error *e)
{
	int fd = open_dir(dir, e), ret;

	*out = NULL;
	*n = 0;
	if (fd < 0)
		return -1;
	ret = scan_fd(fd, out, n, e);
	close(fd);
	if (ret) {
		kd_prefix(e, "%s", dir);
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return ret;
}

/* Remove the marked dumps, each failure a warning; -1 when any failed. */
static int remove_marked(int fd, const char *dir, const struct kd_dump *d,
			 int n, struct kd_error *e)
{
	struct kd_error one;
	int i, failed = 0, marked = 0;

	for (i = 0; i < n; i++) {
		if (!d[i].remove)
			continue;
		marked++;
		if (kd_rmtree(fd, d[i].name, &one)) {
			kd_warn("cannot remove old dump %s/%s: %s", dir,
				d[i].name, one.msg);
			failed++;
			continue;
		}
		kd_info("removed old dump %s/%s (%" PRIu64 " MiB)", dir,
			d[i].name, (d[i].bytes + (1 << 19)) >> 20);
	}
	if (failed)
		return kd_fail(e, EIO, "%d of %d old dumps in %s could not be "
			       "removed", failed, marked, dir);
	return 0;
}

int kd_retention_enforce(const char *dir, unsigned long keep, uint64_t budget,
			 struct kd_error *e)
{
	struct kd_dump *d = NULL;
	int n = 0, fd, ret;

	fd = open_dir(dir, e);
	if (fd < 0)
		return -1;
	ret = scan_fd(fd, &d, &n, e);
	if (ret)
		kd_prefix(e, "%s", dir);
	else if (kd_retention_select(d, n, keep, budget))
		ret = remove_marked(fd, dir, d, n, e);
	free(d);
	close(fd);
	return ret;
}
