#!/bin/sh
# first-run.sh - the first thing a fresh machine does: fetch_kernel (lib.sh)
# with an empty HOME and a KDUMP_CACHE that does not exist yet, nor its
# parent.  Downloads Debian's kernel package (about 70 MB) every run, into a
# scratch directory removed afterwards.  Prints PASS/FAIL qemu:first_run_fetch.
set -u
. "$(dirname "$0")/lib.sh"
name=first_run_fetch
scratch=$(mktemp -d "${TMPDIR:-/tmp}/kdump-first-run.XXXXXX") ||
	{ echo "FAIL qemu:$name: cannot create a scratch directory"; exit 0; }
trap 'rm -rf "$scratch"' EXIT
trap 'exit 1' INT TERM
mkdir "$scratch/home" "$scratch/cwd"
cache=$scratch/cache/kdump
want=$(kernel_version)

# lib.sh as a new shell on a new machine runs it: only PATH, HOME and the
# cache from here (and in a directory of its own, where nothing is expected).
started=$(date +%s)
(cd "$scratch/cwd" && env -i PATH="$PATH" HOME="$scratch/home" \
	KDUMP_CACHE="$cache" QEMU_DIR="$QEMU_DIR" \
	sh -c '. "$QEMU_DIR/lib.sh" && fetch_kernel && echo "KDIR=$KDIR"') \
	> "$scratch/out" 2>&1
rc=$?
took=$(( $(date +%s) - started ))
say "first run fetch took $took s"

kdir=$cache/kernel/$want
# the bzImage header: the offset of the version string at 0x20e, from 0x200
version() {
	off=$(od -An -tu2 -j 526 -N 2 "$1" 2>/dev/null | tr -d ' ')
	[ -n "$off" ] &&
		dd if="$1" bs=1 skip=$((512 + off)) count=200 2>/dev/null |
		tr '\0' '\n' | head -n 1
}
why=
if [ -z "$want" ]; then
	why="cannot resolve linux-image-amd64 (apt-get update?)"
elif [ "$rc" -ne 0 ]; then
	# its own error line, else the first lines (the first error)
	err=$(grep -m 1 '^kdump-test: error:' "$scratch/out" ||
		head -n 3 "$scratch/out")
	why="fetch_kernel failed (exit $rc): $(echo "$err" | tr '\n' ' ')"
elif ! grep -qx "KDIR=$kdir" "$scratch/out"; then
	why="KDIR is not $kdir: $(tr '\n' ' ' < "$scratch/out")"
elif [ ! -s "$kdir/vmlinuz" ] || [ ! -s "$kdir/config" ] ||
     [ ! -s "$kdir/modules/modules.dep" ]; then
	why="missing: $(for f in vmlinuz config modules/modules.dep; do
		[ -s "$kdir/$f" ] || printf '%s ' "$f"; done)"
else
	v=$(version "$kdir/vmlinuz")
	case $v in
	"$want "*)
		if ! grep -q '^CONFIG_CRASH_DUMP=y' "$kdir/config"; then
			why="the config has no CONFIG_CRASH_DUMP=y"
		elif ! grep -q '^kernel/fs/ext4/ext4\.ko' "$kdir/modules/modules.dep"; then
			why="modules.dep does not list ext4"
		elif stray=$(find "$scratch/home" "$scratch/cwd" -mindepth 1) &&
		     [ -n "$stray" ]; then
			why="files outside the cache: $(echo "$stray" | tr '\n' ' ')"
		elif [ -n "$(ls -d "$cache"/tmp.* 2>/dev/null)" ]; then
			why="the download directory stayed in the cache"
		fi ;;
	*) why="vmlinuz is \"$v\", not $want" ;;
	esac
fi
if [ -n "$why" ]; then
	echo "FAIL qemu:$name: $why (${took} s)"
else
	echo "PASS qemu:$name"
fi
