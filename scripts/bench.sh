#!/bin/sh
# bench.sh [FIXTURE] - kdump-collect against makedumpfile on the same
# vmcore with -d 31: wall time, peak RSS and output size for each codec
# both have (none, zlib, LZO), and our zstd against their zlib.
#
# Ours runs with one compressing thread (--num-threads 1), as
# makedumpfile does by default.  The runs are paired and interleaved
# (ours, theirs, ours, theirs, ... BENCH_ROUNDS rounds, default 5), so
# that other work on the machine slows both sides of a pair alike; each
# side's min/median/max and those of the per-pair ratio (ours / theirs)
# are printed.  The input is read once first, so every run finds it in
# the page cache.  FIXTURE defaults to the big fixture
# (tests/qemu/fixtures.sh big: a 3 GiB guest, made once and cached).
# The dumps are written to memory (BENCH_OUT, default /dev/shm), so that
# the collectors are measured and not the disk: ours fsyncs its output,
# makedumpfile does not.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
K=$top/build/bin/kdump-collect
M=${MAKEDUMPFILE:-makedumpfile}
rounds=${BENCH_ROUNDS:-5}
fixture=${1:-}
if [ -z "$fixture" ]; then
	fixture=$("$top/tests/qemu/fixtures.sh" big | tail -n 1)/vmcore-big
fi
[ -s "$fixture" ] || { echo "bench: no fixture $fixture" >&2; exit 1; }
out=$(mktemp -d "${BENCH_OUT:-/dev/shm}/kdump-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
cat "$fixture" > /dev/null

# run LOG OUTPUT COMMAND... - one timed run: appends "microseconds
# rss_kib bytes" to LOG.  The output is removed before and after (not
# timed), so that no run's dirty pages are written back during another.
run() {
	log=$1 dest=$2
	shift 2
	rm -f "$dest"
	t0=$(date +%s%N)
	/usr/bin/time -f '%M' -o "$out/rss" "$@" >/dev/null 2>&1 || {
		echo "bench: failed: $*" >&2; exit 1; }
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000 )) $(cat "$out/rss") $(stat -c %s "$dest")" >> "$log"
	rm -f "$dest"
}

# pairs NAME "OURS OPTIONS" "THEIR OPTIONS" - the interleaved rounds.
pairs() {
	rm -f "$out/$1.ours" "$out/$1.theirs"
	i=0
	while [ "$i" -lt "$rounds" ]; do
		# shellcheck disable=SC2086
		run "$out/$1.ours" "$out/ours" "$K" --num-threads 1 $2 -d 31 \
			--message-level 0 "$fixture" "$out/ours"
		# shellcheck disable=SC2086
		run "$out/$1.theirs" "$out/theirs" "$M" $3 -d 31 \
			--message-level 0 "$fixture" "$out/theirs"
		i=$((i + 1))
	done
}

# The awk functions of min, median and max.
STATS='
function sort(a, n,   i, j, t) {
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
			t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
}
function med(a, n) { return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
function mmm(a, n, f) { sort(a, n); return sprintf(f " " f " " f, a[1], med(a, n), a[n]) }'

# row LABEL NAME - one line of the table from NAME's two logs.
row() {
	paste -d ' ' "$out/$2.ours" "$out/$2.theirs" | awk -v label="$1" "$STATS"'
	{
		n++; o[n] = $1 / 1e6; t[n] = $4 / 1e6; r[n] = $1 / $4
		if ($2 > om) om = $2; if ($5 > tm) tm = $5
		os = $3; ts = $6
	}
	END {
		printf "%-13s %-17s %-17s %-17s %5.1f %5.1f %6.1f %6.1f %5.3f\n", label,
			mmm(o, n, "%5.3f"), mmm(t, n, "%5.3f"), mmm(r, n, "%5.2f"),
			om / 1024, tm / 1024, os / 1048576, ts / 1048576, os / ts
	}'
}

version=$("$M" -v 2>&1 | head -n 1 | awk '{print $3}')
echo "kdump-collect (1 compressing thread) vs makedumpfile $version (1 thread), -d 31," \
	"$(basename "$fixture") ($(( $(stat -c %s "$fixture") >> 20 )) MiB), $rounds paired rounds, interleaved"
echo "              time, s: min med max                   ours/theirs       RSS, MiB    size, MiB"
echo "codec         ours              makedumpfile      ratio             ours  mdf   ours   mdf    ratio"
pairs none "" ""
row none none
pairs zlib -c -c
row zlib zlib
pairs lzo -l -l
row LZO lzo
pairs zstd -z -c
row "zstd/mdf zlib" zstd
paste -d ' ' "$out/zstd.ours" "$out/zstd.theirs" | awk "$STATS"'
{ n++; x[n] = $4 / $1; os = $3; ts = $6 }
END { printf "zstd against makedumpfile zlib: %s times as fast (min med max of the pairs), %.3f of its size\n", mmm(x, n, "%.2f"), os / ts }'
