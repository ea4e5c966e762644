# fit.sh - sourced by run.sh: --fit-to on a real crash.  The dump must fit
# the room given, say what it changed, carry the level it used in its
# header, and pass --verify at that level (which needs no crash).

# The dump level a kdump-compressed file's sub header carries.
header_level() {	# dump
	od -An -tu4 -j$((4096 + 8)) -N4 "$1" | tr -d ' '
}

# kdump-collect --verify at the level given passes.
verified_at() {	# vmcore dump level
	"$K" --verify -d "$3" "$1" "$2" > "$work/fit.ver" 2>&1 &&
		grep -q '0 differ, 0 dumpable pages missing, [0-9]* excluded, 0 incomplete' \
			"$work/fit.ver"
}

# name limit-bytes options...: the dump fits, at a higher level than -d 1.
expect_fit() {
	name=$1 limit=$2
	shift 2
	"$K" -f --message-level 7 "$@" --fit-to "$limit" "$fixdir/vmcore-4level" \
		"$work/dump-fit" 2> "$work/fit.err"
	st=$?
	size=$(stat -c %s "$work/dump-fit" 2>/dev/null || echo 0)
	# the level used, as the warning names it ("dump level 1 -> 19: ...")
	level=$(sed -n 's/^kdump: warning: dump level [0-9]* -> \([0-9]*\).*/\1/p' "$work/fit.err")
	if [ "$st" != 0 ]; then
		fail "$name" "exit status $st: $(tail -n 1 "$work/fit.err")"
	elif [ "$size" -gt "$limit" ]; then
		fail "$name" "$size bytes, more than $limit"
	elif [ -z "$level" ] || [ "$level" -le 1 ]; then
		fail "$name" "the level was not raised: $(tr '\n' ' ' < "$work/fit.err")"
	elif ! verified_at "$fixdir/vmcore-4level" "$work/dump-fit" "$level"; then
		fail "$name" "--verify -d $level: $(cat "$work/fit.ver")"
	else
		pass "$name"
	fi
}

test_fit_to_size() {
	expect_fit fit_to_size $((100 << 20)) -l -d 1
	if [ ! -s "$work/dump-fit" ] || [ "$(header_level "$work/dump-fit")" != "$level" ]; then
		fail fit_to_size_header "the header says level $(header_level "$work/dump-fit"), not $level"
	else
		pass fit_to_size_header
	fi
	expect_fit fit_to_size_elf $((300 << 20)) -E -d 1
	rm -f "$work/dump-fit"
}

# The tmpfs that enospc_marked_incomplete fills (faults.sh): with
# --fit-to auto the same dump compresses harder, fits, and is whole.
test_fit_to_auto() {
	mount_small fit_to_auto || return
	"$K" -l -d 31 --message-level 7 --fit-to auto "$fixdir/vmcore-4level" \
		"$mnt/vmcore" 2> "$work/fit.err"
	st=$?
	if [ "$st" != 0 ]; then
		fail fit_to_auto "exit status $st: $(tail -n 1 "$work/fit.err")"
	elif ! grep -q '^kdump: warning: LZO -> zstd.* would not fit in the [0-9]* MiB free' \
		"$work/fit.err"; then
		fail fit_to_auto "no warning that it compressed harder: $(tr '\n' ' ' < "$work/fit.err")"
	elif [ $(( $(od -An -tu4 -j424 -N4 "$mnt/vmcore") & 8 )) != 0 ]; then
		fail fit_to_auto "the dump is marked incomplete"
	elif ! verified_at "$fixdir/vmcore-4level" "$mnt/vmcore" 31; then
		fail fit_to_auto "--verify: $(cat "$work/fit.ver")"
	else
		pass fit_to_auto
	fi
	umount "$mnt"
}

test_fit_to_size
test_fit_to_auto
