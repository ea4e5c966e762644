/* fuzz_input.c - a whole untrusted vmcore through kd_input: page tables,
 * the mem_section tree and struct pages come from the input, so every
 * walk and scan runs on hostile data.  The input is the vmcore itself,
 * held in a memory file; at most 64 Ki pfns are scanned. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>
#include "input.h"
#include "log.h"

#define MAX_PFNS (64 << 10)
#define WINDOW 4096

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	kd_log_set_level(KD_LOG_ERR);
	return 0;
}

static void scan(struct kd_input *in)
{
	static uint8_t bits[WINDOW / 8], page[KD_PAGE_SIZE];
	const struct kd_meta *m = kd_input_meta(in);
	uint64_t end = m->max_mapnr < MAX_PFNS ? m->max_mapnr : MAX_PFNS, s;
	struct kd_error e;
	int64_t n;

	for (s = 0; s < end; s += WINDOW) {
		uint64_t to = s + WINDOW < end ? s + WINDOW : end;

		kd_input_ram(in, s, to, bits);
		kd_input_dumpable(in, s, to, bits, 1, &e);
	}
	for (s = 0; s < 16 && s < end; s++)
		kd_input_read_page(in, s, page);
	if (kd_input_vmcoreinfo(in, "SYMBOL(mem_section)", &n) == 0)
		kd_input_read_virt(in, (uint64_t)n, page, 64);
	kd_input_read_virt(in, 0xffffea0000000000ULL, page, sizeof page);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_input *in;
	struct kd_error e;
	char path[64];
	int fd = memfd_create("vmcore", MFD_CLOEXEC);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
		for (int level = 31; level >= 0; level -= 31) {
			if (kd_input_open(&in, path, level, &e) == 0) {
				scan(in);
				kd_input_close(in);
			}
		}
	}
	close(fd);
	return 0;
}
