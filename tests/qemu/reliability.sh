#!/bin/sh
# reliability.sh - captures that end, whatever happens, and leave a record:
# the hardware watchdog resets a capture kernel that hangs; an I/O error in
# the middle of the dump leaves an incomplete dump marked as such, and
# dump_to_rootfs saves to the other disk; a target too small for the dump
# level gets a complete dump at a higher level; vmcore.json agrees with
# crash's view of the dump.  The network cases (a hung NFS server, a
# stalled ssh stream) run in network.sh's private namespace, with its
# servers.  Prints PASS/FAIL reliability:<case> lines.
set -u
. "$(dirname "$0")/lib.sh"
SUITE=reliability

fetch_kernel
mkdir -p "$WORK"
build_images >/dev/null
VMLINUX=$("$TOP/scripts/fetch-debug-vmlinux.sh" "$KVER")
CAP=$WORK/reliability
MNT=$WORK/mnt-reliability
rm -rf "$CAP"
mkdir -p "$CAP" "$MNT"
DRACUT_BASE=$(dracut_base)
UUID=5d6f8a9c-1b2e-4c3d-9e8f-a0b1c2d3e4f5
RUUID=7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d
MODS="virtio_pci virtio_blk crc32c_generic ext4"

drive() { echo "-drive file=$CAP/$1.disk,if=virtio,format=raw"; }
mount_disk() { mount -o loop "$CAP/$1.disk" "$MNT"; }
dump_dir() { ls -d "$MNT$1"/127.0.0.1-* 2>/dev/null; }

# json FILE KEY - a value of vmcore.json (strings without their quotes).
json() {
	python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))
for k in sys.argv[2].split("."):
    v = v[k]
print(v)' "$1" "$2"
}

# The record's fields against the dump, the file and crash's view of it.
check_record() {
	name=$1 dir=$2 log=$3
	r=$dir/vmcore.json
	file=$(json "$r" dump_file)
	if [ ! -f "$r" ] || [ "$(stat -c %a "$r")" != 600 ]; then
		fail "$name" "no vmcore.json of mode 0600 in $dir" "$log"; return 1
	fi
	if ! dump_open "$KVER" "$VMLINUX" "$dir/$file" "$CAP/crash.out"; then
		fail "$name" "crash cannot open $dir/$file" "$log"; return 1
	fi
	panic=$(json "$r" panic_message)
	ctime=$(json "$r" crash_time)
	start=$(json "$r" capture_start)
	end=$(json "$r" capture_end)
	for want in "status=complete" "kernel_release=$KVER" "action=reboot" \
		    "dump_format=kdump-compressed" "codec=lzo" \
		    "sha256=$(sha256sum < "$dir/$file" | cut -d' ' -f1)" \
		    "bytes_written=$(stat -c %s "$dir/$file")"; do
		got=$(json "$r" "${want%%=*}")
		if [ "$got" != "${want#*=}" ]; then
			fail "$name" "${want%%=*} is \"$got\", expected \"${want#*=}\"" "$log"
			return 1
		fi
	done
	if ! grep -qF "PANIC: \"$panic" "$CAP/crash.out"; then
		fail "$name" "panic_message \"$panic\" is not crash's PANIC: $(grep PANIC: "$CAP/crash.out")" "$log"
	elif [ "$ctime" -le 0 ] || [ "$start" -lt "$ctime" ] || [ "$end" -lt "$start" ]; then
		fail "$name" "times out of order: crash $ctime, start $start, end $end" "$log"
	elif [ "$(json "$r" pages.written)" -le 0 ] ||
	     [ "$(json "$r" pages.total)" -le "$(json "$r" pages.written)" ]; then
		fail "$name" "page counts: $(json "$r" pages)" "$log"
	else
		return 0
	fi
	return 1
}

test_record() {
	capture_image record "ext4 UUID=$UUID
core_collector makedumpfile -l --message-level 1 -d 31" "$MODS"
	disk record ext4 1G -q -F -U "$UUID"
	log=$(crash_guest record $(drive record))
	mount_disk record || { fail record "cannot mount the target" "$log"; return; }
	dir=$(dump_dir /var/crash)
	if [ "$(echo "$dir" | grep -c .)" = 1 ] && check_record record "$dir" "$log"; then
		pass record
	fi
	umount "$MNT"
}

# A target smaller than a level-1 dump: complete at a higher level.
test_fit_to_target() {
	capture_image fit "ext4 UUID=$UUID
core_collector makedumpfile -l --message-level 1 -d 1" "$MODS"
	disk fit ext4 64M -q -F -U "$UUID"
	log=$(crash_guest fit $(drive fit))
	mount_disk fit || { fail fit_to_target "cannot mount the target" "$log"; return; }
	dir=$(dump_dir /var/crash)
	r=$dir/vmcore.json
	if [ ! -s "$dir/vmcore" ] || [ -e "$dir/vmcore-incomplete" ]; then
		fail fit_to_target "no complete vmcore in $dir: $(ls "$dir" | tr '\n' ' ')" "$log"
	elif [ "$(json "$r" dump_level)" -le 1 ] || [ -z "$(json "$r" fit)" ] ||
	     [ "$(json "$r" dump_level_configured)" != 1 ]; then
		fail fit_to_target "level $(json "$r" dump_level), fit \"$(json "$r" fit)\"" "$log"
	elif ! grep -q "kdump: warning: dump level 1 -> " "$log"; then
		fail fit_to_target "the console does not say the level was raised" "$log"
	elif ! dump_open "$KVER" "$VMLINUX" "$dir/vmcore" "$CAP/crash.out"; then
		fail fit_to_target "crash cannot open the fitted dump" "$log"
	else
		pass fit_to_target
	fi
	umount "$MNT"
}

