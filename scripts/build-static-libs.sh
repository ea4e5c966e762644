#!/bin/sh
# build-static-libs.sh DESTDIR - zlib, libdeflate, lz4, zstd, LZO and
# libmd (SHA-256) as static musl libraries, built with musl-gcc from
# Debian's source packages (Debian's patches applied, as apt-get source
# does).  Headers go to DESTDIR/include, archives (libz.a libdeflate.a
# liblz4.a libzstd.a liblzo2.a libmd.a) to DESTDIR/lib.
#
# The source packages are cached in DESTDIR/../src and never downloaded
# again; nothing is built while DESTDIR/.done is newer than this script.
# Concurrent runs (parallel make) wait for each other.
set -eu

say() { echo "kdump-setup: $*" >&2; }
die() { echo "kdump-setup: error: $*" >&2; exit 1; }

[ $# = 1 ] || die "usage: $0 DESTDIR"
script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
mkdir -p "$1" || die "cannot create $1"
dest=$(cd "$1" && pwd)
src=$(dirname "$dest")/src
jobs=$(nproc 2>/dev/null || echo 2)

is_done() {
	[ -f "$dest/.done" ] &&
		[ -n "$(find "$dest/.done" -newer "$script" 2>/dev/null)" ]
}

is_done && exit 0

for tool in musl-gcc make apt-get dpkg-source flock; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "$tool not found (run scripts/setup.sh as root first)"
done

# Nothing the calling make exported leaks in; -O2, no debug information.
unset CPPFLAGS LDFLAGS MAKEFLAGS MFLAGS MAKELEVEL
export CC=musl-gcc CFLAGS=-O2

mkdir -p "$src" "$dest/include/lzo" "$dest/lib" || die "cannot create $src"
# apt-get source downloads as the unprivileged _apt user when run as root.
chmod 0777 "$src"
exec 9>"$src/.lock"
flock 9 || die "cannot lock $src/.lock"
is_done && exit 0

work=$(mktemp -d "$src/work.XXXXXX") || die "cannot create a work directory"
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# Download and unpack Debian's source package $1 into $src: the newest
# version first, then the older ones the archive lists (a mirror may index
# a security update whose files it does not carry yet).
download() {
	for want in "$1" $(apt-cache showsrc --only-source "$1" 2>/dev/null |
			sed -n 's/^Version: //p' | sort -u -r -V | sed "s/^/$1=/"); do
		say "apt-get source $want"
		(cd "$src" && apt-get source -q --only-source "$want") \
			>"$work/$1.log" 2>&1 && return 0
		cat "$work/$1.log" >&2
		say "apt-get source $want failed; trying an older version"
	done
	die "apt-get source $1 failed (no deb-src entry? run scripts/setup.sh)"
}

# Unpack Debian's source package $1 into $src once (the .unpacked marker
# says the extraction finished); print a fresh copy of it in $work.
fetch() {
	dir=$(ls -d "$src/$1"-*/ 2>/dev/null | head -n 1)
	dir=${dir%/}
	if [ -z "$dir" ] || [ ! -f "$dir/.unpacked" ]; then
		[ -n "$dir" ] && rm -rf "$dir"
		download "$1"
		dir=$(ls -d "$src/$1"-*/ 2>/dev/null | head -n 1)
		dir=${dir%/}
		[ -n "$dir" ] || die "apt-get source $1 left no directory in $src"
		touch "$dir/.unpacked"
	fi
	cp -a "$dir" "$work/$1" || die "cannot copy $dir"
	echo "$work/$1"
}

# Run a build step quietly; on failure show its output and stop.
run() {
	what=$1
	shift
	if ! "$@" >"$work/$what.log" 2>&1; then
		tail -n 40 "$work/$what.log" >&2
		die "$what failed: $*"
	fi
}

# Copy $1 into directory $2, replacing the old file atomically (a parallel
# make may be linking against it).
put() {
	tmp=$2/.$(basename "$1").tmp
	if ! cp "$1" "$tmp" || ! mv -f "$tmp" "$2/$(basename "$1")"; then
		die "cannot install $1 into $2"
	fi
}

build_zlib() {
	d=$(fetch zlib)
	say "building zlib"
	(cd "$d" && run zlib-configure ./configure --static --prefix="$work/zlib-inst")
	run zlib-make make -C "$d" -j"$jobs" libz.a
	put "$d/libz.a" "$dest/lib"
	put "$d/zlib.h" "$dest/include"
	put "$d/zconf.h" "$dest/include"
}

build_lz4() {
	d=$(fetch lz4)
	say "building lz4"
	run lz4-make make -C "$d/lib" -j"$jobs" CC="$CC" \
		liblz4.a
	put "$d/lib/liblz4.a" "$dest/lib"
	for h in lz4.h lz4hc.h lz4frame.h; do
		put "$d/lib/$h" "$dest/include"
	done
}

build_zstd() {
	d=$(fetch libzstd)
	say "building zstd"
	run zstd-make make -C "$d/lib" -j"$jobs" CC="$CC" \
		ZSTD_LEGACY_SUPPORT=0 ZSTD_LIB_DEPRECATED=0 libzstd.a
	put "$d/lib/libzstd.a" "$dest/lib"
	for h in zstd.h zstd_errors.h zdict.h; do
		put "$d/lib/$h" "$dest/include"
	done
}

# An autotools source package $1 ($2 in messages), static only, installed
# into $work/$1-inst for the caller to pick its files from.
build_autotools() {
	d=$(fetch "$1")
	say "building $2"
	(cd "$d" && run "$1-configure" ./configure --disable-shared \
		--enable-static --prefix="$work/$1-inst")
	run "$1-make" make -C "$d" -j"$jobs"
	run "$1-install" make -C "$d" install
}

build_lzo() {
	build_autotools lzo2 LZO
	put "$work/lzo2-inst/lib/liblzo2.a" "$dest/lib"
	for h in "$work/lzo2-inst/include/lzo"/*.h; do
		put "$h" "$dest/include/lzo"
	done
}

build_libdeflate() {
	d=$(fetch libdeflate)
	say "building libdeflate"
	run libdeflate-make make -C "$d" -j"$jobs" CC="$CC" libdeflate.a
	put "$d/libdeflate.a" "$dest/lib"
	put "$d/libdeflate.h" "$dest/include"
}

# libmd: the SHA-256 of the dumps (common/sha256.c).  Only <sha2.h> is
# installed: its other headers (md5.h, sha.h, ...) are not used and
# should not shadow anything else's.
build_libmd() {
	build_autotools libmd libmd
	put "$work/libmd-inst/lib/libmd.a" "$dest/lib"
	put "$work/libmd-inst/include/sha2.h" "$dest/include"
}

start=$(date +%s)
build_zlib
build_libdeflate
build_lz4
build_zstd
build_lzo
build_libmd
touch "$dest/.done"
say "static musl libraries in $dest ($(($(date +%s) - start)) s)"
