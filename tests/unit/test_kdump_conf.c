/* test_kdump_conf.c - kdump.conf parsing, validation and printing.
 *
 * Run from the repository root: the shipped conf/kdump.conf and the seed
 * configurations in tests/fuzz/corpus/fuzz_kdump_conf/ (which double as
 * fuzzing seeds) are read from there. */
#define UNIT_SUITE "kdump_conf"
#include <stdlib.h>
#include "unit.h"
#include "kdump_conf.h"
#include "readfile.h"

#define CORPUS "tests/fuzz/corpus/fuzz_kdump_conf/"
#define SEED002 CORPUS "seed002-rhel6.conf"	/* seed 002, RHEL 6 */
#define SEED004 CORPUS "seed004-centos7.conf"	/* seed 004, CentOS 7 */
#define FLAT "makedumpfile -F -l --message-level 1 -d 31"
#define PLAIN "makedumpfile -l --message-level 1 -d 31"

static struct kd_diag diag;

static int parse_len(struct kdump_conf *c, const char *text, size_t len)
{
	kd_diag_init(&diag, "kdump.conf");
	diag.quiet = 1;
	return kdump_conf_parse(c, text, len, &diag);
}

static int parse(struct kdump_conf *c, const char *text)
{
	return parse_len(c, text, strlen(text));
}

/* kdump_conf_print into a new string */
static char *printed(const struct kdump_conf *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	kdump_conf_print(c, f);
	fclose(f);
	return buf;
}

/* Does the printed configuration have this line? */
static int prints_line(const struct kdump_conf *c, const char *line)
{
	char *out = printed(c), *want = malloc(strlen(line) + 3);
	int found;

	if (!out || !want) {
		free(out);
		free(want);
		return 0;
	}
	sprintf(want, "\n%s\n", line);
	found = strstr(out, want) != NULL || !strncmp(out, want + 1, strlen(want + 1));
	if (!found)
		printf("  no line \"%s\" in:\n%s", line, out);
	free(out);
	free(want);
	return found;
}

static char *slurp(const char *path)
{
	size_t len;
	char *text = kd_read_file(path, 1 << 20, &len);

	if (!text)
		printf("  cannot read %s (run from the repository root)\n", path);
	return text;
}

/* ---- errors: the exact first line and how many ---- */

struct bad {
	const char *text, *first;
	int errors, warnings;
};

