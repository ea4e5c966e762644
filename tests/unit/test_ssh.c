/* test_ssh.c - the remote shell quoting of the ssh target's paths. */
#define UNIT_SUITE "ssh"
#include <string.h>
#include "ssh.h"
#include "unit.h"

TEST(shell_quoting)
{
	char out[64];

	CHECK_INT(kd_sh_quote("/var/crash", out, sizeof out), 0);
	CHECK_STR(out, "'/var/crash'");
	CHECK_INT(kd_sh_quote("a'b $(x) `y`", out, sizeof out), 0);
	CHECK_STR(out, "'a'\\''b $(x) `y`'");
	CHECK_INT(kd_sh_quote("", out, sizeof out), 0);
	CHECK_STR(out, "''");
	CHECK_INT(kd_sh_quote("0123456789012345678901234567890123456789"
			      "0123456789012345678901234", out, sizeof out), -1);
}

int main(void)
{
	RUN(shell_quoting);
	return unit_done();
}
