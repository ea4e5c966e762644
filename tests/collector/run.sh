#!/bin/sh
# run.sh - the collector on real crashes (the QEMU fixtures), compared
# with makedumpfile and opened with crash.  Prints PASS/FAIL lines.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
K=$top/build/bin/kdump-collect
CACHE=${KDUMP_CACHE:-$HOME/.cache/kdump}
work=$top/build/collector-tests
TOP=$top
. "$top/tests/dump-readers.sh"
mkdir -p "$work"

pass() { echo "PASS collector:$1"; }
fail() { echo "FAIL collector:$1: $2"; }

. "$here/cli_errors.sh"

fixdir=$("$top/tests/qemu/fixtures.sh" | tail -n 1) || { fail fixtures "cannot make the fixtures"; exit 0; }
kver=$(basename "$fixdir")
vmlinux=$("$top/scripts/fetch-debug-vmlinux.sh" "$kver") || { fail vmlinux "cannot fetch the debug vmlinux"; exit 0; }

# The report lines makedumpfile and kdump-collect both print, up to "Total pages".
report() { sed -n '/^Original pages/,/^Total pages/p'; }

# The number on a report line ("    Free pages : 0x...") of FILE.
count() {	# file label
	printf '%d' "$(sed -n "s/^ *$2 *: *\(0x[0-9a-f]*\)$/\1/p" "$1")"
}

# The makedumpfile whose counts are the reference for kernel $kver: this
# machine's for 6.1, Debian 13's 1.7.6 for the newer ones.
reference_makedumpfile() {
	if [ "$(dump_reader "$kver")" = crash ]; then
		makedumpfile "$@"
	else
		"$DEBIAN_TOOLS" makedumpfile "$@"
	fi
}

# Does makedumpfile miss the tails of compound pages in $1?  From 7.1 on
# VMCOREINFO names compound_head compound_info, which 1.7.6 does not
# know: it takes a slab's tail pages for user or cache pages.
blind_to_tails() {	# vmcore
	head -c 16M "$1" | grep -aq 'OFFSET(page.compound_info)='
}

# Where makedumpfile is wrong, the counts are checked against the kernel:
#  - free pages: where it finds none (1.7.6 on 6.12 and newer keeps them)
#    ours must be the kernel's own count, read with drgn: NR_FREE_PAGES
#    and the buddy allocator's free_area sums;
#  - cache and user pages: where it is blind to tails, ours may be fewer,
#    never more (the tails it excludes are kept; kernels.sh checks that
#    every slab page is in the dump);
# every other line must still be makedumpfile's, and the excluded and
# remaining pages must add up to the original ones.
counts_against_kernel() {	# name vmcore level
	same='Original pages|Hwpoison pages|Offline pages|Memory Hole|Total pages'
	fewer=
	if blind_to_tails "$2"; then
		fewer='Non-private cache pages|Private cache pages|User process data pages'
	else
		same="$same|Non-private cache pages|Private cache pages|User process data pages"
	fi
	ours=$(count "$work/ours.rep" 'Free pages')
	theirs=$(count "$work/theirs.rep" 'Free pages')
	if [ $(($3 & 16)) -ne 0 ] && [ "$theirs" = 0 ] && [ "$ours" != 0 ]; then
		"$DEBIAN_TOOLS" drgn -q -c "$2" -s "$vmlinux" --no-default-symbols \
			"$here/free_pages.py" > "$work/kernel-free" 2>&1
		stat=$(sed -n 's/^nr_free_pages //p' "$work/kernel-free")
		buddy=$(sed -n 's/^buddy //p' "$work/kernel-free")
		if [ -z "$stat" ] || [ "$ours" != "$stat" ] || [ "$ours" != "$buddy" ]; then
			fail "$1" "free pages $ours, the kernel's NR_FREE_PAGES ${stat:-?}, buddy ${buddy:-?}"; return
		fi
	elif [ "$ours" != "$theirs" ]; then
		fail "$1" "free pages $ours, makedumpfile's $theirs"; return
	fi
	old_ifs=$IFS
	IFS='|'
	for label in $same; do
		if [ "$(count "$work/ours.rep" "$label")" != "$(count "$work/theirs.rep" "$label")" ]; then
			IFS=$old_ifs; fail "$1" "$label differ from makedumpfile's"; return
		fi
	done
	for label in $fewer; do
		if [ "$(count "$work/ours.rep" "$label")" -gt "$(count "$work/theirs.rep" "$label")" ]; then
			IFS=$old_ifs; fail "$1" "more $label than makedumpfile's"; return
		fi
	done
	IFS=$old_ifs
	if [ "$(count "$work/ours.rep" 'Excluded pages')" -ne \
	     $(( $(count "$work/ours.rep" 'Original pages') - $(count "$work/ours.rep" 'Remaining pages') )) ]; then
		fail "$1" "excluded and remaining pages do not add up to the original"
	else
		pass "$1"
	fi
}