static const struct bad bads[] = {
	{ "foo bar\n", "kdump.conf:1: unknown directive \"foo\"", 1, 0 },
	{ "Path /a\n", "kdump.conf:1: unknown directive \"Path\"", 1, 0 },
	{ "\"path\" /a\n", "kdump.conf:1: unknown directive \"\"path\"\"", 1, 0 },
	{ "foo\r\n", "kdump.conf:1: unknown directive \"foo\"", 1, 0 },
	{ "path /a\n\npath /b\n", "kdump.conf:3: \"path\" given twice (first on line 1)", 1, 0 },
	{ "ext4 /dev/sda1\nnfs a:/b\n", "kdump.conf:2: more than one dump target (the first is on line 1)", 1, 0 },
	{ "raw /dev/sdb\n#\nssh a@b\n", "kdump.conf:3: more than one dump target (the first is on line 1)", 1, 0 },
	{ "ssh u@h\nnet h:/x\n", "kdump.conf:2: more than one dump target (the first is on line 1)", 1, 0 },
	{ "nfs h:/x\nnfs4 h:/x\n", "kdump.conf:2: more than one dump target (the first is on line 1)", 1, 0 },
	{ "xfs /dev/sda1\nxfs /dev/sda1\n", "kdump.conf:2: more than one dump target (the first is on line 1)", 1, 0 },
	{ "path\n", "kdump.conf:1: \"path\" needs a value", 1, 0 },
	{ "path \"\"\n", "kdump.conf:1: \"path\" needs a value", 1, 0 },
	{ "path   # only a comment\n", "kdump.conf:1: \"path\" needs a value", 1, 0 },
	{ "raw\n", "kdump.conf:1: \"raw\" needs a value", 1, 0 },
	{ "ext4 \t\n", "kdump.conf:1: \"ext4\" needs a value", 1, 0 },
	{ "sshkey\n", "kdump.conf:1: \"sshkey\" needs a value", 1, 0 },
	{ "extra_bins\n", "kdump.conf:1: \"extra_bins\" needs a value", 1, 0 },
	{ "disk_timeout abc\n", "kdump.conf:1: \"disk_timeout\" must be a whole number from 0 to 86400, not \"abc\"", 1, 0 },
	{ "disk_timeout 86401\n", "kdump.conf:1: \"disk_timeout\" must be a whole number from 0 to 86400, not \"86401\"", 1, 0 },
	{ "dump_stall_timeout 4\n", "kdump.conf:1: \"dump_stall_timeout\" must be a whole number of seconds from 5 to 86400, not \"4\"", 1, 0 },
	{ "dump_stall_timeout x\n", "kdump.conf:1: \"dump_stall_timeout\" must be a whole number of seconds from 5 to 86400, not \"x\"", 1, 0 },
	{ "dump_timeout soon\n", "kdump.conf:1: \"dump_timeout\" must be auto or a whole number of seconds from 0 (none) to 864000, not \"soon\"", 1, 0 },
	{ "dump_timeout 864001\n", "kdump.conf:1: \"dump_timeout\" must be auto or a whole number of seconds from 0 (none) to 864000, not \"864001\"", 1, 0 },
	{ "fit_to_target maybe\n", "kdump.conf:1: \"fit_to_target\" must be yes or no, not \"maybe\"", 1, 0 },
	{ "dump_timeout 60\ndump_timeout auto\n", "kdump.conf:2: \"dump_timeout\" given twice (first on line 1)", 1, 0 },
	{ "disk_timeout 99999999999999999999\n", "kdump.conf:1: \"disk_timeout\" must be a whole number from 0 to 86400, not \"99999999999999999999\"", 1, 0 },
	{ "link_delay -1\n", "kdump.conf:1: \"link_delay\" must be a whole number from 0 to 86400, not \"-1\"", 1, 0 },
	{ "link_delay +5\n", "kdump.conf:1: \"link_delay\" must be a whole number from 0 to 86400, not \"+5\"", 1, 0 },
	{ "link_delay 1.5\n", "kdump.conf:1: \"link_delay\" must be a whole number from 0 to 86400, not \"1.5\"", 1, 0 },
	{ "link_delay 5 s\n", "kdump.conf:1: \"link_delay\" must be a whole number from 0 to 86400, not \"5 s\"", 1, 0 },
	{ "debug_mem_level 4\n", "kdump.conf:1: \"debug_mem_level\" must be a whole number from 0 to 3, not \"4\"", 1, 0 },
	{ "link_delay 5\nlink_delay 6\n", "kdump.conf:2: \"link_delay\" given twice (first on line 1)", 1, 0 },
	{ "failure_action explode\n", "kdump.conf:1: \"explode\" is not a failure action (reboot, halt, poweroff, shell, dump_to_rootfs)", 1, 0 },
	{ "failure_action mount_root_run_init\n", "kdump.conf:1: \"mount_root_run_init\" is not a failure action (reboot, halt, poweroff, shell, dump_to_rootfs)", 1, 0 },
	{ "failure_action Reboot\n", "kdump.conf:1: \"Reboot\" is not a failure action (reboot, halt, poweroff, shell, dump_to_rootfs)", 1, 0 },
	{ "default explode\n", "kdump.conf:1: \"explode\" is not a failure action (reboot, halt, poweroff, shell, dump_to_rootfs)", 1, 0 },
	{ "final_action shell\n", "kdump.conf:1: \"shell\" is not a final action (reboot, halt, poweroff)", 1, 0 },
	{ "final_action dump_to_rootfs\n", "kdump.conf:1: \"dump_to_rootfs\" is not a final action (reboot, halt, poweroff)", 1, 0 },
	{ "final_action halt\nfinal_action halt\n", "kdump.conf:2: \"final_action\" given twice (first on line 1)", 1, 0 },
	{ "force_rebuild 1\nforce_no_rebuild 1\n", "kdump.conf:2: force_rebuild and force_no_rebuild cannot both be 1 (the other is on line 1)", 1, 0 },
	{ "force_no_rebuild 1\n\nforce_rebuild 1\n", "kdump.conf:3: force_rebuild and force_no_rebuild cannot both be 1 (the other is on line 1)", 1, 0 },
	{ "force_rebuild yes\n", "kdump.conf:1: \"force_rebuild\" must be 0 or 1, not \"yes\"", 1, 0 },
	{ "force_no_rebuild 2\n", "kdump.conf:1: \"force_no_rebuild\" must be 0 or 1, not \"2\"", 1, 0 },
	{ "force_rebuild 0\nforce_rebuild 1\n", "kdump.conf:2: \"force_rebuild\" given twice (first on line 1)", 1, 0 },
	{ "override_resettable 2\n", "kdump.conf:1: \"override_resettable\" must be 0 or 1, not \"2\"", 1, 0 },
	{ "auto_reset_crashkernel 1\n", "kdump.conf:1: \"auto_reset_crashkernel\" must be yes or no, not \"1\"", 1, 0 },
	{ "auto_reset_crashkernel Yes\n", "kdump.conf:1: \"auto_reset_crashkernel\" must be yes or no, not \"Yes\"", 1, 0 },
	{ "ssh myhost\n", "kdump.conf:1: ssh target \"myhost\" must be user@host", 1, 0 },
	{ "ssh @host\n", "kdump.conf:1: ssh target \"@host\" must be user@host", 1, 0 },
	{ "ssh user@\n", "kdump.conf:1: ssh target \"user@\" must be user@host", 1, 0 },
	{ "ssh a@b@c\n", "kdump.conf:1: ssh target \"a@b@c\" must be user@host", 1, 0 },
	{ "ssh user@host:/var/crash\n", "kdump.conf:1: ssh target \"user@host:/var/crash\" must be user@host", 1, 0 },
	{ "ssh \"user@a b\"\n", "kdump.conf:1: ssh target \"user@a b\" must be user@host", 1, 0 },
	{ "nfs myhost\n", "kdump.conf:1: nfs target \"myhost\" must be host:/export (an IPv6 server as [addr]:/export)", 1, 0 },
	{ "nfs :/export\n", "kdump.conf:1: nfs target \":/export\" must be host:/export (an IPv6 server as [addr]:/export)", 1, 0 },
	{ "nfs host:export\n", "kdump.conf:1: nfs target \"host:export\" must be host:/export (an IPv6 server as [addr]:/export)", 1, 0 },
	{ "\x1b[2Jpath /x\n", "kdump.conf:1: unknown directive \"\\x1b[2Jpath\"", 1, 0 },
	{ "path /x\r\nkdump_pre\x07 /y\n", "kdump.conf:2: unknown directive \"kdump_pre\\x07\"", 1, 0 },
	{ "nfs fd00::1:/export\n", "kdump.conf:1: nfs target \"fd00::1:/export\" must be host:/export (an IPv6 server as [addr]:/export)", 1, 0 },
	{ "nfs [fd00::1:/export\n", "kdump.conf:1: nfs target \"[fd00::1:/export\" must be host:/export (an IPv6 server as [addr]:/export)", 1, 0 },
	{ "nfs [myhost]:/export\n", "kdump.conf:1: nfs target \"[myhost]:/export\" must be host:/export (an IPv6 server as [addr]:/export)", 1, 0 },
	{ "ssh user@[fd00::1\n", "kdump.conf:1: ssh target \"user@[fd00::1\" must be user@host", 1, 0 },
	{ "nfs4 host\n", "kdump.conf:1: nfs4 target \"host\" must be host:/export (an IPv6 server as [addr]:/export)", 1, 0 },
	{ "net host\n", "kdump.conf:1: net target \"host\" must be host:/export (NFS) or user@host (ssh)", 1, 0 },
	{ "ext4 sda1\n", "kdump.conf:1: ext4 target \"sda1\" must be a device path, LABEL=, UUID=, PARTUUID= or PARTLABEL=", 1, 0 },
	{ "xfs LABEL=\n", "kdump.conf:1: xfs target \"LABEL=\" must be a device path, LABEL=, UUID=, PARTUUID= or PARTLABEL=", 1, 0 },
	{ "btrfs PARTLABEL=\n", "kdump.conf:1: btrfs target \"PARTLABEL=\" must be a device path, LABEL=, UUID=, PARTUUID= or PARTLABEL=", 1, 0 },
	{ "ext4 SERIAL=x\n", "kdump.conf:1: ext4 target \"SERIAL=x\" must be a device path, LABEL=, UUID=, PARTUUID= or PARTLABEL=", 1, 0 },
	{ "ext4 /dev/sda1 /dev/sdb1\n", "kdump.conf:1: ext4 target \"/dev/sda1 /dev/sdb1\" must be a device path, LABEL=, UUID=, PARTUUID= or PARTLABEL=", 1, 0 },
	{ "ext3 /\n", "kdump.conf:1: ext3 target \"/\" must be a device path, LABEL=, UUID=, PARTUUID= or PARTLABEL=", 1, 0 },
	{ "raw sdb\n", "kdump.conf:1: raw target \"sdb\" must be a device path such as /dev/sdb1, PARTUUID=, PARTLABEL= or SERIAL=", 1, 0 },
	{ "raw UUID=abcd\n", "kdump.conf:1: raw target \"UUID=abcd\" must be a device path such as /dev/sdb1, PARTUUID=, PARTLABEL= or SERIAL=", 1, 0 },
	{ "virtiofs \"a b\"\n", "kdump.conf:1: virtiofs target \"a b\" must be one virtiofs tag", 1, 0 },
	{ "default reboot\nfailure_action halt\n", "kdump.conf:2: \"failure_action\" and \"default\" on line 1 both set the failure action", 1, 1 },
	{ "failure_action halt\ndefault reboot\n", "kdump.conf:2: \"default\" and \"failure_action\" on line 1 both set the failure action", 1, 0 },
	{ "mount_root_run_init\nfailure_action shell\n", "kdump.conf:2: \"failure_action\" and \"mount_root_run_init\" on line 1 both set the failure action", 1, 1 },
	{ "failure_action shell\nmount_root_run_init\n", "kdump.conf:2: \"mount_root_run_init\" and \"failure_action\" on line 1 both set the failure action", 1, 0 },
	{ "failure_action shell\nfailure_action halt\n", "kdump.conf:2: \"failure_action\" given twice (first on line 1)", 1, 0 },
	{ "default shell\ndefault halt\n", "kdump.conf:2: \"default\" given twice (first on line 1)", 1, 1 },
	{ "mount_root_run_init yes\n", "kdump.conf:1: \"mount_root_run_init\" takes no value", 1, 0 },
	{ "options bnx2x\n", "kdump.conf:1: \"options\" needs a module name and its parameters", 1, 0 },
	{ "options a x=1\noptions a y=2\n", "kdump.conf:2: \"options\" for module a given twice (first on line 1)", 1, 0 },
	{ "options a-b x=1\n\noptions a_b y=2\n", "kdump.conf:3: \"options\" for module a_b given twice (first on line 1)", 1, 0 },
	{ "kdump_pre /a\nkdump_pre /b\n", "kdump.conf:2: \"kdump_pre\" given twice (first on line 1)", 1, 0 },
	{ "kdump_post /a\nkdump_post /a\n", "kdump.conf:2: \"kdump_post\" given twice (first on line 1)", 1, 0 },
	{ "kdump_emergency /a\nkdump_emergency /b\n", "kdump.conf:2: \"kdump_emergency\" given twice (first on line 1)", 1, 0 },
	{ "core_collector cp\ncore_collector scp\n", "kdump.conf:2: \"core_collector\" given twice (first on line 1)", 1, 0 },
	{ "sshkey /a\nsshkey /b\n", "kdump.conf:2: \"sshkey\" given twice (first on line 1)", 1, 0 },
	{ "dracut_args -a\ndracut_args -b\n", "kdump.conf:2: \"dracut_args\" given twice (first on line 1)", 1, 0 },
	{ "fence_kdump_args -p 1\nfence_kdump_args -p 2\n", "kdump.conf:2: \"fence_kdump_args\" given twice (first on line 1)", 1, 0 },
	{ "fence_kdump_nodes a\nfence_kdump_nodes b\n", "kdump.conf:2: \"fence_kdump_nodes\" given twice (first on line 1)", 1, 0 },
	{ "auto_reset_crashkernel yes\nauto_reset_crashkernel no\n", "kdump.conf:2: \"auto_reset_crashkernel\" given twice (first on line 1)", 1, 1 },
	{ "override_resettable 1\noverride_resettable 1\n", "kdump.conf:2: \"override_resettable\" given twice (first on line 1)", 1, 1 },
	/* parsing goes on: every error is counted, the first is kept */
	{ "ext4 /dev/sda1\n\nfoo\nbar 1\n", "kdump.conf:3: unknown directive \"foo\"", 2, 0 },
	{ "foo\nbar\npath /a\npath /b\n", "kdump.conf:1: unknown directive \"foo\"", 3, 0 },
	{ "link_delay x\nlink_delay y\n", "kdump.conf:1: \"link_delay\" must be a whole number from 0 to 86400, not \"x\"", 2, 0 },
};

