/* fuzz_kdump_reader.c - a kdump-compressed file from an untrusted source:
 * headers, bitmaps, descriptors and compressed pages. */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>
#include "kdump_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t page[4096];
	struct kd_kdump k;
	struct kd_error e;
	uint64_t pfn;
	int fd = memfd_create("kdump", 0);

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size &&
	    kd_kdump_open_fd(&k, fd, &e) == 0) {
		for (pfn = 0; pfn < k.max_mapnr && pfn < 4096; pfn++)
			kd_kdump_read_page(&k, pfn, page);
		kd_kdump_close(&k);
	}
	close(fd);
	return 0;
}
