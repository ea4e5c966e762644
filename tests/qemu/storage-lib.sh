# storage-lib.sh - disks holding LVM, MD RAID, LUKS and GPT layouts for the
# QEMU tests, and the tools a BusyBox guest needs to use them.  Sourced
# after lib.sh, once fetch_kernel has set KVER and KDIR.
#
# The build machine's kernel has no device-mapper and no MD, so the disks
# are made inside a guest running Debian's kernel ("prep" guest): its /init
# (storage-prep-init) runs each layout's recipe on blank virtio disks and
# writes a manifest.  Each layout's disks are cached on their own in
#
#   $CACHE/storage/LAYOUT-HASH/   disk0.img disk1.img ... (raw, sparse)
#                                 manifest  (shell-sourceable, see below)
#                                 recipe    (what HASH is the hash of)
#                                 prep.log  (the recipe's output)
#
# HASH covers the layout's recipe, the guest helpers, the prep /init, the
# lvm.conf, the kernel and the tools' package versions: a change rebuilds
# that layout.  The cached images are never booted: tests boot copies
# (storage_copy).
#
# Functions:
#   storage_tools DIR        tools, libraries, configuration and modules
#                            into DIR (to merge into a guest's root:
#                            EXTRA_FIRST); binaries in DIR/sbin
#   storage_prepare LAYOUT.. make what is not cached yet, several layouts
#                            per prep boot
#   storage_disks LAYOUT     make if needed; prints the cache directory
#   storage_copy LAYOUT DEST copies of the disks and the manifest in DEST
#   storage_drives DIR [N..] QEMU arguments attaching the disks in DIR (all,
#                            or disks N...) with their serials
#
# Disk N of LAYOUT has the serial kd-LAYOUT-N: with udev it is
# /dev/disk/by-id/virtio-kd-LAYOUT-N; without udev /sys/block/vdX/serial.
#
# Manifest fields (only those that apply to the layout):
#   LAYOUT DISKS DISKn_SERIAL DISKn_BYID DISKn_SIZE     every layout
#   FS_TYPE FS_UUID FS_LABEL FS_PATH   the ext4 filesystem meant as the dump
#                                      target and the path that names it
#   VG VG_UUID VG_PVS PVn_UUID PVn_ON  (PVn_ON: a disk serial or md:MD_UUID)
#   LV LV_UUID LV_PATH LV_DM_PATH LV_SEGTYPE LV_SEGMENTS LV_STRIPES LV_SIZE
#   RAW_LV RAW_LV_UUID RAW_LV_PATH RAW_LV_DM_PATH RAW_LV_SIZE ...  (raw dumps)
#   POOL_LV POOL_LV_UUID ...                                 (thin pool)
#   MD_UUID MD_NAME MD_LEVEL MD_METADATA MD_DEVICES MD_MEMBER_UUID
#   GUARD_LV GUARD_LV_UUID ... GUARD_MD5  (an LV of a pattern beside LV)
#   GPT_LABEL_ID RAW_PARTLABEL RAW_PARTUUID RAW_PARTNUM RAW_PART_SIZE
#   FS_PARTLABEL FS_PARTUUID FS_PARTNUM
#   LUKS_UUID LUKS_TYPE LUKS_PASSPHRASE LUKS_NAME LUKS_LABEL
#   ROOT_FSTAB                     (root_lvm: the tree's /etc/fstab line)
# Values are single-quoted and hold no single quote.

STORAGE=$CACHE/storage
# (new layouts go at the end: the index of each is part of its UUIDs)
STORAGE_LAYOUTS="lvm_linear lvm_span lvm_striped lvm_raid1 lvm_thin
	md_raid1 md_raid1_090 md_raid1_10 md_raid0 md_raid5 md_raid10
	lvm_on_md gpt_partlabel luks root_lvm lvm_raw lvm_grow gpt_byid"
# at most this many layout disks per prep boot (PCI slots, boot time)
STORAGE_BATCH_DISKS=${STORAGE_BATCH_DISKS:-16}
STORAGE_SBIN="lvm dmsetup mdadm cryptsetup sfdisk mke2fs e2fsck resize2fs
	mkfs.xfs blkid wipefs pdata_tools"
