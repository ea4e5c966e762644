/* test_kdump_conf.c - kdump.conf parsing and validation. */
#define UNIT_SUITE "kdump_conf"
#include "unit.h"
#include "kdump_conf.h"

static struct kd_diag diag;

static int parse(struct kdump_conf *c, const char *text)
{
	kd_diag_init(&diag, "kdump.conf");
	diag.quiet = 1;
	return kdump_conf_parse(c, text, strlen(text), &diag);
}

/* Parse, expect exactly this first error (or none when NULL). */
static void expect_error(const char *text, const char *first)
{
	struct kdump_conf c;
	int ret = parse(&c, text);

	if (first) {
		CHECK_INT(ret, -1);
		CHECK_STR(diag.first, first);
	} else {
		CHECK_INT(ret, 0);
		CHECK_STR(diag.first, "");
	}
	kdump_conf_free(&c);
}

static void expect_warning(const char *text, const char *first_warning)
{
	struct kdump_conf c;

	CHECK_INT(parse(&c, text), 0);
	CHECK_STR(diag.first_warning, first_warning);
	kdump_conf_free(&c);
}

TEST(defaults)
{
	struct kdump_conf c;

	CHECK_INT(parse(&c, ""), 0);
	CHECK_INT(c.target_kind, KD_TARGET_NONE);
	CHECK_STR(c.path, "/var/crash");
	CHECK_STR(kdump_conf_collector(&c), "makedumpfile -l --message-level 1 -d 31");
	CHECK_STR(c.sshkey, "/root/.ssh/kdump_id_rsa");
	CHECK_INT(c.disk_timeout, 180);
	CHECK_STR(kd_action_name(c.failure_action), "reboot");
	CHECK_STR(kd_action_name(c.final_action), "reboot");
	CHECK_INT(c.auto_reset_crashkernel, -1);
	kdump_conf_free(&c);
}

TEST(rhel_config)
{
	struct kdump_conf c;
	const char *text =
		"# kdump.conf from a CentOS 7 machine\n"
		"\n"
		"ext4 UUID=03138356-5e61-4ab3-b58e-27507ac41937\n"
		"path /var/crash   # trailing comment\n"
		"core_collector makedumpfile -l --message-level 1 -d 31\n"
		"kdump_post /var/crash/scripts/kdump-post.sh\n"
		"kdump_pre /usr/local/bin/pre\n"
		"extra_bins /bin/cp /usr/bin/lftp\n"
		"extra_bins /bin/sed\n"
		"extra_modules gfs2\n"
		"options bnx2x disable_tpa=1 num_queues=1\n"
		"blacklist nouveau\n"
		"blacklist amdgpu radeon\n"
		"disk_timeout 30\n"
		"link_delay 60\n"
		"failure_action shell\n"
		"final_action poweroff\n"
		"debug_mem_level 2\n"
		"force_rebuild 1\n"
		"fence_kdump_args -p 7410 -f auto -c 0 -i 10\n"
		"fence_kdump_nodes node1 node2\n"
		"dracut_args --omit-drivers \"nouveau\"\n"
		"auto_reset_crashkernel yes\n"
		"\t  sshkey   /root/.ssh/other  \n";

	CHECK_INT(parse(&c, text), 0);
	CHECK_INT(diag.warnings, 0);
	CHECK_INT(c.target_kind, KD_TARGET_FS);
	CHECK_STR(c.target_fstype, "ext4");
	CHECK_STR(c.target, "UUID=03138356-5e61-4ab3-b58e-27507ac41937");
	CHECK_INT(c.target_line, 3);
	CHECK_STR(c.path, "/var/crash");
	CHECK_STR(c.kdump_post, "/var/crash/scripts/kdump-post.sh");
	CHECK_INT(c.extra_bins.n, 3);
	CHECK_STR(c.extra_bins.v[2], "/bin/sed");
	CHECK_INT(c.extra_modules.n, 1);
	CHECK_INT(c.n_options, 1);
	CHECK_STR(c.options[0].module, "bnx2x");
	CHECK_STR(c.options[0].args, "disable_tpa=1 num_queues=1");
	CHECK_INT(c.blacklist.n, 3);
	CHECK_INT(c.disk_timeout, 30);
	CHECK_INT(c.link_delay, 60);
	CHECK_INT(c.failure_action, KD_ACTION_SHELL);
	CHECK_INT(c.final_action, KD_ACTION_POWEROFF);
	CHECK_INT(c.debug_mem_level, 2);
	CHECK_INT(c.force_rebuild, 1);
	CHECK_STR(c.fence_kdump_args, "-p 7410 -f auto -c 0 -i 10");
	CHECK_INT(c.fence_kdump_nodes.n, 2);
	CHECK_STR(c.dracut_args, "--omit-drivers \"nouveau\"");
	CHECK_INT(c.auto_reset_crashkernel, 1);
	CHECK_STR(c.sshkey, "/root/.ssh/other");
	kdump_conf_free(&c);
}