TEST(errors)
{
	size_t i;

	for (i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		struct kdump_conf c;

		CHECK_INT(parse(&c, bads[i].text), -1);
		CHECK_STR(diag.first, bads[i].first);
		CHECK_INT(diag.errors, bads[i].errors);
		CHECK_INT(diag.warnings, bads[i].warnings);
		kdump_conf_free(&c);
	}
}

/* ---- legacy spellings: accepted with one warning ---- */

struct legacy {
	const char *text, *warning;
	enum kd_target_kind kind;
	const char *target;
	enum kd_action failure;
};

static const struct legacy legacies[] = {
	{ "net my.server.com:/export/tmp\n",
	  "kdump.conf:1: warning: \"net\" is deprecated: use \"nfs my.server.com:/export/tmp\"",
	  KD_TARGET_NFS, "my.server.com:/export/tmp", KD_ACTION_UNSET },
	{ "net user@my.server.com\n",
	  "kdump.conf:1: warning: \"net\" is deprecated: use \"ssh user@my.server.com\"",
	  KD_TARGET_SSH, "user@my.server.com", KD_ACTION_UNSET },
	{ "nfs4 srv:/dumps\n",
	  "kdump.conf:1: warning: \"nfs4\" is deprecated: use \"nfs srv:/dumps\" (NFSv4 is the default)",
	  KD_TARGET_NFS, "srv:/dumps", KD_ACTION_UNSET },
	{ "default shell\n",
	  "kdump.conf:1: warning: \"default\" is deprecated: use \"failure_action shell\"",
	  KD_TARGET_NONE, NULL, KD_ACTION_SHELL },
	{ "default dump_to_rootfs\n",
	  "kdump.conf:1: warning: \"default\" is deprecated: use \"failure_action dump_to_rootfs\"",
	  KD_TARGET_NONE, NULL, KD_ACTION_DUMP_TO_ROOTFS },
	{ "default mount_root_run_init\n",
	  "kdump.conf:1: warning: \"default mount_root_run_init\" is deprecated: use \"failure_action dump_to_rootfs\"",
	  KD_TARGET_NONE, NULL, KD_ACTION_DUMP_TO_ROOTFS },
	{ "mount_root_run_init\n",
	  "kdump.conf:1: warning: \"mount_root_run_init\" is deprecated: use \"failure_action dump_to_rootfs\"",
	  KD_TARGET_NONE, NULL, KD_ACTION_DUMP_TO_ROOTFS },
	{ "override_resettable 1\n",
	  "kdump.conf:1: warning: \"override_resettable\" has no effect and is ignored",
	  KD_TARGET_NONE, NULL, KD_ACTION_UNSET },
	{ "override_resettable 0\n",
	  "kdump.conf:1: warning: \"override_resettable\" has no effect and is ignored",
	  KD_TARGET_NONE, NULL, KD_ACTION_UNSET },
	{ "auto_reset_crashkernel yes\n",
	  "kdump.conf:1: warning: \"auto_reset_crashkernel\" has no effect: run \"kdumpctl reset-crashkernel\" to set the default crashkernel=",
	  KD_TARGET_NONE, NULL, KD_ACTION_UNSET },
	{ "path /x\n\n  net a:/b   # old\n",
	  "kdump.conf:3: warning: \"net\" is deprecated: use \"nfs a:/b\"",
	  KD_TARGET_NFS, "a:/b", KD_ACTION_UNSET },
};

TEST(legacy_spellings_warn)
{
	size_t i;

	for (i = 0; i < sizeof legacies / sizeof legacies[0]; i++) {
		const struct legacy *l = &legacies[i];
		struct kdump_conf c;

		CHECK_INT(parse(&c, l->text), 0);
		CHECK_INT(diag.errors, 0);
		CHECK_INT(diag.warnings, 1);
		CHECK_STR(diag.first_warning, l->warning);
		CHECK_INT(c.target_kind, l->kind);
		if (l->target)
			CHECK_STR(c.target, l->target);
		CHECK_INT(c.failure_action, l->failure);
		kdump_conf_free(&c);
	}
}

