#!/bin/sh
# measure-capture.sh - figures of a whole capture in a 2 GiB QEMU guest
# (TCG): the capture initramfs size, the time from the panic to the dump
# saved and to the reboot, and the smallest crashkernel= that still saves
# a dump (bisected in 8 MiB steps).
#
# MEASURE_LAYOUT=LAYOUT measures on one of the storage layouts of
# tests/qemu/storage-lib.sh instead of a plain ext4 disk: root_lvm (no
# target: the dump goes to the root filesystem, an LV, root= on the
# command line), or a layout with an ext4 target on LVM or MD (lvm_linear,
# md_raid1, lvm_on_md, ...); kdump-init sets the layers up, and the time
# from /init to the target's device being ready is printed too.
#
#   scripts/measure-capture.sh [SIZE...]
#
# With sizes (e.g. 80M 88M), only those are tried, each MEASURE_REPEAT
# times in a row (default 3), and the capture kernel's memory is printed
# for each run (debug_mem_level 2: /proc/meminfo when kdump-init starts,
# and the kernel's "Memory:" line); logs stay in build/qemu/measure.
# MEASURE_APPEND adds parameters to the capture command line (to kdumpctl's
# default KDUMP_COMMANDLINE_APPEND, replacing those of the same name, e.g.
# nr_cpus=2); MEASURE_CONF adds lines to
# kdump.conf, MEASURE_COLLECTOR replaces its core_collector; MEASURE_SMP gives the guest more CPUs (with nr_cpus=N in
# MEASURE_APPEND the capture kernel uses them).
set -eu
QEMU_DIR=$(cd "$(dirname "$0")/../tests/qemu" && pwd)
. "$QEMU_DIR/lib.sh"
. "$QEMU_DIR/storage-lib.sh"

fetch_kernel
mkdir -p "$WORK"
build_images >/dev/null
CAP=$WORK/measure
rm -rf "$CAP"
mkdir -p "$CAP"
DRACUT_BASE=$(dracut_base)
LAYOUT=${MEASURE_LAYOUT:-}
ROOT_ARG=

# mf KEY - a value of the layout's manifest
mf() { (. "$CAP/disks/manifest" && eval "printf %s \"\${$1:-}\""); }

if [ -z "$LAYOUT" ]; then
	UUID=1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9
	CONF="ext4 UUID=$UUID"
	MODS=
else
	storage_copy "$LAYOUT" "$CAP/disks" || die "layout $LAYOUT could not be made"
	# the layer lines and modules kdumpctl records for these layouts
	# (storage/layer.h; tests/qemu/storage.sh checks kdumpctl's own)
	STACK= MODS=
	if [ -n "$(mf MD_UUID)" ]; then
		STACK="md $(mf MD_UUID)"
		MODS="md_mod $(mf MD_LEVEL | sed 's/^raid\([0-9]*\)$/raid\1/; s/^raid[456]$/raid456/')"
	fi
	if [ -n "$(mf LV)" ]; then
		STACK="${STACK:+$STACK
}lvm $(mf VG_UUID) $(mf LV_UUID) $(mf VG) $(mf LV) 0"
		MODS="$MODS dm_mod"
	fi
	export KDUMP_STACK=$STACK
	if [ -n "$(mf ROOT_FSTAB)" ]; then
		CONF="path /var/crash"
		ROOT_ARG="root=$(mf LV_DM_PATH) rootfstype=ext4"
	else
		CONF="ext4 UUID=$(mf FS_UUID)"
	fi
fi
# MEASURE_APPEND: an /etc/sysconfig/kdump in the first kernel's root
sysconf=$WORK/root-first/etc/sysconfig/kdump
rm -f "$sysconf"
if [ -n "${MEASURE_APPEND:-}" ]; then
	mkdir -p "$(dirname "$sysconf")"
	dflt=$(sed -n '/KDUMP_DEFAULT_CMDLINE_APPEND/,/^$/p' "$TOP/loader/sysconfig.h" |
		sed -n 's/^[^"]*"\([^"]*\)".*/\1/p' | tr -d '\n')
	# a parameter named in MEASURE_APPEND replaces the default's
	for w in $MEASURE_APPEND; do
		dflt=$(echo " $dflt " | sed "s/ ${w%%=*}=[^ ]* / /g; s/^ *//; s/ *\$//")
	done
	echo "KDUMP_COMMANDLINE_APPEND=\"$dflt $MEASURE_APPEND\"" > "$sysconf"
