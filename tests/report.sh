#!/bin/sh
# report.sh LOG... - count the "PASS name" / "FAIL name" lines that every test
# suite prints, list the failures, and end with "N passed, N failed".
# Exit status 0 only when nothing failed and something ran.
passed=$(cat "$@" 2>/dev/null | grep -c '^PASS ')
failed=$(cat "$@" 2>/dev/null | grep -c '^FAIL ')
if [ "$failed" -gt 0 ]; then
	echo "Failed:"
	cat "$@" 2>/dev/null | grep '^FAIL ' | sed 's/^/  /'
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
