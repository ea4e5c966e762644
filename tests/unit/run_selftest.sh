#!/bin/sh
# run_selftest.sh RUNNER FAKE - check the unit test runner (run.sh) with a
# program that misbehaves on request (fake_unit.c, built as FAKE): a crash
# or a bare non-zero exit gets a FAIL line of its own, the lines printed
# before a crash are kept, a failed test is counted once.  Prints
# PASS/FAIL unit:runner_* lines; the fake program's own lines stay in a
# scratch file.
runner=$1 fake=$2
name=$(basename "$fake")
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
trap 'exit 1' INT TERM

# run MODE PROGRAM... - the runner's output in $out
run() {
	mode=$1
	shift
	FAKE_UNIT=$mode "$runner" "$@" > "$out" 2>&1 ||
		echo "runner exit $?" >> "$out"
}
lines() { grep -c "^$1" "$out"; }
verdict() {	# test status-of-its-checks
	if [ "$2" = 0 ]; then
		echo "PASS unit:$1"
	else
		echo "FAIL unit:$1: the runner printed: $(grep -E '^(PASS|FAIL|runner)' "$out" | tr '\n' ' ')"
	fi
}

# The PASS lines before the crash are in the log, the crash has its line,
# and the runner goes on with the next program.
run segv "$fake" "$fake"
[ "$(lines 'PASS fake:passes_too$')" = 2 ]
verdict runner_crash_keeps_output $?
[ "$(lines "FAIL unit:$name: killed by signal 11\$")" = 2 ]
verdict runner_crash_reported $?

run exit3 "$fake"
[ "$(lines "FAIL unit:$name: exit 3\$")" = 1 ]
verdict runner_exit_reported $?

# exit 1 after a FAIL line: that line is the failure, nothing is added
run fail "$fake"
[ "$(lines 'FAIL ')" = 1 ] && [ "$(lines 'FAIL fake:fails$')" = 1 ]
verdict runner_failed_test_counted_once $?

run silent "$fake"
[ "$(lines "FAIL unit:$name: no test ran\$")" = 1 ]
verdict runner_no_test_reported $?

run "" "$fake"
[ "$(lines 'FAIL ')" = 0 ] && [ "$(lines 'PASS ')" = 2 ] && [ "$(lines runner)" = 0 ]
verdict runner_clean_pass $?

# -p sanitize: the program's lines and the runner's own carry the prefix
run segv -p sanitize "$fake"
[ "$(lines 'PASS sanitize:fake:passes$')" = 1 ] &&
	[ "$(lines "FAIL sanitize:$name: killed by signal 11\$")" = 1 ] &&
	[ "$(lines 'PASS fake:')" = 0 ] && [ "$(lines 'FAIL unit:')" = 0 ]
verdict runner_prefix $?
