/* batch.c - parallel page compression with a fixed set of workers. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "batch.h"
#include "bitmap.h"
#include "input.h"

#define MAX_THREADS 16

struct worker {
	struct kd_batch *b;
	struct kd_codec *codec;
	int index;
	pthread_t thread;
};

struct kd_batch {
	struct kd_batch_page pages[KD_BATCH_PAGES];
	uint8_t *memory;
	int threads, test_zero, n, stop;
	struct worker workers[MAX_THREADS];
	pthread_mutex_t lock;
	pthread_cond_t go, finished;
	unsigned generation;		/* bumped for every batch */
	int busy;			/* workers still on this batch */
};

/* Worker w handles pages w, w + threads, w + 2 * threads, ... */
static void work(struct worker *w)
{
	struct kd_batch *b = w->b;
	int i;

	for (i = w->index; i < b->n; i += b->threads) {
		struct kd_batch_page *p = &b->pages[i];
		const uint8_t *page = p->page ? p->page : p->in;

		p->zero = b->test_zero && kd_is_zero(page, KD_PAGE_SIZE);
		if (p->zero)
			continue;
		if (w->codec) {
			p->flag = kd_codec_compress(w->codec, page, KD_PAGE_SIZE,
						    p->out, &p->len);
			p->data = p->out;
		} else {
			p->data = page;
			p->len = KD_PAGE_SIZE;
			p->flag = 0;
		}
	}
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct kd_batch *b = w->b;
	unsigned seen = 0;

	for (;;) {
		pthread_mutex_lock(&b->lock);
		while (!b->stop && b->generation == seen)
			pthread_cond_wait(&b->go, &b->lock);
		seen = b->generation;
		pthread_mutex_unlock(&b->lock);
		if (b->stop)
			return NULL;
		work(w);
		pthread_mutex_lock(&b->lock);
		if (--b->busy == 0)
			pthread_cond_signal(&b->finished);
		pthread_mutex_unlock(&b->lock);
	}
}

/* Start threads 1..threads-1; with fewer than asked, run with those. */
static void start_workers(struct kd_batch *b)
{
	int i;

	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->go, NULL);
	pthread_cond_init(&b->finished, NULL);
	for (i = 1; i < b->threads; i++)
		if (pthread_create(&b->workers[i].thread, NULL, worker_main,
				   &b->workers[i]))
			break;
	b->threads = i;
}

struct kd_batch *kd_batch_new(enum kd_codec_kind codec, int level, int threads,
			      int test_zero)
{
	struct kd_batch *b = calloc(1, sizeof *b);
	size_t per = KD_PAGE_SIZE + KD_CODEC_BOUND;
	int i;

	if (!b)
		return NULL;
	b->threads = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS : threads;
	b->test_zero = test_zero;
	b->memory = malloc(per * KD_BATCH_PAGES);
	if (!b->memory)
		goto fail;
	for (i = 0; i < KD_BATCH_PAGES; i++) {
		b->pages[i].in = b->memory + i * per;
		b->pages[i].out = b->pages[i].in + KD_PAGE_SIZE;
	}
	for (i = 0; i < b->threads; i++) {
		b->workers[i].b = b;
		b->workers[i].index = i;
		if (codec != KD_CODEC_NONE &&
		    !(b->workers[i].codec = kd_codec_new_level(codec, level)))
			goto fail;
	}
	start_workers(b);
	return b;
fail:
	for (i = 0; i < MAX_THREADS; i++)
		kd_codec_free(b->workers[i].codec);
	free(b->memory);
	free(b);
	return NULL;
}

void kd_batch_run(struct kd_batch *b, int n)
{
	b->n = n;
	if (b->threads > 1) {
		pthread_mutex_lock(&b->lock);
		b->busy = b->threads - 1;
		b->generation++;
		pthread_cond_broadcast(&b->go);
		pthread_mutex_unlock(&b->lock);
	}
	work(&b->workers[0]);
	if (b->threads > 1) {
		pthread_mutex_lock(&b->lock);
		while (b->busy)
			pthread_cond_wait(&b->finished, &b->lock);
		pthread_mutex_unlock(&b->lock);
	}
}

struct kd_batch_page *kd_batch_pages(struct kd_batch *b)
{
	return b->pages;
}

void kd_batch_free(struct kd_batch *b)
{
	int i;

	if (!b)
		return;
	pthread_mutex_lock(&b->lock);
	b->stop = 1;
	pthread_cond_broadcast(&b->go);
	pthread_mutex_unlock(&b->lock);
	for (i = 1; i < b->threads; i++)
		pthread_join(b->workers[i].thread, NULL);
	pthread_mutex_destroy(&b->lock);
	pthread_cond_destroy(&b->go);
	pthread_cond_destroy(&b->finished);
	for (i = 0; i < MAX_THREADS; i++)
		kd_codec_free(b->workers[i].codec);
	free(b->memory);
	free(b);
}
