#!/bin/sh
# demo.sh - the main job: a QEMU guest running Debian's kernel arms a crash
# kernel with kdumpctl, crashes, and kdump-init - the capture initramfs
# built by the project's dracut module - saves the dump to an ext4 disk.
# The console is shown as it runs; then the dump is opened with crash.
set -eu
. "$(dirname "$0")/lib.sh"

fetch_kernel
mkdir -p "$WORK"
build_images >/dev/null
VMLINUX=$("$TOP/scripts/fetch-debug-vmlinux.sh" "$KVER")
CAP=$WORK/demo
MNT=$WORK/demo-mnt
rm -rf "$CAP"
mkdir -p "$CAP" "$MNT"
DRACUT_BASE=$(dracut_base)
UUID=0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6

say "building the capture initramfs with dracut --add kdump"
capture_image demo "ext4 UUID=$UUID
path /var/crash
core_collector makedumpfile -l --message-level 1 -d 31" \
	"virtio_pci virtio_blk crc32c_generic ext4"
disk demo ext4 1G -q -F -U "$UUID"
say "booting $KVER with crashkernel=256M under TCG, arming, crashing (about a minute)"
log=$LOGS/demo.log
mkdir -p "$LOGS"
: > "$log"
tail -f "$log" --pid=$$ 2>/dev/null | grep --line-buffered -E \
	'KDTEST|^kdump:|Kernel panic|Linux version|^Kdump|^crash kernel|^reserved' &
boot demo "$CAP/demo-first.img" "kdtest=crash crashkernel=256M panic=5" \
	-drive "file=$CAP/demo.disk,if=virtio,format=raw" >/dev/null
sleep 1
umount "$MNT" 2>/dev/null || true
mount -o loop "$CAP/demo.disk" "$MNT"
dir=$(ls -d "$MNT"/var/crash/127.0.0.1-* 2>/dev/null | head -n 1)
if [ -z "$dir" ] || [ ! -s "$dir/vmcore" ]; then
	umount "$MNT"
	die "no dump was saved (console log: $log)"
fi
say "the dump, on the guest's ext4 disk ($CAP/demo.disk):"
ls -l "$dir"
say "$(dump_reader "$KVER") $VMLINUX $dir/vmcore:"
dump_open "$KVER" "$VMLINUX" "$dir/vmcore" "$CAP/crash.out" ||
	say "warning: the debugger did not show the panic"
head -n 30 "$CAP/crash.out"
mkdir -p "$TOP/build/demo-dump"
cp -a "$dir/." "$TOP/build/demo-dump/"
umount "$MNT"
say "the dump is in $TOP/build/demo-dump (a copy of ${dir#$MNT} on the guest disk)"
