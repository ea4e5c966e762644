#!/bin/sh
# run.sh [-p PREFIX] PROGRAM... - run each unit test program and print what
# it prints, standard error included, then a FAIL line of the runner's own
# when the program's end is not accounted for by its output:
#
#   killed by a signal            "FAIL unit:PROG: killed by signal N", always
#                                 (the tests after the crash never ran);
#   exit N (not 0), no FAIL line  "FAIL unit:PROG: exit N";
#   exit N, and FAIL lines        nothing more: those lines are the failures
#                                 (unit_done() exits 1 when a test failed);
#   exit 0, no PASS or FAIL line  "FAIL unit:PROG: no test ran".
#
# -p PREFIX names another run of the same tests (make check-sanitize:
# -p sanitize): every PASS or FAIL line a program prints gets "PREFIX:"
# before its name ("PASS sanitize:codec:roundtrip"), and the runner's own
# lines are "FAIL PREFIX:PROG: ..." instead of "FAIL unit:PROG: ...".
#
# Exits 0 once every program ran: the FAIL lines are the verdict
# (tests/report.sh counts them).
prefix= suite=unit
if [ "$1" = -p ]; then
	[ -n "$2" ] || { echo "usage: $0 [-p PREFIX] PROGRAM..." >&2; exit 2; }
	prefix=$2: suite=$2
	shift 2
fi
out=$(mktemp) || exit 1
trap 'rm -f "$out"' EXIT
trap 'exit 1' INT TERM
for t in "$@"; do
	name=$(basename "$t")
	"$t" > "$out" 2>&1
	rc=$?
	if [ -n "$prefix" ]; then
		sed -E "s/^(PASS|FAIL) /\1 $prefix/" "$out"
	else
		cat "$out"
	fi
	if [ "$rc" -gt 128 ]; then
		echo "FAIL $suite:$name: killed by signal $((rc - 128))"
	elif [ "$rc" -ne 0 ]; then
		grep -q '^FAIL ' "$out" || echo "FAIL $suite:$name: exit $rc"
	else
		grep -qE '^(PASS|FAIL) ' "$out" || echo "FAIL $suite:$name: no test ran"
	fi
done
exit 0