TEST(legacy_details)
{
	struct kdump_conf c;

	CHECK_INT(parse(&c, "nfs4 srv:/dumps\n"), 0);
	CHECK_STR(c.target_fstype, "nfs");
	CHECK_INT(c.nfs_version, 4);
	CHECK(prints_line(&c, "nfs srv:/dumps"));
	kdump_conf_free(&c);
	CHECK_INT(parse(&c, "nfs srv:/dumps\n"), 0);
	CHECK_INT(c.nfs_version, 0);
	kdump_conf_free(&c);
	/* options, blacklist and the timing directives are not legacy */
	CHECK_INT(parse(&c, "options a b=1\nblacklist x\nlink_delay 1\n"
			"disk_timeout 2\ndebug_mem_level 1\n"), 0);
	CHECK_INT(diag.warnings, 0);
	kdump_conf_free(&c);
	/* an invalid legacy line is an error, not also a warning */
	CHECK_INT(parse(&c, "net host\n"), -1);
	CHECK_INT(diag.warnings, 0);
	kdump_conf_free(&c);
	CHECK_INT(parse(&c, "net u@h\ndefault halt\n"), 0);
	CHECK_INT(diag.warnings, 2);
	CHECK_INT(c.override_resettable, 0);
	kdump_conf_free(&c);
	CHECK_INT(parse(&c, "override_resettable 1\n"), 0);
	CHECK_INT(c.override_resettable, 1);
	kdump_conf_free(&c);
}

/* ---- targets ---- */

struct target {
	const char *text;
	enum kd_target_kind kind;
	const char *fstype, *where, *collector;
};

static const struct target targets[] = {
	{ "", KD_TARGET_NONE, NULL, NULL, PLAIN },
	{ "raw /dev/sdb1\n", KD_TARGET_RAW, "raw", "/dev/sdb1", FLAT },
	{ "raw /dev/vg/lv_kdump\n", KD_TARGET_RAW, "raw", "/dev/vg/lv_kdump", FLAT },
	{ "raw PARTUUID=1234-05\n", KD_TARGET_RAW, "raw", "PARTUUID=1234-05", FLAT },
	{ "ssh kdump@10.0.2.2\n", KD_TARGET_SSH, "ssh", "kdump@10.0.2.2", FLAT },
	{ "ssh kdump@fd00::2\n", KD_TARGET_SSH, "ssh", "kdump@fd00::2", FLAT },
	{ "ssh kdump@[fd00::2]\n", KD_TARGET_SSH, "ssh", "kdump@[fd00::2]", FLAT },
	{ "nfs nfs-server.example.com:/dump\n", KD_TARGET_NFS, "nfs", "nfs-server.example.com:/dump", PLAIN },
	{ "nfs [fd00::1]:/export/tmp\n", KD_TARGET_NFS, "nfs", "[fd00::1]:/export/tmp", PLAIN },
	{ "ext2 LABEL=crash\n", KD_TARGET_FS, "ext2", "LABEL=crash", PLAIN },
	{ "ext3 /dev/sda1\n", KD_TARGET_FS, "ext3", "/dev/sda1", PLAIN },
	{ "ext4 UUID=03138356-5e61-4ab3-b58e-27507ac41937\n", KD_TARGET_FS, "ext4",
	  "UUID=03138356-5e61-4ab3-b58e-27507ac41937", PLAIN },
	{ "ext4 LABEL=/boot\n", KD_TARGET_FS, "ext4", "LABEL=/boot", PLAIN },
	{ "xfs /dev/mapper/vg-crash\n", KD_TARGET_FS, "xfs", "/dev/mapper/vg-crash", PLAIN },
	{ "btrfs PARTUUID=1234-01\n", KD_TARGET_FS, "btrfs", "PARTUUID=1234-01", PLAIN },
	{ "btrfs PARTLABEL=dumpfs\n", KD_TARGET_FS, "btrfs", "PARTLABEL=dumpfs", PLAIN },
	{ "raw PARTLABEL=kdump\n", KD_TARGET_RAW, "raw", "PARTLABEL=kdump", FLAT },
	{ "raw SERIAL=QM00001\n", KD_TARGET_RAW, "raw", "SERIAL=QM00001", FLAT },
	{ "vfat UUID=ABCD-1234\n", KD_TARGET_FS, "vfat", "UUID=ABCD-1234", PLAIN },
	{ "msdos /dev/sdd1\n", KD_TARGET_FS, "msdos", "/dev/sdd1", PLAIN },
	{ "minix /dev/sdc1\n", KD_TARGET_FS, "minix", "/dev/sdc1", PLAIN },
	{ "virtiofs myfs\n", KD_TARGET_FS, "virtiofs", "myfs", PLAIN },
	{ "ext4 \"/dev/sda1\"\n", KD_TARGET_FS, "ext4", "/dev/sda1", PLAIN },
	{ "raw /dev/sdb1\ncore_collector cat\n", KD_TARGET_RAW, "raw", "/dev/sdb1", "cat" },
	{ "ssh a@b\ncore_collector scp\n", KD_TARGET_SSH, "ssh", "a@b", "scp" },
	{ "core_collector \"cp --sparse=always\"\n", KD_TARGET_NONE, NULL, NULL, "cp --sparse=always" },
};

TEST(targets_and_collectors)
{
	size_t i;

	for (i = 0; i < sizeof targets / sizeof targets[0]; i++) {
		const struct target *t = &targets[i];
		struct kdump_conf c;

		CHECK_INT(parse(&c, t->text), 0);
		CHECK_INT(diag.warnings, 0);
		CHECK_INT(c.target_kind, t->kind);
		if (t->fstype) {
			CHECK_STR(c.target_fstype, t->fstype);
			CHECK_STR(c.target, t->where);
			CHECK_INT(c.target_line, 1);
		} else {
			CHECK(c.target == NULL);
			CHECK_INT(c.target_line, 0);
		}
		CHECK_STR(kdump_conf_collector(&c), t->collector);
		kdump_conf_free(&c);
	}
}

/* ---- values: each directive, seen through kdump_conf_print ---- */

struct value {
	const char *text, *line;	/* the line the output must have */
};