# virtio_rng: the prep guest's entropy for cryptsetup and mke2fs.  LUKS's
# aes-xts-plain64 needs xts and ecb, which the kernel asks for by name
# (request_module), not through modules.dep; cryptsetup reads keyslots
# through AF_ALG (algif_skcipher).
STORAGE_MODULES="virtio_pci virtio_blk virtio_rng crc32c_generic ext4 xfs
	dm_mod dm_mirror dm_snapshot dm_raid dm_thin_pool dm_crypt
	md_mod raid0 raid1 raid10 raid456 xts ecb algif_skcipher"

# The packages whose binaries the guests run (their versions are part of
# the recipe).
STORAGE_PACKAGES="lvm2 dmsetup mdadm cryptsetup-bin fdisk e2fsprogs xfsprogs
	util-linux thin-provisioning-tools busybox-static"

# LVM without udev, dmeventd, lvmpolld or metadata backups: LVM creates
# the /dev nodes itself and the initramfs has no /etc/lvm/backup to keep.
storage_lvm_conf() {
	cat <<'EOF'
# lvm.conf of the storage tests' guests (tests/qemu/storage-lib.sh): no udev
devices {
	obtain_device_list_from_udev = 0
	external_device_info_source = "none"
	use_devicesfile = 0
	md_component_detection = 1
	multipath_component_detection = 0
}
activation {
	udev_sync = 0
	udev_rules = 0
	monitoring = 0
}
global {
	locking_dir = "/run/lock/lvm"
	use_lvmpolld = 0
	thin_check_executable = "/sbin/thin_check"
}
backup {
	backup = 0
	archive = 0
}
EOF
}

# storage_libs BINARY DIR - the shared libraries BINARY loads (and the
# dynamic loader) into DIR at their own paths.
storage_libs() {
	ldd "$1" >/dev/null 2>&1 || return 0	# static
	for lib in $(ldd "$1" | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p'); do
		[ -e "$2$lib" ] && continue
		mkdir -p "$2$(dirname "$lib")" && cp -L "$lib" "$2$lib" ||
			die "cannot copy $lib (needed by $1)"
	done
}

storage_which() {
	for d in /usr/sbin /sbin /usr/bin /bin; do
		[ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
	done
	return 1
}

# storage_tools DIR - LVM, dmsetup, mdadm, cryptsetup, sfdisk, mke2fs,
# mkfs.xfs, blkid and their libraries into DIR/sbin and DIR/lib*, an
# lvm.conf for a guest without udev, the run-time directories, and the
# kernel modules (DIR/etc/storage-modules lists what to modprobe).  The
# binaries are in /sbin, not /bin, whose BusyBox links stay; BusyBox's sh
# runs its own applets before looking at PATH, so of a name that both have
# (mke2fs) it runs BusyBox's: call /sbin/NAME, or mkfs.ext4.  The kernel's
# request_module runs /sbin/modprobe: a link to BusyBox's.
storage_tools() {
	dir=$1
	mkdir -p "$dir/sbin" "$dir/etc/lvm" "$dir/run/lock/lvm" \
		"$dir/run/cryptsetup" "$dir/run/mdadm" || die "cannot create $dir"
	for t in $STORAGE_SBIN; do
		src=$(storage_which "$t") ||
			die "$t not found: scripts/setup.sh installs $STORAGE_PACKAGES"
		cp -L "$src" "$dir/sbin/$t" || die "cannot copy $src"
		storage_libs "$src" "$dir"
	done
	# lvm's commands: every link to lvm that lvm2 ships
	for tl in $(find /usr/sbin -maxdepth 1 -type l -lname lvm -printf '%f\n'); do
		ln -sf lvm "$dir/sbin/$tl"
	done
	[ -e "$dir/sbin/vgchange" ] || die "no vgchange link to lvm in /usr/sbin"
	for tl in mkfs.ext4 mkfs.ext3 mkfs.ext2; do ln -sf mke2fs "$dir/sbin/$tl"; done
	ln -sf e2fsck "$dir/sbin/fsck.ext4"
	ln -sf pdata_tools "$dir/sbin/thin_check"
	ln -sf ../bin/busybox "$dir/sbin/modprobe"
	cp /etc/mke2fs.conf "$dir/etc/mke2fs.conf" 2>/dev/null || true
	storage_lvm_conf > "$dir/etc/lvm/lvm.conf"
	# shellcheck disable=SC2086
	add_modules "$dir" $STORAGE_MODULES >/dev/null 2>&1 ||
		die "add_modules failed"
	printf '%s\n' $(known_modules $STORAGE_MODULES) > "$dir/etc/storage-modules"
}

# The disk sizes of LAYOUT (one word per disk).
storage_layout_disks() {
	case $1 in
	lvm_linear|lvm_thin|gpt_partlabel|gpt_byid|luks|root_lvm|lvm_grow) echo 512M ;;
	lvm_raw) echo 256M ;;
	lvm_span|lvm_striped|md_raid0) echo 256M 256M ;;
	lvm_raid1|md_raid1|md_raid1_090|md_raid1_10|lvm_on_md) echo 512M 512M ;;
	md_raid5) echo 256M 256M 256M ;;
	md_raid10) echo 256M 256M 256M 256M ;;
	*) return 1 ;;
	esac
}

