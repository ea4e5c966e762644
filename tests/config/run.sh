#!/bin/sh
# run.sh - kdumpctl refuses every configuration mistake before anything is
# armed.  A table of bad kdump.conf and sysconfig files: each runs through
# `kdumpctl check` (and start or rebuild where the mistake is about them)
# and must end with the exit status and the one "FILE:LINE: reason" line
# given.  A few good files must pass.  `kdumpctl list` on a dump
# directory made here (records good, bad and missing).  Prints "PASS config:<name>" or
# "FAIL config:<name>: <why>".  Needs root (start, rebuild, a loop device).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
K=$top/build/bin/kdumpctl
work=$top/build/config-tests
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1

pass() { echo "PASS config:$1"; }
fail() { echo "FAIL config:$1: $2"; sed 's/^/    | /' err 2>/dev/null | head -n 5; }

# case NAME VERB STATUS LINE - kdump.conf from standard input (k.conf; a
# sysconfig in s.conf when the test wrote one); LINE must be a line of
# stderr ("" for none: then stderr must hold no error or warning).
case_() {
	name=$1 verb=$2 want=$3 line=$4
	cat > k.conf
	[ -e s.conf ] || : > s.conf
	timeout 20 "$K" --config k.conf --sysconfig s.conf $verb > out 2> err < /dev/null
	rc=$?
	rm -f s.conf
	if [ "$rc" != "$want" ]; then
		fail "$name" "kdumpctl $verb exited $rc, expected $want"
	elif [ -n "$line" ] && ! grep -qx"$(match "$line")" -- "${line#\~}" err; then
		fail "$name" "no line \"$line\""
	elif [ -z "$line" ] && grep -q 'error\|warning' err; then
		fail "$name" "unexpected diagnostics"
	else
		pass "$name"
	fi
}

sys() { cat > s.conf; }

# "~regex" is matched as a regular expression, anything else as it is.
match() { case $1 in "~"*) echo E ;; *) echo F ;; esac; }

# A loop device with an ext4 filesystem: a target that exists.
truncate -s 64M disk.img && mkfs.ext4 -q -F disk.img &&
	LOOP=$(losetup -f --show disk.img) || LOOP=
trap '[ -n "$LOOP" ] && losetup -d "$LOOP"' EXIT

# ---- the collector line, through the collector's own parser ----
case_ collector_unknown_option check 1 'k.conf:2: core_collector: unknown option -X' <<'C'
path /tmp
core_collector makedumpfile -X -l -d 31
C
case_ collector_two_codecs check 1 'k.conf:1: core_collector: give at most one of -c, -l and -z' <<'C'
core_collector makedumpfile -c -l -d 31
C
case_ collector_level_99 start 1 'k.conf:1: core_collector: -d 99: expected a number from 0 to 31' <<'C'
core_collector makedumpfile -d 99
C
case_ collector_input_file rebuild 1 'k.conf:1: core_collector: unknown option -i' <<'C'
core_collector makedumpfile -i FILE -d 31
C
case_ collector_argument check 1 'k.conf:1: core_collector makedumpfile takes options only ("/proc/vmcore"): kdump gives it /proc/vmcore and the dump file' <<'C'
core_collector makedumpfile -l -d 31 /proc/vmcore
C
case_ collector_rearrange check 1 'k.conf:1: core_collector: -R is for kdump-collect on a saved dump, not for the capture' <<'C'
core_collector makedumpfile -R -d 31
C
case_ collector_missing_program check 1 'k.conf:1: core_collector /usr/bin/no-such-program: no such program on this system (it must exist here to go into the capture initramfs)' <<'C'
core_collector /usr/bin/no-such-program -x
C
case_ collector_missing_in_path start 1 'k.conf:1: core_collector no-such-lftp: no such program on this system (it must exist here to go into the capture initramfs)' <<'C'
core_collector no-such-lftp -e "mirror"
C
case_ collector_scp_local check 1 'k.conf:1: core_collector scp needs an ssh target' <<'C'
core_collector scp
C
case_ collector_not_streaming check 1 "k.conf:2: core_collector cp cannot stream to a raw target (use makedumpfile -F, cat or dd)" <<C
raw ${LOOP:-/dev/loop0}
core_collector cp
C