# blkdebug: the target's writes fail with EIO from the Nth on.
blkdebug_conf() {	# FILE N
	: > "$1"
	i=1
	while [ $i -lt "$2" ]; do
		printf '[set-state]\nstate = "%d"\nevent = "pwritev"\nnew_state = "%d"\n' \
			$i $((i + 1)) >> "$1"
		i=$((i + 1))
	done
	printf '[inject-error]\nstate = "%d"\nevent = "pwritev"\nerrno = "5"\nonce = "off"\n' \
		"$2" >> "$1"
}

test_eio_mid_dump() {
	capture_image eio "ext4 UUID=$UUID
disk_timeout 30
failure_action dump_to_rootfs
core_collector makedumpfile -d 31" "$MODS"
	disk eio ext4 1G -q -F -U "$UUID"
	disk eioroot ext4 1G -q -F -U "$RUUID"
	blkdebug_conf "$CAP/blkdebug.conf" "${EIO_AFTER_WRITES:-40}"
	log=$(ROOT_ARG="root=UUID=$RUUID rootfstype=ext4" crash_guest eio \
		-drive "if=virtio,format=raw,file.driver=blkdebug,file.config=$CAP/blkdebug.conf,file.image.filename=$CAP/eio.disk" \
		$(drive eioroot))
	if ! mount_disk eio; then
		fail eio_mid_dump "cannot mount the target after the errors" "$log"; return
	fi
	dir=$(dump_dir /var/crash)
	r=$dir/vmcore.json
	if [ ! -e "$dir/vmcore-incomplete" ] || [ -e "$dir/vmcore" ]; then
		fail eio_mid_dump "expected vmcore-incomplete only in $dir: $(ls "$dir" | tr '\n' ' ')" "$log"
	elif ! grep -q 'kdump: error: cannot write the dump: I/O error' "$log"; then
		fail eio_mid_dump "no I/O error on the console" "$log"
	elif [ ! -f "$r" ] || [ "$(json "$r" status)" != incomplete ]; then
		fail eio_mid_dump "the record does not say incomplete: $(cat "$r" 2>&1 | head -c 300)" "$log"
	else
		umount "$MNT"
		mount_disk eioroot || { fail eio_mid_dump "cannot mount the root disk" "$log"; return; }
		dir=$(dump_dir /var/crash)
		if [ ! -s "$dir/vmcore" ] || ! dump_open "$KVER" "$VMLINUX" "$dir/vmcore" "$CAP/crash.out"; then
			fail eio_mid_dump "dump_to_rootfs saved no readable dump: $(ls "$dir" | tr '\n' ' ')" "$log"
		else
			pass eio_mid_dump
		fi
	fi
	umount "$MNT"
}

# The capture kernel hangs for good (hang.c as kdump_pre): the watchdog
# kdump-init armed resets the machine (QEMU, with -no-reboot, exits).
test_watchdog_reset() {
	musl-gcc -static -O2 -o "$CAP/hang" "$QEMU_DIR/hang.c" || die "cannot build hang.c"
	KDUMP_WATCHDOG="timeout 15" capture_image wd "ext4 UUID=$UUID
kdump_pre $CAP/hang" "$MODS i6300esb" "$CAP/hang"
	disk wd ext4 256M -q -F -U "$UUID"
	t0=$(date +%s)
	log=$(crash_guest wd $(drive wd) -device i6300esb -watchdog-action reset)
	took=$(( $(date +%s) - t0 ))
	if ! grep -q 'kdump: hardware watchdog armed' "$log"; then
		fail watchdog_reset "kdump-init did not arm the watchdog" "$log"
	elif ! grep -q 'KDTEST: hanging the capture kernel' "$log"; then
		fail watchdog_reset "the hang did not start" "$log"
	elif grep -q 'kdump: rebooting' "$log"; then
		fail watchdog_reset "kdump-init ran on: it was not hung" "$log"
	elif [ "$took" -ge "$QEMU_TIMEOUT" ]; then
		fail watchdog_reset "the guest was not reset (QEMU timed out)" "$log"
	else
		pass watchdog_reset
	fi
}

started=$(date +%s)
if [ -n "${RELIABILITY_ONLY:-}" ]; then
	for t in $RELIABILITY_ONLY; do $t; done
	exit 0
fi
test_record
test_fit_to_target
test_eio_mid_dump
test_watchdog_reset
say "reliability tests (disks) took $(( $(date +%s) - started )) s"
# the network cases, with network.sh's servers in its private namespace
NETWORK_ONLY="test_nfs_hung_write test_nfs_hung_mount test_ssh_stalled" \
	sh "$QEMU_DIR/network.sh" ||
	echo "FAIL reliability:network: network.sh stopped (exit $?)"