# A two-digit number per layout: the last digits of its fixed UUIDs.
storage_layout_index() {
	li_n=0
	for li_l in $STORAGE_LAYOUTS; do
		li_n=$((li_n + 1))
		[ "$li_l" = "$1" ] && { printf '%02d\n' "$li_n"; return 0; }
	done
	return 1
}

# The helpers of the recipes, run by the prep guest with sh -e before the
# recipe; the guest sets L (the layout), N (its index) and M (the
# manifest file being written).
storage_guest_lib() {
	cat <<'EOF'
FS_UUID=f5000000-4b44-4000-8000-0000000000$N
FS_LABEL=$(printf 'kd_%s' "$L" | cut -c1-16)
MD_UUID_SET=3d000000:4b444000:80000000:000000$N
LUKS_UUID=1c000000-4b44-4000-8000-0000000000$N
# m KEY VALUE - a manifest line
m() { printf "%s='%s'\n" "$1" "$2" >> "$M"; }
# disk N - the device of this layout's disk N, found by its serial
disk() {
	t=0
	while :; do
		for b in /sys/block/vd*; do
			if [ "$(cat "$b/serial" 2>/dev/null)" = "kd-$L-$1" ]; then
				echo "/dev/${b##*/}"
				return 0
			fi
		done
		t=$((t + 1))
		if [ "$t" -ge 10 ]; then
			echo "no disk with serial kd-$L-$1" >&2
			return 1
		fi
		sleep 1
	done
}
# serial_of /dev/vdX
serial_of() { cat "/sys/block/${1#/dev/}/serial"; }
# wait_block DEV - until the node exists (partitions appear a bit later)
wait_block() {
	t=0
	until [ -b "$1" ]; do
		t=$((t + 1))
		if [ "$t" -ge 10 ]; then
			echo "$1 did not appear" >&2
			return 1
		fi
		sleep 1
	done
}
# mkfs_ext4 DEV PATH - the layout's ext4 (FS_UUID, FS_LABEL); PATH is the
# name that the manifest gives it
mkfs_ext4() {
	mkfs.ext4 -q -F -E nodiscard -U "$FS_UUID" -L "$FS_LABEL" "$1"
	got=$(blkid -p -s UUID -o value "$1")
	if [ "$got" != "$FS_UUID" ]; then
		echo "blkid sees UUID '$got' on $1, not $FS_UUID" >&2
		return 1
	fi
	m FS_TYPE ext4
	m FS_UUID "$FS_UUID"
	m FS_LABEL "$FS_LABEL"
	m FS_PATH "$2"
}
lvfield() { lvs --noheadings --nosuffix --units b -o "$1" "$2" | head -n 1 | tr -d ' '; }
# lv_fields PREFIX VG/LV
lv_fields() {
	m "$1" "${2#*/}"
	m "$1_UUID" "$(lvfield lv_uuid "$2")"
	m "$1_PATH" "$(lvfield lv_path "$2")"
	m "$1_DM_PATH" "$(lvfield lv_dm_path "$2")"
	m "$1_SEGTYPE" "$(lvfield segtype "$2")"
	m "$1_SEGMENTS" "$(lvfield seg_count "$2")"
	m "$1_STRIPES" "$(lvfield stripes "$2")"
	m "$1_SIZE" "$(lvfield lv_size "$2")"
}
# vg_fields VG
vg_fields() {
	m VG "$1"
	m VG_UUID "$(vgs --noheadings -o vg_uuid "$1" | tr -d ' ')"
	m VG_PVS "$(vgs --noheadings -o pv_count "$1" | tr -d ' ')"
	i=0
	pvs --noheadings -o pv_name,pv_uuid -S "vg_name=$1" > /tmp/pvs
	while read -r name uuid; do
		m "PV${i}_UUID" "$uuid"
		case $name in
		/dev/vd*) m "PV${i}_ON" "$(serial_of "$name")" ;;
		*) m "PV${i}_ON" "md:$(mdadm --detail --export "$name" | sed -n 's/^MD_UUID=//p')" ;;
		esac
		i=$((i + 1))
	done < /tmp/pvs
}
# md_create NAME LEVEL METADATA DEV... - a clean array: the blank disks
# are all zeros, so mirrors and parity already agree (--assume-clean
# spares the resync)
md_create() {
	name=$1 level=$2 meta=$3
	shift 3
	# 0.90 superblocks have no name
	[ "$meta" = 0.90 ] && nameopt= || nameopt=--name=$name
	mdadm --create "/dev/md/$name" --run --assume-clean --level="$level" \
		--raid-devices=$# --metadata="$meta" $nameopt \
		--uuid="$MD_UUID_SET" "$@"
	wait_block "/dev/md/$name"
}
# md_fields DEV MEMBER
md_fields() {
	mdadm --detail --export "$1" > /tmp/md.env
	MD_NAME=
	. /tmp/md.env
	m MD_UUID "$MD_UUID"
	m MD_NAME "$MD_NAME"
	m MD_LEVEL "$MD_LEVEL"
	m MD_METADATA "$MD_METADATA"
	m MD_DEVICES "$MD_DEVICES"
	m MD_MEMBER_UUID "$(blkid -p -s UUID -o value "$2")"
}
EOF
}

