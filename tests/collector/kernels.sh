# kernels.sh - the collector on fixtures of every other kernel of the
# matrix (KDUMP_MATRIX, default Debian 13's and the newest of its
# backports; tests/qemu/fixtures.sh makes them): the page classes of
# every dump level (test_counts: makedumpfile 1.7.6 where it is right,
# the kernel's own free page count where it is not), the log
# byte-identical to makedumpfile 1.7.6's, a compressed dump opened with
# the kernel's debugger (dump-readers.sh), verified page by page, and
# holding every page of every slab (slab_pages.py).
# Sourced by run.sh: uses its K, work, test_counts, pass and fail.

kernel_dump_opens() {	# name
	"$K" -f -c --message-level 0 -d 31 "$fixdir/vmcore-4level" "$work/dump-kernel" &&
		"$K" --verify "$fixdir/vmcore-4level" "$work/dump-kernel" > "$work/verify.out" 2>&1 ||
		{ fail "$1" "kdump-collect -c or --verify failed: $(tail -n 1 "$work/verify.out")"; return; }
	if ! grep -q '0 differ, 0 dumpable pages missing' "$work/verify.out"; then
		fail "$1" "$(tail -n 1 "$work/verify.out")"
	elif ! dump_open "$kver" "$vmlinux" "$work/dump-kernel" "$work/open.out"; then
		fail "$1" "$(dump_reader "$kver") cannot open the dump: $(head -c 300 "$work/open.out" | tr '\n' ' ')"
	else
		pass "$1"
	fi
	# every page of every slab is in the -d 31 dump (the kernel's own view
	# of its compound pages, read with drgn)
	"$DEBIAN_TOOLS" drgn -q -c "$work/dump-kernel" -s "$vmlinux" --no-default-symbols \
		"$here/slab_pages.py" > "$work/slabs.out" 2>&1
	if grep -q '^slabs [1-9][0-9]* pages [0-9]* missing 0$' "$work/slabs.out"; then
		pass "slab_pages_kept_$kver"
	else
		fail "slab_pages_kept_$kver" "$(tail -n 1 "$work/slabs.out")"
	fi
	rm -f "$work/dump-kernel"
}

test_kernel() {	# KDUMP_KERNEL
	fixdir=$(KDUMP_KERNEL=$1 "$top/tests/qemu/fixtures.sh" | tail -n 1) ||
		{ fail "kernel_$1" "cannot make the fixtures of $1"; return; }
	kver=$(basename "$fixdir")
	[ "$kver" = "$main_kver" ] && return	# run.sh's own kernel: done
	vmlinux=$("$top/scripts/fetch-debug-vmlinux.sh" "$kver") ||
		{ fail "kernel_$kver" "cannot fetch the debug vmlinux"; return; }
	for fx in 4level la57; do
		for level in 31 1 2 4 8 16; do
			test_counts "$fx" "$level" "$kver"
		done
		dmesg_same "dmesg_${fx}_$kver" "$fixdir/vmcore-$fx" 'Linux version'
	done
	kernel_dump_opens "opens_$kver"
}

main_fixdir=$fixdir main_kver=$kver main_vmlinux=$vmlinux
for k in ${KDUMP_MATRIX-trixie trixie-backports}; do
	test_kernel "$k"
done
fixdir=$main_fixdir kver=$main_kver vmlinux=$main_vmlinux
