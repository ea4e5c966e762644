#!/bin/sh
# storage.sh - self-checks of the storage test infrastructure
# (storage-lib.sh): every layout's disks are made (or taken from the
# cache), and a BusyBox guest with the storage tools activates them as a
# server's first kernel would (mdadm --assemble --scan, cryptsetup open,
# vgchange -ay), finds each volume and filesystem that the manifest names,
# and mounts it; a RAID1 with one disk removed starts with mdadm --run.
# Prints PASS/FAIL storage:prep_LAYOUT lines.  Not part of make check yet.
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

check_group a "$GROUP_A" "$DEGRADED"
check_group b "$GROUP_B"
rm -rf "$SW/disks"
say "storage tests took $(( $(date +%s) - started )) s; cache: $(du -sh "$STORAGE" | cut -f1) on disk"
