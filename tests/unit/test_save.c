/* test_save.c - which collector lines write the flattened format. */
#define UNIT_SUITE "save"
#include "unit.h"
#include "kdump_conf.h"
#include "save.h"

/* kd_collector_is_flat for a kdump.conf with this core_collector. */
static int flat(const char *collector)
{
	char text[256];
	struct kdump_conf c;
	struct kd_diag d;
	int ret;

	snprintf(text, sizeof text, "path /var/crash\ncore_collector %s\n",
		 collector);
	kd_diag_init(&d, "kdump.conf");
	d.quiet = 1;
	if (kdump_conf_parse(&c, text, strlen(text), &d))
		return -1;
	ret = kd_collector_is_flat(&c);
	kdump_conf_free(&c);
	return ret;
}

TEST(flattened_when_minus_F)
{
	CHECK_INT(flat("makedumpfile -F -l -d 31"), 1);
	CHECK_INT(flat("makedumpfile -lF --message-level 1 -d 31"), 1);
	CHECK_INT(flat("/usr/sbin/makedumpfile -c -F -d 31"), 1);
	CHECK_INT(flat("kdump-collect -F -E -d 31"), 1);
}

TEST(not_flattened)
{
	CHECK_INT(flat("makedumpfile -l -d 31"), 0);
	CHECK_INT(flat("cp --sparse=always"), 0);
	/* not the built-in collector: its options are not ours to read */
	CHECK_INT(flat("/usr/bin/mydumper -F"), 0);
}

int main(void)
{
	RUN(flattened_when_minus_F);
	RUN(not_flattened);
	return unit_done();
}
