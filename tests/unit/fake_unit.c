/* fake_unit.c - a unit test program that misbehaves on request, for
 * tests/unit/run_selftest.sh: FAKE_UNIT in the environment says how it
 * ends after two passing tests (two: musl writes the first line of a
 * fully buffered stdout at once, and buffers from the second on).
 *	segv	raises SIGSEGV
 *	exit3	returns 3 without a FAIL line
 *	fail	one more test fails (unit_done() returns 1)
 *	silent	prints nothing and returns 0
 *	(unset)	returns unit_done(): 0 */
#define UNIT_SUITE "fake"
#include <signal.h>
#include <stdlib.h>
#include "unit.h"

TEST(passes)
{
	CHECK(1);
}

TEST(passes_too)
{
	CHECK(1);
}

TEST(fails)
{
	CHECK(0);
}

int main(void)
{
	const char *mode = getenv("FAKE_UNIT");

	if (!mode)
		mode = "";
	if (!strcmp(mode, "silent"))
		return 0;
	RUN(passes);
	RUN(passes_too);
	if (!strcmp(mode, "segv"))
		raise(SIGSEGV);
	if (!strcmp(mode, "exit3"))
		return 3;
	if (!strcmp(mode, "fail"))
		RUN(fails);
	return unit_done();
}
