#!/bin/sh
# run.sh SECONDS FUZZER... - run each libFuzzer target for a bounded time on
# a copy of its seed corpus (tests/fuzz/corpus/<name>), and print
# "PASS fuzz:<name>" or "FAIL fuzz:<name>" (with the crash report above it).
set -u
seconds=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
status=0
for bin in "$@"; do
	name=$(basename "$bin")
	bin=$(cd "$(dirname "$bin")" && pwd)/$name
	work=$(mktemp -d)
	[ -d "$here/corpus/$name" ] && cp -r "$here/corpus/$name/." "$work/"
	if (cd "$work" && "$bin" -max_total_time="$seconds" -rss_limit_mb=1024 \
		-timeout=10 -print_final_stats=0 . > "$work.log" 2>&1); then
		echo "PASS fuzz:$name"
	else
		tail -n 40 "$work.log"
		echo "FAIL fuzz:$name"
		status=1
	fi
	rm -rf "$work" "$work.log"
done
exit $status
