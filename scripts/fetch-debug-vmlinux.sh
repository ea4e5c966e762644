#!/bin/sh
# fetch-debug-vmlinux.sh [KVER [SUITE]] - the debug vmlinux that crash and
# drgn need for Debian's kernel KVER (default: the one linux-image-amd64
# of this machine depends on) from Debian suite SUITE (default: the one
# the QEMU tests fetched KVER from, else this machine's).  Downloads
# linux-image-KVER-dbg once (about 1 GB), keeps only the vmlinux in
# ${KDUMP_CACHE:-~/.cache/kdump}/vmlinux/ and prints its path.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
root=${KDUMP_CACHE:-$HOME/.cache/kdump}
cache=$root/vmlinux
kver=${1:-}
suite=${2:-$(cat "$root/kernel/$kver/suite" 2>/dev/null || echo host)}
if [ -z "$kver" ]; then
	kver=$("$top/scripts/debian-apt.sh" "$suite" apt-cache depends linux-image-amd64 |
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
echo "kdump: downloading linux-image-$kver-dbg from $suite (large, once)" >&2
(cd "$tmp" && "$top/scripts/debian-apt.sh" "$suite" apt-get download -q "linux-image-$kver-dbg" >&2)
deb=$(ls "$tmp"/*.deb)
echo "kdump: extracting vmlinux-$kver" >&2
# /usr/lib/debug/boot/vmlinux-KVER, or .../modules/KVER/vmlinux after 6.x
dpkg-deb --fsys-tarfile "$deb" |
	tar -x -C "$tmp" --wildcards "./usr/lib/debug/boot/vmlinux-$kver" \
		"./usr/lib/debug/*modules/$kver/vmlinux" 2>/dev/null || true
found=$(find "$tmp/usr" -type f \( -name "vmlinux-$kver" -o -name vmlinux \) 2>/dev/null | head -n 1)
[ -n "$found" ] || { echo "kdump: error: linux-image-$kver-dbg holds no vmlinux" >&2; exit 1; }
mv "$found" "$out.part"
mv "$out.part" "$out"
echo "$out"
