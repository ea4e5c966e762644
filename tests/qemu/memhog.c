/* memhog - hold N MiB of anonymous memory with non-zero contents (and M
 * MiB touched with zeros), then sleep: the user pages of a test crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *touch(size_t mib, int value)
{
	size_t len = mib << 20, i;
	unsigned char *p = malloc(len);

	if (!p) {
		perror("memhog: malloc");
		exit(1);
	}
	for (i = 0; i < len; i += 4096) {
		memset(p + i, value, 4096);
		if (value)
			memcpy(p + i, &i, sizeof i);	/* pages differ */
	}
	return p;
}

int main(int argc, char **argv)
{
	size_t data = argc > 1 ? strtoul(argv[1], NULL, 10) : 64;
	size_t zero = argc > 2 ? strtoul(argv[2], NULL, 10) : 0;
	void *a = touch(data, 0x5a), *b = zero ? touch(zero, 0) : NULL;

	printf("KDTEST: memhog holds %zu MiB of data and %zu MiB of zeros\n",
	       data, zero);
	fflush(stdout);
	for (;;)
		pause();
	free(a);
	free(b);
	return 0;
}
