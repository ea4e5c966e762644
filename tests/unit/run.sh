#!/bin/sh
# run.sh PROGRAM... - run each unit test program and print what it prints,
# standard error included, then a FAIL line of the runner's own when the
# program's end is not accounted for by its output:
#
#   killed by a signal            "FAIL unit:PROG: killed by signal N", always
#                                 (the tests after the crash never ran);
#   exit N (not 0), no FAIL line  "FAIL unit:PROG: exit N";
#   exit N, and FAIL lines        nothing more: those lines are the failures
#                                 (unit_done() exits 1 when a test failed);
#   exit 0, no PASS or FAIL line  "FAIL unit:PROG: no test ran".
#
# Exits 0 once every program ran: the FAIL lines are the verdict
# (tests/report.sh counts them).
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
trap 'exit 1' INT TERM
for t in "$@"; do
	name=$(basename "$t")
	"$t" > "$out" 2>&1
	rc=$?
	cat "$out"
	if [ "$rc" -gt 128 ]; then
		echo "FAIL unit:$name: killed by signal $((rc - 128))"
	elif [ "$rc" -ne 0 ]; then
		grep -q '^FAIL ' "$out" || echo "FAIL unit:$name: exit $rc"
	else
		grep -qE '^(PASS|FAIL) ' "$out" || echo "FAIL unit:$name: no test ran"
	fi
done
exit 0