# ---- fence_kdump ----
case_ fence_bad_option check 1 'k.conf:2: fence_kdump_args: bad option "--bogus 5"' <<'C'
fence_kdump_nodes 127.0.0.1
fence_kdump_args --bogus 5
C
case_ fence_bad_port start 1 'k.conf:1: fence_kdump_args: bad option "-p 70000"' <<'C'
fence_kdump_args -p 70000
fence_kdump_nodes 127.0.0.1
C
case_ fence_ipv6_v4_node check 1 "k.conf:1: fence_kdump_args: -f ipv6, and fence_kdump node 127.0.0.1 is an IPv4 address" <<'C'
fence_kdump_args -f ipv6
fence_kdump_nodes 127.0.0.1
C

# ---- the target must exist, and be what kdump.conf says ----
case_ target_uuid_missing check 1 'k.conf:2: ext4 target UUID=5d6f8a9c-0000-4c3d-9e8f-a0b1c2d3e4f5: no such block device on this system (the target must be present when the capture initramfs is built)' <<'C'
path /var/crash
ext4 UUID=5d6f8a9c-0000-4c3d-9e8f-a0b1c2d3e4f5
C
case_ target_path_missing start 1 'k.conf:1: xfs target /dev/no-such-disk1: no such block device on this system (the target must be present when the capture initramfs is built)' <<'C'
xfs /dev/no-such-disk1
C
case_ target_label_missing rebuild 1 'k.conf:1: ext4 target LABEL=no-such-label: no such block device on this system (the target must be present when the capture initramfs is built)' <<'C'
ext4 LABEL=no-such-label
C
case_ path_missing start 1 'k.conf:2: path /no/such/dir does not exist (without a dump target it must, on the filesystem that will hold the dumps)' <<'C'
# no target: the dump goes to path on the filesystem that holds it
path /no/such/dir
C
case_ target_not_block check 1 'k.conf:1: raw target /dev/null is not a block device' <<'C'
raw /dev/null
C
if [ -n "$LOOP" ]; then
	case_ target_present check 0 '' <<C
ext4 $LOOP
C
	case_ target_wrong_fs check 1 "k.conf:1: xfs target $LOOP holds ext4, not xfs" <<C
xfs $LOOP
C
	case_ fat_unfiltered check 1 "~k.conf:1: vfat cannot hold files of 4 GiB or more, and this machine's [0-9]+ MiB are dumped unfiltered and uncompressed: use another filesystem or a filtering core_collector" <<C
vfat $LOOP
core_collector makedumpfile -d 0
C
	# a udev-style name: resolved to what the capture kernel can find
	ln -sfn "$LOOP" by-label-crash
	uuid=$(blkid -o value -s UUID "$LOOP")
	case_ target_udev_name check 0 '' <<C
ext4 $work/by-label-crash
C
	if grep -qxF "UUID=$uuid" out; then
		pass target_udev_name_resolved
	else
		fail target_udev_name_resolved "check does not show UUID=$uuid for the link"
	fi
	case_ raw_udev_name_unidentified check 1 "k.conf:1: raw target $work/by-label-crash is $LOOP, which the capture kernel (no udev) cannot find by that name, and it has no PARTUUID or serial number to find it by: name it by a tag or its kernel name" <<C
raw $work/by-label-crash
C
	# a second filesystem with the same UUID: either could be written to
	truncate -s 64M twin.img && mkfs.ext4 -q -F -U "$uuid" twin.img &&
		TWIN=$(losetup -f --show twin.img) &&
	case_ target_uuid_twice check 1 "k.conf:1: ext4 target UUID=$uuid: UUID=$uuid names 2 devices now, and the capture kernel could write to another one than meant: make it unique" <<C
ext4 UUID=$uuid
C
	[ -n "${TWIN:-}" ] && losetup -d "$TWIN"
	mkdir -p mnt && mount "$LOOP" mnt &&
	case_ raw_mounted check 1 "k.conf:1: raw target $LOOP: $LOOP is mounted on $work/mnt, and a dump would overwrite it" <<C
raw $LOOP
C
	umount mnt 2>/dev/null
	mkswap -q "$LOOP" >/dev/null 2>&1 && swapon "$LOOP" 2>/dev/null &&
	case_ raw_swap check 1 "k.conf:1: raw target $LOOP: $LOOP is in use as swap, and a dump would overwrite it" <<C
