# lib.sh - shared pieces of the QEMU tests: the guest kernel, initramfs
# images, and booting a guest under TCG with its serial console in a log.
# Sourced by the test scripts; expects to run from anywhere.

QEMU_DIR=${QEMU_DIR:-$(cd "$(dirname "$0")" && pwd)}
TOP=$(cd "$QEMU_DIR/../.." && pwd)
CACHE=${KDUMP_CACHE:-$HOME/.cache/kdump}
BIN=$TOP/build/bin
WORK=$TOP/build/qemu
LOGS=$TOP/build/qemu-logs
QEMU_TIMEOUT=${QEMU_TIMEOUT:-240}

say() { echo "kdump-test: $*" >&2; }
die() { echo "kdump-test: error: $*" >&2; exit 1; }

# The Debian kernel version that linux-image-amd64 depends on.
kernel_version() {
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: linux-image-\(.*\)$/\1/p' | head -n 1
}

# Download and unpack Debian's current kernel once; sets KVER and KDIR
# (KDIR/vmlinuz, KDIR/config, KDIR/modules/).
fetch_kernel() {
	KVER=$(kernel_version)
	[ -n "$KVER" ] || die "cannot resolve linux-image-amd64 (apt-get update?)"
	KDIR=$CACHE/kernel/$KVER
	if [ -s "$KDIR/vmlinuz" ]; then
		modules_root
		return 0
	fi
	say "downloading linux-image-$KVER"
	mkdir -p "$CACHE" || die "cannot create $CACHE"
	tmp=$(mktemp -d "$CACHE/tmp.XXXXXX") || die "cannot create a directory in $CACHE"
	chmod 0755 "$tmp"
	pkg=linux-image-$KVER-unsigned
	apt-cache show "$pkg" >/dev/null 2>&1 || pkg=linux-image-$KVER
	(cd "$tmp" && apt-get download -q "$pkg" >/dev/null 2>&1) ||
		{ rm -rf "$tmp"; die "apt-get download $pkg failed"; }
	dpkg-deb -x "$tmp"/*.deb "$tmp/root" ||
		{ rm -rf "$tmp"; die "cannot unpack $pkg"; }
	# vmlinuz last: its presence says the rest is there
	{ mkdir -p "$KDIR" && rm -rf "$KDIR/modules" &&
	  mv "$tmp/root/lib/modules/$KVER" "$KDIR/modules" &&
	  cp "$tmp/root/boot/config-$KVER" "$KDIR/config" &&
	  cp "$tmp/root/boot/vmlinuz-$KVER" "$KDIR/vmlinuz.part" &&
	  mv "$KDIR/vmlinuz.part" "$KDIR/vmlinuz"; } ||
		{ rm -rf "$tmp"; die "cannot put $pkg into $KDIR"; }
	rm -rf "$tmp"
	modules_root
}

# Make DIR a minimal root: BusyBox with its applets, /dev nodes.
skeleton() {
	mkdir -p "$1/bin" "$1/sbin" "$1/dev" "$1/proc" "$1/sys" "$1/tmp" \
		"$1/boot" "$1/etc" "$1/mnt"
	cp /bin/busybox "$1/bin/busybox"
	for applet in $(/bin/busybox --list); do
		[ -e "$1/bin/$applet" ] || ln -s busybox "$1/bin/$applet"
	done
	mknod -m 600 "$1/dev/console" c 5 1 2>/dev/null || true
	mknod -m 666 "$1/dev/null" c 1 3 2>/dev/null || true
}

# cpio newc archive of DIR into FILE (uncompressed: fastest to unpack).
pack() {
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) > "$2"
}

# Copy module NAME (and what modules.dep says it needs) from KDIR into
# DIR/lib/modules/KVER, decompressed, with a fresh modules.dep.
add_modules() {
	dir=$1
	shift
	dest=$dir/lib/modules/$KVER
	mkdir -p "$dest"
	for m in "$@"; do
		for path in $(modprobe -d "$KDIR/root" -S "$KVER" --show-depends "$m" 2>/dev/null |
			sed -n 's/^insmod \([^ ]*\).*/\1/p'); do
			rel=${path#"$KDIR/root/lib/modules/$KVER/"}
			mkdir -p "$dest/$(dirname "$rel")"
			case $rel in
			*.xz) xz -dc "$path" > "$dest/${rel%.xz}" ;;
			*.zst) zstd -qdc "$path" > "$dest/${rel%.zst}" ;;
			*) cp "$path" "$dest/$rel" ;;
			esac
		done
	done
	cp "$KDIR/modules/modules.builtin" "$dest/" 2>/dev/null || true
	depmod -b "$dir" "$KVER"
}

