#!/bin/sh
# kernels.sh - the capture smoke (capture.sh with CAPTURE_SMOKE=1: a crash,
# dumps to ext4 and xfs, each opened with the kernel's debugger and its
# vmcore-dmesg.txt compared with makedumpfile 1.7.6's) on every other
# kernel of the matrix: KDUMP_MATRIX, default Debian 13's kernel and the
# newest of Debian 13's backports.  PASS/FAIL lines qemu:<case>@<kernel>.
set -u
. "$(dirname "$0")/lib.sh"

main=$(kernel_version) || exit 1
for k in ${KDUMP_MATRIX-trixie trixie-backports}; do
	release=$(KDUMP_KERNEL=$k kernel_version) ||
		{ echo "FAIL qemu:kernel_$k: cannot resolve the kernel"; continue; }
	[ "$release" = "$main" ] && continue	# the whole suite ran on it
	say "capture smoke on $release ($k)"
	KDUMP_KERNEL=$release CAPTURE_SMOKE=1 "$QEMU_DIR/capture.sh" ||
		echo "FAIL qemu:capture_smoke@$release: stopped before the end (exit $?)"
done
