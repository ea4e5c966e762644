#!/bin/sh
# storage.sh - self-checks of the storage test infrastructure
# (storage-lib.sh): every layout's disks are made (or taken from the
# cache), and a BusyBox guest with the storage tools activates them as a
# server's first kernel would (mdadm --assemble --scan, cryptsetup open,
# vgchange -ay), finds each volume and filesystem that the manifest names,
# and mounts it; a RAID1 with one disk removed starts with mdadm --run.
# Then the dumps: a capture image (dracut, the kdump module) with the
# layout's layer lines in KDUMP_STACK, a crash with the layout's disks
# attached, and kdump-init sets up LVM/MD while it waits for the ext4 on
# top; one check guest copies each dump to a scratch disk that the host
# reads (check_dump: complete vmcore, vmcore-dmesg.txt, crash opens it).
# Prints PASS/FAIL storage:prep_LAYOUT and storage:CASE lines.  Not part of
# make check yet.  STORAGE_DUMPS_ONLY=1 skips the prep checks;
# STORAGE_CASES="lvm_span ..." runs only these dump cases.
set -u
. "$(dirname "$0")/lib.sh"
. "$QEMU_DIR/storage-lib.sh"

pass() { echo "PASS storage:$1"; }
fail() {
	echo "FAIL storage:$1: $2${3:+ (log: $3)}"
	[ -n "${3:-}" ] && [ -f "$3" ] && tail -n 25 "$3" | sed 's/^/    | /'
	return 0
}

started=$(date +%s)
fetch_kernel
SW=$WORK/storage
rm -rf "$SW"
mkdir -p "$SW" || die "cannot create $SW"

# Two guests: the PCI bus of one has room for about 28 disks.
GROUP_A="lvm_linear lvm_span lvm_striped lvm_raid1 lvm_thin lvm_on_md
	gpt_partlabel luks root_lvm"
GROUP_B="md_raid1 md_raid1_090 md_raid1_10 md_raid0 md_raid5 md_raid10"
# with disk 0 missing: in the first guest, away from the whole md_raid1
DEGRADED=md_raid1

# shellcheck disable=SC2086
storage_prepare $GROUP_A $GROUP_B ||
	say "some layouts could not be made (their FAIL lines follow)"

skeleton "$SW/root"
storage_tools "$SW/root"
cp "$QEMU_DIR/storage-check-init" "$SW/root/init"
chmod 0755 "$SW/root/init"
mkdir -p "$SW/root/manifests"

# check_group NAME LAYOUTS [DEGRADED] - one guest checks these layouts
check_group() {
	group=$1 layouts=$2 degr=${3:-}
	ok='' drives=''
	for l in $layouts; do
		# what storage_prepare could not make is not tried again
		if storage_cached "$l" && storage_copy "$l" "$SW/disks/$l"; then
			cp "$SW/disks/$l/manifest" "$SW/root/manifests/$l"
			ok="$ok $l"
			drives="$drives $(storage_drives "$SW/disks/$l")"
		else
			fail "prep_$l" "its disks could not be made" "$LOGS/storage-prep-$l.log"
		fi
	done
	d_ok=
	for l in $degr; do
		if storage_cached "$l" && storage_copy "$l" "$SW/disks/$l-degraded"; then
			cp "$SW/disks/$l-degraded/manifest" "$SW/root/manifests/$l"
			d_ok="$d_ok $l"
			# disk 0 removed: the array is found by its other member
			drives="$drives $(storage_drives "$SW/disks/$l-degraded" 1)"
		else
			fail "prep_${l}_degraded" "its disks could not be made" "$LOGS/storage-prep-$l.log"
		fi
	done
	[ -n "$ok$d_ok" ] || return 0
	pack "$SW/root" "$SW/check-$group.img"
	t0=$(date +%s)
	# shellcheck disable=SC2086
	log=$(boot "storage-check-$group" "$SW/check-$group.img" \
		"kdlayouts=$(echo $ok | tr ' ' ,) kddegraded=$(echo $d_ok | tr ' ' ,)" \
		$drives -nic none)
	say "guest $group: $(( $(date +%s) - t0 )) s"
	for l in $ok; do
		result "prep_$l" "layout $l" "$log"
	done
	for l in $d_ok; do
		result "prep_${l}_degraded" "layout ${l}_degraded" "$log"
	done
}

# result NAME MARKER LOG
result() {
	if grep -q "^KDTEST: $2 ok" "$3"; then
		pass "$1"
	elif reason=$(grep -m 1 "^KDTEST: $2 fail: " "$3"); then
		fail "$1" "${reason#*fail: }" "$3"
	elif ! grep -q '^KDTEST: done' "$3"; then
		fail "$1" "the guest did not finish" "$3"
	else
		fail "$1" "no result in the guest's log" "$3"
	fi
}

if [ -z "${STORAGE_DUMPS_ONLY:-}" ]; then
	check_group a "$GROUP_A" "$DEGRADED"
	check_group b "$GROUP_B"
fi
rm -rf "$SW/disks"