# modprobe -d needs <root>/lib/modules/<ver>: a symlink tree in the cache.
modules_root() {
	mkdir -p "$KDIR/root/lib/modules"
	[ -e "$KDIR/root/lib/modules/$KVER" ] ||
		ln -s "$KDIR/modules" "$KDIR/root/lib/modules/$KVER"
	[ -s "$KDIR/modules/modules.dep" ] || depmod -b "$KDIR/root" "$KVER"
}

# boot NAME INITRD CMDLINE [QEMU ARGS...] - run a guest to completion (it
# powers off, reboots, or hits the timeout); the console goes to
# $LOGS/NAME.log, whose path is printed.
boot() {
	name=$1 initrd=$2 cmdline=$3
	shift 3
	mkdir -p "$LOGS"
	log=$LOGS/$name.log
	: > "$log"
	timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -accel tcg -m "${GUEST_MEM:-1G}" \
		-smp 1 -no-reboot -display none -monitor none \
		-serial "file:$log" -kernel "$KDIR/vmlinuz" -initrd "$initrd" \
		-append "console=ttyS0 $cmdline" "$@" >/dev/null 2>&1
	echo "$log"
}

# How many kernels booted in a log.
boots() {
	grep -c 'Linux version ' "$1"
}

pass() { echo "PASS qemu:$1"; }
fail() {
	echo "FAIL qemu:$1: $2 (log: $3)"
	[ -f "$3" ] && tail -n 25 "$3" | sed 's/^/    | /'
	return 0
}

# Build the guest images into $WORK: capture.img (kdump-init as /init),
# stage2.img (second kernel of the fast-reboot test) and first.img (the
# first kernel: BusyBox, kdumpctl, the kernel and both images in /boot).
# EXTRA_FIRST, when set, is a directory merged into first.img.
build_images() {
	[ -x "$BIN/kdumpctl" ] && [ -x "$BIN/kdump-init" ] ||
		die "build first: make"
	rm -rf "$WORK/root-capture" "$WORK/root-stage2" "$WORK/root-first"
	mkdir -p "$WORK/root-capture/dev"
	cp "$BIN/kdump-init" "$WORK/root-capture/init"
	mknod -m 600 "$WORK/root-capture/dev/console" c 5 1
	pack "$WORK/root-capture" "$WORK/capture.img"

	skeleton "$WORK/root-stage2"
	cp "$QEMU_DIR/stage2-init" "$WORK/root-stage2/init"
	pack "$WORK/root-stage2" "$WORK/stage2.img"

	skeleton "$WORK/root-first"
	cp "$QEMU_DIR/guest-init" "$WORK/root-first/init"
	cp "$BIN/kdumpctl" "$WORK/root-first/bin/kdumpctl"
	cp "$KDIR/vmlinuz" "$WORK/root-first/boot/vmlinuz"
	cp "$WORK/capture.img" "$WORK/root-first/boot/kdump-initrd.img"
	cp "$WORK/stage2.img" "$WORK/root-first/boot/stage2.img"
	[ -n "${EXTRA_FIRST:-}" ] && cp -a "$EXTRA_FIRST/." "$WORK/root-first/"
	pack "$WORK/root-first" "$WORK/first.img"
}

