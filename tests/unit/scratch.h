/* scratch.h - a scratch directory under /tmp for a test program's files,
 * removed at the end unless KD_KEEP is set, and a file comparison. */
#ifndef KD_TEST_SCRATCH_H
#define KD_TEST_SCRATCH_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char dir[64];

/* /tmp/kd-NAME-XXXXXX; 0 when made. */
static inline int scratch_setup(const char *name)
{
	snprintf(dir, sizeof dir, "/tmp/kd-%s-XXXXXX", name);
	return mkdtemp(dir) ? 0 : -1;
}

static inline void remove_dir(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	char file[300];

	while (d && (de = readdir(d)))
		if (de->d_name[0] != '.') {
			snprintf(file, sizeof file, "%s/%s", path, de->d_name);
			unlink(file);
		}
	if (d)
		closedir(d);
	rmdir(path);
}

static inline void scratch_done(void)
{
	if (!getenv("KD_KEEP"))
		remove_dir(dir);
	else
		printf("kept %s\n", dir);
}

static inline int files_equal(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	int ca, cb, same = fa && fb;

	while (same) {
		ca = getc(fa);
		cb = getc(fb);
		same = ca == cb;
		if (ca == EOF)
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

#endif
