/* collect.c - open the input, fit the dump to the target, pick the
 * writer and the sink, write, and say how whole the dump is. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>
#include "clock.h"
#include "collect.h"
#include "dmesg.h"
#include "fit.h"
#include "log.h"
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

const char *kd_degraded_reason(unsigned bit)
{
	switch (bit) {
	case KD_DEGRADED_READ_ERRORS: return "pages unreadable, zero-filled";
	case KD_DEGRADED_NO_VMCOREINFO: return "no usable VMCOREINFO";
	case KD_DEGRADED_UNFILTERED: return "pages not filtered, all kept";
	default: return NULL;
	}
}

/* `asked`: the dump level asked for, after fitting. */
static unsigned degraded(const struct kd_meta *m, const struct kd_stats *s,
			 int asked)
{
	unsigned d = 0;

	if (s->read_errors)
		d |= KD_DEGRADED_READ_ERRORS;
	if (!m->have_vmcoreinfo)
		d |= KD_DEGRADED_NO_VMCOREINFO;
	if (!m->filtered && (asked & ~KD_DL_ZERO))
		d |= KD_DEGRADED_UNFILTERED;
	return d;
}

/* The room to fit in (0 on a full disk: the smallest dump is written);
 * -1 when it cannot be known, said why. */
static int fit_room(const struct kd_collect_opts *o, int out_fd,
		    uint64_t *room)
{
	struct kd_error e;

	*room = o->fit_bytes;
	if (o->fit_bytes != KD_FIT_AUTO || kd_fit_room(out_fd, room, &e) == 0)
		return 0;
	kd_warn("cannot fit the dump to its target: %s", e.msg);
	return -1;
}

/* Choose f's level and codec for o->fit_bytes.  A failure to measure
 * loses no dump: it is written as configured (-1 only when the input
 * cannot be set back). */
static int fit_dump(struct kd_input *in, const struct kd_collect_opts *o,
		    int out_fd, struct kd_fit *f, struct kd_error *e)
{
	double start = kd_clock_seconds();
	struct kd_error fe;
	uint64_t room;

	if (fit_room(o, out_fd, &room))
		return 0;
	if (kd_fit(in, o, room, o->fit_bytes == KD_FIT_AUTO, f, &fe)) {
		kd_warn("cannot fit the dump to its target (%s): writing it at "
			"dump level %d", fe.msg, o->dump_level);
		memset(f, 0, sizeof *f);
		f->level = o->dump_level;
		f->codec = o->codec;
		return kd_input_set_level(in, o->dump_level, e);
	}
	kd_debug("fitting: %d step%s measured in %.2f s", f->steps,
		 f->steps == 1 ? "" : "s",
		 kd_clock_seconds() - start);
	if (*f->why)
		kd_warn("%s", f->why);
	else
		kd_info("the dump fits: %s%" PRIu64 " MiB of %" PRIu64 " MiB",
			f->exact ? "" : "about ", f->bytes >> 20, room >> 20);
	return 0;
}

static int write_dump(struct kd_input *in, const struct kd_collect_opts *o,
		      const struct kd_fit *f, struct kd_sink *sink,
		      struct kd_write_result *wr, struct kd_error *e)
{
	struct kd_progress progress;
	/* makedumpfile's cycle: 8 pfns per byte of the buffer */
	struct kd_write_opts wo = {
		.codec = f->codec, .codec_level = f->codec_level,
		.cycle_pfns = (size_t)o->cyclic_buffer * 1024 * 8,
		.progress = &progress, .threads = o->threads,
	};

	kd_progress_start(&progress, "Copying data", 0,
			  !!(o->message_level & KD_ML_PROGRESS));
	if (o->format == KD_FORMAT_ELF)
		return kd_write_elf(in, sink, &wo, wr, e);
	return kd_write_kdump(in, sink, &wo, wr, e);
}

static int open_sink(struct kd_sink *sink, const struct kd_collect_opts *o,
		     int out_fd, struct kd_error *e)
{
	if (!o->flat) {
		kd_sink_file(sink, out_fd);
		return 0;
	}
	if (kd_sink_flat(sink, out_fd))
		return kd_fail(e, sink->err, "cannot write the flattened "
			       "header: %s", strerror(sink->err));
	return 0;
}

/* What was written, and how whole it is; ret: the writing's. */
static void fill_result(struct kd_collect_result *r, struct kd_input *in,
			const struct kd_collect_opts *o, const struct kd_fit *f,
			struct kd_sink *sink, const struct kd_write_result *wr,
			int ret)
{
	const struct kd_meta *meta = kd_input_meta(in);

	/* cut short: an error after some of the dump went out */
	r->incomplete = ret != 0 && sink->err && sink->written > 0;
	r->bytes_written = sink->written;
	r->stats = *kd_input_stats(in);
	r->stats.zero += wr->zero;
	r->pages_written = wr->pages;
	r->dump_level = meta->dump_level;
	r->codec = f->codec;
	r->degraded = degraded(meta, &r->stats, f->level);
	snprintf(r->fit, sizeof r->fit, "%s", f->why);
	kd_sink_sha256(sink, r->sha256);
	if (o->message_level & KD_ML_REPORT)
		r->ram_pages = count_ram_pages(meta);
}

int kd_collect(const struct kd_collect_opts *o, int out_fd,
	       struct kd_collect_result *r, struct kd_error *e)
{
	struct kd_fit f = { .level = o->dump_level, .codec = o->codec };
	struct kd_write_result wr = { 0, 0 };
	const struct kd_meta *meta;
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
	if ((o->fit_bytes && fit_dump(in, o, out_fd, &f, e)) ||
	    open_sink(&sink, o, out_fd, e)) {
		kd_input_close(in);
		return -1;
	}
	ret = write_dump(in, o, &f, &sink, &wr, e);
	if (kd_sink_finish(&sink, ret ? NULL : e) && !ret)
		ret = -1;
	fill_result(r, in, o, &f, &sink, &wr, ret);
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
