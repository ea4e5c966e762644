# system-lib.sh - shared pieces of tests/qemu/system.sh and
# scripts/compare-kdump-tools.sh: a run disk copied from the cached
# Debian 12 image (tests/qemu/system-image.sh), the test unit, and a boot
# of the guest under TCG with a timestamped serial log.  Sourced after
# lib.sh.  Works in build/qemu-system/.

SYSWORK=$TOP/build/qemu-system
SYS_MEM=${SYS_MEM:-2G}
SYS_TIMEOUT=${SYS_TIMEOUT:-480}
SYS_SMP=${SYS_SMP:-1}		# the guest's CPUs
mkdir -p "$SYSWORK"

# sys_image VARIANT - the cached image directory (built when missing).
sys_image() {
	"$QEMU_DIR/system-image.sh" "$1" || die "cannot build the $1 guest image"
}

# sys_mount DISK [OPTIONS] / sys_umount - the run disk on $SYSWORK/mnt.
sys_mount() {
	mkdir -p "$SYSWORK/mnt"
	mount -o "loop${2:+,$2}" "$1" "$SYSWORK/mnt"
}
sys_umount() { umount "$SYSWORK/mnt"; }

# sys_disk IMAGEDIR DISK VARIANT MODE - a fresh copy of the cached disk
# with the test unit (and, for "ours", `make install`) in it.  The copy is
# sparse: a few seconds; the cached image is never written.
sys_disk() {
	src=$1 disk=$2 variant=$3 mode=$4
	rm -f "$disk"
	cp --sparse=always "$src/disk.raw" "$disk"
	sys_mount "$disk" || die "cannot mount $disk"
	root=$SYSWORK/mnt
	if [ "$variant" = ours ]; then
		make -s -C "$TOP" install DESTDIR="$root" > "$SYSWORK/install.log" 2>&1 ||
			{ sys_umount; cat "$SYSWORK/install.log" >&2; die "make install failed"; }
		systemctl --root="$root" enable kdump.service > /dev/null 2>&1
	fi
	install -m 0755 "$QEMU_DIR/system-guest.sh" "$root/usr/local/sbin/kdtest"
	printf 'VARIANT=%s\nMODE=%s\n' "$variant" "$mode" > "$root/etc/kdtest.conf"
	cat > "$root/etc/systemd/system/kdtest.service" <<-'EOF'
	[Unit]
	Description=kdump full-system test (reports on the console)
	After=kdump.service kdump-tools.service
	[Service]
	Type=oneshot
	ExecStart=/usr/local/sbin/kdtest
	[Install]
	WantedBy=multi-user.target
	EOF
	systemctl --root="$root" enable kdtest.service > /dev/null 2>&1
	[ -z "${SYS_DISK_HOOK:-}" ] || "$SYS_DISK_HOOK" "$root" ||
		{ sys_umount; die "$SYS_DISK_HOOK failed"; }
	sys_umount
}

# sys_boot IMAGEDIR DISK LOG CRASHKERNEL [QEMU ARGS] - boot until the guest
# powers off (a reboot comes back into the first kernel, as -kernel and
# -append are used again) or SYS_TIMEOUT, with SYS_MEM and SYS_SMP CPUs;
# every console line in LOG is prefixed with the host time in seconds.
sys_boot() {
	src=$1 disk=$2 log=$3 ck=$4
	shift 4
	timeout "$SYS_TIMEOUT" qemu-system-x86_64 -accel tcg -m "$SYS_MEM" -smp "$SYS_SMP" \
		-display none -monitor none -serial stdio -nic none \
		-kernel "$KDIR/vmlinuz" -initrd "$src/initrd.img" \
		-append "console=ttyS0 root=/dev/vda rw crashkernel=$ck panic=10" \
		-drive "file=$disk,if=virtio,format=raw" "$@" 2>/dev/null < /dev/null |
		perl -MTime::HiRes=time -ne '$| = 1; s/\r//g; printf "%.3f %s", time, $_' \
		> "$log"
}

# kdtest LOG PATTERN - the value part of the first "KDTEST: PATTERN..." line
kdtest() {
	sed -n "s/^[0-9.]* .*KDTEST: $2//p" "$1" | head -n 1
}