# The recipe of LAYOUT: guest shell, run with sh -e after the helpers.
storage_layout_body() {
	case $1 in
	lvm_linear) cat <<'EOF'
d0=$(disk 0)
pvcreate -q -y "$d0"
vgcreate -q vgk "$d0"
lvcreate -q -y -n lv_kdump -L 300M vgk
lvcreate -q -y -n lv_raw -L 200M vgk
mkfs_ext4 /dev/vgk/lv_kdump /dev/vgk/lv_kdump
vg_fields vgk
lv_fields LV vgk/lv_kdump
lv_fields RAW_LV vgk/lv_raw
vgchange -q -an vgk
EOF
	;;
	lvm_span) cat <<'EOF'
d0=$(disk 0)
d1=$(disk 1)
pvcreate -q -y "$d0" "$d1"
vgcreate -q vgspan "$d0" "$d1"
# more than one PV holds: the first PV, then the second
lvcreate -q -y -n lv_kdump -L 400M vgspan
mkfs_ext4 /dev/vgspan/lv_kdump /dev/vgspan/lv_kdump
vg_fields vgspan
lv_fields LV vgspan/lv_kdump
vgchange -q -an vgspan
EOF
	;;
	lvm_striped) cat <<'EOF'
d0=$(disk 0)
d1=$(disk 1)
pvcreate -q -y "$d0" "$d1"
vgcreate -q vgstripe "$d0" "$d1"
lvcreate -q -y -n lv_kdump -i 2 -I 64k -L 400M vgstripe
mkfs_ext4 /dev/vgstripe/lv_kdump /dev/vgstripe/lv_kdump
vg_fields vgstripe
lv_fields LV vgstripe/lv_kdump
vgchange -q -an vgstripe
EOF
	;;
	lvm_raid1) cat <<'EOF'