raw $LOOP
C
	swapoff "$LOOP" 2>/dev/null
else
	fail loop_device "no loop device: the target cases did not run"
fi

# A raw disk whose partition is mounted: the whole disk is overwritten.
truncate -s 64M parted.img && printf 'label: gpt\n,32M\n' | sfdisk -q parted.img >/dev/null 2>&1 &&
	PLOOP=$(losetup -P -f --show parted.img) || PLOOP=
# without devtmpfs (a container) the partition's node is made by hand
if [ -n "$PLOOP" ] && [ ! -b "${PLOOP}p1" ] && [ -r "/sys/class/block/${PLOOP#/dev/}p1/dev" ]; then
	IFS=: read -r maj min < "/sys/class/block/${PLOOP#/dev/}p1/dev"
	mknod "${PLOOP}p1" b "$maj" "$min" && MADE_NODE=${PLOOP}p1
fi
if [ -n "$PLOOP" ] && [ -b "${PLOOP}p1" ] && mkfs.ext4 -q -F "${PLOOP}p1" &&
   mkdir -p pmnt && mount "${PLOOP}p1" pmnt; then
	case_ raw_partition_mounted start 1 "k.conf:1: raw target $PLOOP: ${PLOOP}p1 is mounted on $work/pmnt, and a dump would overwrite it" <<C
raw $PLOOP
C
	umount pmnt
elif [ -n "$PLOOP" ] && [ ! -e "/sys/class/block/${PLOOP#/dev/}p1" ]; then
	echo "SKIP config:raw_partition_mounted: this kernel shows no partitions of loop devices"
else
	fail raw_partition_mounted "no partitioned loop device"
fi
[ -n "$PLOOP" ] && losetup -d "$PLOOP"
[ -n "${MADE_NODE:-}" ] && rm -f "$MADE_NODE"

# ---- network servers ----
# IPv6 servers with the capture network given (the detection of the
# running system's is tests/qemu/network.sh's)
sys <<'S'
KDUMP_COMMANDLINE_APPEND="ip=[fd00::5]::[fe80::1]:64::eth0:none"
S
case_ nfs_ipv6 check 0 "" <<'C'
nfs [fd00::1]:/export
C
sys <<'S'
KDUMP_COMMANDLINE_APPEND="ip=10.0.0.5:::24::eth0:none"
S
case_ nfs_ipv6_ipv4_network check 1 "kdump: error: network dump target: fd00::1 is an IPv6 address and the capture network (ip=) is IPv4" <<'C'
nfs [fd00::1]:/export
C
sys <<'S'
KDUMP_COMMANDLINE_APPEND="ip=eth0:auto6"
S
case_ nfs_ipv6_link_local check 1 "kdump: error: network dump target: fe80::1 is a link-local address: use one the server has beyond its link" <<'C'
nfs [fe80::1]:/export
C
sys <<'S'
KDUMP_COMMANDLINE_APPEND="ip=[fd00::5]::[fe80::1]:64::eth0:none"
S
case_ nfs_name_unresolvable check 1 "kdump: error: network dump target: the capture kernel cannot resolve kd-no-such-host.invalid: it is not in /etc/hosts and no IPv6 name server is known (give one with nameserver= in KDUMP_COMMANDLINE_APPEND, or use the address)" <<'C'
nfs kd-no-such-host.invalid:/export
C
sys <<'S'
KDUMP_COMMANDLINE_APPEND="ip=eth0:auto6"
S
case_ fence_ipv4_node_ipv6_network check 1 "kdump: error: fence_kdump node: 192.0.2.9 is an IPv4 address and the capture network (ip=) is IPv6" <<'C'
nfs [fd00::1]:/export
fence_kdump_nodes 192.0.2.9
C
case_ nfs_ipv6_unbracketed check 1 'k.conf:1: nfs target "fd00::1:/export" must be host:/export (an IPv6 server as [addr]:/export)' <<'C'
nfs fd00::1:/export
C

# ---- KEXEC_ARGS ----
sys <<'S'
KEXEC_ARGS="-s --bogus"
S
case_ kexec_args_unknown check 1 's.conf:1: KEXEC_ARGS: unknown kexec option "--bogus"' <<'C'
path /tmp
C
sys <<'S'

