#!/bin/sh
# debian-tools.sh PROGRAM ARGS... - run Debian 13's crash, drgn or
# makedumpfile (or anything else of Debian 13) on this machine: Debian 12's
# crash cannot open the dumps of 6.12 and newer kernels.  The tools live in
# a Debian 13 root made once with debootstrap and cached in
# ${KDUMP_CACHE:-~/.cache/kdump}/tools/trixie; PROGRAM runs chrooted there,
# in a mount namespace of its own where this machine's /root, /tmp, /work,
# the project and the cache are bound at their own paths, so paths need no
# change.
# Needs root and debootstrap.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${KDUMP_CACHE:-$HOME/.cache/kdump}
dir=$cache/tools/trixie
pkgs=crash,python3-drgn,makedumpfile
# what the root is made of: a change here makes it anew
recipe="trixie $pkgs 1"
[ $# -gt 0 ] || { echo "usage: debian-tools.sh PROGRAM ARGS..." >&2; exit 2; }

build() {
	mirror=${KDUMP_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' \
		/etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)}
	mirror=${mirror:-http://deb.debian.org/debian}
	echo "kdump: making the Debian 13 tools root (debootstrap, once)" >&2
	rm -rf "$dir.new"
	mkdir -p "$dir.new" "$cache/tools/debs"
	debootstrap --variant=minbase --cache-dir="$cache/tools/debs" \
		--include="$pkgs" trixie "$dir.new" "$mirror" > "$cache/tools/debootstrap.log" 2>&1 ||
		{ tail -n 10 "$cache/tools/debootstrap.log" >&2
		  echo "kdump: error: debootstrap trixie failed" >&2; exit 1; }
	rm -rf "$dir.new/var/cache/apt/archives"/*.deb
	echo "$recipe" > "$dir.new/.recipe"
	rm -rf "$dir"
	mv "$dir.new" "$dir"
}

mkdir -p "$cache/tools"
exec 9> "$cache/tools/.lock"
flock 9
[ "$(cat "$dir/.recipe" 2>/dev/null)" = "$recipe" ] || build
exec 9>&-

# shellcheck disable=SC2016
exec unshare -m sh -c '
	dir=$1 top=$2 cache=$3
	shift 3
	mount --make-rprivate /
	for d in /root /tmp /work /proc /dev "$top" "$cache"; do
		[ -d "$d" ] || continue
		mkdir -p "$dir$d" && mount --rbind "$d" "$dir$d"
	done
	exec chroot "$dir" env LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
' sh "$dir" "$top" "$cache" "$@"
