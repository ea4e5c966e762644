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
# The same guests run kdumpctl check on each layout's target, named by
# its persistent names (storage-check-init), and the dump cases take
# their capture images from what kdumpctl printed there: the target as
# the capture kernel finds it, the storage layers and their modules.
# Prints PASS/FAIL storage:prep_LAYOUT, storage:kdumpctl_NAME and
# storage:CASE lines.  STORAGE_CASES="lvm_span ..." runs only these dump
# cases.
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
	gpt_partlabel luks root_lvm lvm_raw lvm_grow gpt_byid"
GROUP_B="md_raid1 md_raid1_090 md_raid1_10 md_raid0 md_raid5 md_raid10"
# with disk 0 missing: in the first guest, away from the whole md_raid1
DEGRADED=md_raid1

# shellcheck disable=SC2086
storage_prepare $GROUP_A $GROUP_B ||
	say "some layouts could not be made (their FAIL lines follow)"

skeleton "$SW/root"
storage_tools "$SW/root"
cp "$QEMU_DIR/storage-check-init" "$SW/root/init"
cp "$BIN/kdumpctl" "$SW/root/sbin/kdumpctl" || die "build first: make"
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
	# kdumpctl's checks of each layout, and what it printed (the serial
	# console ends lines with \r)
	tr -d '\r' < "$log" > "$SW/check-$group.txt"
	log=$SW/check-$group.txt
	for k in $(sed -n 's/^KDTEST: kdumpctl \([^ ]*\) .*/\1/p' "$log"); do
		result "kdumpctl_$k" "kdumpctl $k" "$log"
	done
	for l in $ok; do
		grep -Eq "^KDTEST: kdumpctl $l(_[a-z]+)? " "$log" ||
			fail "kdumpctl_$l" "no kdumpctl check of $l ran" "$log"
	done
	cat "$log" >> "$SW/kdumpctl.out"
}