d0=$(disk 0)
d1=$(disk 1)
pvcreate -q -y "$d0" "$d1"
vgcreate -q vgraid "$d0" "$d1"
lvcreate -q -y --type raid1 -m 1 -n lv_kdump -L 300M vgraid
# the legs in sync, as on a server that has run a while
t=0
while p=$(lvfield sync_percent vgraid/lv_kdump) && [ "$p" != 100.00 ]; do
	t=$((t + 1))
	[ "$t" -lt 600 ] || { echo "raid1 LV not in sync after 600 s ($p %)" >&2; exit 1; }
	sleep 1
done
mkfs_ext4 /dev/vgraid/lv_kdump /dev/vgraid/lv_kdump
vg_fields vgraid
lv_fields LV vgraid/lv_kdump
vgchange -q -an vgraid
EOF
	;;
	lvm_thin) cat <<'EOF'
d0=$(disk 0)
pvcreate -q -y "$d0"
vgcreate -q vgthin "$d0"
lvcreate -q -y --type thin-pool -n pool -L 400M vgthin
lvcreate -q -y --type thin -n lv_kdump -V 300M --thinpool pool vgthin
mkfs_ext4 /dev/vgthin/lv_kdump /dev/vgthin/lv_kdump
vg_fields vgthin
lv_fields LV vgthin/lv_kdump
lv_fields POOL_LV vgthin/pool
vgchange -q -an vgthin
EOF
	;;
	md_raid1|md_raid1_090|md_raid1_10) cat <<'EOF'
d0=$(disk 0)
d1=$(disk 1)
case $L in
md_raid1) name=kdr1 meta=1.2 ;;
md_raid1_090) name=kdr1v090 meta=0.90 ;;
md_raid1_10) name=kdr1v10 meta=1.0 ;;
esac
md_create "$name" 1 "$meta" "$d0" "$d1"
mkfs_ext4 "/dev/md/$name" "UUID=$FS_UUID"
md_fields "/dev/md/$name" "$d0"
mdadm --stop "/dev/md/$name"
EOF
	;;
	md_raid0|md_raid5|md_raid10) cat <<'EOF'
case $L in
md_raid0) name=kdr0 level=0 n=2 ;;
md_raid5) name=kdr5 level=5 n=3 ;;
md_raid10) name=kdr10 level=10 n=4 ;;
esac
set --
i=0
while [ "$i" -lt "$n" ]; do
	d=$(disk "$i")
	set -- "$@" "$d"
	i=$((i + 1))
done
md_create "$name" "$level" 1.2 "$@"
mkfs_ext4 "/dev/md/$name" "UUID=$FS_UUID"
md_fields "/dev/md/$name" "$1"
mdadm --stop "/dev/md/$name"
EOF
	;;
	lvm_on_md) cat <<'EOF'
d0=$(disk 0)
d1=$(disk 1)
md_create kdpv 1 1.2 "$d0" "$d1"
pvcreate -q -y /dev/md/kdpv
vgcreate -q vgmd /dev/md/kdpv
lvcreate -q -y -n lv_kdump -L 300M vgmd
mkfs_ext4 /dev/vgmd/lv_kdump /dev/vgmd/lv_kdump
md_fields /dev/md/kdpv "$d0"
vg_fields vgmd
lv_fields LV vgmd/lv_kdump
vgchange -q -an vgmd
mdadm --stop /dev/md/kdpv
EOF
	;;
	lvm_raw) cat <<'EOF'
d0=$(disk 0)
pvcreate -q -y "$d0"
vgcreate -q vgraw "$d0"
lvcreate -q -y -n lv_raw -L 200M vgraw
vg_fields vgraw
lv_fields RAW_LV vgraw/lv_raw
vgchange -q -an vgraw
EOF
	;;
	lvm_grow) cat <<'EOF'