static const struct value values[] = {
	{ "link_delay 60\n", "link_delay 60" },
	{ "disk_timeout 0\n", "disk_timeout 0" },
	{ "dump_stall_timeout 5\n", "dump_stall_timeout 5" },
	{ "dump_timeout 0\n", "dump_timeout 0" },
	{ "dump_timeout 3600\n", "dump_timeout 3600" },
	{ "dump_timeout auto\n", "dump_timeout auto" },
	{ "fit_to_target no\n", "fit_to_target no" },
	{ "disk_timeout 86400\n", "disk_timeout 86400" },
	{ "disk_timeout 007\n", "disk_timeout 7" },
	{ "debug_mem_level 3\n", "debug_mem_level 3" },
	{ "failure_action dump_to_rootfs\n", "failure_action dump_to_rootfs" },
	{ "failure_action poweroff\n", "failure_action poweroff" },
	{ "final_action halt\n", "final_action halt" },
	{ "final_action poweroff\n", "final_action poweroff" },
	{ "force_rebuild 1\n", "force_rebuild 1" },
	{ "force_no_rebuild 1\n", "force_no_rebuild 1" },
	{ "force_rebuild 0\nforce_no_rebuild 1\n", "force_no_rebuild 1" },
	{ "extra_bins /bin/a /bin/b\nextra_bins /bin/c\n", "extra_bins /bin/a /bin/b /bin/c" },
	{ "extra_modules gfs2\nextra_modules \t dm_mod\n", "extra_modules gfs2 dm_mod" },
	{ "blacklist nouveau\nblacklist amdgpu  radeon\n", "blacklist nouveau amdgpu radeon" },
	{ "options bnx2x   disable_tpa=1  num_queues=1\n", "options bnx2x disable_tpa=1  num_queues=1" },
	{ "options a x=1\noptions b y=2\n", "options b y=2" },
	{ "core_collector \"makedumpfile -c -d 31\"\n", "core_collector makedumpfile -c -d 31" },
	{ "core_collector \"cp --sparse=always\" # cp\n", "core_collector cp --sparse=always" },
	{ "kdump_post \"/bin/a #b\"\n", "kdump_post \"/bin/a #b\"" },
	{ "kdump_pre /bin/pre#1\n", "kdump_pre /bin/pre#1" },
	{ "kdump_emergency /usr/bin/e\n", "kdump_emergency /usr/bin/e" },
	{ "path /var/crash#1\n", "path /var/crash#1" },
	{ "path \"/var/crash\"\n", "path /var/crash" },
	{ "path \"/a\"b\"\n", "path \"/a\"b\"" },
	{ "path /x\r\n", "path /x" },
	{ "   # indented comment\n\n\t\npath /x", "path /x" },
	{ "#path /commented\n", "path /var/crash" },
	{ "dracut_args --omit-drivers \"cfg80211 snd\" --add-drivers \"ext2 ext3\"\n",
	  "dracut_args --omit-drivers \"cfg80211 snd\" --add-drivers \"ext2 ext3\"" },
	{ "fence_kdump_args -p 7410 -f auto -c 0 -i 10\n", "fence_kdump_args -p 7410 -f auto -c 0 -i 10" },
	{ "fence_kdump_nodes node1   node2\n", "fence_kdump_nodes node1 node2" },
	{ "\t  sshkey\t/root/.ssh/other  \n", "sshkey /root/.ssh/other" },
	{ "virtiofs \"#tag\"\n", "virtiofs \"#tag\"" },
	{ "extra_bins \"/bin/a #b\"\n", "extra_bins \"/bin/a #b\"" },
};

TEST(directive_values)
{
	size_t i;

	for (i = 0; i < sizeof values / sizeof values[0]; i++) {
		struct kdump_conf c;

		CHECK_INT(parse(&c, values[i].text), 0);
		CHECK_STR(diag.first, "");
		CHECK_INT(diag.warnings, 0);
		CHECK(prints_line(&c, values[i].line));
		kdump_conf_free(&c);
	}
}

TEST(defaults_printed)
{
	struct kdump_conf c;
	char *out;

	CHECK_INT(parse(&c, ""), 0);
	CHECK_INT(c.target_kind, KD_TARGET_NONE);
	CHECK_STR(c.path, "/var/crash");
	CHECK(c.core_collector == NULL);
	CHECK_STR(c.sshkey, "/root/.ssh/kdump_id_rsa");
	CHECK_INT(c.disk_timeout, 180);
	CHECK_INT(c.link_delay, 0);
	CHECK_INT(c.failure_action, KD_ACTION_UNSET);
	CHECK_INT(c.auto_reset_crashkernel, -1);
	out = printed(&c);
	CHECK_STR(out,
		  "# no dump target: the dump goes to path on the filesystem that holds it\n"
		  "path /var/crash\n"
		  "core_collector makedumpfile -l --message-level 1 -d 31\n"
		  "sshkey /root/.ssh/kdump_id_rsa\n"
		  "failure_action reboot\n"
		  "final_action reboot\n"
		  "disk_timeout 180\n"
		  "link_delay 0\n"
		  "dump_stall_timeout 120\n"
		  "dump_timeout auto\n"
		  "fit_to_target yes\n"
		  "debug_mem_level 0\n"
		  "force_rebuild 0\n"
		  "force_no_rebuild 0\n");
	free(out);
	kdump_conf_free(&c);
}

TEST(names)
{
	CHECK_STR(kd_action_name(KD_ACTION_UNSET), "reboot");
	CHECK_STR(kd_action_name(KD_ACTION_REBOOT), "reboot");
	CHECK_STR(kd_action_name(KD_ACTION_HALT), "halt");
	CHECK_STR(kd_action_name(KD_ACTION_POWEROFF), "poweroff");
	CHECK_STR(kd_action_name(KD_ACTION_SHELL), "shell");
	CHECK_STR(kd_action_name(KD_ACTION_DUMP_TO_ROOTFS), "dump_to_rootfs");
	CHECK_STR(kd_target_kind_name(KD_TARGET_NONE), "none");
	CHECK_STR(kd_target_kind_name(KD_TARGET_FS), "fs");
	CHECK_STR(kd_target_kind_name(KD_TARGET_RAW), "raw");
	CHECK_STR(kd_target_kind_name(KD_TARGET_NFS), "nfs");
	CHECK_STR(kd_target_kind_name(KD_TARGET_SSH), "ssh");
}

/* ---- a whole configuration, and printing it back ---- */

static const char full_config[] =
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
	"options e1000e \"InterruptThrottleRate=3000\"\n"
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
	"kdump_emergency /usr/local/bin/emergency\n"
	"\t  sshkey   /root/.ssh/other  \n";

/* A UTF-8 byte order mark before the first directive is skipped. */
TEST(byte_order_mark)
{
	struct kdump_conf c;

	CHECK_INT(parse(&c, "\xef\xbb\xbfpath /dumps\n"), 0);
	CHECK_INT(diag.warnings, 0);
	CHECK_STR(c.path, "/dumps");
	kdump_conf_free(&c);
	CHECK_INT(parse(&c, "path /a\n\xef\xbb\xbfpath /b\n"), -1);
	kdump_conf_free(&c);
}

/* The line of each directive, for checks after parsing. */
TEST(directive_lines)
{
	struct kdump_conf c;

	CHECK_INT(parse(&c, "path /x\n\nnfs srv:/e\ncore_collector cat\n"), 0);
	CHECK_INT(kdump_conf_line(&c, "core_collector"), 4);
	CHECK_INT(kdump_conf_line(&c, "nfs"), 3);
	CHECK_INT(kdump_conf_line(&c, "ext4"), 3);	/* the target's */
	CHECK_INT(kdump_conf_line(&c, "fence_kdump_args"), 0);
	CHECK_INT(kdump_conf_line(&c, "no_such_directive"), 0);
	kdump_conf_free(&c);
}