# result NAME MARKER LOG
result() {
	# (the serial console ends lines with \r)
	if grep -Eq "^KDTEST: $2 ok([^[:alnum:]_]|$)" "$3"; then
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
KDOUT=$SW/kdumpctl.out

# The dump cases: CASE:LAYOUT:DISKS:CHECK:KIND:GROUP - the disks attached
# (- for all), the kdumpctl check (storage-check-init) whose output makes
# the image, the kind of target: fs (ext4), raw (restored by kdumpctl
# start in the read-back guest) or root (no target: the root filesystem,
# root= on the command line); and the read-back guest that checks it (a
# layout once in each; each has room for about 28 disks).
DUMP_CASES="lvm_linear_ext4:lvm_linear:-:lvm_linear:fs:1
lvm_span:lvm_span:-:lvm_span:fs:1
lvm_striped:lvm_striped:-:lvm_striped:fs:1
lvm_thin:lvm_thin:-:lvm_thin:fs:1
lvm_raid1:lvm_raid1:-:lvm_raid1:fs:1
md_raid1_degraded:md_raid1:1:md_raid1:fs:1
lvm_on_md:lvm_on_md:-:lvm_on_md:fs:1
lvm_raw:lvm_raw:-:lvm_raw_raw:raw:1
lvm_grow:lvm_grow:-:lvm_grow:fs:1
gpt_partlabel_raw:gpt_partlabel:-:gpt_partlabel_bypartlabel:raw:1
gpt_byid:gpt_byid:-:gpt_byid_byid:fs:1
root_lvm:root_lvm:-:root_lvm:root:1
md_raid1_090:md_raid1_090:-:md_raid1_090:fs:2
md_raid1_10:md_raid1_10:-:md_raid1_10:fs:2
md_raid0:md_raid0:-:md_raid0:fs:2
md_raid5:md_raid5:-:md_raid5:fs:2
md_raid10:md_raid10:-:md_raid10:fs:2
lvm_raid1_degraded:lvm_raid1:0:lvm_raid1:fs:2"

mkdir -p "$WORK"
build_images >/dev/null
VMLINUX=$("$TOP/scripts/fetch-debug-vmlinux.sh" "$KVER")
CAP=$SW/capture
MNT=$SW/mnt
mkdir -p "$CAP" "$MNT" "$SW/dump"
DRACUT_BASE=$(dracut_base)

# mf DIR KEY - a manifest value
mf() { (. "$1/manifest" && eval "printf %s \"\${$2:-}\""); }
# kd WHAT NAME - what kdumpctl check NAME printed (layer lines, the
# target spec, the modules)
kd() { sed -n "s/^KDTEST: $1 $2 //p" "$KDOUT"; }

# blocks_md5 FILE - the md5 of each MiB of FILE, a line each
blocks_md5() {
	bn=$(( $(stat -c %s "$1") / 1048576 )) bi=0
	while [ "$bi" -lt "$bn" ]; do
		dd if="$1" bs=1M skip="$bi" count=1 2>/dev/null | md5sum | cut -c1-32
		bi=$((bi + 1))
	done
}

# mutate CASE DIR - the administrator grows lvm_grow's LV and filesystem
# after the image was made (a check guest, kdmutate=); the LV's MiB
# ranges on the disk in DIR/lv-mib, the disk's blocks in DIR/before.md5
mutate() {
	mc=$1 md=$2
	rm -f "$SW/root/manifests/"*
	cp "$md/manifest" "$SW/root/manifests/lvm_grow"
	pack "$SW/root" "$SW/check-mutate.img"
	# shellcheck disable=SC2046
	mlog=$(boot storage-mutate "$SW/check-mutate.img" "kdmutate=lvm_grow" \
		$(storage_drives "$md") -nic none)
	tr -d '\r' < "$mlog" > "$mlog.txt"
	mlog=$mlog.txt
	m() { sed -n "s/^KDTEST: mutate lvm_grow $1 //p" "$mlog"; }
	[ -n "$(m size)" ] || { fail "$mc" "the LV could not be grown" "$mlog"; return 1; }
	# shellcheck disable=SC2046
	set -- $(m extent)		# E pe_start P (sectors)
	ext=$1 pes=$3
	for r in $(m range); do
		echo "$(( (pes + ${r%-*} * ext) / 2048 )) $(( (pes + (${r#*-} + 1) * ext) / 2048 ))"
	done > "$md/lv-mib"
	# the read-back checks the LV as it is now
	# shellcheck disable=SC2046
	set -- $(m size)		# BYTES seqno N
	sed -i "s/^LV_SIZE=.*/LV_SIZE='$1'/; s/^LV_SEGMENTS=.*/LV_SEGMENTS='2'/" "$md/manifest"
	blocks_md5 "$md/disk0.img" > "$md/before.md5"
	say "lvm_grow: LV now $1 bytes (seqno $3), on MiB $(tr '\n' ' ' < "$md/lv-mib")"
}

# outside_lv CASE DIR LOG - no MiB of the disk outside the LV changed
outside_lv() {
	blocks_md5 "$2/disk0.img" > "$2/after.md5"
	changed=$(paste -d ' ' "$2/before.md5" "$2/after.md5" | awk '$1 != $2 { print NR - 1 }')
	[ -n "$changed" ] || { fail "$1" "the dump changed nothing on the disk" "$3"; return 1; }
	outside=$(echo "$changed" | awk 'NR == FNR { lo[NR] = $1; hi[NR] = $2; n = NR; next }
		{ for (i = 1; i <= n; i++) if (lo[i] <= $1 && $1 < hi[i]) next; print; exit }' \
		"$2/lv-mib" -)
	[ -z "$outside" ] ||
		{ fail "$1" "MiB $outside of the disk, outside the LV, was written" "$3"; return 1; }
	say "lvm_grow: $(echo "$changed" | wc -l) MiB written, all inside the LV"
}

# dump_case CASE LAYOUT DISKS CHECK KIND GROUP - a crash with the
# layout's disks (disks DISKS, or all when -); read_back below checks the
# dump; $SW/read-GROUP lists the cases ("CASE LAYOUT KIND DISKS")
dump_case() {
	c=$1 l=$2 dsk=$3 k=$4 kind=$5 g=$6
	dd=$SW/dump/$c
	if ! storage_cached "$l" || ! storage_copy "$l" "$dd"; then
		fail "$c" "the disks of $l could not be made" "$LOGS/storage-prep-$l.log"
		return
	fi
	if ! grep -q "^KDTEST: kdumpctl $k ok" "$KDOUT"; then
		fail "$c" "kdumpctl check $k did not pass: no image to make"
		return
	fi
	spec=$(kd spec "$k")
	case $kind in
	fs) conf="ext4 ${spec:-UUID=$(mf "$dd" FS_UUID)}" ;;
	raw) conf="raw $spec" ;;
	root) conf="path /var/crash" ;;
	esac
	flat=
	[ "$kind" = raw ] && flat="-F "
	KDUMP_STACK=$(kd layer "$k") capture_image "$c" "$conf
