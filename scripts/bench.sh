#!/bin/sh
# bench.sh [FIXTURE] - kdump-collect against makedumpfile on the same
# vmcore with -d 31: wall time, peak RSS and output size for each codec
# both have (none, zlib, LZO), plus our zstd.  Each run is the best of
# three; the input is read once first so both find it in the page cache.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
K=$top/build/bin/kdump-collect
fixture=${1:-}
if [ -z "$fixture" ]; then
	fixture=$("$top/tests/qemu/fixtures.sh" | tail -n 1)/vmcore-4level
fi
out=$(mktemp -d "${TMPDIR:-/tmp}/kdump-bench.XXXXXX")
trap 'rm -rf "$out"' EXIT
cat "$fixture" > /dev/null

# best of three: "seconds max_rss_kib bytes"
measure() {	# output command...
	dest=$1
	shift
	best=
	for i in 1 2 3; do
		rm -f "$dest"
		/usr/bin/time -f '%e %M' -o "$out/time" "$@" >/dev/null 2>&1 || {
			echo "bench: failed: $*" >&2; exit 1; }
		read -r t m < "$out/time"
		if [ -z "$best" ] || awk "BEGIN { exit !($t < $best) }"; then
			best=$t
			rss=$m
		fi
	done
	echo "$best $rss $(stat -c %s "$dest")"
}

row() {	# label ours theirs
	set -- "$1" $2 $3
	if [ "$#" -eq 7 ]; then
		awk -v l="$1" -v t1="$2" -v m1="$3" -v s1="$4" -v t2="$5" -v m2="$6" -v s2="$7" 'BEGIN {
			printf "%-6s %8.2f %8.2f %6.2f %9d %9d %6.2f %11.1f %11.1f %6.2f\n",
				l, t1, t2, (t2 > 0 ? t1 / t2 : 0), m1, m2, (m2 > 0 ? m1 / m2 : 0),
				s1 / 1048576, s2 / 1048576, (s2 > 0 ? s1 / s2 : 0) }'
	else
		awk -v l="$1" -v t1="$2" -v m1="$3" -v s1="$4" 'BEGIN {
			printf "%-6s %8.2f %8s %6s %9d %9s %6s %11.1f %11s %6s\n",
				l, t1, "-", "-", m1, "-", "-", s1 / 1048576, "-", "-" }'
	fi
}

echo "kdump-collect vs makedumpfile $(makedumpfile -v 2>&1 | head -n 1 | awk '{print $3}'), -d 31, $(basename "$fixture") ($(( $(stat -c %s "$fixture") >> 20 )) MiB)"
echo "codec   time(s)   mdf(s)  ratio  rss(KiB)  mdf(KiB)  ratio   size(MiB)    mdf(MiB)  ratio"
for c in none zlib lzo; do
	case $c in none) o= ;; zlib) o=-c ;; lzo) o=-l ;; esac
	ours=$(measure "$out/ours" "$K" $o -d 31 --message-level 0 "$fixture" "$out/ours")
	theirs=$(measure "$out/theirs" makedumpfile $o -d 31 --message-level 0 "$fixture" "$out/theirs")
	row "$c" "$ours" "$theirs"
done
ours=$(measure "$out/ours" "$K" -z -d 31 --message-level 0 "$fixture" "$out/ours")
row zstd "$ours" ""
zlib=$(measure "$out/theirs" makedumpfile -c -d 31 --message-level 0 "$fixture" "$out/theirs")
echo "$ours $zlib" | awk '{ printf "zstd (ours) vs makedumpfile zlib: %.2fx faster, %.2f of its size\n", $4 / $1, $3 / $6 }'
