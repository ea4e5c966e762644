#!/bin/sh
# build-static-libs.sh DESTDIR - zlib, lz4, zstd and LZO as static musl
# libraries, built from Debian's source packages.  Headers go to
# DESTDIR/include, archives to DESTDIR/lib.  Sources are cached in
# DESTDIR/../src; nothing is rebuilt while DESTDIR/.done is newer than
# this script.
set -eu

say() { echo "kdump-setup: $*" >&2; }
die() { echo "kdump-setup: error: $*" >&2; exit 1; }

[ $# = 1 ] || die "usage: $0 DESTDIR"
mkdir -p "$1"
dest=$(cd "$1" && pwd)
script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
if [ -f "$dest/.done" ] && [ "$dest/.done" -nt "$script" ]; then
	exit 0
fi
src=$(dirname "$dest")/src
mkdir -p "$src" "$dest/include" "$dest/lib"
export CC=musl-gcc CFLAGS="-O2 -fPIC"
jobs=$(nproc 2>/dev/null || echo 2)

# Unpack Debian's source package $1 once; print its directory.
fetch() {
	dir=$(ls -d "$src/$1"-*/ 2>/dev/null | head -n 1)
	if [ -z "$dir" ]; then
		say "downloading the $1 source package"
		chmod 0777 "$src"	# apt's _apt user writes the download here
		(cd "$src" && apt-get source -q "$1" >/dev/null 2>&1) ||
			die "apt-get source $1 failed (is a deb-src entry configured?)"
		dir=$(ls -d "$src/$1"-*/ | head -n 1)
	fi
	echo "${dir%/}"
}

build_zlib() {
	d=$(fetch zlib)
	say "building zlib"
	(cd "$d" && ./configure --static --prefix="$dest" >/dev/null &&
		make -s -j"$jobs" libz.a >/dev/null) || die "zlib build failed"
	cp "$d/libz.a" "$dest/lib/"
	cp "$d/zlib.h" "$d/zconf.h" "$dest/include/"
}

build_lz4() {
	d=$(fetch lz4)
	say "building lz4"
	make -s -C "$d/lib" -j"$jobs" liblz4.a >/dev/null || die "lz4 build failed"
	cp "$d/lib/liblz4.a" "$dest/lib/"
	cp "$d/lib/lz4.h" "$d/lib/lz4hc.h" "$d/lib/lz4frame.h" "$dest/include/"
}

build_zstd() {
	d=$(fetch libzstd)
	say "building zstd"
	make -s -C "$d/lib" -j"$jobs" libzstd.a ZSTD_LEGACY_SUPPORT=0 \
		HAVE_PTHREAD=0 >/dev/null || die "zstd build failed"
	cp "$d/lib/libzstd.a" "$dest/lib/"
	cp "$d/lib/zstd.h" "$d/lib/zstd_errors.h" "$d/lib/zdict.h" "$dest/include/"
}

build_lzo() {
	d=$(fetch lzo2)
	say "building LZO"
	(cd "$d" && ./configure --disable-shared --enable-static \
		--prefix="$dest" >/dev/null && make -s -j"$jobs" >/dev/null &&
		make -s install >/dev/null) || die "LZO build failed"
}

build_zlib
build_lz4
build_zstd
build_lzo
rm -rf "$dest/share" "$dest/lib/pkgconfig" "$dest/lib"/*.la
touch "$dest/.done"
say "static libraries in $dest"
