#!/bin/sh
# demo.sh - the main job: a QEMU guest running Debian's kernel arms a crash
# kernel with kdumpctl, crashes, and the capture kernel comes up with the
# dead kernel's memory as /proc/vmcore.  The console is shown as it runs.
set -eu
. "$(dirname "$0")/lib.sh"

fetch_kernel
mkdir -p "$WORK"
build_images
say "booting $KVER with crashkernel=256M (TCG; about a minute)"
mkdir -p "$LOGS"
log=$LOGS/demo.log
: > "$log"
tail -f "$log" --pid=$$ 2>/dev/null | grep --line-buffered -E \
	'KDTEST|^kdump:|Kernel panic|Linux version|Kernel command line|^Kdump|^crash kernel|^reserved' &
boot demo "$WORK/first.img" "kdtest=crash crashkernel=256M panic=5" -cpu max >/dev/null
sleep 1
if grep -q "kdump: capture kernel: /proc/vmcore present" "$log"; then
	say "the crash was caught: the capture kernel booted with /proc/vmcore"
	say "console log: $log"
else
	die "the capture kernel did not come up (log: $log)"
fi