fi
# as kdumpctl builds it for this kdump.conf: nothing needs a shell, so no
# BusyBox
KDUMP_BUSYBOX=0 capture_image m "$CONF
core_collector ${MEASURE_COLLECTOR:-makedumpfile -l --message-level 1 -d 31}
${MEASURE_CONF:-}" \
	"virtio_pci virtio_blk crc32c_generic ext4 $MODS"
rm -f "$sysconf"

# drives: a fresh target for each run
drives() {
	if [ -z "$LAYOUT" ]; then
		disk m ext4 3G -q -F -U "$UUID"
		echo "-drive file=$CAP/m.disk,if=virtio,format=raw"
	else
		storage_copy "$LAYOUT" "$CAP/disks" || die "cannot copy the disks of $LAYOUT"
		storage_drives "$CAP/disks"
	fi
}

# run SIZE: one crash; prints "saved reboot ready" seconds after the panic
# (ready: /init to the target's device), or "fail".
run() {
	# shellcheck disable=SC2046
	timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -accel tcg -m 2G -smp "${MEASURE_SMP:-1}" \
		-no-reboot -display none -monitor none -serial stdio \
		-kernel "$KDIR/vmlinuz" -initrd "$CAP/m-first.img" \
		-append "console=ttyS0 kdtest=crash crashkernel=$1 panic=5 $ROOT_ARG" \
		$(drives) 2>/dev/null |
		perl -MTime::HiRes=time -ne '$| = 1; printf "%.3f %s", time, $_' \
		> "$CAP/run.log"
	cp "$CAP/run.log" "$CAP/run-$1.log"
	awk '/Kernel panic - not syncing/ && !p { p = $1 }
	     p && /Run \/init as init process/ && !i { i = $1 }
	     i && /kdump: (mounted|mounting) / && !m { m = $1 }
	     /kdump: saved / { s = $1 }
	     /kdump: rebooting/ { r = $1 }
	     END { if (p && s && r) printf "%.1f %.1f %.1f\n", s - p, r - p, m ? m - i : -1; else print "fail" }' \
		"$CAP/run.log"
}

echo "capture initramfs (${LAYOUT:-ext4} target, gzip): $(stat -c %s "$CAP/m.img") bytes"
if [ $# -gt 0 ]; then
	for size in "$@"; do
		i=0
		while [ "$i" -lt "${MEASURE_REPEAT:-3}" ]; do
			i=$((i + 1))
			t=$(run "$size")
			cp "$CAP/run.log" "$CAP/run-$size-$i.log"
			echo "crashkernel=$size run $i: $([ "$t" = fail ] && echo failed || echo "saved ($t)")"
			awk '/Kernel panic - not syncing/ { p = 1 }
			     p && (/ (Memory|MemTotal|MemFree|MemAvailable|Shmem|Slab|SUnreclaim|KernelStack|PageTables|Percpu|VmallocUsed|AnonPages):/ ||
				   /kdump: (memory|lowest memory)/) {
				sub(/^[0-9.]* /, "  "); gsub(/  +/, " "); print }' "$CAP/run.log"
		done
	done
	exit 0
fi
t=$(run 256M)
echo "2 GiB guest, crashkernel=256M: panic to dump saved, panic to reboot, /init to the target's device (s): $t"
lo=32 hi=256	# hi works, lo is assumed not to
while [ $((hi - lo)) -gt 8 ]; do
	mid=$(( (lo + hi) / 2 / 8 * 8 ))
	[ "$mid" -le "$lo" ] && mid=$((lo + 8))
	if [ "$(run ${mid}M)" != fail ]; then hi=$mid; else lo=$mid; fi
	echo "  crashkernel=${mid}M: $([ "$hi" = "$mid" ] && echo saved || echo failed)"
done
echo "smallest crashkernel= that saves a dump of a 2 GiB guest: ${hi}M"