TEST(full_config_fields)
{
	struct kdump_conf c;

	CHECK_INT(parse(&c, full_config), 0);
	CHECK_INT(diag.warnings, 0);
	CHECK_INT(c.target_kind, KD_TARGET_FS);
	CHECK_STR(c.target_fstype, "ext4");
	CHECK_STR(c.target, "UUID=03138356-5e61-4ab3-b58e-27507ac41937");
	CHECK_INT(c.target_line, 3);
	CHECK_STR(c.path, "/var/crash");
	CHECK_STR(c.core_collector, PLAIN);
	CHECK_STR(c.kdump_post, "/var/crash/scripts/kdump-post.sh");
	CHECK_STR(c.kdump_pre, "/usr/local/bin/pre");
	CHECK_STR(c.kdump_emergency, "/usr/local/bin/emergency");
	CHECK_INT(c.extra_bins.n, 3);
	if (c.extra_bins.n == 3) {
		CHECK_STR(c.extra_bins.v[0], "/bin/cp");
		CHECK_STR(c.extra_bins.v[2], "/bin/sed");
	}
	CHECK_INT(c.extra_modules.n, 1);
	CHECK_INT(c.n_options, 2);
	if (c.n_options == 2) {
		CHECK_STR(c.options[0].module, "bnx2x");
		CHECK_STR(c.options[0].args, "disable_tpa=1 num_queues=1");
		CHECK_INT(c.options[0].line, 11);
		CHECK_STR(c.options[1].module, "e1000e");
		CHECK_STR(c.options[1].args, "\"InterruptThrottleRate=3000\"");
	}
	CHECK_INT(c.blacklist.n, 3);
	if (c.blacklist.n == 3)
		CHECK_STR(c.blacklist.v[2], "radeon");
	CHECK_INT(c.disk_timeout, 30);
	CHECK_INT(c.link_delay, 60);
	CHECK_INT(c.failure_action, KD_ACTION_SHELL);
	CHECK_INT(c.final_action, KD_ACTION_POWEROFF);
	CHECK_INT(c.debug_mem_level, 2);
	CHECK_INT(c.force_rebuild, 1);
	CHECK_INT(c.force_no_rebuild, 0);
	CHECK_STR(c.fence_kdump_args, "-p 7410 -f auto -c 0 -i 10");
	CHECK_INT(c.fence_kdump_nodes.n, 2);
	CHECK_STR(c.dracut_args, "--omit-drivers \"nouveau\"");
	CHECK_STR(c.sshkey, "/root/.ssh/other");
	kdump_conf_free(&c);
}

/* Printing then parsing gives the same settings, with no diagnostics. */
static void check_round_trip(const char *text)
{
	struct kdump_conf a, b;
	char *first, *second;

	parse(&a, text);
	first = printed(&a);
	CHECK(first != NULL);
	if (!first) {
		kdump_conf_free(&a);
		return;
	}
	CHECK_INT(parse(&b, first), 0);
	CHECK_INT(diag.errors, 0);
	CHECK_INT(diag.warnings, 0);
	second = printed(&b);
	CHECK_STR(second, first);
	free(first);
	free(second);
	kdump_conf_free(&a);
	kdump_conf_free(&b);
}

static size_t longest_line(const char *s)
{
	size_t longest = 0;

	while (*s) {
		size_t len = strcspn(s, "\n");

		if (len > longest)
			longest = len;
		s += len + (s[len] != '\0');
	}
	return longest;
}

TEST(print_round_trip)
{
	char words[8192] = "extra_bins";
	struct kdump_conf a;
	char *out;
	int i;

	check_round_trip(full_config);
	check_round_trip("");
	check_round_trip("net u@h\ndefault mount_root_run_init\noverride_resettable 1\n");
	check_round_trip("nfs4 h:/x\ncore_collector \"a #b \"\n");
	check_round_trip("virtiofs \"#t\"\nkdump_pre \" /x\"\n"
			 "extra_bins \"#a b\"\nblacklist \"c #d\"\n"
			 "options m \"#x\"\nfence_kdump_nodes \"#n m\"\n");
	check_round_trip("path \"/a\"b\"\ndracut_args --add \"x y\" # c\n");
	/* a value with quotes of its own is written as it is */
	check_round_trip("dracut_args --add-drivers \"a #b\"\n");
	/* 300 words from 3 lines, over 4096 bytes: printed on several lines */
	for (i = 0; i < 300; i++) {
		strcat(words, " /usr/bin/tool");
		if (i % 100 == 99)
			strcat(words, i < 299 ? "\nextra_bins" : "\n");
	}
	check_round_trip(words);
	CHECK_INT(parse(&a, words), 0);
	CHECK_INT(a.extra_bins.n, 300);
	out = printed(&a);
	CHECK(out && strlen(out) > 4096 && longest_line(out) <= 80);
	free(out);
	kdump_conf_free(&a);
}

/* ---- the seeds' configurations ---- */

/* The CentOS 7 configuration of seed 004, as written there. */
TEST(seed004_inline)
{
	struct kdump_conf c;

	CHECK_INT(parse(&c, "path /var/crash\n"
			"core_collector makedumpfile -l --message-level 1 -d 31\n"
			"default reboot\n"), 0);
	CHECK_INT(diag.warnings, 1);
	CHECK_STR(diag.first_warning, "kdump.conf:3: warning: \"default\" is deprecated: use \"failure_action reboot\"");
	CHECK_INT(c.failure_action, KD_ACTION_REBOOT);
	CHECK_STR(kdump_conf_collector(&c), PLAIN);
	kdump_conf_free(&c);
}

/* An example line of a seed file ("#<line>"), parsed on its own. */
struct example {
	const char *line, *warning;	/* NULL: no warning */
	enum kd_target_kind kind;
};

static const struct example seed002_examples[] = {
	{ "raw /dev/sda5", NULL, KD_TARGET_RAW },
	{ "ext4 /dev/sda3", NULL, KD_TARGET_FS },
	{ "ext4 LABEL=/boot", NULL, KD_TARGET_FS },
	{ "ext4 UUID=03138356-5e61-4ab3-b58e-27507ac41937", NULL, KD_TARGET_FS },
	{ "net my.server.com:/export/tmp", "kdump.conf:1: warning: \"net\" is deprecated: use \"nfs my.server.com:/export/tmp\"", KD_TARGET_NFS },
	{ "net user@my.server.com", "kdump.conf:1: warning: \"net\" is deprecated: use \"ssh user@my.server.com\"", KD_TARGET_SSH },
	{ "core_collector scp", NULL, KD_TARGET_NONE },
	{ "core_collector cp --sparse=always", NULL, KD_TARGET_NONE },
	{ "extra_bins /bin/cp", NULL, KD_TARGET_NONE },
	{ "link_delay 60", NULL, KD_TARGET_NONE },
	{ "kdump_post /var/crash/scripts/kdump-post.sh", NULL, KD_TARGET_NONE },
	{ "extra_bins /usr/bin/lftp", NULL, KD_TARGET_NONE },
	{ "disk_timeout 30", NULL, KD_TARGET_NONE },
	{ "extra_modules gfs2", NULL, KD_TARGET_NONE },
	{ "options modulename options", NULL, KD_TARGET_NONE },
	{ "default shell", "kdump.conf:1: warning: \"default\" is deprecated: use \"failure_action shell\"", KD_TARGET_NONE },
	{ "debug_mem_level 0", NULL, KD_TARGET_NONE },
	{ "force_rebuild 1", NULL, KD_TARGET_NONE },
	{ "sshkey /root/.ssh/kdump_id_rsa", NULL, KD_TARGET_NONE },
	{ "fence_kdump_args -p 7410 -f auto -c 0 -i 10", NULL, KD_TARGET_NONE },
	{ "fence_kdump_nodes node1 node2", NULL, KD_TARGET_NONE },
	{ NULL, NULL, 0 }
};

