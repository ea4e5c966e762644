# faults.sh - sourced by run.sh: what the collector does when things go
# wrong.  It must keep what it can, say what happened, and never lose the
# dump silently: a dump that holds less than its level says exits 3
# (degraded), one cut short 2, a whole one 0.

# A copy of a fixture to damage (sparse, removed afterwards).
damaged_copy() {
	cp --sparse=always "$fixdir/vmcore-4level" "$work/damaged"
}

# Overwrite bytes at the first occurrence of $1 in the ELF notes.
patch_notes() {	# text replacement
	off=$(head -c 65536 "$work/damaged" | grep -obUa -- "$1" | head -n 1 | cut -d: -f1)
	[ -n "$off" ] || return 1
	printf '%s' "$2" | dd of="$work/damaged" bs=1 seek="$off" conv=notrunc 2>/dev/null
}

expect_fallback() {	# name reason
	"$K" -f -l -d 31 --message-level 7 "$work/damaged" "$work/dump-fallback" \
		2> "$work/fallback.err"
	st=$?
	if [ "$st" != 3 ]; then
		fail "$1" "exit status $st, not 3 (degraded): $(tail -n 1 "$work/fallback.err")"
	elif ! grep -q "^kdump: warning: the dump is degraded: .*$2" "$work/fallback.err"; then
		fail "$1" "no warning that the dump is degraded ($2)"
	elif ! grep -q 'dumping without filtering' "$work/fallback.err"; then
		fail "$1" "no warning about dumping without filtering"
	elif ! "$K" --verify "$work/damaged" "$work/dump-fallback" > "$work/fallback.ver" 2>&1 ||
	     ! grep -q ' 0 excluded' "$work/fallback.ver"; then
		fail "$1" "the unfiltered dump is not complete: $(cat "$work/fallback.ver")"
	else
		pass "$1"
	fi
}

test_no_vmcoreinfo() {
	damaged_copy
	patch_notes VMCOREINFO VMCOREINFX &&
		expect_fallback fallback_no_vmcoreinfo 'no usable VMCOREINFO; pages not filtered' ||
		fail fallback_no_vmcoreinfo "no VMCOREINFO note to damage"
}

test_unwalkable_page_tables() {
	damaged_copy
	patch_notes 'SYMBOL(init_top_pgt)=' 'SYMBOL(init_top_pgt)=0000000000' &&
		expect_fallback fallback_bad_page_tables 'pages not filtered, all kept' ||
		fail fallback_bad_page_tables "no init_top_pgt to damage"
}

test_read_errors() {
	damaged_copy
	truncate -s -1M "$work/damaged"
	"$K" -f -l -d 31 --message-level 23 "$work/damaged" "$work/dump-short" \
		2> "$work/short.err" >/dev/null
	st=$?
	if [ "$st" != 3 ]; then
		fail read_errors_zero_filled "exit status $st, not 3 (degraded): $(tail -n 1 "$work/short.err")"
	elif ! grep -q '^kdump: warning: the dump is degraded: pages unreadable, zero-filled' \
		"$work/short.err"; then
		fail read_errors_zero_filled "no warning that the dump is degraded"
	elif ! grep -q 'Pages zero-filled after read errors: [1-9]' "$work/short.err" ||
	     ! grep -q 'cannot read page' "$work/short.err"; then
		fail read_errors_zero_filled "read errors were not counted and reported"
	elif ! "$K" --verify "$work/damaged" "$work/dump-short" > "$work/short.ver" 2>&1; then
		fail read_errors_zero_filled "the rest of the dump is wrong: $(cat "$work/short.ver")"
	else
		pass read_errors_zero_filled
	fi
}

# A 30 MiB tmpfs at $mnt, too small for -l -d 31 of the 4level fixture
# (test NAME fails when it cannot be had).
mount_small() {	# name
	mnt=$work/small
	mkdir -p "$mnt"
	umount "$mnt" 2>/dev/null
	mount -t tmpfs -o size=30m tmpfs "$mnt" && return 0
	fail "$1" "cannot mount a small tmpfs"
	return 1
}

