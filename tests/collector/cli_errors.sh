# cli_errors.sh - sourced by run.sh before the fixtures (it needs none):
# kdump-collect on an input it cannot read says why, and leaves no empty
# output file behind, but never removes a file that was there before.

# bad_input NAME WHAT OUTPUT CMD... - CMD fails, says "WHAT", OUTPUT is gone
bad_input() {
	bi_name=$1 bi_what=$2 bi_out=$3
	shift 3
	if "$@" 2> "$work/cli/err"; then
		fail "$bi_name" "kdump-collect succeeded on a bad input"
	elif ! grep -q "^kdump: error: .*$bi_what" "$work/cli/err"; then
		fail "$bi_name" "no reason (\"$bi_what\") in: $(tr '\n' ' ' < "$work/cli/err")"
	elif [ -e "$bi_out" ]; then
		fail "$bi_name" "left $bi_out behind"
	else
		pass "$bi_name"
	fi
}

test_cli_errors() {
	rm -rf "$work/cli" && mkdir -p "$work/cli"
	notelf=$work/cli/not-an-elf
	printf 'this is a text file, not a vmcore: %064d\n' 0 > "$notelf"
	bad_input bad_input_reason_no_output "$notelf: not an ELF file" "$work/cli/out" \
		"$K" -l -d 31 "$notelf" "$work/cli/out"
	bad_input bad_input_dmesg_no_output "$notelf: not an ELF file" "$work/cli/log" \
		"$K" --dump-dmesg "$notelf" "$work/cli/log"
	bad_input bad_stream_no_output "not a flattened dump" "$work/cli/rebuilt" \
		"$K" -R "$work/cli/rebuilt" < "$notelf"

	# an existing output: refused without -f, kept (truncated) with it
	echo precious > "$work/cli/existing"
	"$K" -l "$notelf" "$work/cli/existing" 2>/dev/null
	echo precious > "$work/cli/existing.f"
	"$K" -f -l "$notelf" "$work/cli/existing.f" 2>/dev/null
	if [ "$(cat "$work/cli/existing")" != precious ]; then
		fail bad_input_keeps_existing_output "an existing output changed without -f"
	elif [ ! -e "$work/cli/existing.f" ]; then
		fail bad_input_keeps_existing_output "an output that existed before was removed (-f)"
	else
		pass bad_input_keeps_existing_output
	fi
	rm -rf "$work/cli"
}
test_cli_errors
