#!/bin/sh
# compare-kdump-tools.sh - this project and Debian's kdump-tools (with
# makedumpfile) side by side, on the same Debian 12 guest (debootstrap
# images from tests/qemu/system-image.sh; 2 GiB, QEMU TCG, one CPU (or
# COMPARE_SMP for the crash runs: each capture kernel then uses what its
# kdump allows, nr_cpus=1 for kdump-tools, nr_cpus=2 for ours from 128 MiB
# reserved, and ours leaves the first kernel's boot CPU out, so 3 gives
# ours two), the
# same Debian 6.1 kernel), both dumping to /var/crash on the root disk
# with makedumpfile-style "-c -d 31" (zlib, dump level 31):
#
#   - capture initramfs size, as each builds it inside the guest at the
#     first service start (ours: dracut -m kdump; kdump-tools:
#     mkinitramfs MODULES=dep), and how long that first start takes
#   - time from the panic to the dump saved and to the reboot (the next
#     "Linux version" line), from a host-timestamped serial console, and
#     where it goes: to the capture kernel's start, its boot to /init,
#     /init to the collector's start, collecting
#   - dump size
#   - the smallest crashkernel= that still saves a dump: bisected in 8 MiB
#     steps between LO and HI (crashkernel=HI must work); each try is a
#     fresh boot, arm, crash and capture (about two minutes).  Results
#     are cached in build/qemu-system/compare/ by image and build.
#
# Prints a markdown table.  Slow (about half an hour; more to build the
# images): not part of `make check`.
#
#   scripts/compare-kdump-tools.sh [--no-bisect] [ours|kdump-tools ...]
#
# Environment: OURS_LO/OURS_HI (default 64/128), KT_LO/KT_HI (96/160),
# COMPARE_SMP (default 1), COMPARE_ROUNDS (default 1: crash runs of
# each, interleaved; the table shows the run with the median time to the
# dump saved, and every run's time).
set -eu
QEMU_DIR=$(cd "$(dirname "$0")/../tests/qemu" && pwd)
. "$QEMU_DIR/lib.sh"
. "$QEMU_DIR/system-lib.sh"

bisect=1
[ "${1:-}" = --no-bisect ] && { bisect=0; shift; }
variants=${*:-ours kdump-tools}
rounds=${COMPARE_ROUNDS:-1}
smp=${COMPARE_SMP:-1}
fetch_kernel
[ -x "$BIN/kdumpctl" ] && [ -x "$BIN/kdump-init" ] || die "build first: make"
C=$SYSWORK/compare
mkdir -p "$C" "$LOGS"

# The dump configuration of each variant, written into the disk.
# OURS_COLLECTOR: another core_collector for ours (e.g. the default,
# "makedumpfile -l --message-level 1 -d 31").
OURS_COLLECTOR=${OURS_COLLECTOR:-makedumpfile -c --message-level 1 -d 31}
conf_ours() {
	sed -i '/^core_collector/d' "$1/etc/kdump.conf"
	echo "core_collector $OURS_COLLECTOR" >> "$1/etc/kdump.conf"
}
conf_kdump_tools() {
	sed -i '/^#* *MAKEDUMP_ARGS=/d' "$1/etc/default/kdump-tools"
	echo 'MAKEDUMP_ARGS="-c -d 31"' >> "$1/etc/default/kdump-tools"
}

saved_pattern() {
	[ "$1" = ours ] && echo 'kdump: saved ' || echo 'kdump-tools: saved vmcore in'
}