test_enospc() {
	mount_small enospc_marked_incomplete || return
	"$K" -l -d 31 --message-level 7 "$fixdir/vmcore-4level" "$mnt/vmcore" \
		2> "$work/enospc.err"
	st=$?
	if [ "$st" = 0 ]; then
		fail enospc_marked_incomplete "kdump-collect succeeded on a full disk"
	elif [ "$st" != 2 ]; then
		fail enospc_marked_incomplete "exit status $st, not 2 (cut short)"
	elif ! grep -q 'No space left on device' "$work/enospc.err"; then
		fail enospc_marked_incomplete "no clear error: $(tail -n 1 "$work/enospc.err")"
	elif [ $(( $(od -An -tu4 -j424 -N4 "$mnt/vmcore") & 8 )) = 0 ]; then
		fail enospc_marked_incomplete "the header lacks the incomplete flag"
	elif ! "$K" --verify "$fixdir/vmcore-4level" "$mnt/vmcore" > "$work/enospc.ver" 2>&1 ||
	     ! grep -q '0 differ, 0 dumpable pages missing, [0-9]* excluded, [1-9]' "$work/enospc.ver"; then
		fail enospc_marked_incomplete "the pages that were written are wrong: $(cat "$work/enospc.ver")"
	else
		# crash recognises the dump as incomplete and, reading the missing
		# pages as zeros, analyses it
		printf 'sys\nquit\n' > "$work/cmds"
		timeout 300 crash --zero_excluded -s -i "$work/cmds" "$vmlinux" "$mnt/vmcore" \
			> "$work/crash.out" 2>&1
		if grep -q 'This dumpfile is incomplete' "$work/crash.out" &&
		   grep -q "RELEASE: $kver" "$work/crash.out"; then
			pass enospc_marked_incomplete
		else
			fail enospc_marked_incomplete "crash did not open the incomplete dump: $(head -c 300 "$work/crash.out" | tr '\n' ' ')"
		fi
	fi
	umount "$mnt"
}

# The reference: a whole dump of a sound vmcore exits 0, says nothing of
# degradation.
test_whole_exit_status() {
	"$K" -f -l -d 31 --message-level 7 "$fixdir/vmcore-4level" "$work/dump-whole" \
		2> "$work/whole.err"
	st=$?
	if [ "$st" != 0 ]; then
		fail exit_status_whole_dump "exit status $st: $(tail -n 1 "$work/whole.err")"
	elif grep -q 'degraded' "$work/whole.err"; then
		fail exit_status_whole_dump "a sound dump said to be degraded"
	else
		pass exit_status_whole_dump
	fi
	rm -f "$work/dump-whole"
}

test_whole_exit_status
test_no_vmcoreinfo
test_unwalkable_page_tables
test_read_errors
test_enospc
rm -f "$work/damaged"

# kdumpctl start restores a dump the capture kernel left on a raw device,
# once, before anything else (a loop device over a file).
test_raw_restore() {
	img=$work/raw.img
	rm -rf "$work/raw" "$img"
	"$K" -F -l -d 31 --message-level 0 "$fixdir/vmcore-4level" > "$img"
	# a device is larger than the dump, in whole sectors
	truncate -s $(( ($(stat -c %s "$img") / 512 + 2048) * 512 )) "$img"
	if ! dev=$(losetup -f --show "$img"); then
		fail raw_restore "no loop device"
		return
	fi
	printf 'raw %s\npath %s/raw\n' "$dev" "$work" > "$work/raw.conf"
	"$top/build/bin/kdumpctl" --config "$work/raw.conf" --sysconfig /dev/null \
		start > "$work/raw.out" 2>&1
	dir=$(ls -d "$work"/raw/*/ 2>/dev/null | head -n 1)
	if [ -z "$dir" ] || [ ! -s "$dir/vmcore" ]; then
		fail raw_restore "no vmcore restored: $(tr '\n' ' ' < "$work/raw.out")"
	elif ! "$K" --verify "$fixdir/vmcore-4level" "$dir/vmcore" >/dev/null 2>&1; then
		fail raw_restore "the restored dump is wrong"
	elif head -c 12 "$dev" | grep -q makedumpfile; then
		fail raw_restore "the device still holds the dump mark"
	elif "$top/build/bin/kdumpctl" --config "$work/raw.conf" --sysconfig /dev/null \
		start 2>&1 | grep -q restoring; then
		fail raw_restore "the dump was restored twice"
	else
		pass raw_restore
	fi
	losetup -d "$dev"
}
test_raw_restore
