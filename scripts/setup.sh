#!/bin/sh
# setup.sh - prepare a fresh Debian 12 machine to build and test kdump.
# Idempotent, needs no terminal; run as root.  Installs the Debian packages
# the build and the tests need, adds deb-src entries mirroring the
# machine's own apt sources when Debian's source packages are not yet
# available, and builds the static musl libraries into build/static.
set -eu

say() { echo "kdump-setup: $*"; }
die() { echo "kdump-setup: error: $*" >&2; exit 1; }

top=$(cd "$(dirname "$0")/.." && pwd)
apt=/etc/apt
SRC_FILE=$apt/sources.list.d/kdump-deb-src
SOURCES="zlib libdeflate lz4 libzstd lzo2 libmd"
PACKAGES="build-essential musl-tools clang libclang-rt-14-dev dpkg-dev
	busybox-static dracut-core cpio kmod lz4 zstd xz-utils
	qemu-system-x86 qemu-utils
	e2fsprogs xfsprogs btrfs-progs dosfstools fdisk
	lvm2 mdadm cryptsetup-bin thin-provisioning-tools
	crash makedumpfile kexec-tools
	zlib1g-dev libdeflate-dev liblzo2-dev libzstd-dev libmd-dev
	openssh-client openssh-server nfs-ganesha nfs-ganesha-vfs rpcbind iproute2 dnsmasq-base
	file python3 time util-linux groff-base man-db systemd udev debootstrap"

export DEBIAN_FRONTEND=noninteractive

apt_update() {
	say "apt-get update"
	apt-get update -q </dev/null || die "apt-get update failed"
}

install_packages() {
	missing=
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
			grep -q ' installed$' || missing="$missing $p"
	done
	if [ -z "$missing" ]; then
		say "all packages installed"
		return 0
	fi
	say "installing:$missing"
	# shellcheck disable=SC2086
	apt-get install -y -q $missing </dev/null ||
		die "apt-get install failed:$missing"
}

# Whether apt knows every source package the static libraries need.
have_sources() {
	for s in $SOURCES; do
		apt-cache showsrc "$s" 2>/dev/null | grep -q "^Package: $s\$" ||
			return 1
	done
}

# The release's codename (bookworm), to mirror only Debian's own entries
# and not third-party repositories that may publish no sources.
codename() {
	(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
}

# deb822 (*.sources): every enabled stanza of Types "deb" whose Suites
# name release $1 (any release when $1 is empty), as "Types: deb-src".
deb822_src() {
	set -- "$1" "$apt"/sources.list.d/*.sources
	[ -f "$2" ] || return 0
	cn=$1
	shift
	awk -v cn="$cn" '
	function suite_ok(s,   n, i, t) {
		if (cn == "")
			return 1
		n = split(s, t, /[ \t]+/)
		for (i = 1; i <= n; i++)
			if (t[i] == cn || index(t[i], cn "-") == 1)
				return 1
		return 0
	}
	BEGIN { RS = "" }
	{
		n = split($0, line, "\n")
		deb = 0; ok = 0; off = 0
		for (i = 1; i <= n; i++) {
			key = tolower(line[i]); sub(/:.*/, "", key)
			val = line[i]; sub(/^[^:]*:[ \t]*/, "", val)
			if (key == "types")
				deb = (" " val " " ~ /[ \t]deb[ \t]/) &&
				      val !~ /deb-src/
			else if (key == "suites")
				ok = suite_ok(val)
			else if (key == "enabled")
				off = (tolower(val) ~ /^no/)
		}
		if (!deb || !ok || off)
			next
		for (i = 1; i <= n; i++) {
			if (tolower(line[i]) ~ /^types:/)
				line[i] = "Types: deb-src"
			print line[i]
		}
		print ""
	}' "$@"
}

# One-line format: every "deb [options] URI suite components" line whose
# suite is release $1 (any when $1 is empty), as a "deb-src" line.
list_src() {
	for f in "$apt/sources.list" "$apt"/sources.list.d/*.list; do
		[ -f "$f" ] && cat "$f"
	done |
	awk -v cn="$1" '
	$1 == "deb" {
		i = 2
		if ($i ~ /^\[/)
			while (i < NF && $i !~ /\]$/)
				i++
		if ($i ~ /^\[/ || $i ~ /\]$/)
			i++
		s = $(i + 1)
		if (cn != "" && s != cn && index(s, cn "-") != 1)
			next
		sub(/^deb/, "deb-src")
		print
	}'
}

# Write $SRC_FILE.sources / .list from the machine's existing entries.
add_deb_src() {
	cn=$(codename)
	rm -f "$SRC_FILE.sources" "$SRC_FILE.list"
	stanzas=$(deb822_src "$cn")
	lines=$(list_src "$cn")
	if [ -z "$stanzas$lines" ] && [ -n "$cn" ]; then
		stanzas=$(deb822_src "")
		lines=$(list_src "")
	fi
	[ -n "$stanzas$lines" ] ||
		die "no 'deb' entry in $apt/sources.list* to derive deb-src from"
	if [ -n "$stanzas" ]; then
		say "adding deb-src entries: $SRC_FILE.sources"
		printf '%s\n' "# Added by kdump scripts/setup.sh" "$stanzas" \
			> "$SRC_FILE.sources" || die "cannot write $SRC_FILE.sources"
	fi
	if [ -n "$lines" ]; then
		say "adding deb-src entries: $SRC_FILE.list"
		printf '%s\n' "# Added by kdump scripts/setup.sh" "$lines" \
			> "$SRC_FILE.list" || die "cannot write $SRC_FILE.list"
	fi
}

ensure_sources() {
	if have_sources; then
		say "Debian source packages available ($SOURCES)"
		return 0
	fi
	add_deb_src
	apt_update
	have_sources ||
		die "apt-get source cannot find $SOURCES even with deb-src entries"
}

[ "$(id -u)" = 0 ] || die "must run as root (it installs packages and edits $apt)"
command -v apt-get >/dev/null 2>&1 || die "apt-get not found (Debian 12 needed)"

apt_update
install_packages
ensure_sources
say "building the static musl libraries (build/static)"
"$top/scripts/build-static-libs.sh" "$top/build/static" ||
	die "scripts/build-static-libs.sh failed"
say "done"