TEST(quotes)
{
	struct kdump_conf c;

	CHECK_INT(parse(&c, "core_collector \"makedumpfile -c -d 31\"\n"), 0);
	CHECK_STR(c.core_collector, "makedumpfile -c -d 31");
	kdump_conf_free(&c);
	CHECK_INT(parse(&c, "core_collector \"cp --sparse=always\" # cp\n"), 0);
	CHECK_STR(c.core_collector, "cp --sparse=always");
	kdump_conf_free(&c);
	/* a '#' inside a word or inside quotes is not a comment */
	CHECK_INT(parse(&c, "path /var/crash#1\nkdump_post \"/bin/a #b\"\n"), 0);
	CHECK_STR(c.path, "/var/crash#1");
	CHECK_STR(c.kdump_post, "/bin/a #b");
	kdump_conf_free(&c);
}

TEST(targets)
{
	struct kdump_conf c;

	CHECK_INT(parse(&c, "raw /dev/sdb1\n"), 0);
	CHECK_INT(c.target_kind, KD_TARGET_RAW);
	CHECK_STR(kdump_conf_collector(&c), "makedumpfile -F -l --message-level 1 -d 31");
	kdump_conf_free(&c);
	CHECK_INT(parse(&c, "ssh kdump@10.0.2.2\n"), 0);
	CHECK_INT(c.target_kind, KD_TARGET_SSH);
	CHECK_STR(kdump_conf_collector(&c), "makedumpfile -F -l --message-level 1 -d 31");
	kdump_conf_free(&c);
	CHECK_INT(parse(&c, "nfs [fd00::1]:/export/tmp\n"), 0);
	CHECK_INT(c.target_kind, KD_TARGET_NFS);
	CHECK_STR(c.target, "[fd00::1]:/export/tmp");
	kdump_conf_free(&c);
	CHECK_INT(parse(&c, "xfs LABEL=crash\n"), 0);
	CHECK_STR(c.target_fstype, "xfs");
	kdump_conf_free(&c);
	CHECK_INT(parse(&c, "virtiofs myfs\n"), 0);
	kdump_conf_free(&c);
	CHECK_INT(parse(&c, "btrfs PARTUUID=1234-01\n"), 0);
	kdump_conf_free(&c);
}

TEST(legacy_spellings_warn)
{
	struct kdump_conf c;

	expect_warning("net my.server.com:/export/tmp\n",
		       "kdump.conf:1: warning: \"net\" is deprecated: use \"nfs my.server.com:/export/tmp\"");
	expect_warning("net user@my.server.com\n",
		       "kdump.conf:1: warning: \"net\" is deprecated: use \"ssh user@my.server.com\"");
	expect_warning("nfs4 srv:/dumps\n",
		       "kdump.conf:1: warning: \"nfs4\" is deprecated: use \"nfs srv:/dumps\" (NFSv4 is the default)");
	expect_warning("default shell\n",
		       "kdump.conf:1: warning: \"default\" is deprecated: use \"failure_action shell\"");
	expect_warning("default mount_root_run_init\n",
		       "kdump.conf:1: warning: \"default mount_root_run_init\" is deprecated: use \"failure_action dump_to_rootfs\"");
	expect_warning("mount_root_run_init\n",
		       "kdump.conf:1: warning: \"mount_root_run_init\" is deprecated: use \"failure_action dump_to_rootfs\"");
	expect_warning("override_resettable 1\n",
		       "kdump.conf:1: warning: \"override_resettable\" has no effect and is ignored");
	CHECK_INT(parse(&c, "net user@host\ndefault halt\n"), 0);
	CHECK_INT(c.target_kind, KD_TARGET_SSH);
	CHECK_INT(c.failure_action, KD_ACTION_HALT);
	kdump_conf_free(&c);
	CHECK_INT(parse(&c, "mount_root_run_init\n"), 0);
	CHECK_INT(c.failure_action, KD_ACTION_DUMP_TO_ROOTFS);
	kdump_conf_free(&c);
}

