/* collect.c - open the input, pick the writer and the sink, write. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>
#include "collect.h"
#include "dmesg.h"
#include "progress.h"
#include "sink.h"
#include "writer.h"

/* "Original pages" as makedumpfile counts them: the pages of every
 * PT_LOAD, so memory that two segments map (the kernel text) counts twice
 * and the report compares line by line with makedumpfile's. */
static uint64_t count_ram_pages(const struct kd_meta *m)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < m->nloads; i++)
		n += ((m->loads[i].paddr + m->loads[i].memsz) >> KD_PAGE_SHIFT) -
		     (m->loads[i].paddr >> KD_PAGE_SHIFT);
	return n;
}

static int write_dump(struct kd_input *in, const struct kd_collect_opts *o,
		      struct kd_sink *sink, struct kd_write_result *wr,
		      struct kd_error *e)
{
	struct kd_progress progress;
	/* makedumpfile's cycle: 8 pfns per byte of the buffer */
	struct kd_write_opts wo = { o->codec, (size_t)o->cyclic_buffer * 1024 * 8,
				    &progress, o->threads };

	kd_progress_start(&progress, "Copying data", 0,
			  !!(o->message_level & KD_ML_PROGRESS));
	if (o->format == KD_FORMAT_ELF)
		return kd_write_elf(in, sink, &wo, wr, e);
	return kd_write_kdump(in, sink, &wo, wr, e);
}

int kd_collect(const struct kd_collect_opts *o, int out_fd,
	       struct kd_collect_result *r, struct kd_error *e)
{
	const struct kd_meta *meta;
	struct kd_write_result wr;
	struct kd_input *in;
	struct kd_sink sink;
	int ret;

	memset(r, 0, sizeof *r);
	if (o->format == KD_FORMAT_ELF && o->codec != KD_CODEC_NONE)
		return kd_fail(e, EINVAL, "ELF output (-E) cannot be compressed");
	if (kd_input_open(&in, o->vmcore, o->dump_level, e))
		return -1;
	meta = kd_input_meta(in);
	r->max_mapnr = meta->max_mapnr;
	r->filtered = meta->filtered;
	if (o->flat) {
		if (kd_sink_flat(&sink, out_fd)) {
			kd_input_close(in);
			return kd_fail(e, sink.err, "cannot write the flattened "
				       "header: %s", strerror(sink.err));
		}
	} else {
		kd_sink_file(&sink, out_fd);
	}
	ret = write_dump(in, o, &sink, &wr, e);
	if (kd_sink_finish(&sink, ret ? NULL : e) && !ret)
		ret = -1;
	r->incomplete = ret != 0;
	r->bytes_written = sink.written;
	r->stats = *kd_input_stats(in);
	r->stats.zero += wr.zero;
	if (o->message_level & KD_ML_REPORT)
		r->ram_pages = count_ram_pages(meta);
	kd_input_close(in);
	return ret;
}

int kd_collect_dmesg(const char *vmcore, int out_fd, struct kd_error *e)
{
	struct kd_input *in;
	int ret;

	if (kd_input_open(&in, vmcore, 0, e))
		return -1;
	ret = kd_dmesg_write(in, out_fd, e);
	kd_input_close(in);
	return ret;
}

static void row(FILE *out, const char *label, uint64_t n)
{
	fprintf(out, "%s: 0x%016" PRIx64 "\n", label, n);
}

void kd_collect_report(FILE *out, const struct kd_collect_result *r)
{
	const struct kd_stats *s = &r->stats;
	uint64_t excluded = s->zero + s->cache + s->cache_private + s->user +
			    s->free + s->hwpoison + s->offline;
	uint64_t remaining = r->ram_pages - excluded;

	fputc('\n', out);
	row(out, "Original pages  ", r->ram_pages);
	row(out, "  Excluded pages   ", excluded);
	row(out, "    Pages filled with zero  ", s->zero);
	row(out, "    Non-private cache pages ", s->cache);
	row(out, "    Private cache pages     ", s->cache_private);
	row(out, "    User process data pages ", s->user);
	row(out, "    Free pages              ", s->free);
	row(out, "    Hwpoison pages          ", s->hwpoison);
	row(out, "    Offline pages           ", s->offline);
	row(out, "  Remaining pages  ", remaining);
	if (r->ram_pages)
		fprintf(out, "  (The number of pages is reduced to %" PRIu64 "%%.)\n",
			remaining * 100 / r->ram_pages);
	row(out, "Memory Hole     ", r->max_mapnr - r->ram_pages);
	fputs("--------------------------------------------------\n", out);
	row(out, "Total pages     ", r->max_mapnr);
	row(out, "Write bytes     ", r->bytes_written);
	if (s->read_errors)
		fprintf(out, "Pages zero-filled after read errors: %" PRIu64 "\n",
			s->read_errors);
	fputc('\n', out);
}
