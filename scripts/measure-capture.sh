#!/bin/sh
# measure-capture.sh - figures of a whole capture in a 2 GiB QEMU guest
# (TCG): the capture initramfs size, the time from the panic to the dump
# saved and to the reboot, and the smallest crashkernel= that still saves
# a dump (bisected in 8 MiB steps).
set -eu
QEMU_DIR=$(cd "$(dirname "$0")/../tests/qemu" && pwd)
. "$QEMU_DIR/lib.sh"

fetch_kernel
mkdir -p "$WORK"
build_images >/dev/null
CAP=$WORK/measure
rm -rf "$CAP"
mkdir -p "$CAP"
DRACUT_BASE=$(dracut_base)
UUID=1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9
# as kdumpctl builds it for this kdump.conf: nothing needs a shell, so no
# BusyBox
KDUMP_BUSYBOX=0 capture_image m "ext4 UUID=$UUID
core_collector makedumpfile -l --message-level 1 -d 31" \
	"virtio_pci virtio_blk crc32c_generic ext4"

# run SIZE: one crash; prints "saved reboot" seconds after the panic, or "fail".
run() {
	disk m ext4 3G -q -F -U "$UUID"
	timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -accel tcg -m 2G -smp 1 \
		-no-reboot -display none -monitor none -serial stdio \
		-kernel "$KDIR/vmlinuz" -initrd "$CAP/m-first.img" \
		-append "console=ttyS0 kdtest=crash crashkernel=$1 panic=5" \
		-drive "file=$CAP/m.disk,if=virtio,format=raw" 2>/dev/null |
		perl -MTime::HiRes=time -ne '$| = 1; printf "%.3f %s", time, $_' \
		> "$CAP/run.log"
	awk '/Kernel panic - not syncing/ && !p { p = $1 }
	     /kdump: saved / { s = $1 }
	     /kdump: rebooting/ { r = $1 }
	     END { if (p && s && r) printf "%.1f %.1f\n", s - p, r - p; else print "fail" }' \
		"$CAP/run.log"
}

echo "capture initramfs (ext4 target, gzip): $(stat -c %s "$CAP/m.img") bytes"
t=$(run 256M)
echo "2 GiB guest, crashkernel=256M: panic to dump saved, panic to reboot (s): $t"
lo=32 hi=256	# hi works, lo is assumed not to
while [ $((hi - lo)) -gt 8 ]; do
	mid=$(( (lo + hi) / 2 / 8 * 8 ))
	[ "$mid" -le "$lo" ] && mid=$((lo + 8))
	if [ "$(run ${mid}M)" != fail ]; then hi=$mid; else lo=$mid; fi
	echo "  crashkernel=${mid}M: $([ "$hi" = "$mid" ] && echo saved || echo failed)"
done
echo "smallest crashkernel= that saves a dump of a 2 GiB guest: ${hi}M"