TEST(errors)
{
	expect_error("foo bar\n", "kdump.conf:1: unknown directive \"foo\"");
	expect_error("path /a\n\npath /b\n", "kdump.conf:3: \"path\" given twice (first on line 1)");
	expect_error("ext4 /dev/sda1\nnfs a:/b\n", "kdump.conf:2: more than one dump target (the first is on line 1)");
	expect_error("raw /dev/sdb\nssh a@b\n", "kdump.conf:2: more than one dump target (the first is on line 1)");
	expect_error("path\n", "kdump.conf:1: \"path\" needs a value");
	expect_error("path \"\"\n", "kdump.conf:1: \"path\" needs a value");
	expect_error("disk_timeout abc\n", "kdump.conf:1: \"disk_timeout\" must be a whole number from 0 to 86400, not \"abc\"");
	expect_error("link_delay -1\n", "kdump.conf:1: \"link_delay\" must be a whole number from 0 to 86400, not \"-1\"");
	expect_error("debug_mem_level 4\n", "kdump.conf:1: \"debug_mem_level\" must be a whole number from 0 to 3, not \"4\"");
	expect_error("failure_action explode\n", "kdump.conf:1: \"explode\" is not a failure action (reboot, halt, poweroff, shell, dump_to_rootfs)");
	expect_error("final_action shell\n", "kdump.conf:1: \"shell\" is not a final action (reboot, halt, poweroff)");
	expect_error("force_rebuild 1\nforce_no_rebuild 1\n", "kdump.conf:2: force_rebuild and force_no_rebuild cannot both be 1 (the other is on line 1)");
	expect_error("force_rebuild yes\n", "kdump.conf:1: \"force_rebuild\" must be 0 or 1, not \"yes\"");
	expect_error("auto_reset_crashkernel 1\n", "kdump.conf:1: \"auto_reset_crashkernel\" must be yes or no, not \"1\"");
	expect_error("ssh myhost\n", "kdump.conf:1: ssh target \"myhost\" must be user@host");
	expect_error("nfs myhost\n", "kdump.conf:1: nfs target \"myhost\" must be host:/export");
	expect_error("ext4 sda1\n", "kdump.conf:1: ext4 target \"sda1\" must be a device path, LABEL=, UUID=, PARTUUID= or PARTLABEL=");
	expect_error("raw sdb\n", "kdump.conf:1: raw target \"sdb\" must be a device path such as /dev/sdb1");
	expect_error("default reboot\nfailure_action halt\n", "kdump.conf:2: the failure action (failure_action, default or mount_root_run_init) given twice (first on line 1)");
	expect_error("mount_root_run_init\nfailure_action shell\n", "kdump.conf:2: the failure action (failure_action, default or mount_root_run_init) given twice (first on line 1)");
	expect_error("options bnx2x\n", "kdump.conf:1: \"options\" needs a module name and its parameters");
	expect_error("options a x=1\noptions a y=2\n", "kdump.conf:2: options for module a given twice");
	expect_error("kdump_pre /a\nkdump_pre /b\n", "kdump.conf:2: \"kdump_pre\" given twice (first on line 1)");
	expect_error("core_collector a\0b\n", NULL);	/* text ends at the NUL */
	expect_error("ext4 /dev/sda1\n\nfoo\nbar 1\n", "kdump.conf:3: unknown directive \"foo\"");
}

TEST(all_errors_are_counted)
{
	struct kdump_conf c;

	CHECK_INT(parse(&c, "foo\nbar\npath /a\npath /b\n"), -1);
	CHECK_INT(diag.errors, 3);
	kdump_conf_free(&c);
}

TEST(long_and_binary_lines)
{
	struct kdump_conf c;
	static char text[6000];

	memset(text, 'a', 5000);
	memcpy(text, "path /", 6);
	text[5000] = '\n';
	kd_diag_init(&diag, "kdump.conf");
	diag.quiet = 1;
	CHECK_INT(kdump_conf_parse(&c, text, 5001, &diag), -1);
	CHECK_STR(diag.first, "kdump.conf:1: line longer than 4096 bytes");
	kdump_conf_free(&c);
	kd_diag_init(&diag, "kdump.conf");
	diag.quiet = 1;
	CHECK_INT(kdump_conf_parse(&c, "path /a\0b\n", 10, &diag), -1);
	CHECK_STR(diag.first, "kdump.conf:1: NUL byte in the line");
	kdump_conf_free(&c);
}

TEST(shipped_file_is_clean)
{
	struct kdump_conf c;

	kd_diag_init(&diag, "conf/kdump.conf");
	diag.quiet = 1;
	CHECK_INT(kdump_conf_load(&c, "conf/kdump.conf", &diag), 0);
	CHECK_INT(diag.errors, 0);
	CHECK_INT(diag.warnings, 0);
	CHECK_STR(c.path, "/var/crash");
	CHECK_STR(c.core_collector, "makedumpfile -l --message-level 1 -d 31");
	kdump_conf_free(&c);
}

TEST(missing_file)
{
	struct kdump_conf c;

	kd_diag_init(&diag, "/nonexistent/kdump.conf");
	diag.quiet = 1;
	CHECK_INT(kdump_conf_load(&c, "/nonexistent/kdump.conf", &diag), -1);
	CHECK_STR(diag.first, "/nonexistent/kdump.conf: cannot read: No such file or directory");
	kdump_conf_free(&c);
}

int main(void)
{
	RUN(defaults);
	RUN(rhel_config);
	RUN(quotes);
	RUN(targets);
	RUN(legacy_spellings_warn);
	RUN(errors);
	RUN(all_errors_are_counted);
	RUN(long_and_binary_lines);
	RUN(shipped_file_is_clean);
	RUN(missing_file);
	return unit_done();
}
