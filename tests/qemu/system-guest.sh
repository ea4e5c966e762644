#!/bin/sh
# system-guest.sh - the guest side of tests/qemu/system.sh and
# scripts/compare-kdump-tools.sh, installed as /usr/local/sbin/kdtest and
# run by kdtest.service after the kdump service at every boot of the first
# kernel.  Reports on the console as "KDTEST: " lines.
#
# /etc/kdtest.conf sets VARIANT (ours or kdump-tools) and MODE:
#   test     boot 1: report, crash.  boot 2: report, then change kdump.conf,
#            restart kdump.service, report whether the image was rebuilt,
#            power off.
#   measure  boot 1: report, crash.  boot 2: report, power off.
#   prepare  boot 1: report (the capture initramfs is built), power off.
#            The next boot of the same disk counts as boot 1 again.
exec > /dev/console 2>&1
[ -e /proc/vmcore ] && exit 0	# kdump-tools' capture boot runs systemd too
VARIANT=ours MODE=test
. /etc/kdtest.conf
state=/var/lib/kdtest
mkdir -p "$state"
n=$(( $(cat "$state/boot" 2>/dev/null || echo 0) + 1 ))
echo "$n" > "$state/boot"
sync

say() { echo "KDTEST: $*"; }
lines() { sed "s/^/KDTEST: $1| /"; }
kver=$(uname -r)
if [ "$VARIANT" = ours ]; then
	svc=kdump
	img=/var/lib/kdump/initramfs-$kver.img
else
	svc=kdump-tools
	img=/var/lib/kdump/initrd.img-$kver
fi

report() {
	say "boot $n variant $VARIANT mode $MODE kernel $kver"
	say "cmdline $(cat /proc/cmdline)"
	if [ "$VARIANT" = ours ]; then
		kdumpctl status > /tmp/kdtest.status 2>&1
		say "status rc=$?"
		lines status < /tmp/kdtest.status
	else
		kdump-config status 2>&1 | lines status
	fi
	journalctl -b -u "$svc" --no-pager -o cat 2>&1 | lines service
	say "service $(systemctl is-active "$svc")"
	# how long the last start took (the first builds the image), in us
	say "service_start $(systemctl show "$svc" -P InactiveExitTimestampMonotonic) $(systemctl show "$svc" -P ActiveEnterTimestampMonotonic)"
	say "loaded $(cat /sys/kernel/kexec_crash_loaded)"
	say "crash_size $(cat /sys/kernel/kexec_crash_size)"
	if [ -e "$img" ]; then
		say "initramfs $img size $(stat -c %s "$img") mtime $(stat -c %Y "$img")"
	else
		say "initramfs $img missing"
	fi
	find /var/crash -mindepth 1 -printf '%p %s %m\n' 2>/dev/null | sort | lines dumps
}

report
if [ "$MODE" = prepare ]; then
	rm -f "$state/boot"
	say "prepared"
	sync
	systemctl poweroff
	exit 0
fi
if [ "$n" = 1 ]; then
	if [ "$(cat /sys/kernel/kexec_crash_loaded)" = 1 ]; then
		say "crashing"
		sync
		echo 1 > /proc/sys/kernel/sysrq
		echo c > /proc/sysrq-trigger
		sleep 60
	fi
	say "not armed: powering off"
	systemctl poweroff
	exit 0
fi

if [ "$MODE" = test ] && [ "$VARIANT" = ours ]; then
	# a configuration change: the next start rebuilds the image
	before=$(stat -c %Y "$img" 2>/dev/null)
	sleep 1
	sed -i 's/^core_collector .*/core_collector makedumpfile -c --message-level 1 -d 31/' \
		/etc/kdump.conf
	since=$(date '+%Y-%m-%d %H:%M:%S')
	systemctl restart kdump
	say "restart rc=$?"
	journalctl -u kdump --since "$since" --no-pager -o cat 2>&1 | lines restart
	kdumpctl status > /dev/null 2>&1
	say "restart status rc=$?"
	say "restart mtime before $before after $(stat -c %Y "$img" 2>/dev/null)"
	say "restart loaded $(cat /sys/kernel/kexec_crash_loaded)"
fi
say "done"
sync
systemctl poweroff