test_counts() {	# fixture level [name suffix, then options for both]
	name=counts_$1_d$2
	vmcore=$fixdir/vmcore-$1
	lvl=$2
	shift 2
	[ $# -gt 0 ] && { name=${name}_$1; shift; }
	"$K" -f --message-level 16 "$@" -d "$lvl" "$vmcore" "$work/ours" 2> "$work/ours.txt" >/dev/null
	reference_makedumpfile -f --message-level 16 "$@" -d "$lvl" "$vmcore" "$work/theirs" \
		> "$work/theirs.txt" 2>&1
	report < "$work/ours.txt" > "$work/ours.rep"
	report < "$work/theirs.txt" > "$work/theirs.rep"
	if [ ! -s "$work/ours.rep" ]; then
		fail "$name" "no report"
	elif blind_to_tails "$vmcore" ||
	     { [ $((lvl & 16)) -ne 0 ] && [ "$(count "$work/theirs.rep" 'Free pages')" = 0 ] &&
	       [ "$(count "$work/ours.rep" 'Free pages')" != 0 ]; }; then
		counts_against_kernel "$name" "$vmcore" "$lvl"
	elif ! diff -u "$work/theirs.rep" "$work/ours.rep" > "$work/diff"; then
		fail "$name" "page counts differ from makedumpfile's: $(tr '\n' ' ' < "$work/diff")"
	else
		pass "$name"
	fi
}

# crash must open the dump: the right release and panic, and the commands work.
crash_open() {	# name dump
	printf 'sys\nlog\nbt\nkmem -i\nquit\n' > "$work/cmds"
	timeout 300 crash -s -i "$work/cmds" "$vmlinux" "$2" > "$work/crash.out" 2>&1
	if ! grep -q "RELEASE: $kver" "$work/crash.out"; then
		fail "$1" "crash: no sys output ($(head -c 300 "$work/crash.out" | tr '\n' ' '))"
	elif ! grep -q 'PANIC: "Kernel panic - not syncing: sysrq triggered crash"' "$work/crash.out"; then
		fail "$1" "crash: wrong panic string"
	elif ! grep -q 'Linux version' "$work/crash.out"; then
		fail "$1" "crash: log did not work"
	elif ! grep -q 'sysrq_handle_crash' "$work/crash.out"; then
		fail "$1" "crash: bt did not show the panic path"
	elif ! grep -q 'TOTAL MEM' "$work/crash.out"; then
		fail "$1" "crash: kmem -i did not work"
	elif grep -qiE 'invalid kernel virtual address|page excluded|seek error|read error' "$work/crash.out"; then
		fail "$1" "crash: $(grep -iE 'invalid|excluded|seek error|read error' "$work/crash.out" | head -n 1)"
	else
		pass "$1"
	fi
}

verify() {	# name dump [level]
	if out=$("$K" --verify ${3:+-d $3} "$fixdir/vmcore-4level" "$2" 2>&1) &&
	   echo "$out" | grep -q '0 differ, 0 dumpable pages missing'; then
		pass "$1"
	else
		fail "$1" "$out"
	fi
}

test_outputs() {
	f=$fixdir/vmcore-4level
	for c in c l z none; do
		opt=-$c
		[ $c = none ] && opt=
		"$K" -f $opt --message-level 0 -d 31 "$f" "$work/dump-$c" || fail "write_$c" "kdump-collect failed"
		crash_open "crash_$c" "$work/dump-$c"
		verify "verify_$c" "$work/dump-$c"
	done
	"$K" -f -E --message-level 0 -d 31 "$f" "$work/dump-elf"
	crash_open crash_elf "$work/dump-elf"
	verify verify_elf "$work/dump-elf" 31
	"$K" -F -l --message-level 0 -d 31 "$f" | "$K" -f -R "$work/dump-flat"
	if cmp -s "$work/dump-flat" "$work/dump-l"; then pass flat_rearranged_identical
	else fail flat_rearranged_identical "-F | -R differs from the direct dump"; fi
	crash_open crash_flat "$work/dump-flat"
	"$K" -F -E --message-level 0 -d 31 "$f" | "$K" -f -R "$work/dump-flat-elf"
	crash_open crash_flat_elf "$work/dump-flat-elf"
}

# The multi-window path (what machines above 128 GiB take): with
# --cyclic-buffer 1, 8 Ki pfns a window (32 windows on the 1 GiB
# fixture), every output is byte for byte the one-window dump of
# test_outputs, flattened or not, and the counts are makedumpfile's with
# the same option.
same_file() {	# name file reference
	if cmp -s "$2" "$3"; then pass "$1"
	else fail "$1" "differs from the one-window dump"; fi
}

test_windows() {
	f=$fixdir/vmcore-4level
	for c in c l z none; do
		opt=-$c
		[ $c = none ] && opt=
		"$K" -f $opt --cyclic-buffer 1 --message-level 0 -d 31 "$f" "$work/dump-win" ||
			fail "windows_$c" "kdump-collect failed"
		same_file "windows_$c" "$work/dump-win" "$work/dump-$c"
	done
	"$K" -f -E --cyclic-buffer 1 --message-level 0 -d 31 "$f" "$work/dump-win"
	same_file windows_elf "$work/dump-win" "$work/dump-elf"
	"$K" -F -l --cyclic-buffer 1 --message-level 0 -d 31 "$f" | "$K" -f -R "$work/dump-win"
	same_file windows_flat "$work/dump-win" "$work/dump-l"
	"$K" -F -E --cyclic-buffer 1 --message-level 0 -d 31 "$f" | "$K" -f -R "$work/dump-win"
	same_file windows_flat_elf "$work/dump-win" "$work/dump-elf"
	rm -f "$work/dump-win"
	for level in 31 1; do
		test_counts 4level "$level" windows --cyclic-buffer 1
	done
}

# Corrupting a stored page must be caught by --verify.
test_verify_detects_corruption() {
	cp "$work/dump-none" "$work/dump-bad"
	size=$(stat -c %s "$work/dump-bad")
	printf 'XXXXXXXX' | dd of="$work/dump-bad" bs=1 seek=$((size - 3000)) conv=notrunc 2>/dev/null
	if "$K" --verify "$fixdir/vmcore-4level" "$work/dump-bad" > /dev/null 2>&1; then
		fail verify_detects_corruption "a corrupted page passed --verify"
	else
		pass verify_detects_corruption
	fi
}

started=$(date +%s)
for fx in 4level la57; do
	for level in 31 1 2 4 8 16; do
		test_counts "$fx" "$level"
	done
done
. "$here/dmesg_fixture.sh"
test_outputs
test_windows
test_verify_detects_corruption
. "$here/faults.sh"
. "$here/fit.sh"
. "$here/kernels.sh"
echo "kdump-test: collector tests took $(( $(date +%s) - started )) s" >&2
