#!/bin/sh
# fixtures.sh - raw ELF /proc/vmcore files of real crashes of Debian's
# kernel, after a workload, for the collector's tests:
#   $KDUMP_CACHE/fixtures/<kernel>/vmcore-4level and vmcore-la57
# Cached; each is made only when missing.  Prints the directory.
#
# fixtures.sh big - instead, the larger one make bench reads: a 3 GiB
# guest whose memhog holds most of its memory (2 GiB more, data and
# zeros), then the same workload and crash:
#   $KDUMP_CACHE/fixtures/<kernel>/vmcore-big (about 2.8 GB)
# It is made in its own work directory, build/qemu/big.
set -eu
. "$(dirname "$0")/lib.sh"
[ "${1:-}" = big ] && WORK=$WORK/big

fetch_kernel
FIXDIR=$CACHE/fixtures/$KVER
mkdir -p "$FIXDIR" "$WORK"

# The first-kernel extras: memhog, the workload, and a capture image that
# copies /proc/vmcore to the second disk.
prepare() {
	extra=$WORK/fixture-extra
	rm -rf "$extra" "$WORK/root-fixcap"
	mkdir -p "$extra/bin" "$extra/boot"
	musl-gcc -static -O2 -o "$extra/bin/memhog" "$QEMU_DIR/memhog.c"
	cp "$QEMU_DIR/workload.sh" "$extra/workload.sh"
	[ -z "${BIG_HOG:-}" ] || big_workload "$extra/workload.sh"
	add_modules "$extra" virtio_pci virtio_blk crc32c_generic ext4

	skeleton "$WORK/root-fixcap"
	cp "$QEMU_DIR/fixture-capture-init" "$WORK/root-fixcap/init"
	add_modules "$WORK/root-fixcap" virtio_pci virtio_blk
	pack "$WORK/root-fixcap" "$extra/boot/kdump-initrd.img"
	EXTRA_FIRST=$extra build_images

	# 256 MiB of files to read into the page cache
	rm -rf "$WORK/data-root" && mkdir -p "$WORK/data-root/data"
	for i in 1 2 3 4; do
		head -c $((64 << 20)) /dev/urandom > "$WORK/data-root/data/file$i"
	done
	rm -f "$WORK/data.img"
	truncate -s 512M "$WORK/data.img"
	mkfs.ext4 -q -F -d "$WORK/data-root" "$WORK/data.img"
}

# The big fixture's extra memhog, appended to the workload FILE: the
# crash waits until it holds its memory.
big_workload() {
	cat >> "$1" <<EOF
memhog $BIG_HOG > /tmp/bighog 2>&1 &
until grep -q holds /tmp/bighog; do sleep 1; done
cat /tmp/bighog
mark "workload ready, big: \$(grep -E '^(MemTotal|Cached|AnonPages|MemFree):' /proc/meminfo | tr -s ' ' | tr '\\n' ' ')"
EOF
}

# make NAME CPU
make_fixture() {
	out=$FIXDIR/vmcore-$1
	[ -s "$out" ] && return 0
	[ -f "$WORK/first.img" ] && [ -n "${prepared:-}" ] || { prepare; prepared=1; }
	rm -f "$WORK/vmcore.img"
	truncate -s "${VMCORE_DISK:-1200M}" "$WORK/vmcore.img"
	log=$(boot "fixture-$1" "$WORK/first.img" \
		"kdtest=workload crashkernel=256M panic=5" -cpu "$2" \
		-drive "file=$WORK/data.img,if=virtio,format=raw" \
		-drive "file=$WORK/vmcore.img,if=virtio,format=raw")
	if grep -q "KDTEST: .* failed" "$log"; then
		die "the workload failed (log: $log)"
	fi
	size=$(sed -n 's/^KDTEST: vmcore size \([0-9]*\).*/\1/p' "$log" | head -n 1)
	grep -q "KDTEST: vmcore saved" "$log" && [ -n "$size" ] ||
		die "fixture $1 failed (log: $log)"
	head -c "$size" "$WORK/vmcore.img" > "$out.part"
	mv "$out.part" "$out"
	rm -f "$WORK/vmcore.img"
	grep -E 'KDTEST: (workload|memhog)' "$log" > "$out.info"
	echo "kernel $KVER, ${GUEST_DESC:-1 GiB guest}, cpu $2, made $(date -u +%F)" >> "$out.info"
	say "fixture $out ($size bytes)"
}

if [ "${1:-}" = big ]; then
	GUEST_MEM=3G GUEST_DESC="3 GiB guest, memhog 2 GiB" BIG_HOG="1856 192" \
		VMCORE_DISK=3200M QEMU_TIMEOUT=${QEMU_TIMEOUT:-1500}
	make_fixture big max,la57=off
	echo "$FIXDIR"
	exit 0
fi
QEMU_TIMEOUT=${QEMU_TIMEOUT:-400}
make_fixture 4level max,la57=off
make_fixture la57 max
echo "$FIXDIR"