static const struct example seed004_examples[] = {
	{ "raw /dev/vg/lv_kdump", NULL, KD_TARGET_RAW },
	{ "ext4 /dev/vg/lv_kdump", NULL, KD_TARGET_FS },
	{ "ext4 LABEL=/boot", NULL, KD_TARGET_FS },
	{ "ext4 UUID=03138356-5e61-4ab3-b58e-27507ac41937", NULL, KD_TARGET_FS },
	{ "nfs my.server.com:/export/tmp", NULL, KD_TARGET_NFS },
	{ "ssh user@my.server.com", NULL, KD_TARGET_SSH },
	{ "sshkey /root/.ssh/kdump_id_rsa", NULL, KD_TARGET_NONE },
	{ "core_collector scp", NULL, KD_TARGET_NONE },
	{ "kdump_post /var/crash/scripts/kdump-post.sh", NULL, KD_TARGET_NONE },
	{ "kdump_pre /var/crash/scripts/kdump-pre.sh", NULL, KD_TARGET_NONE },
	{ "extra_bins /usr/bin/lftp", NULL, KD_TARGET_NONE },
	{ "extra_modules gfs2", NULL, KD_TARGET_NONE },
	{ "default shell", "kdump.conf:1: warning: \"default\" is deprecated: use \"failure_action shell\"", KD_TARGET_NONE },
	{ "force_rebuild 1", NULL, KD_TARGET_NONE },
	{ "dracut_args --omit-drivers \"cfg80211 snd\" --add-drivers \"ext2 ext3\"", NULL, KD_TARGET_NONE },
	{ "fence_kdump_args -p 7410 -f auto -c 0 -i 10", NULL, KD_TARGET_NONE },
	{ "fence_kdump_nodes node1 node2", NULL, KD_TARGET_NONE },
	/* documented in a comment of the same file */
	{ "override_resettable 1", "kdump.conf:1: warning: \"override_resettable\" has no effect and is ignored", KD_TARGET_NONE },
	{ NULL, NULL, 0 }
};

/* Lines "#<directive> <value>" of a seed file: its examples. */
static int count_examples(const char *text)
{
	const char *p;
	int n = 0;

	for (p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		size_t len = strcspn(p, "\n");

		if (p[0] == '#' && p[1] >= 'a' && p[1] <= 'z' &&
		    !memchr(p, '<', len) && !memchr(p, '[', len))
			n++;
	}
	return n;
}

static void check_examples(const char *file, const struct example *ex, int in_comments)
{
	char *text = slurp(file);
	int n = 0;

	CHECK(text != NULL);
	for (; ex->line; ex++, n++) {
		struct kdump_conf c;
		char line[256];

		snprintf(line, sizeof line, "\n#%s\n", ex->line);
		if (n < in_comments && text && !strstr(text, line))
			printf("  %s: no example \"%s\"\n", file, ex->line);
		if (n < in_comments)
			CHECK(text && strstr(text, line));
		snprintf(line, sizeof line, "%s\n", ex->line);
		CHECK_INT(parse(&c, line), 0);
		CHECK_STR(diag.first, "");
		CHECK_STR(diag.first_warning, ex->warning ? ex->warning : "");
		CHECK_INT(c.target_kind, ex->kind);
		kdump_conf_free(&c);
	}
	/* every example of the file is in the table */
	CHECK_INT(count_examples(text), in_comments);
	free(text);
}

TEST(seed002_examples_each)
{
	check_examples(SEED002, seed002_examples, 21);
}

TEST(seed004_examples_each)
{
	check_examples(SEED004, seed004_examples, 17);
}

/* Parse a seed file as it is: its only active lines are path and
 * core_collector. */
static void check_seed_file(const char *file, const char *collector)
{
	struct kdump_conf c;

	kd_diag_init(&diag, file);
	diag.quiet = 1;
	CHECK_INT(kdump_conf_load(&c, file, &diag), 0);
	CHECK_INT(diag.errors, 0);
	CHECK_INT(diag.warnings, 0);
	CHECK_INT(c.target_kind, KD_TARGET_NONE);
	CHECK_STR(c.path, "/var/crash");
	CHECK_STR(c.core_collector, collector);
	kdump_conf_free(&c);
}

TEST(seed_files_as_shipped)
{
	check_seed_file(SEED002, "makedumpfile -c --message-level 1 -d 31");
	check_seed_file(SEED004, PLAIN);
}

/* The seed file with these example lines uncommented. */
static char *uncomment(const char *file, const char *const *lines)
{
	char *text = slurp(file), *line;

	for (; text && *lines; lines++) {
		char want[256];

		snprintf(want, sizeof want, "\n#%s\n", *lines);
		line = strstr(text, want);
		CHECK(line != NULL);
		if (line)
			memmove(line + 1, line + 2, strlen(line + 2) + 1);
	}
	return text;
}

TEST(seed002_uncommented)
{
	static const char *const on[] = {
		"ext4 UUID=03138356-5e61-4ab3-b58e-27507ac41937",
		"extra_bins /bin/cp", "link_delay 60",
		"kdump_post /var/crash/scripts/kdump-post.sh",
		"extra_bins /usr/bin/lftp", "disk_timeout 30",
		"extra_modules gfs2", "options modulename options",
		"default shell", "debug_mem_level 0", "force_rebuild 1",
		"sshkey /root/.ssh/kdump_id_rsa",
		"fence_kdump_args -p 7410 -f auto -c 0 -i 10",
		"fence_kdump_nodes node1 node2", NULL,
	};
	char *text = uncomment(SEED002, on);
	struct kdump_conf c;

	if (!text)
		return;
	CHECK_INT(parse(&c, text), 0);
	CHECK_INT(diag.errors, 0);
	CHECK_INT(diag.warnings, 1);
	CHECK_INT(c.target_kind, KD_TARGET_FS);
	CHECK_STR(c.target, "UUID=03138356-5e61-4ab3-b58e-27507ac41937");
	CHECK_INT(c.extra_bins.n, 2);
	CHECK_INT(c.link_delay, 60);
	CHECK_INT(c.disk_timeout, 30);
	CHECK_INT(c.n_options, 1);
	CHECK_INT(c.failure_action, KD_ACTION_SHELL);
	CHECK_INT(c.force_rebuild, 1);
	CHECK_INT(c.fence_kdump_nodes.n, 2);
	CHECK_STR(c.core_collector, "makedumpfile -c --message-level 1 -d 31");
	kdump_conf_free(&c);
	check_round_trip(text);
	free(text);
}

