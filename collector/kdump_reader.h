/* kdump_reader.h - read a kdump-compressed file as crash does, checking
 * every field against the file size before trusting it.
 *
 * Both bitmaps are kept in memory (2 bits per page of the dumped machine)
 * with a count of dumpable pages per 4096-pfn section, so finding a page's
 * descriptor costs one popcount over at most 512 bytes. */
#ifndef KD_KDUMP_READER_H
#define KD_KDUMP_READER_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"

enum kd_page_status {
	KD_PAGE_OK,
	KD_PAGE_NOT_IN_RAM,	/* 1st bitmap clear or beyond max_mapnr */
	KD_PAGE_EXCLUDED,	/* 2nd bitmap clear */
	KD_PAGE_INCOMPLETE,	/* descriptor offset 0: never written */
	KD_PAGE_ERROR,		/* unreadable or undecodable */
};

struct kd_kdump {
	int fd;
	uint64_t file_size;
	uint32_t status;		/* header status flags */
	uint32_t block_size;
	uint32_t header_version;
	int nr_cpus;
	char release[65];
	uint64_t max_mapnr;
	uint64_t phys_base;
	int dump_level;
	uint64_t desc_offset;		/* of the descriptor table */
	uint64_t notes_offset, notes_size;
	uint64_t vmcoreinfo_offset, vmcoreinfo_size;
	uint8_t *bitmap1, *bitmap2;
	uint64_t *rank;			/* dumpable pages before each section */
	uint64_t dumpable;
};

/* Open from a file descriptor (not closed by kd_kdump_close). */
int kd_kdump_open_fd(struct kd_kdump *k, int fd, struct kd_error *e);
void kd_kdump_close(struct kd_kdump *k);

/* Page pfn into page[block_size]. */
enum kd_page_status kd_kdump_read_page(struct kd_kdump *k, uint64_t pfn,
				       uint8_t *page);

#endif
