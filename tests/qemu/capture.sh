#!/bin/sh
# capture.sh - whole-system tests of the capture environment: a capture
# initramfs built with the project's dracut module, a real crash, and a
# check of what kdump-init wrote, on the disk images, from the host.
# Prints PASS/FAIL lines.
set -u
. "$(dirname "$0")/lib.sh"

fetch_kernel
mkdir -p "$WORK"
build_images >/dev/null
VMLINUX=$("$TOP/scripts/fetch-debug-vmlinux.sh" "$KVER")
CAP=$WORK/capture
MNT=$WORK/mnt
rm -rf "$CAP"
mkdir -p "$CAP" "$MNT"

DRACUT_BASE=$(dracut_base)

drive() { echo "-drive file=$CAP/$1.disk,if=virtio,format=raw"; }

mount_disk() { mount -o loop "$CAP/$1.disk" "$MNT"; }

# The one dump directory under MNT/PATH, or nothing.
dump_dir() {
	ls -d "$MNT$1"/127.0.0.1-* 2>/dev/null
}

# check_flat NAME DIR LOG - DIR/vmcore.flat is the flattened format, and
# kdump-collect -R makes a dump of it that crash opens.
check_flat() {
	name=$1 dir=$2 log=$3
	rm -f "$WORK/restored.vmcore"
	if [ "$(head -c 12 "$dir/vmcore.flat")" != makedumpfile ]; then
		fail "$name" "vmcore.flat has no flattened header" "$log"
	elif [ -e "$dir/vmcore" ]; then
		fail "$name" "a vmcore next to vmcore.flat" "$log"
	elif ! "$BIN/kdump-collect" -R "$WORK/restored.vmcore" < "$dir/vmcore.flat"; then
		fail "$name" "kdump-collect -R failed" "$log"
	elif ! crash_opens "$WORK/restored.vmcore"; then
		fail "$name" "crash cannot open the restored dump" "$log"
	else
		rm -f "$WORK/restored.vmcore"
		return 0
	fi
	return 1
}

UUID=5d6f8a9c-1b2e-4c3d-9e8f-a0b1c2d3e4f5
MODS="virtio_pci virtio_blk crc32c_generic ext4"

# A hook script for the image: prints a marker on the console.
hook() {	# name body
	printf '#!/bin/sh\n%s\n' "$2" > "$CAP/$1"
	chmod 0755 "$CAP/$1"
}

hook pre 'echo "KDTEST: kdump_pre ran" > /dev/console'
hook post 'echo "KDTEST: kdump_post status $1" > /dev/console'
HOOKS="kdump_pre $CAP/pre
kdump_post $CAP/post"

# The statuses kdump_post printed in LOG, in order, on one line.
post_statuses() {
	grep -o 'KDTEST: kdump_post status [0-9]*' "$1" | awk '{ printf "%s%s", s, $4; s = " " }'
}

# first_line LOG TEXT - the number of the first line of LOG with TEXT (or 0).
first_line() {
	grep -n -m 1 "$2" "$1" | cut -d: -f1 | grep . || echo 0
}

test_ext4_uuid_hooks() {
	capture_image ext4 "ext4 UUID=$UUID
path /var/crash
core_collector makedumpfile -l --message-level 1 -d 31
debug_mem_level 3
$HOOKS" "$MODS" "$CAP/pre $CAP/post"
	disk ext4 ext4 1G -q -F -U "$UUID"
	log=$(crash_guest ext4 $(drive ext4))
	mount_disk ext4 || { fail ext4_uuid "cannot mount the target" "$log"; return; }
	if check_dump ext4_uuid "$(dump_dir /var/crash)" "$log"; then
		pass ext4_uuid
	fi
	umount "$MNT"
	if grep -q 'KDTEST: kdump_pre ran' "$log" && [ "$(post_statuses "$log")" = 0 ]; then
		pass hooks_pre_and_post
	else
		fail hooks_pre_and_post "kdump_pre/kdump_post did not run once with status 0" "$log"
	fi
	if ! grep -q 'memory before the dump (debug_mem_level 3)' "$log" ||
	   ! grep -q '^Committed_AS:' "$log" || ! grep -q '^slabinfo - version' "$log"; then
		fail debug_mem_level_3 "no full meminfo and slabinfo on the console" "$log"
	else
		pass debug_mem_level_3
	fi
}

test_xfs_label_path() {
	capture_image xfs "xfs LABEL=crashfs
path /dumps/here
core_collector makedumpfile -z --message-level 1 -d 31" \
		"virtio_pci virtio_blk crc32c_generic xfs"
	disk xfs xfs 1G -q -f -L crashfs
	log=$(crash_guest xfs $(drive xfs))
	mount_disk xfs || { fail xfs_label_path "cannot mount the target" "$log"; return; }
	if check_dump xfs_label_path "$(dump_dir /dumps/here)" "$log"; then
		pass xfs_label_path
	fi
	umount "$MNT"
}

