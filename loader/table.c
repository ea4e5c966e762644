/* table.c - aligned columns (see table.h). */
#include <stdlib.h>
#include <string.h>
#include "table.h"

void kd_table_init(struct kd_table *t, int cols)
{
	t->cols = cols;
	t->rows = 0;
	t->cell = NULL;
}

int kd_table_add(struct kd_table *t, const char *const *cells)
{
	size_t base = (size_t)t->rows * (size_t)t->cols;
	char **bigger = realloc(t->cell, (base + (size_t)t->cols) * sizeof *bigger);
	int i;

	if (!bigger)
		return -1;
	t->cell = bigger;
	for (i = 0; i < t->cols; i++) {
		t->cell[base + (size_t)i] = strdup(cells[i]);
		if (!t->cell[base + (size_t)i]) {
			while (i-- > 0)
				free(t->cell[base + (size_t)i]);
			return -1;
		}
	}
	t->rows++;
	return 0;
}

/* Characters, not bytes: a UTF-8 continuation byte adds nothing. */
static size_t width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static int print_row(const struct kd_table *t, char **row,
		     const size_t *w, FILE *out)
{
	int last = t->cols - 1, i;

	while (last > 0 && !row[last][0])
		last--;
	for (i = 0; i <= last; i++)
		if (fprintf(out, "%s%s%*s", row[i], i < last ? "  " : "",
			    i < last ? (int)(w[i] - width(row[i])) : 0, "") < 0)
			return -1;
	return fputc('\n', out) == EOF ? -1 : 0;
}

int kd_table_print(const struct kd_table *t, FILE *out)
{
	size_t *w = calloc((size_t)t->cols + 1, sizeof *w);
	int r, c, ret = 0;

	if (!w)
		return -1;
	for (r = 0; r < t->rows; r++)
		for (c = 0; c < t->cols; c++) {
			size_t n = width(t->cell[(size_t)r * (size_t)t->cols + (size_t)c]);

			if (n > w[c])
				w[c] = n;
		}
	for (r = 0; !ret && r < t->rows; r++)
		ret = print_row(t, &t->cell[(size_t)r * (size_t)t->cols], w, out);
	free(w);
	return ret;
}

void kd_table_free(struct kd_table *t)
{
	size_t i, n = (size_t)t->rows * (size_t)t->cols;

	for (i = 0; i < n; i++)
		free(t->cell[i]);
	free(t->cell);
	t->cell = NULL;
	t->rows = 0;
}
