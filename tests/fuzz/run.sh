#!/bin/sh
# run.sh SECONDS FUZZER... - run each libFuzzer target for a bounded time on
# a copy of its seed corpus (tests/fuzz/corpus/<name>, so the repository is
# not modified) and print "PASS fuzz:<name>" or "FAIL fuzz:<name>", the
# latter after the end of the fuzzer's report (the crash and its input).
# Exits 1 when any target failed.  The seed is fixed (FUZZ_SEED, default 1)
# so that a run in CI explores what the same run did on a developer's
# machine; set FUZZ_SEED=0 for a random one when hunting.
set -u
if [ $# -lt 2 ]; then
	echo "usage: $0 SECONDS FUZZER..." >&2
	exit 2
fi
seconds=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
work=
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
status=0
for bin in "$@"; do
	name=$(basename "$bin")
	case $bin in
	/*) ;;
	*) bin=$(pwd)/$bin ;;
	esac
	work=$(mktemp -d "${TMPDIR:-/tmp}/kdump-fuzz.XXXXXX") || exit 1
	mkdir "$work/corpus"
	[ -d "$here/corpus/$name" ] && cp -r "$here/corpus/$name/." "$work/corpus/"
	if [ ! -x "$bin" ]; then
		echo "$bin: not built" > "$work/log"
		ok=1
	else
		(cd "$work" && "$bin" -max_total_time="$seconds" -seed="${FUZZ_SEED:-1}" \
			-rss_limit_mb=1024 -timeout=10 -print_final_stats=0 \
			-artifact_prefix="$work/" corpus > "$work/log" 2>&1)
		ok=$?
	fi
	if [ "$ok" -eq 0 ]; then
		echo "PASS fuzz:$name"
	else
		tail -n 60 "$work/log"
		echo "FAIL fuzz:$name"
		status=1
	fi
	rm -rf "$work"
done
exit $status