# -c, -E and cp on ext4; -c on a 3-CPU guest, where kdumpctl gives the
# capture kernel two CPUs (256M reserved: loader/capture.h), which it must
# bring up, the second compressing thread with them
test_collectors() {
	for c in "makedumpfile -c -d 31" "makedumpfile -E -d 31" "cp --sparse=always"; do
		label=collector_$(echo "$c" | awk '{print ($1 == "cp") ? "cp" : $2}' | tr -d -)
		smp=
		[ "$label" = collector_c ] && smp="-smp 3"
		capture_image coll "ext4 UUID=$UUID
core_collector $c" "$MODS"
		disk coll ext4 2G -q -F -U "$UUID"
		# shellcheck disable=SC2086
		log=$(crash_guest coll $(drive coll) $smp)
		mount_disk coll || { fail "$label" "cannot mount the target" "$log"; continue; }
		if check_dump "$label" "$(dump_dir /var/crash)" "$log"; then
			pass "$label"
		fi
		umount "$MNT"
		[ -n "$smp" ] || continue
		if awk '/Kernel panic - not syncing/ { p = 1 }
			p && /smp: Brought up 1 node, 2 CPUs/ { ok = 1 } END { exit !ok }' "$log" &&
		   grep -q ' nr_cpus=2 ' "$log"; then
			pass two_capture_cpus
		else
			fail two_capture_cpus "the capture kernel did not run on 2 CPUs" "$log"
		fi
	done
}