KEXEC_ARGS="--initrd=/boot/x.img"
S
case_ kexec_args_ours start 1 's.conf:2: KEXEC_ARGS: --initrd is set by kdumpctl itself (the command line: KDUMP_COMMANDLINE_APPEND, the initramfs: KDUMP_INITRD)' <<'C'
path /tmp
C
sys <<'S'
KEXEC_ARGS="-e"
S
case_ kexec_args_exec check 1 's.conf:1: KEXEC_ARGS: -e does not apply to loading a crash kernel' <<'C'
path /tmp
C
sys <<'S'
KEXEC_ARGS="-s --reset-vga"
S
case_ kexec_args_reset_vga check 0 '' <<'C'
path /tmp
C
if ! grep -q 'kexec-tools.*--reset-vga' out; then
	fail kexec_args_shown "check does not say how --reset-vga is applied"
else
	pass kexec_args_shown
fi

# ---- odd files ----
rm -f fifo && mkfifo fifo
timeout 10 "$K" --config fifo --sysconfig /dev/null check > out 2> err < /dev/null
rc=$?
if [ "$rc" = 124 ]; then
	fail fifo_conf "kdumpctl hung on a FIFO"
elif [ "$rc" != 1 ] || ! grep -qxF 'fifo: cannot read: not a regular file' err; then
	fail fifo_conf "exit $rc"
else
	pass fifo_conf
fi
printf '\357\273\277path /tmp\n' > bom.conf
if "$K" --config bom.conf --sysconfig /dev/null check > out 2> err && ! grep -q . err; then
	pass bom_conf
else
	fail bom_conf "a UTF-8 byte order mark was not accepted"
fi
printf '\357\273\277KDUMP_IMG=vmlinuz\n' > s.conf
case_ bom_sysconfig check 1 's.conf:1: the file starts with a UTF-8 byte order mark, which a shell reads as part of the first name: save it without one' <<'C'
path /tmp
C
timeout 10 "$K" --config bom.conf --sysconfig no-such-sysconfig check > out 2> err
rc=$?
if [ "$rc" = 1 ] && grep -qxF 'no-such-sysconfig: cannot read: No such file or directory' err; then
	pass sysconfig_given_missing
else
	fail sysconfig_given_missing "exit $rc"
fi
printf 'path /tmp\n\033]0;owned\007\033[2Jbad value\n' > ctl.conf
"$K" --config ctl.conf --sysconfig /dev/null check > out 2> err
rc=$?
if [ "$rc" = 1 ] && ! grep -q "$(printf '\033')" err &&
   grep -qxF 'ctl.conf:2: unknown directive "\x1b]0;owned\x07\x1b[2Jbad"' err; then
	pass control_bytes_escaped
else
	fail control_bytes_escaped "exit $rc, or raw control bytes on stderr"
fi

# ---- kdumpctl list: the dumps in path, from their records ----
# list_ NAME STATUS STDERR - `kdumpctl list` with k.conf: the exit status,
# standard output exactly list.want, standard error exactly STDERR.
list_() {
	"$K" --config k.conf --sysconfig /dev/null list > out 2> err
	rc=$?
	if [ "$rc" != "$2" ]; then
		fail "$1" "exit $rc, expected $2"
	elif ! cmp -s out list.want; then
		fail "$1" "stdout: $(diff list.want out | head -n 8 | tr '\n' '|')"
	elif [ "$(cat err)" != "$3" ]; then
		fail "$1" "stderr: $(head -n 3 err | tr '\n' '|')"
	else
		pass "$1"
	fi
}
# Two dumps with records, one without, a bad record, a directory and a
# file that are no dumps; the lines must be exactly these.
mkdir -p dumps/127.0.0.1-2024-12-03-10:00:00 dumps/127.0.0.1-2024-12-01-09:00:00 \
	dumps/127.0.0.1-2024-12-05-08:00:00 dumps/127.0.0.1-2024-12-06-07:00:00 \
	dumps/not-a-dump
: > dumps/stray-file
printf '{"record":1,"status":"complete","kernel_release":"6.1.0-28-amd64","crash_time":1733043600,"bytes_written":28734976,"dump_level":31,"codec":"zstd","failed_steps":[]}\n' \
	> dumps/127.0.0.1-2024-12-01-09:00:00/vmcore.json
