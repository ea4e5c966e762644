/* estimate.c - the crash kernel's memory needs, and what they are made of. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "byteorder.h"
#include "estimate.h"
#include "modname.h"
#include "readfile.h"

#define PAGE_SIZE 4096
#define SETUP_HEADER_END 0x264
#define KERNEL_SIZE_FACTOR 6

void kd_estimate(const struct kd_estimate_in *in, struct kd_estimate *out)
{
	uint64_t max_pfn = (in->ram_top + PAGE_SIZE - 1) / PAGE_SIZE;
	uint64_t with_margin;

	out->kernel = in->kernel;
	out->initramfs = in->initrd * KD_EST_INITRD_FACTOR;
	out->collector = KD_EST_COLLECTOR_BASE + 2 * ((max_pfn + 7) / 8);
	out->runtime = KD_EST_RUNTIME;
	out->drivers = in->modules;
	out->total = out->kernel + out->initramfs + out->collector +
		     out->runtime + out->drivers;
	out->boot = in->boot ? in->boot + in->initrd + KD_EST_BOOT_EXTRA : 0;
	if (out->boot > out->total)
		out->total = out->boot;
	with_margin = out->total + out->total * KD_EST_MARGIN_PERCENT / 100;
	out->recommended = (with_margin + KD_EST_ALIGN - 1) / KD_EST_ALIGN *
			   KD_EST_ALIGN;
}

/* init_size from a bzImage header, or 0 when it is not one. */
static uint64_t bzimage_init_size(const unsigned char *h)
{
	unsigned version = kd_get_le16(h + 0x206);

	if (h[0x1fe] != 0x55 || h[0x1ff] != 0xaa || memcmp(h + 0x202, "HdrS", 4) ||
	    version < 0x020a)
		return 0;
	return kd_get_le32(h + 0x260);
}

int kd_kernel_mem_size(const char *path, uint64_t *bytes, int *exact,
		       struct kd_error *e)
{
	unsigned char h[SETUP_HEADER_END];
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t got;

	if (fd < 0)
		return kd_fail(e, errno, "cannot open %s: %s", path,
			       strerror(errno));
	if (fstat(fd, &st)) {
		kd_fail(e, errno, "cannot stat %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	do
		got = pread(fd, h, sizeof h, 0);
	while (got < 0 && errno == EINTR);
	if (got < 0) {
		kd_fail(e, errno, "cannot read %s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	*bytes = got == (ssize_t)sizeof h ? bzimage_init_size(h) : 0;
	*exact = *bytes != 0;
	if (!*exact)
		*bytes = (uint64_t)st.st_size * KERNEL_SIZE_FACTOR;
	return 0;
}

/* (highest memoryN + 1) * block_size_bytes; 0 when sysfs has no blocks. */
static uint64_t memory_blocks_top(const char *root)
{
	char path[512], line[64];
	struct dirent *ent;
	uint64_t block, top = 0;
	DIR *d;

	snprintf(path, sizeof path, "%s/sys/devices/system/memory/block_size_bytes",
		 root);
	if (kd_read_line(path, line, sizeof line))
		return 0;
	block = strtoull(line, NULL, 16);
	snprintf(path, sizeof path, "%s/sys/devices/system/memory", root);
	d = opendir(path);
	if (!d)
		return 0;
	while ((ent = readdir(d))) {
		char *end;
		uint64_t n;

		if (strncmp(ent->d_name, "memory", 6) || !ent->d_name[6])
			continue;
		n = strtoull(ent->d_name + 6, &end, 10);
		if (!*end && (n + 1) * block > top)
			top = (n + 1) * block;
	}
	closedir(d);
	return top;
}

static int meminfo_total(const char *root, uint64_t *bytes, struct kd_error *e)
{
	char path[512], *text, *p;
	unsigned long long kib;

	snprintf(path, sizeof path, "%s/proc/meminfo", root);
	text = kd_read_file(path, 1 << 20, NULL);
	if (!text)
		return kd_fail(e, errno, "cannot read %s: %s", path,
			       strerror(errno));
	p = strstr(text, "MemTotal:");
	if (!p || sscanf(p + 9, "%llu kB", &kib) != 1) {
		free(text);
		return kd_fail(e, EINVAL, "%s: no MemTotal line", path);
	}
	free(text);
	*bytes = (uint64_t)kib * 1024;
	return 0;
}

int kd_ram_top(const char *root, uint64_t *bytes, struct kd_error *e)
{
	*bytes = memory_blocks_top(root);
	return *bytes ? 0 : meminfo_total(root, bytes, e);
}

/* The size /proc/modules gives for the module, 0 when not loaded. */
static uint64_t module_size(const char *modules, const char *name, size_t n)
{
	const char *line;

	for (line = modules; line && *line; line = strchr(line, '\n'),
	     line = line ? line + 1 : NULL) {
		char mod[256];
		unsigned long long size;

		if (sscanf(line, "%255s %llu", mod, &size) == 2 &&
		    kd_module_name_is(mod, name, n))
			return size;
	}
	return 0;
}

int kd_modules_size(const char *root, const char *names, uint64_t *bytes,
		    int *loaded, int *wanted, struct kd_error *e)
{
	char path[512], *modules;
	const char *p;

	*bytes = 0;
	*loaded = *wanted = 0;
	snprintf(path, sizeof path, "%s/proc/modules", root);
	modules = kd_read_file(path, 4 << 20, NULL);
	if (!modules && errno != ENOENT)
		return kd_fail(e, errno, "cannot read %s: %s", path,
			       strerror(errno));
	for (p = names + strspn(names, " \t"); *p; p += strspn(p, " \t")) {
		size_t n = strcspn(p, " \t");
		uint64_t size = modules ? module_size(modules, p, n) : 0;

		(*wanted)++;
		*loaded += size != 0;
		*bytes += size;
		p += n;
	}
	free(modules);
	return 0;
}
