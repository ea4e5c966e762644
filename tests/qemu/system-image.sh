#!/bin/sh
# system-image.sh [ours|kdump-tools] - the Debian guest of the
# full-system test (tests/qemu/system.sh) and of the comparison with
# Debian's kdump-tools (scripts/compare-kdump-tools.sh), built with
# debootstrap and cached in ${KDUMP_CACHE:-~/.cache/kdump}/system/VARIANT/
# (Debian 12), or VARIANT-trixie/ and VARIANT-trixie-backports/ (Debian 13) when the kernel
# (KDUMP_KERNEL, lib.sh) is Debian 13's or one of its backports':
#
#   disk.raw    the root filesystem (ext4, label kdroot, whole disk /dev/vda):
#               systemd, Debian's kernel KVER in /boot and /lib/modules, and
#               ours:        dracut (replaces initramfs-tools) and BusyBox;
#                            the project itself is installed per test run
#               kdump-tools: initramfs-tools, kdump-tools, makedumpfile,
#                            kexec-tools (the capture initramfs is built by
#                            kdump-config at the first service start)
#   initrd.img  the guest's own initramfs, for QEMU -initrd
#   recipe      what the image was built from; a different recipe (this
#               script changed, or another kernel) rebuilds the image
#
# The cached image is never booted: tests boot copies.  Prints the
# directory.  Needs root, debootstrap, and Debian's archive.
set -eu
QEMU_DIR=${QEMU_DIR:-$(cd "$(dirname "$0")" && pwd)}
. "$QEMU_DIR/lib.sh"

variant=${1:-ours}
case $variant in
ours) pkgs="dracut busybox" ;;
kdump-tools) pkgs="initramfs-tools busybox kdump-tools makedumpfile kexec-tools" ;;
*) die "unknown variant $variant (ours or kdump-tools)" ;;
esac

fetch_kernel >/dev/null
case $KSUITE in
host) dist=bookworm sub= ;;
trixie|trixie-backports) dist=trixie sub=-$KSUITE ;;
*) die "no guest image for kernels of $KSUITE" ;;
esac
MIRROR=${KDUMP_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' \
	/etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SYS=$CACHE/system
dir=$SYS/$variant$sub
recipe=$(printf 'variant %s\nkernel %s %s\nscript %s\n' "$variant" "$KVER" "$KSUITE" \
	"$(sha256sum < "$QEMU_DIR/system-image.sh" | cut -d' ' -f1)")

mkdir -p "$SYS/debs/partial"
exec 9> "$SYS/.lock"
flock 9
if [ -s "$dir/disk.raw" ] && [ -s "$dir/initrd.img" ] &&
   [ "$(cat "$dir/recipe" 2>/dev/null)" = "$recipe" ]; then
	echo "$dir"
	exit 0
fi

say "building the $variant guest image (debootstrap, a few minutes)"
tmp=$SYS/build-$variant$sub
mnt=$tmp/root
cleanup() {
	for m in dev/pts dev proc sys var/cache/apt/archives; do
		mountpoint -q "$mnt/$m" 2>/dev/null && umount -l "$mnt/$m"
	done
	mountpoint -q "$mnt" 2>/dev/null && umount "$mnt"
	return 0
}
trap 'cleanup; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
cleanup
rm -rf "$tmp"
mkdir -p "$mnt"
truncate -s 4G "$tmp/disk.raw"
mkfs.ext4 -q -F -L kdroot "$tmp/disk.raw"
mount -o loop "$tmp/disk.raw" "$mnt"

t0=$(date +%s)
say "  debootstrap $dist from $MIRROR"
debootstrap --variant=minbase --cache-dir="$SYS/debs" \
	--include=systemd,systemd-sysv,udev,kmod,e2fsprogs,procps \
	"$dist" "$mnt" "$MIRROR" > "$tmp/debootstrap.log" 2>&1 ||
	{ tail -n 20 "$tmp/debootstrap.log" >&2; die "debootstrap failed"; }
say "  debootstrap done ($(( $(date +%s) - t0 )) s)"

cat > "$mnt/etc/apt/sources.list" <<EOF
deb $MIRROR $dist main
deb $MIRROR $dist-updates main
deb ${MIRROR%/debian}/debian-security $dist-security main
EOF
[ "$KSUITE" != trixie-backports ] ||
	echo "deb $MIRROR trixie-backports main" >> "$mnt/etc/apt/sources.list"
printf '#!/bin/sh\nexit 101\n' > "$mnt/usr/sbin/policy-rc.d"
chmod 0755 "$mnt/usr/sbin/policy-rc.d"
mount -t proc proc "$mnt/proc"
mount -t sysfs sys "$mnt/sys"
mount --bind /dev "$mnt/dev"
mount --bind /dev/pts "$mnt/dev/pts"
mount --bind "$SYS/debs" "$mnt/var/cache/apt/archives"
in_root() { chroot "$mnt" env DEBIAN_FRONTEND=noninteractive LC_ALL=C "$@"; }

say "  installing $pkgs linux-image-$KVER"
{
	in_root apt-get update -q &&
	in_root apt-get install -y -q --no-install-recommends $pkgs &&
	in_root apt-get install -y -q --no-install-recommends \
		${sub:+-t "$KSUITE"} "linux-image-$KVER"
} > "$tmp/apt.log" 2>&1 || { tail -n 20 "$tmp/apt.log" >&2; die "apt-get install failed"; }

# The guest's own initramfs: generic, so that it finds /dev/vda.
if [ "$variant" = ours ]; then
	in_root dracut --force --quiet --no-hostonly --no-early-microcode \
		"/boot/initrd.img-$KVER" "$KVER" > "$tmp/initrd.log" 2>&1 ||
		{ tail -n 20 "$tmp/initrd.log" >&2; die "dracut failed"; }
else
	# kdump-tools' kernel hook ran in the chroot (MODULES=dep, which
	# sees the host's devices): let kdump-config build the capture
	# initramfs inside the guest at the first start, as on a real system.
	rm -f "$mnt"/var/lib/kdump/initrd.img* "$mnt"/var/lib/kdump/vmlinuz* \
		"$mnt"/var/lib/kdump/latest_sysctls-*
	sed -i 's/^#* *USE_KDUMP=.*/USE_KDUMP=1/' "$mnt/etc/default/kdump-tools"
fi
cp "$mnt/boot/initrd.img-$KVER" "$tmp/initrd.img"

# A quiet, fast guest: no timers, a fixed identity, root on /dev/vda.
echo "LABEL=kdroot / ext4 defaults 0 1" > "$mnt/etc/fstab"
echo kdguest > "$mnt/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 kdguest\n' > "$mnt/etc/hosts"
echo 5d1e4cf0a1b24c6f8e2d3b4a5c6d7e8f > "$mnt/etc/machine-id"
in_root passwd -d root >/dev/null
for t in apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer \
	 fstrim.timer dpkg-db-backup.timer systemd-tmpfiles-clean.timer; do
	ln -sf /dev/null "$mnt/etc/systemd/system/$t"
done
rm -f "$mnt/usr/sbin/policy-rc.d"
cleanup

mkdir -p "$dir"
rm -f "$dir/recipe"
mv "$tmp/disk.raw" "$dir/disk.raw"
mv "$tmp/initrd.img" "$dir/initrd.img"
echo "$recipe" > "$dir/recipe"
say "  $variant image ready in $dir ($(( $(date +%s) - t0 )) s)"
echo "$dir"