cat > dumps/127.0.0.1-2024-12-03-10:00:00/vmcore.json <<'J'
{
  "record": 1,
  "status": "incomplete",
  "kernel_release": "6.1.0-28-amd64\u001b[2J",
  "crash_time": 1733220000,
  "dump_level": 31,
  "codec": "lzo",
  "bytes_written": 1288490188,
  "failed_steps": [
    { "step": "write vmcore", "error": "No space left on device" },
    { "step": "kdump_post", "error": "exit 1" }
  ],
  "future_key": { "x": [1, 2.5, null] }
}
J
head -c 5000 /dev/zero > dumps/127.0.0.1-2024-12-05-08:00:00/vmcore-incomplete
printf '{"record": 1, "status": "complete", "status": "complete"}' \
	> dumps/127.0.0.1-2024-12-06-07:00:00/vmcore.json
cat > list.want <<'W'
DUMP                           STATUS      KERNEL                 CRASHED (UTC)         SIZE  LEVEL/CODEC  WHY
127.0.0.1-2024-12-01-09:00:00  complete    6.1.0-28-amd64         2024-12-01T09:00:00Z  27M   31/zstd
127.0.0.1-2024-12-03-10:00:00  incomplete  6.1.0-28-amd64\x1b[2J  2024-12-03T10:00:00Z  1.2G  31/lzo       write vmcore: No space left on device
127.0.0.1-2024-12-05-08:00:00  no record   -                      -                     4.9K  -
127.0.0.1-2024-12-06-07:00:00  bad record  -                      -                     -     -
W
printf 'path %s/dumps\n' "$work" > k.conf
list_ list_dumps 0 "kdump: warning: $work/dumps/127.0.0.1-2024-12-06-07:00:00/vmcore.json: duplicate key \"status\" at byte 36"
# no dump directory yet: the header alone, and a note
echo 'DUMP  STATUS  KERNEL  CRASHED (UTC)  SIZE  LEVEL/CODEC  WHY' > list.want
printf 'path %s/no-dumps-yet\n' "$work" > k.conf
list_ list_no_dump_dir 0 "kdump: $work/no-dumps-yet does not exist: no dumps"
# network targets: the dumps are on the server, nothing on stdout
: > list.want
printf 'nfs server.example:/export\npath /dumps\n' > k.conf
list_ list_nfs_remote 0 'kdump: the dumps are on the nfs server server.example:/export, in /dumps there: list them there'
# a filesystem target: the dumps under where it is mounted now
if [ -n "$LOOP" ] && mkfs.ext4 -q -F "$LOOP" && mkdir -p mnt && mount "$LOOP" mnt; then
	mkdir -p mnt/dumps/127.0.0.1-2024-12-07-06:00:00
	printf '{"record":1,"status":"unreachable","dump_level":-1,"failed_steps":[{"step":"mount ext4","error":"timed out"}]}' \
		> mnt/dumps/127.0.0.1-2024-12-07-06:00:00/vmcore.json
	cat > list.want <<'W'
DUMP                           STATUS       KERNEL  CRASHED (UTC)  SIZE  LEVEL/CODEC  WHY
127.0.0.1-2024-12-07-06:00:00  unreachable  -       -              0B    -            mount ext4: timed out
W
	printf 'ext4 %s\npath /dumps\n' "$LOOP" > k.conf
	list_ list_mounted_target 0 ''
	umount mnt
	: > list.want
	list_ list_target_unmounted 1 "kdump: error: the dump target $LOOP is not mounted: its dumps were not looked at"
else
	fail list_mounted_target "no loop device with ext4 to mount"
fi
# a filesystem target that is not here: an error
case_ list_target_absent list 1 'kdump: error: the dump target UUID=5d6f8a9c-0000-4c3d-9e8f-a0b1c2d3e4f5 is not present here (No such file or directory): its dumps were not looked at' <<'C'
ext4 UUID=5d6f8a9c-0000-4c3d-9e8f-a0b1c2d3e4f5
C

# ---- what worked before still works ----
case_ auto_reset_warns check 0 'k.conf:2: warning: "auto_reset_crashkernel" has no effect: run "kdumpctl reset-crashkernel" to set the default crashkernel=' <<'C'
path /tmp
auto_reset_crashkernel yes
C
# (its path on this machine need not exist: a directory here instead)
sed "s|^path .*|path $work|" "$top/conf/kdump.conf" | case_ shipped_conf check 0 ''

