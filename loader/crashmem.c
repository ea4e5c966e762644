/* crashmem.c - read the crash kernel reservation of the running kernel. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kparam.h"
#include "crashmem.h"
#include "readfile.h"

static int read_sys_u64(const char *root, const char *name, uint64_t *out)
{
	char path[512], line[64], *end;

	snprintf(path, sizeof path, "%s/sys/kernel/%s", root, name);
	if (kd_read_line(path, line, sizeof line))
		return -1;
	errno = 0;
	*out = strtoull(line, &end, 0);
	if (errno || end == line)
		return -1;
	return 0;
}

/* One /proc/iomem line: "  start-end : name", depth = leading spaces / 2. */
static int parse_iomem_line(const char *line, uint64_t *start, uint64_t *end,
			    const char **name)
{
	char *p;

	*start = strtoull(line, &p, 16);
	if (*p != '-')
		return -1;
	*end = strtoull(p + 1, &p, 16);
	if (strncmp(p, " : ", 3))
		return -1;
	*name = p + 3;
	return 0;
}

static void read_iomem(struct kd_crashmem *st, const char *root)
{
	char path[512], *data, *line, *save = NULL;
	uint64_t code = 0;

	snprintf(path, sizeof path, "%s/proc/iomem", root);
	data = kd_read_file(path, 1 << 20, NULL);
	if (!data)
		return;
	for (line = strtok_r(data, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		int top = line[0] != ' ';
		uint64_t start, end;
		const char *name;

		if (parse_iomem_line(line + strspn(line, " "), &start, &end, &name))
			continue;
		if (top && !strcmp(name, "System RAM") && end >= start)
			st->ram += end - start + 1;
		if (!strcmp(name, "Kernel code"))
			code = start;
		if (!strcmp(name, "Kernel bss") && code && end > code)
			st->kernel_image = end - code + 1;
		if (!strcmp(name, "Crash kernel") &&
		    st->nregions < KD_CRASHMEM_MAX_REGIONS) {
			st->start[st->nregions] = start;
			st->end[st->nregions++] = end;
		}
	}
	free(data);
}

int kd_crashmem_read(struct kd_crashmem *st, const char *root,
		     struct kd_error *e)
{
	char path[512];
	uint64_t loaded;

	memset(st, 0, sizeof *st);
	snprintf(path, sizeof path, "%s/proc/cmdline", root);
	if (kd_read_line(path, st->cmdline, sizeof st->cmdline))
		return kd_fail(e, errno, "cannot read %s: %s", path,
			       strerror(errno));
	if (kd_kparam_get(st->cmdline, "crashkernel", st->crashkernel,
			     sizeof st->crashkernel))
		st->crashkernel[0] = '\0';
	if (read_sys_u64(root, "kexec_crash_loaded", &loaded) == 0) {
		st->kexec_supported = 1;
		st->loaded = loaded != 0;
	}
	if (read_sys_u64(root, "kexec_crash_size", &st->size))
		st->size = 0;
	read_iomem(st, root);
	return 0;
}

int kd_crashmem_check(const struct kd_crashmem *st, struct kd_error *e)
{
	if (!st->kexec_supported)
		return kd_fail(e, ENOSYS, "this kernel cannot load a crash kernel "
			       "(/sys/kernel/kexec_crash_loaded is missing: "
			       "CONFIG_KEXEC/CONFIG_CRASH_DUMP not enabled)");
	if (st->size)
		return 0;
	if (!st->crashkernel[0])
		return kd_fail(e, ENOMEM, "no memory is reserved for the crash "
			       "kernel: add crashkernel=256M (or a range such as "
			       "crashkernel=1G-64G:256M,64G-:512M) to the kernel "
			       "command line and reboot");
	return kd_fail(e, ENOMEM, "no memory is reserved for the crash kernel "
		       "although the command line has crashkernel=%s: no range "
		       "matches this machine's RAM or the reservation failed "
		       "(see dmesg); adjust crashkernel= and reboot",
		       st->crashkernel);
}
