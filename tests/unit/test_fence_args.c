/* test_fence_args.c - fence_kdump_args, and the message's magic. */
#define UNIT_SUITE "fence_args"
#include <string.h>
#include <sys/socket.h>
#include "fence.h"
#include "unit.h"

static struct kd_error e;

TEST(fence_args)
{
	struct kd_fence_args a;

	CHECK_INT(kd_fence_parse_args(NULL, &a, &e), 0);
	CHECK_INT(a.port, 7410);
	CHECK_INT(a.interval, 10);
	CHECK_INT(a.count, 0);
	CHECK_INT(kd_fence_parse_args("-p 7411 -f ipv4 -c 3 -i 2 -v", &a, &e), 0);
	CHECK_INT(a.port, 7411);
	CHECK_INT(a.family, AF_INET);
	CHECK_INT(a.count, 3);
	CHECK_INT(a.interval, 2);
	CHECK_INT(a.verbose, 1);
	CHECK_INT(kd_fence_parse_args("-p 70000", &a, &e), -1);
	CHECK_INT(kd_fence_parse_args("-f ipx", &a, &e), -1);
	CHECK_INT(kd_fence_parse_args("-x 1", &a, &e), -1);
	CHECK_INT(kd_fence_parse_args("-i", &a, &e), -1);
	CHECK_INT(KD_FENCE_MAGIC, 0x1B302A40);
}

int main(void)
{
	RUN(fence_args);
	return unit_done();
}