test_pre_fails() {
	hook prefail 'exit 3'
	capture_image prefail "ext4 UUID=$UUID
kdump_pre $CAP/prefail
kdump_post $CAP/post" "$MODS" "$CAP/prefail $CAP/post"
	disk prefail ext4 256M -q -F -U "$UUID"
	log=$(crash_guest prefail $(drive prefail))
	mount_disk prefail || { fail kdump_pre_fails "cannot mount the target" "$log"; return; }
	if ls "$MNT"/var/crash/*/vmcore* >/dev/null 2>&1; then
		fail kdump_pre_fails "a dump was written although kdump_pre failed" "$log"
	elif ! grep -q 'kdump_pre .* exited with status 3: no dump' "$log" ||
	     ! grep -q 'kdump: rebooting' "$log"; then
		fail kdump_pre_fails "no message, or final_action did not run" "$log"
	elif grep -q 'KDTEST: kdump_post' "$log"; then
		fail kdump_pre_fails "kdump_post ran although kdump_pre failed" "$log"
	else
		pass kdump_pre_fails
	fi
	umount "$MNT"
}

# The target never appears: disk_timeout 5, then kdump_post with status 2
# (kdump_pre ran before the wait), then the failure action.
test_missing_target() {	# action timeout expected-message
	capture_image missing "ext4 UUID=00000000-0000-0000-0000-000000000000
disk_timeout 5
debug_mem_level 1
$HOOKS
failure_action $1" "$MODS" "$CAP/pre $CAP/post"
	log=$(QEMU_TIMEOUT=${2:-240} crash_guest missing)
	pre=$(first_line "$log" 'KDTEST: kdump_pre ran')
	post=$(first_line "$log" 'KDTEST: kdump_post status')
	if ! grep -q 'did not appear within 5 s' "$log"; then
		fail "missing_target_$1" "no message about the missing target" "$log"
	elif ! grep -q "$3" "$log"; then
		fail "missing_target_$1" "the failure action did not run ($3)" "$log"
	elif [ "$pre" = 0 ] || [ "$pre" -gt "$(first_line "$log" 'kdump: waiting for')" ]; then
		fail "missing_target_$1" "kdump_pre did not run before the wait for the target" "$log"
	elif [ "$(post_statuses "$log")" != 2 ] || [ "$post" -gt "$(first_line "$log" "$3")" ]; then
		fail "missing_target_$1" "kdump_post did not run once with status 2 before the failure action: $(post_statuses "$log")" "$log"
	else
		pass "missing_target_$1"
	fi
	[ "$1" = reboot ] || return 0
	if ! grep -q 'memory at start (debug_mem_level 1)' "$log" ||
	   ! grep -q '^MemAvailable:' "$log" || grep -q '^Committed_AS:' "$log"; then
		fail debug_mem_level_1 "not exactly the short meminfo on the console" "$log"
	else
		pass debug_mem_level_1
	fi
}

# failure_action dump_to_rootfs: kdump_post runs for both attempts (2, then
# 0); and no target at all, with -F: vmcore.flat on the root filesystem.
test_dump_to_rootfs() {
	RUUID=7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d
	for t in fallback no_target; do
		if [ $t = fallback ]; then
			conf="ext4 UUID=00000000-0000-0000-0000-000000000000
disk_timeout 5
$HOOKS
failure_action dump_to_rootfs
core_collector makedumpfile -l -d 31"
			label=dump_to_rootfs_fallback file=vmcore
		else
			conf="path /var/crash
core_collector makedumpfile -F -l -d 31"
			label=no_target_root_fs file=vmcore.flat
		fi
		capture_image rootfs "$conf" "$MODS" "$CAP/pre $CAP/post"
		disk rootfs ext4 1G -q -F -U "$RUUID"
		log=$(ROOT_ARG="root=UUID=$RUUID rootfstype=ext4" crash_guest rootfs $(drive rootfs))
		mount_disk rootfs || { fail "$label" "cannot mount the root disk" "$log"; continue; }
		dir=$(dump_dir /var/crash)
		if check_dump "$label" "$dir" "$log" "$file"; then
			pass "$label"
		fi
		if [ $t = no_target ]; then
			check_flat local_flattened "$dir" "$log" && pass local_flattened
		elif [ "$(post_statuses "$log")" != "2 0" ]; then
			fail kdump_post_dump_to_rootfs "kdump_post statuses: \"$(post_statuses "$log")\", expected \"2 0\"" "$log"
		else
			pass kdump_post_dump_to_rootfs
		fi
		umount "$MNT"
	done
}

test_enospc() {
	capture_image small "ext4 UUID=$UUID
fit_to_target no
core_collector makedumpfile -d 31" "$MODS"
	disk small ext4 32M -q -F -U "$UUID"
	log=$(crash_guest small $(drive small))
	mount_disk small || { fail target_full "cannot mount the target" "$log"; return; }
	dir=$(dump_dir /var/crash)
	if [ ! -s "$dir/vmcore-incomplete" ] || [ -e "$dir/vmcore" ]; then
		fail target_full "expected vmcore-incomplete and no vmcore in $dir" "$log"
	elif [ $(( $(od -An -tu4 -j424 -N4 "$dir/vmcore-incomplete") & 8 )) = 0 ]; then
		fail target_full "vmcore-incomplete is not marked incomplete" "$log"
	elif ! grep -q 'No space left on device' "$log" || ! grep -q 'kdump: rebooting' "$log"; then
		fail target_full "no clear error or no failure action" "$log"
	else
		pass target_full
	fi
	umount "$MNT"
}

# kdumpctl rebuild on the host, for the guest's kernel: dracut -m kdump
# with what kdumpctl planned.
test_kdumpctl_rebuild() {
	printf 'ext4 UUID=%s\npath /var/crash\nextra_modules virtio_blk\n' "$UUID" \
		> "$CAP/rebuild.conf"
	printf 'KDUMP_KERNELVER=%s\nKDUMP_INITRD=%s/rebuild.img\n' "$KVER" "$CAP" \
		> "$CAP/rebuild.sysconfig"
	rm -f "$CAP/rebuild.img"
	# the target must be present when the image is built: here a loop
	# device over a filesystem image with that UUID
	disk rebuild ext4 64M -q -F -U "$UUID"
	loop=$(losetup -f --show "$CAP/rebuild.disk") || loop=
	out=$(dracutbasedir="$DRACUT_BASE" "$BIN/kdumpctl" --config "$CAP/rebuild.conf" \
		--sysconfig "$CAP/rebuild.sysconfig" --kernel "$KDIR/vmlinuz" \
		--kmoddir "$KDIR/root/lib/modules/$KVER" rebuild 2>&1)
	[ -n "$loop" ] && losetup -d "$loop"
	lsinitrd "$CAP/rebuild.img" > "$CAP/rebuild.list" 2>/dev/null
	if [ ! -s "$CAP/rebuild.img" ]; then
		fail kdumpctl_rebuild "no image: $out" /dev/null
	elif [ "$(stat -c %a "$CAP/rebuild.img")" != 600 ]; then
		fail kdumpctl_rebuild "the image is not mode 0600" /dev/null
	elif [ "$(head -c 2 "$CAP/rebuild.img" | od -An -tx1 | tr -d ' ')" != 1f8b ]; then
		fail kdumpctl_rebuild "the image is not gzip-compressed" /dev/null
	elif grep -q 'bin/busybox' "$CAP/rebuild.list"; then
		fail kdumpctl_rebuild "BusyBox is in an image that needs no shell" /dev/null
	elif ! lsinitrd -f etc/kdump.conf "$CAP/rebuild.img" | grep -q "^ext4 UUID=$UUID" ||
	     ! lsinitrd -f etc/kdump/modules "$CAP/rebuild.img" | grep -q '^ext4$' ||
	     ! grep -q 'virtio_blk.ko' "$CAP/rebuild.list"; then
		fail kdumpctl_rebuild "the image lacks the configuration or the modules" /dev/null
	elif ! lsinitrd -f init "$CAP/rebuild.img" | grep -aq 'capture kernel: %s present'; then
		fail kdumpctl_rebuild "/init is not kdump-init" /dev/null
	else
		pass kdumpctl_rebuild
	fi
}

# failure_action shell, driven over the serial console: a command typed at
# the prompt runs, and leaving the shell runs final_action.
test_shell() {
	capture_image shell "ext4 UUID=00000000-0000-0000-0000-000000000000
disk_timeout 5
failure_action shell" "$MODS"
	log=$LOGS/capture-shell.log
	fifo=$CAP/console.in
	rm -f "$fifo" "$log"
	mkfifo "$fifo"
	timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -accel tcg -m 1G -smp 1 \
		-no-reboot -display none -monitor none -serial stdio \
		-kernel "$KDIR/vmlinuz" -initrd "$CAP/shell-first.img" \
		-append "console=ttyS0 kdtest=crash crashkernel=256M panic=5" \
		< "$fifo" > "$log" 2>&1 &
	qemu=$!
	exec 3> "$fifo"
	if wait_for "$log" 'starting a shell' 200; then
		sleep 2
		echo 'echo KDTEST-SHELL-$((6*7))' >&3
		wait_for "$log" 'KDTEST-SHELL-42' 30 && echo exit >&3
	fi
	wait_for "$log" 'kdump: rebooting' 30
	exec 3>&-
	wait "$qemu" 2>/dev/null
	if ! grep -q 'starting a shell' "$log"; then
		fail failure_action_shell "no shell was started" "$log"
	elif ! grep -q 'KDTEST-SHELL-42' "$log"; then
		fail failure_action_shell "the shell did not run a command" "$log"
	elif ! grep -q 'kdump: rebooting' "$log"; then
		fail failure_action_shell "leaving the shell did not reboot" "$log"
	else
		pass failure_action_shell
	fi
}

# wait_for LOG TEXT SECONDS - until TEXT shows up in LOG.
wait_for() {
	i=0
	while [ "$i" -lt "$3" ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 1
		i=$((i + 1))
	done
	return 1
}

# raw: the flattened dump on a bare disk, restored by kdumpctl start
# (run here on the host against the disk image, as on the next boot).
test_raw() {
	capture_image raw "raw /dev/vda
core_collector makedumpfile -F -l --message-level 1 -d 31" "virtio_pci virtio_blk"
	rm -f "$CAP/raw.disk"
	truncate -s 1G "$CAP/raw.disk"
	log=$(crash_guest raw $(drive raw))
	rm -rf "$CAP/restored"
	# the disk as the next boot sees it: a block device (a loop device)
	loop=$(losetup -f --show "$CAP/raw.disk") || loop=/dev/null
	printf 'raw %s\npath %s/restored\n' "$loop" "$CAP" > "$CAP/restore.conf"
	"$BIN/kdumpctl" --config "$CAP/restore.conf" --sysconfig /dev/null start \
		> "$CAP/restore.out" 2>&1
	[ "$loop" = /dev/null ] || losetup -d "$loop"
	dir=$(ls -d "$CAP"/restored/*/ 2>/dev/null | head -n 1)
	if ! grep -q 'kdump: writing the dump to /dev/vda' "$log"; then
		fail raw_target "the capture kernel did not write to the raw device" "$log"
	elif [ -z "$dir" ] || [ ! -s "$dir/vmcore" ]; then
		fail raw_target "kdumpctl start restored nothing: $(tr '\n' ' ' < "$CAP/restore.out")" "$log"
	elif ! crash_opens "$dir/vmcore"; then
		fail raw_target "crash cannot open the restored dump" "$log"
	else
		pass raw_target
	fi
}

started=$(date +%s)
if [ -n "${CAPTURE_ONLY:-}" ]; then	# e.g. CAPTURE_ONLY="test_enospc"
	for t in $CAPTURE_ONLY; do $t; done
	exit 0
fi
# CAPTURE_SMOKE=1 (kernels.sh, another kernel): the two captures that
# show a kernel works: ext4 with hooks and LZO, xfs with zstd.
if [ -n "${CAPTURE_SMOKE:-}" ]; then
	NAME_SUFFIX=@$KVER
	test_ext4_uuid_hooks
	test_xfs_label_path
	exit 0
fi
test_kdumpctl_rebuild
test_ext4_uuid_hooks
test_xfs_label_path
test_pre_fails
test_missing_target reboot 240 'kdump: rebooting'
test_missing_target poweroff 240 'kdump: powering off'
test_missing_target halt 60 'kdump: halting'
test_shell
test_dump_to_rootfs
test_enospc
test_raw
test_collectors
say "capture tests took $(( $(date +%s) - started )) s"