# A dracut base directory with the project's module next to the system's.
dracut_base() {
	base=$WORK/dracut
	rm -rf "$base"
	mkdir -p "$base/modules.d"
	for f in /usr/lib/dracut/*; do
		[ "$(basename "$f")" = modules.d ] || ln -s "$f" "$base/"
	done
	for m in /usr/lib/dracut/modules.d/*; do
		ln -s "$m" "$base/modules.d/"
	done
	ln -s "$TOP/dracut/99kdump" "$base/modules.d/99kdump"
	echo "$base"
}

# capture_image NAME CONF MODULES [FILES] - dracut --add kdump, as
# kdumpctl rebuild runs it; KDUMP_STACK, when set, is the image's
# /etc/kdump/stack (storage/layer.h).
capture_image() {
	printf '%s\n' "$2" > "$CAP/$1.conf"
	env dracutbasedir="$DRACUT_BASE" DRACUT_KMODDIR_OVERRIDE=1 \
		KDUMP_INIT="$BIN/kdump-init" KDUMP_CONF="$CAP/$1.conf" \
		KDUMP_MODULES="$3" KDUMP_FILES="${4:-}" KDUMP_STACK="${KDUMP_STACK:-}" KDUMP_BUSYBOX="${KDUMP_BUSYBOX:-1}" \
		dracut --force --quiet --no-hostonly --no-early-microcode \
		-m kdump --kver "$KVER" --kmoddir "$KDIR/root/lib/modules/$KVER" \
		--gzip "$CAP/$1.img" >/dev/null 2>&1 || die "dracut failed for $1"
	# the first kernel's image with this capture image in /boot
	cp "$CAP/$1.img" "$WORK/root-first/boot/kdump-initrd.img"
	pack "$WORK/root-first" "$CAP/$1-first.img"
}

# disk NAME FSTYPE SIZE MKFS-ARGS... - a fresh filesystem image
disk() {
	name=$1 fs=$2 size=$3
	shift 3
	rm -f "$CAP/$name.disk"
	truncate -s "$size" "$CAP/$name.disk"
	"mkfs.$fs" "$@" "$CAP/$name.disk" >/dev/null 2>&1 || die "mkfs.$fs failed"
}

# The capture tests' pieces below use CAP (the images), WORK, and
# VMLINUX (scripts/fetch-debug-vmlinux.sh); fail is the caller's.

# crash NAME [QEMU ARGS...] - boot, arm, crash; the capture kernel runs.
crash_guest() {
	name=$1
	shift
	boot "capture-$name" "$CAP/$name-first.img" \
		"kdtest=crash crashkernel=256M panic=5 ${ROOT_ARG:-}" "$@"
}

# crash_opens FILE - crash reads the dump and finds the sysrq panic.
crash_opens() {
	printf 'sys\nbt\nquit\n' > "$WORK/cmds"
	timeout 300 crash -s -i "$WORK/cmds" "$VMLINUX" "$1" > "$WORK/crash.out" 2>&1
	grep -q 'PANIC: "Kernel panic - not syncing: sysrq triggered crash"' "$WORK/crash.out"
}

# check_dump NAME DIR LOG [FILE] - what a successful capture leaves behind;
# FILE is the dump's name in DIR, vmcore unless told.
check_dump() {
	name=$1 dir=$2 log=$3 file=${4:-vmcore}
	n=$(echo "$dir" | grep -c .)
	if [ "$n" != 1 ]; then
		fail "$name" "expected one dump directory, found $n" "$log"; return 1
	fi
	if [ ! -s "$dir/$file" ] || [ -e "$dir/vmcore-incomplete" ]; then
		fail "$name" "no complete $file in $dir" "$log"; return 1
	fi
	if [ "$(stat -c %a "$dir")" != 700 ] || [ "$(stat -c %a "$dir/$file")" != 600 ]; then
		fail "$name" "modes: dir $(stat -c %a "$dir"), $file $(stat -c %a "$dir/$file")" "$log"; return 1
	fi
	if [ ! -s "$dir/vmcore-dmesg.txt" ] || [ ! -s "$dir/kexec-dmesg.log" ]; then
		fail "$name" "vmcore-dmesg.txt or kexec-dmesg.log missing" "$log"; return 1
	fi
	rm -f "$WORK/dmesg.check"
	# Debian's makedumpfile reads no zstd pages nor flattened files: then
	# crash's "log"
	if ! makedumpfile --dump-dmesg "$dir/$file" "$WORK/dmesg.check" >/dev/null 2>&1; then
		printf 'log\nquit\n' > "$WORK/cmds"
		timeout 300 crash -s -i "$WORK/cmds" "$VMLINUX" "$dir/$file" 2>/dev/null |
			grep '^\[' > "$WORK/dmesg.check"
	fi
	if ! diff -qw "$WORK/dmesg.check" "$dir/vmcore-dmesg.txt" >/dev/null; then
		fail "$name" "vmcore-dmesg.txt differs from makedumpfile --dump-dmesg" "$log"; return 1
	fi
	if ! crash_opens "$dir/$file"; then
		fail "$name" "crash cannot open the dump: $(head -c 200 "$WORK/crash.out" | tr '\n' ' ')" "$log"; return 1
	fi
	return 0
}

