#!/bin/sh
# system.sh - the full-system test: a Debian 12 guest, or Debian 13 with
# a Debian 13 kernel (KDUMP_KERNEL; debootstrap image, cached by
# system-image.sh) with `make install` inside, systemd as init,
# kdump.service enabled, and dracut building the capture initramfs inside
# the guest when the service starts.  One QEMU run (TCG, 2 GiB,
# crashkernel=256M):
#
#   boot 1   kdump.service builds the image and arms the crash kernel; the
#            test unit reports and crashes the guest (sysrq c)
#   capture  kdump-init saves the dump in /var/crash, reboots
#   boot 2   the test unit reports (kdumpctl status, /var/crash), checks
#            that an unchanged configuration is not rebuilt, changes
#            kdump.conf, restarts kdump.service, reports, powers off
#
# then, on the host, the dump is read from the disk and opened with crash.
# Prints PASS/FAIL lines.
set -u
. "$(dirname "$0")/lib.sh"
. "$QEMU_DIR/system-lib.sh"

fetch_kernel
[ "$KSUITE" = host ] || NAME_SUFFIX=@debian13
VMLINUX=$("$TOP/scripts/fetch-debug-vmlinux.sh" "$KVER")
[ -x "$BIN/kdumpctl" ] && [ -x "$BIN/kdump-init" ] || die "build first: make"
IMG=$(sys_image ours)
W=$SYSWORK/test
rm -rf "$W"
mkdir -p "$W" "$LOGS"
LOG=$LOGS/system${NAME_SUFFIX:-}.log

# On Debian 13 the kernel moves to the kernel-install layout (Fedora's,
# RHEL's, and Debian 13's for 7.x kernels): /usr/lib/modules/<release>/
# vmlinuz and config, nothing in /boot.
kernel_install_layout() {
	m=$1/usr/lib/modules/$KVER
	for f in vmlinuz config; do
		[ -e "$m/$f" ] || cp "$1/boot/$f-$KVER" "$m/$f" || return 1
		rm -f "$1/boot/$f-$KVER"
	done
}
KERNEL_PATH=/boot/vmlinuz-$KVER
if [ "$KSUITE" != host ]; then
	SYS_DISK_HOOK=kernel_install_layout
	KERNEL_PATH=/usr/lib/modules/$KVER/vmlinuz
fi

say "system test: preparing the guest disk"
sys_disk "$IMG" "$W/disk.raw" ours test
say "system test: booting (TCG; arm, crash, capture, reboot, rebuild: a few minutes)"
t0=$(date +%s)
sys_boot "$IMG" "$W/disk.raw" "$LOG" 256M
say "system test: guest done in $(( $(date +%s) - t0 )) s"

# per boot: the KDTEST lines of boot N of the first kernel (a line may
# follow a getty's "kdguest login: " on the console: Debian 13)
boot_lines() {
	awk -v n="$1" '/KDTEST: / { sub(/^.*KDTEST: /, "")
		if ($1 == "boot" && $2 ~ /^[0-9]+$/) b = $2
		if (b == n) print }' "$SUM"
}
# what fail() shows: the test unit's reports and kdump's messages
grep -a 'KDTEST: \|kdump: \|Kernel panic' "$LOG" > "$LOGS/system-summary${NAME_SUFFIX:-}.log"
SUM=$LOGS/system-summary${NAME_SUFFIX:-}.log
boot_lines 1 > "$W/boot1"
boot_lines 2 > "$W/boot2"
val() { sed -n "s/^$2//p" "$1" | head -n 1; }

# 1: the service built the image in the guest and armed the crash kernel
if [ ! -s "$W/boot1" ]; then
	fail system_armed "the test unit never reported (guest did not boot?)" "$SUM"
elif [ "$(val "$W/boot1" 'status rc=')" != 0 ] || [ "$(val "$W/boot1" 'loaded ')" != 1 ]; then
	fail system_armed "kdumpctl status rc=$(val "$W/boot1" 'status rc='), loaded=$(val "$W/boot1" 'loaded ')" "$SUM"