# A key for cached results: the image recipe, and our build.
key() {
	{
		cat "$(sys_image "$1")/recipe"
		[ "$1" = ours ] && cat "$BIN/kdump-init" "$BIN/kdumpctl" "$BIN/kdump-collect" \
			"$TOP"/dracut/99kdump/* && echo "$OURS_COLLECTOR"
		sha256sum < "$QEMU_DIR/system-guest.sh"
	} | sha256sum | cut -c1-16
}

# prepare VARIANT - a disk on which the capture initramfs is built (one
# boot); sets INITRD_SIZE and BUILD_S.
prepare() {
	v=$1 img=$(sys_image "$1")
	log=$LOGS/compare-$v-prepare.log
	if [ ! -s "$C/$v.disk" ] || [ "$(cat "$C/$v.key" 2>/dev/null)" != "$(key "$v")" ]; then
		rm -f "$C/$v.key"
		say "$v: preparing (first boot builds the capture initramfs)"
		SYS_DISK_HOOK=conf_$(echo "$v" | tr - _) sys_disk "$img" "$C/$v.disk" "$v" prepare
		sys_boot "$img" "$C/$v.disk" "$log" 256M
		grep -q 'KDTEST: prepared' "$log" || die "$v: the prepare boot failed (log: $log)"
		key "$v" > "$C/$v.key"
	fi
	INITRD_SIZE=$(kdtest "$log" 'initramfs [^ ]* size ' | cut -d' ' -f1)
	# the service's activation time, from systemd (the test unit's report)
	BUILD_S=$(kdtest "$log" 'service_start ' |
		awk '$1 && $2 { printf "%.0f", ($2 - $1) / 1e6; exit } END { if (!NR) print "?" }')
	[ -n "$BUILD_S" ] || BUILD_S="?"
}

# crash_run VARIANT CRASHKERNEL LOG [QEMU ARGS] - a copy of the prepared
# disk, boot, crash, capture.
crash_run() {
	v=$1 ck=$2 log=$3
	shift 3
	rm -f "$C/run.disk"
	cp --sparse=always "$C/$v.disk" "$C/run.disk"
	sys_mount "$C/run.disk"
	echo "VARIANT=$v" > "$SYSWORK/mnt/etc/kdtest.conf"
	echo "MODE=measure" >> "$SYSWORK/mnt/etc/kdtest.conf"
	sys_umount
	SYS_SMP=$smp sys_boot "$(sys_image "$v")" "$C/run.disk" "$log" "$ck" "$@"
}

# The line where each variant's collector starts on /proc/vmcore.
collector_pattern() {
	[ "$1" = ours ] && echo 'kdump: collecting: ' || echo 'running makedumpfile -c'
}

# measure VARIANT [ROUND] - sets SAVED_S REBOOT_S DUMP_SIZE, and PHASES: the
# seconds from the panic to the capture kernel's start, from there to
# /init, from /init to the collector's start, and collecting.  The
# kernel's start is when its clock read zero: its lines reach the serial
# console only once the console is registered (the first line comes out
# then, about 0.3 s in), so the host's time of the "console [ttyS0]
# enabled" line less the line's own timestamp.
measure() {
	v=$1 log=$LOGS/compare-$v-measure.log
	[ "${2:-1}" = 1 ] || log=$LOGS/compare-$v-measure-$2.log
	say "$v: crash with crashkernel=256M${2:+ (run $2 of $rounds)}"
	crash_run "$v" 256M "$log"
	# shellcheck disable=SC2046 # six figures, split on purpose
	set -- $(awk -v pat="$(saved_pattern "$v")" -v col="$(collector_pattern "$v")" '
		/Kernel panic - not syncing/ && !p { p = $1 }
		p && /Linux version / { l = 1 }
		l && /console \[ttyS0\] enabled/ && !f &&
		    match($0, /\[ *[0-9]+\.[0-9]+\]/) {
			f = $1 - substr($0, RSTART + 1, RLENGTH - 2) }
		f && /Run \/init as init process/ && !i { i = $1 }
		i && index($0, col) && !c { c = $1 }
		c && index($0, pat) && !s { s = $1 }
		s && /Linux version / && !r { r = $1 }
		END { if (p && f && i && c && s && r)
			printf "%.1f %.1f %.2f %.2f %.2f %.2f\n", s - p, r - p, f - p, i - f, c - i, s - c
		      else print "? ? ? ? ? ?" }' "$log")
	SAVED_S=$1 REBOOT_S=$2
	shift 2
	PHASES="$1|$2|$3|$4"
	DUMP_SIZE=$(sed -n 's/^[0-9.]* .*KDTEST: dumps| \/var\/crash\/[^ ]*\/\(vmcore\|dump\.[0-9]*\) \([0-9]*\) .*/\2/p' "$log" | head -n 1)
	[ -n "$DUMP_SIZE" ] || DUMP_SIZE="?"
}

# works VARIANT SIZE_MIB - does crashkernel=SIZE save a dump?  (cached)
works() {
	k=$(key "$1")
	r=$(sed -n "s/^$k $2 //p" "$C/trials" 2>/dev/null | tail -n 1)
	if [ -z "$r" ]; then
		log=$LOGS/compare-$1-${2}M.log
		SYS_TIMEOUT=300 crash_run "$1" "${2}M" "$log" -no-reboot
		if grep -q "$(saved_pattern "$1")" "$log"; then r=ok; else r=fail; fi
		echo "$k $2 $r" >> "$C/trials"
	fi
	say "$1: crashkernel=${2}M: $r"
	[ "$r" = ok ]
}

smallest() {	# VARIANT LO HI: LO is assumed to fail, HI must work
	lo=$2 hi=$3
	works "$1" "$hi" || { echo ">${hi}M"; return; }
	while [ $((hi - lo)) -gt 8 ]; do
		mid=$(( (lo + hi) / 2 / 8 * 8 ))
		[ "$mid" -le "$lo" ] && mid=$((lo + 8))
		if works "$1" "$mid"; then hi=$mid; else lo=$mid; fi
	done
	echo "${hi}M"
}

mb() { [ "$1" = "?" ] && echo "?" || awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

# The crash runs, interleaved (ours, kdump-tools, ours, ...): a line
# "VARIANT|SAVED|REBOOT|DUMP_SIZE|PHASES" each in runs.$$.
rm -f "$C/runs.$$" "$C/prepared.$$"
for v in $variants; do
	prepare "$v"
	echo "$v|$(mb "$INITRD_SIZE")|$BUILD_S" >> "$C/prepared.$$"
done
r=1
while [ "$r" -le "$rounds" ]; do
	for v in $variants; do
		measure "$v" "$r"
		echo "$v|$SAVED_S|$REBOOT_S|$(mb "$DUMP_SIZE")|$PHASES" >> "$C/runs.$$"
	done
	r=$((r + 1))
done

# The run of VARIANT with the median time to the dump saved, and every
# run's time ("11.0, 10.6, 11.3").
median_run() {
	awk -F'|' -v v="$1" '$1 == v' "$C/runs.$$" | sort -t'|' -k2,2g |
		awk '{ run[NR] = $0 } END { print run[int((NR + 1) / 2)] }'
}
all_saved() {
	awk -F'|' -v v="$1" '$1 == v { printf "%s%s", sep, $2; sep = ", " }' "$C/runs.$$"
}

for v in $variants; do
	ck="(not measured)"
	if [ "$bisect" = 1 ]; then
		if [ "$v" = ours ]; then ck=$(smallest ours "${OURS_LO:-64}" "${OURS_HI:-128}")
		else ck=$(smallest kdump-tools "${KT_LO:-96}" "${KT_HI:-160}"); fi
	fi
	m=$(median_run "$v")
	printf '%s|%s|%s|%s|%s\n' "$(grep "^$v|" "$C/prepared.$$")" \
		"$(echo "$m" | cut -d'|' -f2-4)" "$ck" "$(echo "$m" | cut -d'|' -f5-)" \
		"$(all_saved "$v")" >> "$C/table.$$"
done
rm -f "$C/prepared.$$" "$C/runs.$$"

col() { awk -F'|' -v v="$1" -v c="$2" '$1 == v { print $c }' "$C/table.$$"; }
# ratio A B - ours / theirs of two cells that are each one figure ("" if not)
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { n = "^[0-9.]+( MB|M)?$"
		if (a ~ n && b ~ n && b + 0 > 0)
		printf "%.2f", (a + 0) / (b + 0) }'
}
measured() { case " $variants " in *" $1 "*) return 0 ;; esac; return 1; }
both=0
measured ours && measured kdump-tools && both=1
row() {
	printf '| %s |' "$1"
	for v in $variants; do printf ' %s |' "$(col "$v" "$2")"; done
	[ "$both" = 0 ] || printf ' %s |' "$(ratio "$(col ours "$2")" "$(col kdump-tools "$2")")"
	echo
}
echo
printf '| 2 GiB guest, %s CPU, TCG, Debian %s |' "$smp" "$KVER"
for v in $variants; do [ "$v" = ours ] && printf ' this project |' || printf ' kdump-tools + makedumpfile |'; done
[ "$both" = 0 ] || printf ' ratio |'
echo
printf '|---|'; for v in $variants; do printf -- '---|'; done; [ "$both" = 0 ] || printf -- '---|'; echo
row "capture initramfs size" 2
row "first service start (build the image, arm), s" 3
row "panic to dump saved, s" 4
row "panic to reboot, s" 5
row "dump size (-c -d 31)" 6
row "smallest crashkernel= that saves a dump" 7
row "panic to the capture kernel's start, s" 8
row "its boot to /init, s" 9
row "/init to the collector's start, s" 10
row "collecting (filter, compress, write), s" 11
[ "$rounds" = 1 ] || row "panic to dump saved, each run, s" 12
rm -f "$C/table.$$"
