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

APT=$TOP/scripts/debian-apt.sh
. "$TOP/tests/dump-readers.sh"

# resolve_kernel - KDUMP_KERNEL to a Debian suite and kernel release: sets
# KSUITE and KVER.  Unset or "default": the kernel linux-image-amd64 of
# this machine's suite depends on (Debian 12's); "trixie" or
# "trixie-backports": that suite's current one; a release such as
# 6.12.117+deb13-amd64: the suite that has it (this machine's first).
resolve_kernel() {
	KVER= KSUITE=
	case ${KDUMP_KERNEL:-default} in
	default|host) KSUITE=host ;;
	*[!a-z-]*) KVER=$KDUMP_KERNEL ;;
	*) KSUITE=$KDUMP_KERNEL ;;
	esac
	if [ -n "$KSUITE" ]; then
		KVER=$("$APT" "$KSUITE" apt-cache depends linux-image-amd64 2>/dev/null |
			sed -n 's/^ *Depends: linux-image-\(.*\)$/\1/p' | head -n 1)
		[ -n "$KVER" ] || die "cannot resolve linux-image-amd64 in ${KSUITE} (apt-get update?)"
		return 0
	fi
	if [ -s "$CACHE/kernel/$KVER/suite" ]; then
		KSUITE=$(cat "$CACHE/kernel/$KVER/suite")
		return 0
	fi
	for KSUITE in host trixie trixie-backports; do
		"$APT" "$KSUITE" apt-cache show "linux-image-$KVER" >/dev/null 2>&1 && return 0
	done
	die "no Debian suite has linux-image-$KVER (KDUMP_KERNEL)"
}

# The kernel release the tests run (KDUMP_KERNEL).
kernel_version() {
	resolve_kernel && echo "$KVER"
}

# The packages that hold release KVER's kernel, config and modules: one
# linux-image-*-unsigned up to 6.x, split linux-binary/modules/base after.
kernel_packages() {
	if "$APT" "$KSUITE" apt-cache show "linux-image-$KVER-unsigned" >/dev/null 2>&1; then
		echo "linux-image-$KVER-unsigned"
		return 0
	fi
	for p in "linux-binary-unsigned-$KVER" "linux-modules-$KVER" "linux-base-$KVER"; do
		"$APT" "$KSUITE" apt-cache show "$p" >/dev/null 2>&1 && echo "$p"
	done
	"$APT" "$KSUITE" apt-cache show "linux-image-$KVER" >/dev/null 2>&1 &&
		echo "linux-image-$KVER"
	return 0
}

# first_file PATH... - the first of PATHs that exists
first_file() {
	for f in "$@"; do
		[ -e "$f" ] && { echo "$f"; return 0; }
	done
	return 1
}

# Download and unpack the kernel once (KDUMP_KERNEL, resolve_kernel); sets
# KVER, KSUITE and KDIR (KDIR/vmlinuz, KDIR/config, KDIR/modules/).
fetch_kernel() {
	resolve_kernel
	KDIR=$CACHE/kernel/$KVER
	if [ -s "$KDIR/vmlinuz" ]; then
		modules_root
		return 0
	fi
	say "downloading Debian's kernel $KVER ($KSUITE)"
	mkdir -p "$CACHE" || die "cannot create $CACHE"
	tmp=$(mktemp -d "$CACHE/tmp.XXXXXX") || die "cannot create a directory in $CACHE"
	chmod 0755 "$tmp"
	pkgs=$(kernel_packages)
	[ -n "$pkgs" ] || { rm -rf "$tmp"; die "no packages for linux-image-$KVER in $KSUITE"; }
	# shellcheck disable=SC2086
	(cd "$tmp" && "$APT" "$KSUITE" apt-get download -q $pkgs >/dev/null 2>&1) ||
		{ rm -rf "$tmp"; die "apt-get download $(echo $pkgs) failed"; }
	for deb in "$tmp"/*.deb; do
		dpkg-deb -x "$deb" "$tmp/root" ||
			{ rm -rf "$tmp"; die "cannot unpack $deb"; }
	done
	r=$tmp/root
	# merged /usr and the kernel-install layout (vmlinuz, config beside
	# the modules) as well as /boot and /lib
	mods=$(first_file "$r/usr/lib/modules/$KVER" "$r/lib/modules/$KVER")
	kernel=$(first_file "$r/boot/vmlinuz-$KVER" "$mods/vmlinuz" "$mods/vmlinuz.unsigned")
	config=$(first_file "$r/boot/config-$KVER" "$mods/config")
	[ -n "$mods" ] && [ -n "$kernel" ] && [ -n "$config" ] ||
		{ rm -rf "$tmp"; die "$(echo $pkgs) hold no vmlinuz, config or modules of $KVER"; }
	# vmlinuz last: its presence says the rest is there
	{ mkdir -p "$KDIR" && rm -rf "$KDIR/modules" &&
	  cp "$config" "$KDIR/config" &&
	  mv "$kernel" "$KDIR/vmlinuz.part" &&
	  rm -f "$mods/vmlinuz" "$mods/config" &&
	  mv "$mods" "$KDIR/modules" &&
	  echo "$KSUITE" > "$KDIR/suite" &&
	  mv "$KDIR/vmlinuz.part" "$KDIR/vmlinuz"; } ||
		{ rm -rf "$tmp"; die "cannot put $(echo $pkgs) into $KDIR"; }
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

# known_modules NAME... - the NAMEs the kernel KDIR has (a module or built
# in): crc32c_generic, say, is gone from 6.14 on.
known_modules() {
	for m in "$@"; do
		modprobe -d "$KDIR/root" -S "$KVER" --show-depends "$m" >/dev/null 2>&1 &&
			printf '%s ' "$m"
	done
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
	for f in modules.builtin modules.builtin.modinfo modules.order; do
		cp "$KDIR/modules/$f" "$dest/" 2>/dev/null || true
	done
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

# NAME_SUFFIX, when set, follows every name (@<kernel> in kernels.sh);
# SUITE names the suite (qemu, network, reliability).
pass() { echo "PASS ${SUITE:-qemu}:$1${NAME_SUFFIX:-}"; }
fail() {
	echo "FAIL ${SUITE:-qemu}:$1${NAME_SUFFIX:-}: $2 (log: $3)"
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
		KDUMP_MODULES="$(known_modules $3)" KDUMP_FILES="${4:-}" KDUMP_STACK="${KDUMP_STACK:-}" KDUMP_WATCHDOG="${KDUMP_WATCHDOG:-}" KDUMP_BUSYBOX="${KDUMP_BUSYBOX:-1}" \
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

# crash_opens FILE - the kernel's debugger (dump-readers.sh) reads the
# dump and finds the sysrq panic; its output is in $WORK/crash.out.
crash_opens() {
	dump_open "$KVER" "$VMLINUX" "$1" "$WORK/crash.out"
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
	if ! reference_dmesg "$dir/$file" "$WORK/dmesg.check"; then
		fail "$name" "makedumpfile 1.7.6 --dump-dmesg cannot read $file" "$log"; return 1
	fi
	if ! cmp -s "$WORK/dmesg.check" "$dir/vmcore-dmesg.txt"; then
		fail "$name" "vmcore-dmesg.txt differs from makedumpfile 1.7.6 --dump-dmesg" "$log"; return 1
	fi
	if ! crash_opens "$dir/$file"; then
		fail "$name" "$(dump_reader "$KVER") cannot open the dump: $(head -c 200 "$WORK/crash.out" | tr '\n' ' ')" "$log"; return 1
	fi
	return 0
}

