#!/bin/sh
# run.sh - the QEMU tests: boot Debian's kernel under TCG, arm and crash it,
# and check what the console shows.  Prints PASS/FAIL lines.
set -u
. "$(dirname "$0")/lib.sh"

# A fresh machine's first download (an empty cache), then the cached kernel.
"$QEMU_DIR/first-run.sh" ||
	echo "FAIL qemu:first-run.sh: stopped before the end (exit $?)"
fetch_kernel
mkdir -p "$WORK"
build_images

test_fast_reboot() {
	marker=m$$x$(date +%s)
	log=$(boot fast_reboot "$WORK/first.img" "kdtest=fast_reboot marker=$marker")
	if ! grep -q "KDTEST: load rc=0" "$log"; then
		fail fast_reboot "kdumpctl load failed" "$log"
	elif ! grep -q "KDTEST: second kernel, marker=$marker" "$log"; then
		fail fast_reboot "the second kernel did not show the marker" "$log"
	elif [ "$(boots "$log")" -lt 2 ]; then
		fail fast_reboot "no second boot" "$log"
	else
		pass fast_reboot
	fi
}

# crash NAME CPU LA57(yes|no)
test_crash() {
	name=$1 cpu=$2 la57=$3
	log=$(boot "$name" "$WORK/first.img" "kdtest=crash crashkernel=256M panic=5" -cpu "$cpu")
	capture_cmdline=$(sed -n '/KDTEST: crashing/,$ s/.*Kernel command line: //p' "$log" | head -n 1)
	if ! grep -q "KDTEST: la57 $la57" "$log"; then
		fail "$name" "expected la57 $la57 in the guest" "$log"
	elif ! grep -q "KDTEST: start rc=0" "$log" ||
	     ! grep -q "KDTEST: kexec_crash_loaded=1" "$log"; then
		fail "$name" "kdumpctl start did not arm the crash kernel" "$log"
	elif ! grep -q "KDTEST: status rc=0" "$log" ||
	     ! grep -q "^crash kernel: loaded" "$log"; then
		fail "$name" "kdumpctl status does not say loaded" "$log"
	elif ! grep -q "KDTEST: reload rc=0 loaded=1" "$log"; then
		fail "$name" "kdumpctl reload did not load the crash kernel again" "$log"
	elif [ "$(boots "$log")" -lt 2 ]; then
		fail "$name" "the capture kernel did not boot" "$log"
	elif ! grep -q "kdump: capture kernel: /proc/vmcore present" "$log"; then
		fail "$name" "no /proc/vmcore in the capture kernel" "$log"
	elif ! grep -q "kdump: capture kernel: elfcorehdr=" "$log"; then
		fail "$name" "no elfcorehdr= on the capture command line" "$log"
	else
		missing=
		for p in irqpoll nr_cpus=1 reset_devices kdtest=crash; do
			case " $capture_cmdline " in *" $p "*) ;; *) missing="$missing $p" ;; esac
		done
		case " $capture_cmdline " in *crashkernel=*) missing="$missing (has crashkernel=)" ;; esac
		if [ -n "$missing" ]; then
			fail "$name" "capture command line lacks:$missing" "$log"
		else
			pass "$name"
		fi
	fi
}

test_no_crashkernel() {
	log=$(boot no_crashkernel "$WORK/first.img" "kdtest=no_crashkernel")
	if ! grep -q "no memory is reserved for the crash kernel" "$log"; then
		fail no_crashkernel "no clear 'no memory is reserved' error" "$log"
	elif ! grep -q "KDTEST: start rc=[1-9]" "$log"; then
		fail no_crashkernel "kdumpctl start did not fail" "$log"
	else
		pass no_crashkernel
	fi
}

started=$(date +%s)
test_fast_reboot
test_no_crashkernel
test_crash crash_4level max,la57=off no
test_crash crash_la57 max yes
say "QEMU tests took $(( $(date +%s) - started )) s"

# A suite that stops early (a missing tool, a failed download) is a
# failure, not a handful of tests that silently did not run.
for suite in capture kernels network reliability storage system; do
	"$QEMU_DIR/$suite.sh" ||
		echo "FAIL qemu:$suite.sh: stopped before the end (exit $?)"
done
# and the full system on Debian 13 (its dracut, systemd and kernel)
if [ "$KSUITE" = host ]; then
	KDUMP_KERNEL=trixie "$QEMU_DIR/system.sh" ||
		echo "FAIL qemu:system.sh@debian13: stopped before the end (exit $?)"
fi