elif ! grep -q '^service| .*building the capture initramfs' "$W/boot1" ||
     ! grep -q '^initramfs .* size [1-9]' "$W/boot1"; then
	fail system_armed "kdump.service did not build the capture initramfs" "$SUM"
elif ! grep -q "^service| kdump: crash kernel armed: $KERNEL_PATH with" "$W/boot1"; then
	fail system_armed "the kernel armed is not $KERNEL_PATH" "$SUM"
else
	pass system_armed
fi

# 2: the capture kernel saved the dump and rebooted into the first kernel
if ! grep -q 'kdump: saved ' "$LOG"; then
	fail system_dump_saved "the capture kernel saved no dump" "$SUM"
elif [ ! -s "$W/boot2" ]; then
	fail system_dump_saved "no second boot after the capture" "$SUM"
elif ! grep -q '^dumps| /var/crash/[^ ]*/vmcore [1-9][0-9]* 600$' "$W/boot2"; then
	fail system_dump_saved "no vmcore in /var/crash on the next boot" "$SUM"
elif grep -q '^dumps| .*vmcore-incomplete' "$W/boot2"; then
	fail system_dump_saved "the dump is incomplete" "$SUM"
elif [ "$(val "$W/boot2" 'status rc=')" != 0 ] || [ "$(val "$W/boot2" 'loaded ')" != 1 ]; then
	fail system_dump_saved "kdumpctl status after the reboot: rc=$(val "$W/boot2" 'status rc=')" "$SUM"
else
	pass system_dump_saved
fi

# 3: an unchanged configuration is not rebuilt on the next boot
if [ ! -s "$W/boot2" ]; then
	fail system_no_rebuild "no second boot" "$SUM"
elif grep -q '^service| .*rebuilding\|^service| .*building the capture' "$W/boot2"; then
	fail system_no_rebuild "the image was rebuilt although nothing changed" "$SUM"
else
	pass system_no_rebuild
fi

# 4: a change to kdump.conf rebuilds at the next start
before=$(val "$W/boot2" 'restart mtime before ')
after=${before#* after }
before=${before%% after*}
if ! grep -q '^restart rc=0' "$W/boot2"; then
	fail system_rebuild_on_change "systemctl restart kdump failed: $(val "$W/boot2" 'restart rc=')" "$SUM"
elif ! grep -q '^restart| .*rebuilding the capture initramfs' "$W/boot2"; then
	fail system_rebuild_on_change "kdumpctl did not say it rebuilt" "$SUM"
elif [ -z "$after" ] || [ "$before" = "$after" ]; then
	fail system_rebuild_on_change "the image was not rewritten (mtime $before -> $after)" "$SUM"
elif [ "$(val "$W/boot2" 'restart status rc=')" != 0 ] ||
     [ "$(val "$W/boot2" 'restart loaded ')" != 1 ]; then
	fail system_rebuild_on_change "not armed after the restart" "$SUM"
else
	pass system_rebuild_on_change
fi

# 5: crash opens the dump, read from the guest's disk
if sys_mount "$W/disk.raw" ro,noload; then
	dir=$(ls -d "$SYSWORK"/mnt/var/crash/*/ 2>/dev/null | head -n 1)
	if [ -n "$dir" ] && [ -s "$dir/vmcore" ]; then
		cp "$dir/vmcore" "$W/vmcore"
		cp "$dir/vmcore-dmesg.txt" "$W/" 2>/dev/null
	fi
	sys_umount
fi
# sys: the dump's kernel and panic.  (crash 8.0.2 from Debian 12 finds
# only the active tasks in dumps of this kernel, ours and makedumpfile's
# alike: "active task ... not found in PID hash"; the task list is not
# checked.)
if [ ! -s "$W/vmcore" ]; then
	fail system_crash_opens_dump "no vmcore on the disk" "$SUM"
else
	if dump_open "$KVER" "$VMLINUX" "$W/vmcore" "$W/crash.out" &&
	   grep -q "NODENAME: kdguest" "$W/crash.out"; then
		pass system_crash_opens_dump
	else
		fail system_crash_opens_dump "crash: $(head -c 300 "$W/crash.out" | tr '\n' ' ')" "$W/crash.out"
	fi
fi