# room to grow lv_kdump after the image is made; lv_guard next to it
# holds a pattern that nothing may touch
d0=$(disk 0)
pvcreate -q -y "$d0"
vgcreate -q vggrow "$d0"
lvcreate -q -y -n lv_kdump -L 160M vggrow
lvcreate -q -y -n lv_guard -L 16M vggrow
mkfs_ext4 /dev/vggrow/lv_kdump /dev/vggrow/lv_kdump
yes "kdump guard: no write may land here" | head -c 16777216 > /dev/vggrow/lv_guard
vg_fields vggrow
lv_fields LV vggrow/lv_kdump
lv_fields GUARD_LV vggrow/lv_guard
m GUARD_MD5 "$(md5sum < /dev/vggrow/lv_guard | cut -d' ' -f1)"
vgchange -q -an vggrow
EOF
	;;
	gpt_partlabel|gpt_byid) cat <<'EOF'
d0=$(disk 0)
linux=0FC63DAF-8483-4772-8E79-3D69D8477DE4
# partition names unique among the layouts a guest has
raw=kdump fs=dumpfs
[ "$L" = gpt_partlabel ] || raw=kdump_$N fs=dumpfs_$N
sfdisk -q "$d0" <<SFDISK
label: gpt
label-id: 6a000000-4b44-4000-8000-0000000000$N
size=160MiB, type=$linux, uuid=6a000001-4b44-4000-8000-0000000000$N, name=$raw
type=$linux, uuid=6a000002-4b44-4000-8000-0000000000$N, name=$fs
SFDISK
wait_block "${d0}1"
wait_block "${d0}2"
mkfs_ext4 "${d0}2" "/dev/disk/by-partlabel/$fs"
pe() { blkid -p -o value -s "$1" "$2"; }
m GPT_LABEL_ID "$(blkid -p -o value -s PTUUID "$d0")"
m RAW_PARTLABEL "$(pe PART_ENTRY_NAME "${d0}1")"
m RAW_PARTUUID "$(pe PART_ENTRY_UUID "${d0}1")"
m RAW_PARTNUM "$(pe PART_ENTRY_NUMBER "${d0}1")"
m RAW_PART_SIZE "$(blockdev --getsize64 "${d0}1")"
m FS_PARTLABEL "$(pe PART_ENTRY_NAME "${d0}2")"
m FS_PARTUUID "$(pe PART_ENTRY_UUID "${d0}2")"
m FS_PARTNUM "$(pe PART_ENTRY_NUMBER "${d0}2")"
EOF
	;;
	luks) cat <<'EOF'
d0=$(disk 0)
pass=kdump-test-passphrase
# pbkdf2 with few iterations: argon2's memory and time under TCG are not
# what this layout tests
printf %s "$pass" | cryptsetup luksFormat -q --type luks2 \
	--uuid "$LUKS_UUID" --label kd_luks --pbkdf pbkdf2 \
	--pbkdf-force-iterations 1000 --hash sha256 \
	--cipher aes-xts-plain64 --key-size 256 --key-file - "$d0"
printf %s "$pass" | cryptsetup open --key-file - "$d0" kdluks
mkfs_ext4 /dev/mapper/kdluks /dev/mapper/kdluks
cryptsetup close kdluks
m LUKS_UUID "$(blkid -p -s UUID -o value "$d0")"
m LUKS_TYPE "$(blkid -p -s TYPE -o value "$d0")"
m LUKS_LABEL kd_luks
m LUKS_PASSPHRASE "$pass"
m LUKS_NAME kdluks
EOF
	;;
	root_lvm) cat <<'EOF'
d0=$(disk 0)
pvcreate -q -y "$d0"
vgcreate -q vgroot "$d0"
lvcreate -q -y -n root -L 400M vgroot
mkfs_ext4 /dev/vgroot/root /dev/mapper/vgroot-root
mkdir -p /tmp/root
mount -t ext4 /dev/vgroot/root /tmp/root
for d in bin sbin lib etc root tmp usr/bin var/crash var/log var/tmp dev proc sys run boot; do
	mkdir -p "/tmp/root/$d"
