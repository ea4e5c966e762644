#!/bin/sh
# setup.sh - prepare a fresh Debian 12 machine to build and test kdump.
# Idempotent; run as root.  Installs the Debian packages the build and the
# tests need, adds a deb-src entry mirroring the machine's apt sources, and
# builds the static musl libraries (build/static).
set -eu

say() { echo "kdump-setup: $*"; }
die() { echo "kdump-setup: error: $*" >&2; exit 1; }

top=$(cd "$(dirname "$0")/.." && pwd)

PACKAGES="build-essential musl-tools clang libclang-rt-14-dev dpkg-dev
	busybox-static dracut-core cpio kmod lz4 zstd xz-utils
	qemu-system-x86 qemu-utils
	e2fsprogs xfsprogs btrfs-progs dosfstools fdisk
	crash makedumpfile kexec-tools
	zlib1g-dev liblzo2-dev libzstd-dev
	openssh-client openssh-server nfs-ganesha nfs-ganesha-vfs
	file python3 time"

[ "$(id -u)" = 0 ] || die "run as root (it installs packages)"

# A deb-src twin of every "Types: deb" stanza / "deb" line already
# configured, so apt-get source works without naming a mirror here.
add_deb_src() {
	src=/etc/apt/sources.list.d/kdump-deb-src.sources
	if grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list \
		/etc/apt/sources.list.d/ ; then
		return 0
	fi
	say "adding deb-src entries ($src)"
	: > "$src.tmp"
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'BEGIN { RS = ""; ORS = "\n\n" }
		     /(^|\n)Types:[^\n]*deb/ && !/deb-src/ && !/Enabled: *no/ {
			sub(/Types:[^\n]*/, "Types: deb-src"); print }' "$f" >> "$src.tmp"
	done
	if [ -f /etc/apt/sources.list ]; then
		sed -n 's/^deb \(.*\)/deb-src \1/p' /etc/apt/sources.list \
			> /etc/apt/sources.list.d/kdump-deb-src.list
	fi
	mv "$src.tmp" "$src"
}

install_packages() {
	missing=
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
			missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		say "installing:$missing"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
	fi
}

add_deb_src
say "apt-get update"
apt-get update -q
install_packages
"$top/scripts/build-static-libs.sh" "$top/build/static"
say "done"
