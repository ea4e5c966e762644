#!/bin/sh
# dmesg_fixture.sh - kdump-collect --dump-dmesg against makedumpfile
# 1.7.6's --dump-dmesg (Debian 13's: dump-readers.sh) on the fixtures (raw ELF vmcores of real crashes): the logs
# must be byte-identical.  A copy of a fixture is then damaged: a record's
# text gets a newline and bytes that need escaping (still identical), and
# its descriptor an impossible text block (we must stop there with an
# error, keeping the records before it).  Prints PASS/FAIL lines.
#
# Sourced by run.sh (uses its $K, $fixdir, $work, pass and fail), or run
# alone: tests/collector/dmesg_fixture.sh [FIXTURE_DIR]

if [ -z "${K:-}" ]; then
	set -u
	top=$(cd "$(dirname "$0")/../.." && pwd)
	TOP=$top
	. "$top/tests/dump-readers.sh"
	K=$top/build/bin/kdump-collect
	work=$top/build/collector-tests
	mkdir -p "$work"
	pass() { echo "PASS collector:$1"; }
	fail() { echo "FAIL collector:$1: $2"; }
	fixdir=${1:-}
	if [ -z "$fixdir" ]; then
		for dm_d in "${KDUMP_CACHE:-$HOME/.cache/kdump}"/fixtures/*/; do
			[ -f "$dm_d/vmcore-4level" ] && fixdir=${dm_d%/}
		done
	fi
fi

# Run both on $2; $work/ours.log, ours.err, theirs.log; status in $st.
dmesg_run() {	# name vmcore
	rm -f "$work/ours.log" "$work/theirs.log"
	"$K" --dump-dmesg "$2" "$work/ours.log" 2> "$work/ours.err"
	st=$?
	reference_dmesg "$2" "$work/theirs.log"
}

dmesg_same() {	# name vmcore [text the log must hold]
	dmesg_run "$1" "$2"
	if [ "$st" -ne 0 ]; then
		fail "$1" "kdump-collect --dump-dmesg failed: $(tail -n 1 "$work/ours.err")"
	elif [ ! -s "$work/theirs.log" ]; then
		fail "$1" "makedumpfile --dump-dmesg wrote nothing"
	elif ! cmp "$work/theirs.log" "$work/ours.log" > "$work/cmp" 2>&1; then
		fail "$1" "the log differs from makedumpfile's: $(head -n 1 "$work/cmp")"
	elif [ -n "${3:-}" ] && ! grep -qF -- "$3" "$work/ours.log"; then
		fail "$1" "the log lacks $3"
	else
		pass "$1"
		return 0
	fi
	return 1
}

# Offsets in the damaged copy of the log record whose text starts with $1:
# not the format string in .rodata, which follows KERN_SOH and a level digit.
record_offsets() {	# text
	LC_ALL=C grep -obUa -- "$1" "$work/dmesg.vmcore" | cut -d: -f1 |
	while read -r off; do
		prev=$(dd if="$work/dmesg.vmcore" bs=1 skip=$((off - 1)) count=1 2>/dev/null |
		       od -An -tx1 | tr -d ' \n')
		[ "$prev" = 36 ] || echo "$off"
	done
}

# A grep -P pattern for the state_var of the finalized record whose text
# block is at $1 (the block starts with the record's 8-byte id).
state_pattern() {	# text offset
	# shellcheck disable=SC2046 # the eight bytes become $1..$8
	set -- $(dd if="$work/dmesg.vmcore" bs=1 skip=$(($1 - 8)) count=8 2>/dev/null | od -An -tx1)
	[ $# -eq 8 ] || return 1
	printf '\\x%s\\x%s\\x%s\\x%s\\x%s\\x%s\\x%s\\x%02x' "$1" "$2" "$3" "$4" \
		"$5" "$6" "$7" $((0x$8 | 0x80))
}

dm_text='BIOS-provided physical RAM map'
test_dmesg_damaged() {
	dm_offs=$(record_offsets "$dm_text")
	if [ -z "$dm_offs" ]; then
		fail dmesg_escapes "no \"$dm_text\" record in the fixture"
		return
	fi
	for dm_off in $dm_offs; do
		printf 'B\nI\001\303\177\t\033\r\377x' |
			dd of="$work/dmesg.vmcore" bs=1 seek="$dm_off" conv=notrunc 2>/dev/null
	done
	dmesg_same dmesg_escapes "$work/dmesg.vmcore" 'I\x01\xffffffc3\x7f'

	dm_pat=$(state_pattern "$(echo "$dm_offs" | head -n 1)") || dm_pat=
	dm_descs=
	[ -n "$dm_pat" ] && dm_descs=$(LC_ALL=C grep -obUaP -- "$dm_pat" "$work/dmesg.vmcore" | cut -d: -f1)
	if [ -z "$dm_descs" ]; then
		fail dmesg_corrupt_stops "cannot find the record's descriptor"
		return
	fi
	for dm_d in $dm_descs; do	# text_blk_lpos.next far beyond begin
		printf '\377\377\377\377\377\377\377\177' |
			dd of="$work/dmesg.vmcore" bs=1 seek=$((dm_d + 16)) conv=notrunc 2>/dev/null
	done
	n=$(grep -n -m 1 "$dm_text" "$work/dmesg-good.log" | cut -d: -f1)
	if [ -z "$n" ]; then
		fail dmesg_corrupt_stops "no good log of the fixture to compare with"
		return
	fi
	head -n $((n - 1)) "$work/dmesg-good.log" > "$work/dmesg-expected.log"
	dmesg_run dmesg_corrupt_stops "$work/dmesg.vmcore"
	if [ "$st" -eq 0 ]; then
		fail dmesg_corrupt_stops "kdump-collect succeeded on a corrupt ring"
	elif ! grep -q corrupt "$work/ours.err"; then
		fail dmesg_corrupt_stops "no word of the corruption: $(tail -n 1 "$work/ours.err")"
	elif ! cmp -s "$work/dmesg-expected.log" "$work/ours.log"; then
		fail dmesg_corrupt_stops "the $((n - 1)) records before the corrupt one were not kept"
	else
		pass dmesg_corrupt_stops
	fi
}

if [ -z "${fixdir:-}" ] || [ ! -f "$fixdir/vmcore-4level" ]; then
	fail dmesg_fixtures "no fixtures (make fixtures)"
else
	for dm_fx in 4level la57; do
		dmesg_same "dmesg_$dm_fx" "$fixdir/vmcore-$dm_fx"
		[ $dm_fx = 4level ] && cp "$work/theirs.log" "$work/dmesg-good.log"
	done
	if cp --sparse=always "$fixdir/vmcore-4level" "$work/dmesg.vmcore"; then
		test_dmesg_damaged
	else
		fail dmesg_escapes "cannot copy the fixture"
	fi
	rm -f "$work/dmesg.vmcore"
fi