done
chmod 1777 /tmp/root/tmp /tmp/root/var/tmp
fstab="/dev/mapper/vgroot-root / ext4 defaults 0 1"
echo "$fstab" > /tmp/root/etc/fstab
echo kdroot > /tmp/root/etc/hostname
printf 'PRETTY_NAME="kdump test root"\nID=kdtest\n' > /tmp/root/etc/os-release
umount /tmp/root
vg_fields vgroot
lv_fields LV vgroot/root
m ROOT_FSTAB "$fstab"
vgchange -q -an vgroot
EOF
	;;
	*) return 1 ;;
	esac
}

storage_versions() {
	# shellcheck disable=SC2086
	dpkg-query -W -f='${Package}=${Version} ' $STORAGE_PACKAGES 2>/dev/null
}

# What LAYOUT's disks are made from (its hash names the cache directory).
storage_recipe() {
	body=$(storage_layout_body "$1") || return 1
	printf 'layout %s\ndisks %s\nkernel %s\ntools %s\nscript %s\n' "$1" \
		"$(storage_layout_disks "$1")" "$KVER" "$(storage_versions)" \
		"$({ storage_guest_lib; echo "$body"; storage_lvm_conf
		     echo "$STORAGE_SBIN $STORAGE_MODULES"
		     cat "$QEMU_DIR/storage-prep-init"; } | sha256sum | cut -d' ' -f1)"
}

storage_dir() {
	r=$(storage_recipe "$1") || return 1
	echo "$STORAGE/$1-$(echo "$r" | sha256sum | cut -c1-12)"
}

# Whether LAYOUT's disks are in the cache, made from the current recipe.
storage_cached() {
	d=$(storage_dir "$1") || return 1
	[ -s "$d/manifest" ] && [ -s "$d/disk0.img" ] &&
		[ "$(cat "$d/recipe" 2>/dev/null)" = "$(storage_recipe "$1")" ]
}

# storage_prep_boot LAYOUT... - one prep guest makes these layouts' disks;
# each one that worked goes into its cache directory.  Run with the lock.
storage_prep_boot() {
	layouts=$*
	tmp=$STORAGE/build
	rm -rf "$tmp"
	mkdir -p "$tmp/root/layouts" "$tmp/out" || return 1
	skeleton "$tmp/root"
	storage_tools "$tmp/root"
	cp "$QEMU_DIR/storage-prep-init" "$tmp/root/init"
	chmod 0755 "$tmp/root/init"
	set --
	for pl in $layouts; do
		mkdir -p "$tmp/$pl"
		pi=0
		for size in $(storage_layout_disks "$pl"); do
			truncate -s "$size" "$tmp/$pl/disk$pi.img" || return 1
			set -- "$@" -drive "file=$tmp/$pl/disk$pi.img,if=none,id=$pl-$pi,format=raw" \
				-device "virtio-blk-pci,drive=$pl-$pi,serial=kd-$pl-$pi"
			pi=$((pi + 1))
		done
		{ printf 'L=%s\nN=%s\nM=/tmp/out/%s.manifest\n' "$pl" \
			"$(storage_layout_index "$pl")" "$pl"
		  storage_guest_lib
		  storage_layout_body "$pl"; } > "$tmp/root/layouts/$pl.sh"
	done
	truncate -s 8M "$tmp/out.img"
	pack "$tmp/root" "$tmp/prep.img"
	list=$(echo $layouts | tr ' ' ,)
	say "making storage layouts $list (a prep guest under TCG)"
	t0=$(date +%s)
	log=$(QEMU_TIMEOUT=${STORAGE_PREP_TIMEOUT:-900} boot "storage-prep-guest-${layouts%% *}" "$tmp/prep.img" \
		"kdlayouts=$list" "$@" \
		-drive "file=$tmp/out.img,if=none,id=out,format=raw" \
		-device virtio-blk-pci,drive=out,serial=kd-out \
		-device virtio-rng-pci -nic none)
	say "  prep guest done ($(( $(date +%s) - t0 )) s, log $log)"
	tar -xf "$tmp/out.img" -C "$tmp/out" 2>/dev/null ||
		say "  the prep guest wrote no results (see $log)"
	pb_rc=0
	for pl in $layouts; do
		cp "$tmp/out/$pl.log" "$LOGS/storage-prep-$pl.log" 2>/dev/null
		if ! grep -q "^KDPREP: $pl ok" "$log" || [ ! -s "$tmp/out/$pl.manifest" ]; then
			say "  layout $pl failed (see $LOGS/storage-prep-$pl.log and $log)"
			pb_rc=1
			continue
		fi
		{
			echo "# storage layout $pl (tests/qemu/storage-lib.sh)"
			echo "LAYOUT='$pl'"
			pi=0
			for size in $(storage_layout_disks "$pl"); do
				echo "DISK${pi}_SERIAL='kd-$pl-$pi'"
				echo "DISK${pi}_BYID='virtio-kd-$pl-$pi'"
				echo "DISK${pi}_SIZE='$(stat -c %s "$tmp/$pl/disk$pi.img")'"
				pi=$((pi + 1))
			done
			echo "DISKS='$pi'"
			cat "$tmp/out/$pl.manifest"
		} > "$tmp/$pl/manifest"
		cp "$tmp/out/$pl.log" "$tmp/$pl/prep.log"
		# blocks of zeros (a RAID1 leg's initial sync) take no room
		for f in "$tmp/$pl"/disk*.img; do
			fallocate -d "$f" 2>/dev/null || true
		done
		storage_recipe "$pl" > "$tmp/$pl/recipe"
		dest=$(storage_dir "$pl")
		rm -rf "$STORAGE/$pl"-*
		mv "$tmp/$pl" "$dest" || { pb_rc=1; continue; }
		say "  $pl ready in $dest"
	done
	rm -rf "$tmp"
	return $pb_rc
}