# The dump cases: CASE:LAYOUT:DISKS:MODULES - the disks attached (- for
# all) and the modules besides ext4's
DUMP_CASES="lvm_linear_ext4:lvm_linear:-:dm_mod
lvm_span:lvm_span:-:dm_mod
lvm_striped:lvm_striped:-:dm_mod
md_raid1_degraded:md_raid1:1:md_mod,raid1
lvm_on_md:lvm_on_md:-:dm_mod,md_mod,raid1"

mkdir -p "$WORK"
build_images >/dev/null
VMLINUX=$("$TOP/scripts/fetch-debug-vmlinux.sh" "$KVER")
CAP=$SW/capture
MNT=$SW/mnt
mkdir -p "$CAP" "$MNT" "$SW/dump"
DRACUT_BASE=$(dracut_base)

# mf DIR KEY - a manifest value
mf() { (. "$1/manifest" && eval "printf %s \"\${$2:-}\""); }

# dump_case CASE LAYOUT DISKS MODULES - a crash with the layout's disks
# (disks DISKS, or all when -); the read-back below checks the dump
READ_OK='' READ_DEGR='' READ_DRIVES='' READ_CASES=''
dump_case() {
	c=$1 l=$2 dsk=$3 mods=$(echo "$4" | tr , ' ')
	dd=$SW/dump/$l
	if ! storage_cached "$l" || ! storage_copy "$l" "$dd"; then
		fail "$c" "the disks of $l could not be made" "$LOGS/storage-prep-$l.log"
		return
	fi
	# the layer lines, bottom up (storage/layer.h)
	stack=
	[ -z "$(mf "$dd" MD_UUID)" ] || stack="md $(mf "$dd" MD_UUID)
"
	[ -z "$(mf "$dd" LV)" ] || stack="${stack}lvm $(mf "$dd" VG_UUID) $(mf "$dd" LV_UUID) $(mf "$dd" VG) $(mf "$dd" LV) 0
"
	KDUMP_STACK=$stack capture_image "$c" "ext4 UUID=$(mf "$dd" FS_UUID)
disk_timeout 60
core_collector makedumpfile -l --message-level 1 -d 31" \
		"virtio_pci virtio_blk crc32c_generic ext4 $mods"
	[ "$dsk" = - ] && dsk=
	t0=$(date +%s)
	# shellcheck disable=SC2086
	log=$(crash_guest "$c" $(storage_drives "$dd" $dsk) -nic none)
	say "dump $c: $(( $(date +%s) - t0 )) s"
	echo "$log" > "$SW/dump/$c.log"
	if [ -n "$dsk" ]; then
		READ_DEGR="$READ_DEGR $l"
	else
		READ_OK="$READ_OK $l"
	fi
	READ_CASES="$READ_CASES $c:$l"
	# shellcheck disable=SC2086
	READ_DRIVES="$READ_DRIVES $(storage_drives "$dd" $dsk)"
}

for dc in $DUMP_CASES; do
	# shellcheck disable=SC2046
	set -- $(echo "$dc" | tr : ' ')
	case " ${STORAGE_CASES:-$1} " in *" $1 "*) ;; *) continue ;; esac
	dump_case "$@"
done

# One check guest copies every dump onto the scratch disk (ext4), which
# the host mounts to check them.
if [ -n "$READ_CASES" ]; then
	rm -f "$SW/scratch.img"
	truncate -s 1G "$SW/scratch.img"
	mkfs.ext4 -q -F "$SW/scratch.img" || die "mkfs.ext4 of the scratch disk failed"
	rm -f "$SW/root/manifests/"*
	for cl in $READ_CASES; do
		cp "$SW/dump/${cl#*:}/manifest" "$SW/root/manifests/${cl#*:}"
	done
	pack "$SW/root" "$SW/check-read.img"
	t0=$(date +%s)
	# shellcheck disable=SC2086
	rlog=$(boot storage-check-read "$SW/check-read.img" \
		"kdlayouts=$(echo $READ_OK | tr ' ' ,) kddegraded=$(echo $READ_DEGR | tr ' ' ,) kdscratch=1" \
		$READ_DRIVES -drive "file=$SW/scratch.img,if=none,id=scratch,format=raw" \
		-device virtio-blk-pci,drive=scratch,serial=kd-scratch -nic none)
	say "read-back guest: $(( $(date +%s) - t0 )) s"
	mount -o loop "$SW/scratch.img" "$MNT" || die "cannot mount the scratch disk"
	for cl in $READ_CASES; do
		c=${cl%%:*} l=${cl#*:}
		log=$(cat "$SW/dump/$c.log")
		if ! grep -q "^KDTEST: copied /var/crash of $l" "$rlog"; then
			fail "$c" "the check guest copied no dump of $l ($(grep -m 1 "^KDTEST: layout $l" "$rlog"); read-back log $rlog)" "$log"
		elif check_dump "$c" "$(ls -d "$MNT/$l"/127.0.0.1-* 2>/dev/null)" "$log"; then
			pass "$c"
		fi
	done
	umount "$MNT"
fi
say "storage tests took $(( $(date +%s) - started )) s; cache: $(du -sh "$STORAGE" | cut -f1) on disk"
