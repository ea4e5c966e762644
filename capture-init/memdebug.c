/* memdebug.c - debug_mem_level output (see memdebug.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "clock.h"
#include "log.h"
#include "memdebug.h"
#include "readfile.h"

/* Enough to see how much of the reservation is left, and where it went. */
static const char *const short_keys[] = {
	"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "Slab", NULL,
};

int kd_memdebug_shows(const char *line, int level)
{
	size_t n = strcspn(line, ":");
	int i;

	if (level >= 2)
		return 1;
	if (level < 1 || line[n] != ':')
		return 0;
	/* the whole key: "Cached" is not "SwapCached" */
	for (i = 0; short_keys[i]; i++)
		if (strlen(short_keys[i]) == n && !strncmp(line, short_keys[i], n))
			return 1;
	return 0;
}

static void print_slabinfo(FILE *out, const char *path)
{
	char *text = kd_read_file(path, 1 << 20, NULL);

	if (!text) {
		kd_info("no %s (%s)", path, strerror(errno));
		return;
	}
	fputs(text, out);
	free(text);
}

int kd_memdebug_print(FILE *out, int level, const char *meminfo,
		      const char *slabinfo, struct kd_error *e)
{
	char *text, *line, *save = NULL;

	if (level < 1)
		return 0;
	text = kd_read_file(meminfo, 1 << 16, NULL);
	if (!text)
		return kd_fail(e, errno, "cannot read %s: %s", meminfo,
			       strerror(errno));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (kd_memdebug_shows(line, level))
			fprintf(out, "%s\n", line);
	free(text);
	if (level >= 3)
		print_slabinfo(out, slabinfo);
	return 0;
}

static struct kd_memlow low = { -1, -1, 0 };

/* The value of "key:" in meminfo text, -1 when it is not there. */
static long field(const char *text, const char *key)
{
	size_t n = strlen(key);
	const char *p;

	for (p = text; p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, key, n) && p[n] == ':')
			return strtol(p + n + 1, NULL, 10);
	return -1;
}

void kd_memdebug_sample(const char *meminfo)
{
	char *text = kd_read_file(meminfo, 1 << 16, NULL);
	long f, a;

	if (!text)
		return;
	f = field(text, "MemFree");
	a = field(text, "MemAvailable");
	free(text);
	if (f >= 0 && (low.free_kb < 0 || f < low.free_kb)) {
		low.free_kb = f;
		low.at = kd_clock_seconds();
	}
	if (a >= 0 && (low.available_kb < 0 || a < low.available_kb))
		low.available_kb = a;
}

struct kd_memlow kd_memdebug_lowest(void)
{
	return low;
}