# storage_prepare LAYOUT... - make the layouts not yet cached, in as few
# prep boots as STORAGE_BATCH_DISKS allows; fails if one could not be made.
storage_prepare() (
	mkdir -p "$STORAGE" "$LOGS" || die "cannot create $STORAGE"
	exec 9> "$STORAGE/.lock"
	flock 9
	todo=
	for l in "$@"; do
		storage_layout_disks "$l" >/dev/null || die "unknown storage layout $l"
		storage_cached "$l" || todo="$todo $l"
	done
	rc=0 batch='' n=0
	for l in $todo; do
		k=$(storage_layout_disks "$l" | wc -w)
		if [ -n "$batch" ] && [ $((n + k)) -gt "$STORAGE_BATCH_DISKS" ]; then
			# shellcheck disable=SC2086
			storage_prep_boot $batch || rc=1
			batch='' n=0
		fi
		batch="$batch $l" n=$((n + k))
	done
	if [ -n "$batch" ]; then
		# shellcheck disable=SC2086
		storage_prep_boot $batch || rc=1
	fi
	exit $rc
)

# storage_disks LAYOUT - the cache directory of LAYOUT's disks and
# manifest, made first if needed.
storage_disks() {
	storage_prepare "$1" || return 1
	storage_cached "$1" || return 1
	storage_dir "$1"
}

# storage_copy LAYOUT DEST - fresh copies of LAYOUT's disks (sparse) and
# manifest in DEST, for a test to boot.
storage_copy() {
	src=$(storage_disks "$1") || return 1
	rm -rf "$2"
	mkdir -p "$2" || return 1
	for f in "$src"/disk*.img; do
		cp --sparse=always "$f" "$2/" || return 1
	done
	cp "$src/manifest" "$2/manifest"
}

# storage_drives DIR [N...] - QEMU arguments attaching disk N (all when
# none is named) of the copy in DIR with its serial; unquoted words, as
# capture.sh's drive.
storage_drives() {
	d=$1
	shift
	[ "$#" -gt 0 ] || set -- $(cd "$d" && ls disk*.img | sed 's/^disk\([0-9]*\)\.img$/\1/' | sort -n)
	lay=$(sed -n "s/^LAYOUT='\(.*\)'$/\1/p" "$d/manifest")
	for i in "$@"; do
		printf ' -drive file=%s,if=none,id=%s,format=raw -device virtio-blk-pci,drive=%s,serial=%s' \
			"$d/disk$i.img" "$lay-$i" "$lay-$i" "kd-$lay-$i"
	done
}