TEST(seed004_uncommented)
{
	static const char *const on[] = {
		"ssh user@my.server.com", "sshkey /root/.ssh/kdump_id_rsa",
		"kdump_post /var/crash/scripts/kdump-post.sh",
		"kdump_pre /var/crash/scripts/kdump-pre.sh",
		"extra_bins /usr/bin/lftp", "extra_modules gfs2",
		"default shell", "force_rebuild 1",
		"dracut_args --omit-drivers \"cfg80211 snd\" --add-drivers \"ext2 ext3\"",
		"fence_kdump_args -p 7410 -f auto -c 0 -i 10",
		"fence_kdump_nodes node1 node2", NULL,
	};
	char *text = uncomment(SEED004, on);
	struct kdump_conf c;

	char *plain;

	if (!text)
		return;
	/* The shipped collector does not stream: an error for ssh, as mkdumprd
	 * says ("needs makedumpfile -F"). */
	CHECK_INT(parse(&c, text), -1);
	CHECK_INT(diag.errors, 1);
	CHECK(strstr(diag.first, "must stream its output: add -F") != NULL);
	kdump_conf_free(&c);
	plain = strstr(text, "\ncore_collector makedumpfile -l");
	CHECK(plain != NULL);
	if (!plain) {
		free(text);
		return;
	}
	memcpy(plain + 29, "-F", 2);	/* -l becomes -F */
	CHECK_INT(parse(&c, text), 0);
	CHECK_INT(diag.errors, 0);
	CHECK_INT(diag.warnings, 1);
	CHECK_INT(c.target_kind, KD_TARGET_SSH);
	CHECK_STR(c.target, "user@my.server.com");
	CHECK_STR(kdump_conf_collector(&c), "makedumpfile -F --message-level 1 -d 31");
	CHECK_STR(c.kdump_pre, "/var/crash/scripts/kdump-pre.sh");
	CHECK_STR(c.dracut_args, "--omit-drivers \"cfg80211 snd\" --add-drivers \"ext2 ext3\"");
	CHECK_INT(c.failure_action, KD_ACTION_SHELL);
	kdump_conf_free(&c);
	check_round_trip(text);
	free(text);
}

/* ---- limits ---- */

TEST(long_lines_nul_bytes_and_big_files)
{
	struct kdump_conf c;
	static char text[(1 << 20) + 2];

	/* 4096 bytes are fine, 4097 are not */
	memset(text, 'a', 4097);
	memcpy(text, "path /", 6);
	text[4096] = '\n';
	CHECK_INT(parse_len(&c, text, 4097), 0);
	CHECK_INT(strlen(c.path), 4091);
	kdump_conf_free(&c);
	text[4096] = 'a';
	text[4097] = '\n';
	memcpy(text + 4098, "foo\n", 4);
	CHECK_INT(parse_len(&c, text, 4102), -1);
	CHECK_STR(diag.first, "kdump.conf:1: line longer than 4096 bytes");
	CHECK_INT(diag.errors, 2);	/* and line 2 is still read */
	CHECK_STR(c.path, "/var/crash");
	kdump_conf_free(&c);

	CHECK_INT(parse_len(&c, "path /a\0b\nfoo\n", 14), -1);
	CHECK_STR(diag.first, "kdump.conf:1: NUL byte in the line");
	CHECK_INT(diag.errors, 2);
	kdump_conf_free(&c);

	/* 1 MiB of comments is fine, one byte more is not */
	memset(text, '#', sizeof text);
	text[0] = '\n';
	CHECK_INT(parse_len(&c, text, 1 << 20), -1);	/* a 1 MiB line */
	CHECK_STR(diag.first, "kdump.conf:2: line longer than 4096 bytes");
	kdump_conf_free(&c);
	memset(text, '\n', sizeof text);
	CHECK_INT(parse_len(&c, text, 1 << 20), 0);
	kdump_conf_free(&c);
	CHECK_INT(parse_len(&c, text, (1 << 20) + 1), -1);
	CHECK_STR(diag.first, "kdump.conf: file larger than 1 MiB");
	CHECK_STR(c.path, "/var/crash");	/* the defaults are still there */
	kdump_conf_free(&c);

	CHECK_INT(parse(&c, "path /no/newline/at/end"), 0);
	CHECK_STR(c.path, "/no/newline/at/end");
	kdump_conf_free(&c);
}

TEST(streaming_collectors)
{
	static const struct { const char *text; int ok; } cases[] = {
		{ "ssh a@b\ncore_collector makedumpfile -F -d 31\n", 1 },
		{ "ssh a@b\ncore_collector /usr/sbin/makedumpfile -l -d 31\n", 0 },
		{ "ssh a@b\ncore_collector scp\n", 1 },
		{ "ssh a@b\ncore_collector cat\n", 1 },
		{ "ssh a@b\ncore_collector cp --sparse=always\n", 0 },
		{ "raw /dev/sdb1\ncore_collector scp\n", 0 },
		{ "raw /dev/sdb1\ncore_collector dd\n", 1 },
		{ "raw /dev/sdb1\ncore_collector kdump-collect -F-x\n", 0 },
		{ "ext4 /dev/sdb1\ncore_collector makedumpfile -l -d 31\n", 1 },
		{ "ssh a@b\n", 1 },
	};
	struct kdump_conf c;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int rc = parse(&c, cases[i].text);

		if ((rc == 0) != cases[i].ok)
			printf("  case %zu: %s\n", i, diag.first);
		CHECK_INT(rc == 0, cases[i].ok);
		if (!cases[i].ok)
			CHECK(strstr(diag.first, ":2: core_collector") != NULL);
		kdump_conf_free(&c);
	}
}

TEST(files)
{
	struct kdump_conf c;

	kd_diag_init(&diag, "conf/kdump.conf");
	diag.quiet = 1;
	CHECK_INT(kdump_conf_load(&c, "conf/kdump.conf", &diag), 0);
	CHECK_INT(diag.errors, 0);
	CHECK_INT(diag.warnings, 0);
	CHECK_STR(diag.first, "");
	CHECK_STR(diag.first_warning, "");
	CHECK_INT(c.target_kind, KD_TARGET_NONE);
	CHECK_STR(c.path, "/var/crash");
	CHECK_STR(c.core_collector, PLAIN);
	CHECK_INT(c.auto_reset_crashkernel, -1);
	kdump_conf_free(&c);

	kd_diag_init(&diag, "/nonexistent/kdump.conf");
	diag.quiet = 1;
	CHECK_INT(kdump_conf_load(&c, "/nonexistent/kdump.conf", &diag), -1);
	CHECK_STR(diag.first, "/nonexistent/kdump.conf: cannot read: No such file or directory");
	CHECK_STR(c.path, "/var/crash");
	kdump_conf_free(&c);

	kd_diag_init(&diag, "conf");
	diag.quiet = 1;
	CHECK_INT(kdump_conf_load(&c, "conf", &diag), -1);
	CHECK_STR(diag.first, "conf: cannot read: not a regular file");
	kdump_conf_free(&c);
}

int main(void)
{
	RUN(errors);
	RUN(legacy_spellings_warn);
	RUN(byte_order_mark);
	RUN(directive_lines);
	RUN(legacy_details);
	RUN(targets_and_collectors);
	RUN(directive_values);
	RUN(defaults_printed);
	RUN(names);
	RUN(full_config_fields);
	RUN(print_round_trip);
	RUN(seed004_inline);
	RUN(seed002_examples_each);
	RUN(seed004_examples_each);
	RUN(seed_files_as_shipped);
	RUN(seed002_uncommented);
	RUN(seed004_uncommented);
	RUN(long_lines_nul_bytes_and_big_files);
	RUN(streaming_collectors);
	RUN(files);
	return unit_done();
}
