/* readfile.c - read a whole small file into memory. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "readfile.h"

char *kd_read_file(const char *path, size_t max, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *buf = NULL, *nbuf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap || !buf) {
			if (buf)
				cap *= 2;
			nbuf = realloc(buf, cap);
			if (!nbuf)
				goto fail;
			buf = nbuf;
		}
		r = read(fd, buf + n, cap - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > max) {
			errno = EFBIG;
			goto fail;
		}
	}
	close(fd);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
fail:
	{
		int saved = errno;

		free(buf);
		close(fd);
		errno = saved;
	}
	return NULL;
}

int kd_read_line(const char *path, char *buf, size_t size)
{
	size_t len;
	char *data = kd_read_file(path, 1 << 20, &len);

	if (!data)
		return -1;
	len = strcspn(data, "\n");
	if (len >= size)
		len = size - 1;
	memcpy(buf, data, len);
	buf[len] = '\0';
	free(data);
	return 0;
}

char *kd_read_config(const char *path, size_t max, size_t *len,
		     const char **why)
{
	struct stat st;
	char *text;

	/* stat, not open: opening a FIFO waits for a writer */
	if (stat(path, &st)) {
		*why = strerror(errno);
		return NULL;
	}
	/* /dev/null: an empty file, as a shell would read it */
	if (!S_ISREG(st.st_mode) &&
	    !(S_ISCHR(st.st_mode) && st.st_rdev == makedev(1, 3))) {
		*why = "not a regular file";
		errno = EINVAL;
		return NULL;
	}
	text = kd_read_file(path, max, len);
	if (!text)
		*why = errno == EFBIG ? "file too large" : strerror(errno);
	return text;
}

int kd_dir_has_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int found = 0;

	while (d && !found && (de = readdir(d)))
		found = de->d_name[0] != '.';
	if (d)
		closedir(d);
	return found;
}