disk_timeout 60
core_collector makedumpfile $flat-l --message-level 1 -d 31" \
		"virtio_pci virtio_blk crc32c_generic ext4 $(kd modules "$k")"
	[ "$c" = lvm_grow ] && { mutate "$c" "$dd" || return; }
	root_arg=
	[ "$kind" = root ] && root_arg="root=$(mf "$dd" LV_DM_PATH) rootfstype=ext4"
	t0=$(date +%s)
	# shellcheck disable=SC2046
	log=$(ROOT_ARG=$root_arg crash_guest "$c" $(storage_drives "$dd" $(echo "$dsk" | tr -d -)) -nic none)
	say "dump $c: $(( $(date +%s) - t0 )) s"
	echo "$log" > "$SW/dump/$c.log"
	[ "$c" = lvm_grow ] && { outside_lv "$c" "$dd" "$log" || return; }
	echo "$c $l $kind $dsk" >> "$SW/read-$g"
}

for dc in $DUMP_CASES; do
	# shellcheck disable=SC2046
	set -- $(echo "$dc" | tr : ' ')
	case " ${STORAGE_CASES:-$1} " in *" $1 "*) ;; *) continue ;; esac
	dump_case "$@"
done

# read_back GROUP - one check guest copies the dumps of the cases in
# $SW/read-GROUP onto a scratch disk (ext4), and restores the raw ones
# there with kdumpctl start; the host mounts it to check them.
read_back() {
	list=$SW/read-$1
	[ -s "$list" ] || return 0
	rm -f "$SW/scratch.img" "$SW/root/manifests/"*
	truncate -s 2G "$SW/scratch.img"
	mkfs.ext4 -q -F "$SW/scratch.img" || die "mkfs.ext4 of the scratch disk failed"
	ok='' degr='' restore='' drives=''
	while read -r c l kind dsk; do
		cp "$SW/dump/$c/manifest" "$SW/root/manifests/$l"
		if [ "$dsk" = - ]; then ok="$ok $l"; else degr="$degr $l"; fi
		[ "$kind" = raw ] && restore="$restore $l"
		# shellcheck disable=SC2046
		drives="$drives $(storage_drives "$SW/dump/$c" $(echo "$dsk" | tr -d -))"
	done < "$list"
	pack "$SW/root" "$SW/check-read.img"
	t0=$(date +%s)
	# shellcheck disable=SC2086
	rlog=$(QEMU_TIMEOUT=600 boot "storage-check-read$1" "$SW/check-read.img" \
		"kdlayouts=$(echo $ok | tr ' ' ,) kddegraded=$(echo $degr | tr ' ' ,) kdscratch=1 kdrestore=$(echo $restore | tr ' ' ,)" \
		$drives -drive "file=$SW/scratch.img,if=none,id=scratch,format=raw" \
		-device virtio-blk-pci,drive=scratch,serial=kd-scratch -nic none)
	say "read-back guest $1: $(( $(date +%s) - t0 )) s"
	tr -d '\r' < "$rlog" > "$rlog.txt"
	rlog=$rlog.txt
	mount -o loop "$SW/scratch.img" "$MNT" || die "cannot mount the scratch disk"
	while read -r c l kind dsk; do
		read_check "$c" "$l" "$kind" "$dsk" "$rlog"
	done < "$list"
	umount "$MNT"
}

# read_check CASE LAYOUT KIND DISKS LOG - what the read-back found
read_check() {
	c=$1 l=$2 kind=$3 rlog=$5
	log=$(cat "$SW/dump/$c.log")
	marker="layout $l"
	[ "$4" = - ] || marker="layout ${l}_degraded"
	layout_ok=$(grep -m 1 "^KDTEST: $marker" "$rlog")
	case $kind in
	raw)
		v=$(sed -n "s|^KDTEST: restored $l /scratch/||p" "$rlog")
		if [ -z "$v" ]; then
			fail "$c" "kdumpctl start restored no dump from the raw target of $l (read-back log $rlog)" "$log"
		elif ! crash_opens "$MNT/$v"; then
			fail "$c" "crash cannot open the restored $v" "$log"
		else
			pass "$c"
		fi ;;
	*)
		if ! grep -q "^KDTEST: copied /var/crash of $l" "$rlog"; then
			fail "$c" "the check guest copied no dump of $l ($layout_ok; read-back log $rlog)" "$log"
		elif ! grep -q "^KDTEST: $marker ok" "$rlog"; then
			fail "$c" "after the dump: $layout_ok (read-back log $rlog)" "$log"
		elif check_dump "$c" "$(ls -d "$MNT/$l"/127.0.0.1-* 2>/dev/null)" "$log"; then
			pass "$c"
		fi ;;
	esac
}

read_back 1
read_back 2
say "storage tests took $(( $(date +%s) - started )) s; cache: $(du -sh "$STORAGE" | cut -f1) on disk"
