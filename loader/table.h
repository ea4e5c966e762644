/* table.h - lines of columns, aligned as `ls -l` aligns them: each column
 * as wide as its widest cell (in characters, UTF-8 counted as such), two
 * spaces between, nothing after a line's last non-empty cell. */
#ifndef KD_TABLE_H
#define KD_TABLE_H

#include <stdio.h>

struct kd_table {
	int cols, rows;
	char **cell;		/* rows * cols copies */
};

/* An empty table of cols columns. */
void kd_table_init(struct kd_table *t, int cols);
/* A line of t->cols cells, copied; 0, or -1 (out of memory). */
int kd_table_add(struct kd_table *t, const char *const *cells);
/* Every line to out; 0, or -1 when writing failed. */
int kd_table_print(const struct kd_table *t, FILE *out);
void kd_table_free(struct kd_table *t);

#endif
