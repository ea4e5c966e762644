#!/bin/sh
# fetch-debug-vmlinux.sh [KVER] - the debug vmlinux that `crash` needs for
# Debian's kernel KVER (default: the one linux-image-amd64 depends on).
# Downloads linux-image-KVER-dbg once, keeps only the vmlinux in
# ${KDUMP_CACHE:-~/.cache/kdump}/vmlinux/ and prints its path.
set -eu

cache=${KDUMP_CACHE:-$HOME/.cache/kdump}/vmlinux
kver=${1:-}
if [ -z "$kver" ]; then
	kver=$(apt-cache depends linux-image-amd64 |
		sed -n 's/^ *Depends: linux-image-\(.*\)$/\1/p' | head -n 1)
fi
[ -n "$kver" ] || { echo "kdump: error: cannot resolve the kernel version" >&2; exit 1; }
out=$cache/vmlinux-$kver
if [ -s "$out" ]; then
	echo "$out"
	exit 0
fi

mkdir -p "$cache"
tmp=$(mktemp -d "$cache/tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "kdump: downloading linux-image-$kver-dbg (large, once)" >&2
(cd "$tmp" && apt-get download -q "linux-image-$kver-dbg" >&2)
deb=$(ls "$tmp"/*.deb)
echo "kdump: extracting vmlinux-$kver" >&2
dpkg-deb --fsys-tarfile "$deb" |
	tar -x -C "$tmp" "./usr/lib/debug/boot/vmlinux-$kver"
mv "$tmp/usr/lib/debug/boot/vmlinux-$kver" "$out.part"
mv "$out.part" "$out"
echo "$out"
