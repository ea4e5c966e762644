/* fence_args.c - fence_kdump_args (see fence_args.h). */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include "fence_args.h"
#include "number.h"

static int take_option(struct kd_fence_args *a, const char *opt,
		       const char *val, struct kd_error *e)
{
	if (!strcmp(opt, "-v")) {
		a->verbose = 1;
		return 0;
	}
	if (!val)
		return kd_fail(e, EINVAL, "fence_kdump_args: %s needs a value", opt);
	if (!strcmp(opt, "-p") && !kd_parse_int(val, 1, 65535, &a->port))
		return 0;
	if (!strcmp(opt, "-c") && !kd_parse_int(val, 0, 1 << 30, &a->count))
		return 0;
	if (!strcmp(opt, "-i") && !kd_parse_int(val, 1, 3600, &a->interval))
		return 0;
	if (!strcmp(opt, "-f")) {
		if (!strcmp(val, "auto"))
			a->family = AF_UNSPEC;
		else if (!strcmp(val, "ipv4"))
			a->family = AF_INET;
		else if (!strcmp(val, "ipv6"))
			a->family = AF_INET6;
		else
			return kd_fail(e, EINVAL, "fence_kdump_args: -f takes auto, "
				       "ipv4 or ipv6, not \"%s\"", val);
		return 0;
	}
	return kd_fail(e, EINVAL, "fence_kdump_args: bad option \"%s %s\"",
		       opt, val);
}

int kd_fence_parse_args(const char *args, struct kd_fence_args *out,
			struct kd_error *e)
{
	char buf[512], *save = NULL, *opt, *val;

	out->port = KD_FENCE_PORT;
	out->family = AF_UNSPEC;
	out->count = 0;
	out->interval = 10;
	out->verbose = 0;
	if (!args)
		return 0;
	if (strlen(args) >= sizeof buf)
		return kd_fail(e, EINVAL, "fence_kdump_args is too long");
	strcpy(buf, args);
	for (opt = strtok_r(buf, " \t", &save); opt;
	     opt = strtok_r(NULL, " \t", &save)) {
		val = strcmp(opt, "-v") ? strtok_r(NULL, " \t", &save) : NULL;
		if (take_option(out, opt, val, e))
			return -1;
	}
	return 0;
}
