#!/bin/sh
# network.sh - network dump targets end to end.  A real OpenSSH server and
# nfs-ganesha (with rpcbind for NFSv3) run in a private network namespace,
# started and stopped here: nothing outside can reach them and their ports
# cannot clash with the host's.  The guest reaches them at 10.0.2.2
# through QEMU user networking, or, for bonds, VLANs, bridges and IPv6,
# through a peer guest: a Debian kernel whose Linux bridge, 802.1Q VLAN
# and 802.3ad bond are the switch (peer-init), with a tap (kdpeer0:
# 198.51.100.1, fd5e:100::1, fe80::1; fd5e:200::1 on the loopback, one
# router hop away) into the namespace, where dnsmasq sends router
# advertisements and answers DNS.  Capture
# images are built by `kdumpctl rebuild` on the host (the network comes
# from KDUMP_COMMANDLINE_APPEND, the ssh port and known_hosts from
# KDUMP_SSH_CONFIG).  Prints PASS/FAIL lines.
set -u
. "$(dirname "$0")/lib.sh"
SUITE=network	# every case here is network:<case>

fetch_kernel
VMLINUX=$("$TOP/scripts/fetch-debug-vmlinux.sh" "$KVER")
# Downloads done (cached, they are not repeated): the rest runs in its own
# network namespace and mount namespace (its own /run for rpcbind and
# sshd).  Besides the loopback the namespace has a veth pair with a
# documentation address, for one reason: getaddrinfo(AI_ADDRCONFIG), which
# ganesha uses, resolves 127.0.0.1 only when some non-loopback IPv4
# address exists.
if [ -z "${KDUMP_TEST_NETNS:-}" ]; then
	exec env KDUMP_TEST_NETNS=1 unshare -n -m sh -c 'ip link set lo up &&
		ip link add kdv0 type veth peer name kdv1 &&
		ip addr add 192.0.2.254/24 dev kdv0 && ip link set kdv0 up &&
		ip link set kdv1 up &&
		ip tuntap add dev kdpeer0 mode tap && ip link set kdpeer0 up &&
		ip addr add 198.51.100.1/24 dev kdpeer0 &&
		ip -6 addr add fd5e:100::1/64 dev kdpeer0 nodad &&
		ip -6 addr add fe80::1/64 dev kdpeer0 nodad &&
		ip -6 addr add fd5e:200::1/128 dev lo &&
		mount -t tmpfs -o mode=0755 tmpfs /run && exec sh "$0"' "$0"
fi
mkdir -p "$WORK"
build_images >/dev/null
CAP=$WORK/network
NET=$CAP/servers
MNT=$WORK/mnt
SSH_PORT=${KDUMP_TEST_SSH_PORT:-2222}
FENCE_PORT=${KDUMP_TEST_FENCE_PORT:-7410}
TUSER=kdumptest
PY=/usr/bin/python3
GUEST_NET="-netdev user,id=n0 -device virtio-net-pci,netdev=n0,mac=52:54:00:12:34:56"
STATIC_IP="ip=10.0.2.15::10.0.2.2:24::eth0:none ifname=eth0:52:54:00:12:34:56 nameserver=10.0.2.3"
DHCP_IP="ip=dhcp"	# any NIC (the static tests find theirs by MAC)
NET_MODS="extra_modules virtio_pci virtio_net"
rm -rf "$CAP"
mkdir -p "$CAP" "$NET" "$MNT"
chmod 0755 "$CAP" "$NET"
DRACUT_BASE=$(dracut_base)

# ---- servers ----

make_user() {
	id "$TUSER" >/dev/null 2>&1 ||
		useradd -M -p '*' -d "$NET/home" -s /bin/sh "$TUSER" ||
		die "cannot create the test user $TUSER"
	usermod -d "$NET/home" "$TUSER" >/dev/null 2>&1
	mkdir -p "$NET/home/.ssh" "$NET/dumps"
	chown -R "$TUSER" "$NET/home" "$NET/dumps"
}

# The server's host key, the client's kdump key and an admin key (for
# propagate), the sshd configuration.
make_keys() {
	ssh-keygen -q -t ed25519 -N '' -f "$NET/hostkey"
	ssh-keygen -q -t ed25519 -N '' -f "$NET/otherkey"
	ssh-keygen -q -t rsa -N '' -f "$NET/kdump_id_rsa"
	ssh-keygen -q -t ed25519 -N '' -f "$NET/admin"
	cat > "$NET/sshd_config" <<EOF
ListenAddress 127.0.0.1
ListenAddress 198.51.100.1
ListenAddress [fd5e:200::1]
Port $SSH_PORT
HostKey $NET/hostkey
AuthorizedKeysFile .ssh/authorized_keys
PidFile $NET/sshd.pid
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
	# what kdumpctl reads: the port, and the pinned host key
	printf 'Host 10.0.2.2 127.0.0.1 198.51.100.1 fd5e:200::1\n  Port %s\n  UserKnownHostsFile %s/known_hosts\n' \
		"$SSH_PORT" "$NET" > "$NET/ssh_config"
	make_keys_known
}

authorize() {	# key.pub
	install -o "$TUSER" -m 0600 "$1" "$NET/home/.ssh/authorized_keys"
}

start_sshd() {
	stop_sshd
	mkdir -p /run/sshd
	/usr/sbin/sshd -f "$NET/sshd_config" -E "$NET/sshd.log" ||
		die "cannot start the test sshd"
}

stop_sshd() {
	pkill -f "sshd -f $NET/sshd_config" 2>/dev/null
	n=0
	while pgrep -f "sshd -f $NET/sshd_config" >/dev/null && [ $n -lt 50 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	rm -f "$NET/sshd.pid"
}

# start_nfs [PROTOCOLS] - "4" (the default), or "3, 4" with rpcbind, where
# NFSv3 clients look up the mount and NFS ports.
start_nfs() {
	protocols=${1:-4}
	mkdir -p "$NET/export"
	cat > "$NET/ganesha.conf" <<EOF
NFS_CORE_PARAM { Bind_addr = ${NFS_BIND:-127.0.0.1}; NFS_Port = 2049; MNT_Port = 20048; Protocols = $protocols;
                 Enable_NLM = false; Enable_RQUOTA = false; mount_path_pseudo = true; }
NFSV4 { Graceless = true; }
EXPORT { Export_Id = 1; Path = $NET/export; Pseudo = /export; Access_Type = RW; Squash = No_Root_Squash;
         Protocols = $protocols; Transports = TCP; SecType = sys; FSAL { Name = VFS; } }
EOF
	if [ "$protocols" != 4 ]; then
		rpcbind -f -w &
		RPCBIND_PID=$!
		sleep 1
	fi
	ganesha.nfsd -F -L "$NET/ganesha.log" -f "$NET/ganesha.conf" -p "$NET/ganesha.pid" &
	NFS_PID=$!
	sleep 2
}

stop_nfs() {
	[ -n "${NFS_PID:-}" ] && kill "$NFS_PID" 2>/dev/null && wait "$NFS_PID" 2>/dev/null
	[ -n "${RPCBIND_PID:-}" ] && kill "$RPCBIND_PID" 2>/dev/null &&
		wait "$RPCBIND_PID" 2>/dev/null
	NFS_PID= RPCBIND_PID=
}

# A UDP listener for fence_kdump: every datagram, as hex, one a line
# (FENCE_BIND: an IPv6 address to listen on instead of 127.0.0.1).
start_fence_listener() {
	"$PY" -c '
import socket, sys
v6 = ":" in sys.argv[3]
s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[3], int(sys.argv[1])))
with open(sys.argv[2], "w") as out:
    while True:
        data, _ = s.recvfrom(64)
        out.write(data.hex() + "\n")
        out.flush()
' "$FENCE_PORT" "$NET/fence.log" "${FENCE_BIND:-127.0.0.1}" &
	FENCE_PID=$!
}

stop_fence_listener() {
	[ -n "${FENCE_PID:-}" ] && kill "$FENCE_PID" 2>/dev/null
	FENCE_PID=
}

cleanup() {
	stop_peer
	stop_dnsmasq
	stop_sshd
	stop_nfs
	stop_fence_listener
	mountpoint -q "$NET/dumps" && umount "$NET/dumps"
	userdel "$TUSER" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# ---- images and guests ----

# image NAME CONF APPEND - kdumpctl rebuild, then the first kernel's image.
image() {
	printf '%s\n' "$2" > "$CAP/$1.conf"
	cat > "$CAP/$1.sysconfig" <<EOF
KDUMP_KERNELVER=$KVER
KDUMP_INITRD=$CAP/$1.img
KDUMP_SSH_CONFIG=$NET/ssh_config
KDUMP_COMMANDLINE_APPEND="$3"
EOF
	# HOSTS: an /etc/hosts for kdumpctl to carry into the image, bound
	# over the host's in a private mount namespace
	if ! unshare -m sh -c '[ -z "$1" ] || mount --bind "$1" /etc/hosts || exit 1
		shift; exec "$@"' sh "${HOSTS:-}" \
		env dracutbasedir="$DRACUT_BASE" "$BIN/kdumpctl" --config "$CAP/$1.conf" \
		--sysconfig "$CAP/$1.sysconfig" --kernel "$KDIR/vmlinuz" \
		--kmoddir "$KDIR/root/lib/modules/$KVER" rebuild > "$CAP/$1.rebuild" 2>&1; then
		return 1
	fi
	cp "$CAP/$1.img" "$WORK/root-first/boot/kdump-initrd.img"
	pack "$WORK/root-first" "$CAP/$1-first.img"
}

crash_guest() {	# name [qemu args]
	name=$1
	shift
	boot "network-$name" "$CAP/$name-first.img" \
		"kdtest=crash crashkernel=256M panic=5 ${ROOT_ARG:-}" $GUEST_NET "$@"
}

# check_crash NAME FILE LOG - the debugger opens the dump of a sysrq crash.
check_crash() {
	if ! dump_open "$KVER" "$VMLINUX" "$2" "$CAP/crash.out"; then
		fail "$1" "crash cannot open $2: $(head -c 200 "$CAP/crash.out" | tr '\n' ' ')" "$3"
		return 1
	fi
}

# check_saved NAME DIR FILE LOG - one complete dump, private, readable.
check_saved() {
	name=$1 dir=$2 file=$3 log=$4
	if [ "$(echo "$dir" | grep -c .)" != 1 ]; then
		fail "$name" "expected one dump directory, found: $dir" "$log"
	elif [ ! -s "$dir/$file" ] || [ -e "$dir/vmcore-incomplete" ]; then
		fail "$name" "no complete $file in $dir: $(ls "$dir" | tr '\n' ' ')" "$log"
	elif [ "$(stat -c %a "$dir")" != 700 ] || [ "$(stat -c %a "$dir/$file")" != 600 ]; then
		fail "$name" "modes: dir $(stat -c %a "$dir"), $file $(stat -c %a "$dir/$file")" "$log"
	elif ! grep -q 'sysrq: Trigger a crash' "$dir/vmcore-dmesg.txt" 2>/dev/null; then
		fail "$name" "vmcore-dmesg.txt is missing or lacks the crash" "$log"
	else
		check_crash "$name" "$dir/$file" "$log"
		return
	fi
	return 1
}

ssh_conf() {	# extra lines
	printf 'ssh %s@10.0.2.2\nsshkey %s/kdump_id_rsa\npath %s/dumps\n%s\n%s\n' \
		"$TUSER" "$NET" "$NET" "$NET_MODS" "$1"
}

# ---- tests ----

test_ssh_dump() {
	authorize "$NET/kdump_id_rsa.pub"
	image ssh "$(ssh_conf 'disk_timeout 30')" "$STATIC_IP" ||
		{ fail ssh_dump "kdumpctl rebuild: $(tail -n 2 "$CAP/ssh.rebuild")" /dev/null; return; }
	if ! lsinitrd -f etc/kdump/ssh/known_hosts "$CAP/ssh.img" | grep -q "^kdump-target ssh-ed25519 "; then
		fail ssh_dump "the image lacks the pinned host key" /dev/null; return
	fi
	log=$(crash_guest ssh)
	dir=$(ls -d "$NET"/dumps/10.0.2.15-* 2>/dev/null)
	if check_saved ssh_dump "$dir" vmcore.flat "$log"; then
		if "$BIN/kdump-collect" -R "$CAP/ssh.vmcore" < "$dir/vmcore.flat" &&
		   check_crash ssh_dump "$CAP/ssh.vmcore" "$log"; then
			pass ssh_dump
		fi
	fi
	rm -rf "$NET"/dumps/* "$CAP/ssh.vmcore"
}

# core_collector scp: the whole vmcore, unfiltered, over sftp.
test_ssh_scp() {
	authorize "$NET/kdump_id_rsa.pub"
	image scp "$(ssh_conf 'core_collector scp')" "$STATIC_IP" ||
		{ fail ssh_scp "kdumpctl rebuild: $(tail -n 2 "$CAP/scp.rebuild")" /dev/null; return; }
	log=$(GUEST_MEM=768M crash_guest scp)
	dir=$(ls -d "$NET"/dumps/10.0.2.15-* 2>/dev/null)
	if ! grep -q 'copying /proc/vmcore unfiltered with scp' "$log"; then
		fail ssh_scp "scp did not run" "$log"
	elif check_saved ssh_scp "$dir" vmcore "$log"; then
		pass ssh_scp
	fi
	rm -rf "$NET"/dumps/*
}

# The pinned key is not the server's: refused, the failure action runs.
test_ssh_wrong_host_key() {
	printf '[10.0.2.2]:%s %s\n' "$SSH_PORT" "$(cut -d' ' -f1,2 "$NET/otherkey.pub")" \
		> "$NET/known_hosts"
	image wrongkey "$(ssh_conf 'failure_action reboot')" "$STATIC_IP" ||
		{ fail ssh_wrong_host_key "kdumpctl rebuild failed" /dev/null; return; }
	make_keys_known
	log=$(crash_guest wrongkey)
	if ls -d "$NET"/dumps/10.0.2.15-* >/dev/null 2>&1; then
		fail ssh_wrong_host_key "a dump was written to a server with another host key" "$log"
	elif ! grep -q 'Host key verification failed' "$log" ||
	     ! grep -q 'kdump: rebooting' "$log"; then
		fail ssh_wrong_host_key "no host key error or no failure action" "$log"
	else
		pass ssh_wrong_host_key
	fi
}

make_keys_known() {
	key=$(cut -d' ' -f1,2 "$NET/hostkey.pub")
	printf '[%s]:%s %s\n' 10.0.2.2 "$SSH_PORT" "$key" 198.51.100.1 "$SSH_PORT" "$key" \
		fd5e:200::1 "$SSH_PORT" "$key" > "$NET/known_hosts"
}

# No network at all (the guest has no NIC): the failure action runs.
test_network_down() {
	image nonet "$(ssh_conf 'disk_timeout 5')" "$STATIC_IP" ||
		{ fail network_down "kdumpctl rebuild failed" /dev/null; return; }
	log=$(GUEST_NET="-nic none" crash_guest nonet)
	if ! grep -q 'network interface 52:54:00:12:34:56 did not appear in 5 s' "$log" ||
	   ! grep -q 'kdump: rebooting' "$log"; then
		fail network_down "no clear error or no failure action" "$log"
	else
		pass network_down
	fi
}

# The key is not authorized on the server.
test_ssh_auth_refused() {
	authorize "$NET/admin.pub"
	image authfail "$(ssh_conf 'failure_action reboot')" "$STATIC_IP" ||
		{ fail ssh_auth_refused "kdumpctl rebuild failed" /dev/null; return; }
	log=$(crash_guest authfail)
	if ! grep -q 'Permission denied' "$log" || ! grep -q 'cannot connect or log in' "$log" ||
	   ! grep -q 'kdump: rebooting' "$log"; then
		fail ssh_auth_refused "no authentication error or no failure action" "$log"
	else
		pass ssh_auth_refused
	fi
	authorize "$NET/kdump_id_rsa.pub"
}

# The server's disk fills up: what arrived stays as vmcore-incomplete.
test_ssh_disk_full() {
	authorize "$NET/kdump_id_rsa.pub"
	mount -t tmpfs -o size=12m,mode=0755 tmpfs "$NET/dumps" || { fail ssh_disk_full "no tmpfs" /dev/null; return; }
	chown "$TUSER" "$NET/dumps"
	image full "$(ssh_conf 'core_collector makedumpfile -F -d 0')" "$STATIC_IP" ||
		{ fail ssh_disk_full "kdumpctl rebuild failed" /dev/null; umount "$NET/dumps"; return; }
	log=$(crash_guest full)
	dir=$(ls -d "$NET"/dumps/10.0.2.15-* 2>/dev/null)
	if [ -z "$dir" ] || [ ! -s "$dir/vmcore-incomplete" ] || [ -e "$dir/vmcore.flat" ]; then
		fail ssh_disk_full "expected vmcore-incomplete and no vmcore.flat: $(ls "$dir" 2>&1 | tr '\n' ' ')" "$log"
	elif ! grep -q 'the dump is incomplete' "$log" || ! grep -q 'kdump: rebooting' "$log"; then
		fail ssh_disk_full "no clear error or no failure action" "$log"
	else
		pass ssh_disk_full
	fi
	umount "$NET/dumps"
}

# The server is down: failure_action dump_to_rootfs saves on the root disk.
test_ssh_down_dump_to_rootfs() {
	stop_sshd
	RUUID=7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d
	image down "$(ssh_conf 'failure_action dump_to_rootfs
extra_modules virtio_blk crc32c_generic ext4
core_collector makedumpfile -F -l -d 31')" "$STATIC_IP" ||
		{ fail ssh_down_dump_to_rootfs "kdumpctl rebuild failed" /dev/null; start_sshd; return; }
	rm -f "$CAP/root.disk"
	truncate -s 1G "$CAP/root.disk"
	mkfs.ext4 -q -F -U "$RUUID" "$CAP/root.disk"
	log=$(ROOT_ARG="root=UUID=$RUUID rootfstype=ext4" crash_guest down \
		-drive "file=$CAP/root.disk,if=virtio,format=raw")
	start_sshd
	if ! mount -o loop "$CAP/root.disk" "$MNT"; then
		fail ssh_down_dump_to_rootfs "cannot mount the root disk" "$log"; return
	fi
	# dump_to_rootfs keeps `path`, now on the root filesystem, and the
	# line's -F (the ssh stream's): vmcore.flat, which crash reads
	dir=$(ls -d "$MNT$NET"/dumps/127.0.0.1-* 2>/dev/null)
	if ! grep -q 'cannot connect or log in' "$log"; then
		fail ssh_down_dump_to_rootfs "no connection error" "$log"
	elif check_saved ssh_down_dump_to_rootfs "$dir" vmcore.flat "$log"; then
		pass ssh_down_dump_to_rootfs
	fi
	umount "$MNT"
}

# NFSv4, the address from DHCP, the server and the fence_kdump node named
# in /etc/hosts, fence_kdump notifications meanwhile.
test_nfs_dhcp_fence() {
	start_nfs
	start_fence_listener
	printf '127.0.0.1 localhost\n10.0.2.2 dumpserver\n' > "$NET/hosts"
	HOSTS=$NET/hosts image nfs "nfs dumpserver:/export
path /dumps
$NET_MODS
fence_kdump_nodes dumpserver
fence_kdump_args -p $FENCE_PORT -i 1" "$DHCP_IP" ||
		{ fail nfs_dump "kdumpctl rebuild: $(tail -n 2 "$CAP/nfs.rebuild")" /dev/null; stop_nfs; stop_fence_listener; return; }
	log=$(crash_guest nfs)
	stop_fence_listener
	stop_nfs
	dir=$(ls -d "$NET"/export/dumps/10.0.2.15-* 2>/dev/null)
	if ! grep -q 'asking for an address by DHCP' "$log"; then
		fail nfs_dump "the capture kernel did not use DHCP" "$log"
	elif ! grep -q 'mounting dumpserver:/export (nfs4, vers=4.*addr=10.0.2.2' "$log"; then
		fail nfs_dump "dumpserver was not resolved from the image's /etc/hosts" "$log"
	elif check_saved nfs_dump "$dir" vmcore "$log"; then
		pass nfs_dump
	fi
	check_fence fence_kdump "$log"
}

# ---- reliability.sh's network cases: PASS/FAIL reliability:<case> ----

rpass() { SUITE=reliability; pass "$@"; SUITE=network; }
rfail() { SUITE=reliability; fail "$@"; SUITE=network; }

# when_console NAME TEXT PIDS SIGNAL - in the background: once guest NAME's
# console shows TEXT, send SIGNAL to the processes PIDS prints.
when_console() {
	log=$LOGS/network-$1.log
	rm -f "$log"
	( n=0
	  while ! grep -q "$2" "$log" 2>/dev/null && [ $n -lt 3000 ]; do
		sleep 0.1
		n=$((n + 1))
	  done
	  # the processes may start a moment after TEXT
	  while [ -z "$($3)" ] && [ $n -lt 3300 ]; do
		sleep 0.1
		n=$((n + 1))
	  done
	  for p in $($3); do kill "-$4" "$p"; done ) &
	WATCHER=$!
}

# The stopped capture: the deadline's message, then failure_action.
check_stopped() {
	name=$1 log=$2 what=$3
	if ! grep -q "kdump: error: $what stopped: nothing was written for 15 s (dump_stall_timeout)" "$log"; then
		rfail "$name" "no \"$what stopped\" after 15 s without progress" "$log"
	elif ! grep -q 'kdump: rebooting' "$log"; then
		rfail "$name" "failure_action (reboot) did not run" "$log"
	else
		return 0
	fi
	return 1
}

nfs_pid() { echo "$NFS_PID"; }

# The NFS server stops answering (SIGSTOP): in the middle of the dump
# (write) or before the capture kernel mounts the export (mount).
test_nfs_hung() {	# write|mount
	name=nfs_hung_$1
	start_nfs
	image nfshung "nfs 10.0.2.2:/export
path /dumps
$NET_MODS
dump_stall_timeout 15
core_collector makedumpfile -d 31" "$STATIC_IP" ||
		{ rfail "$name" "kdumpctl rebuild: $(tail -n 2 "$CAP/nfshung.rebuild")" /dev/null; stop_nfs; return; }
	if [ "$1" = write ]; then
		when_console nfshung 'kdump: collecting' nfs_pid STOP
	else
		when_console nfshung 'kdump: capture kernel: /proc/vmcore present' nfs_pid STOP
	fi
	started=$(date +%s)
	log=$(crash_guest nfshung)
	took=$(( $(date +%s) - started ))
	wait "$WATCHER"
	kill -CONT "$NFS_PID"
	stop_nfs
	dir=$(ls -d "$NET"/export/dumps/10.0.2.15-* 2>/dev/null)
	if [ "$1" = write ]; then
		if check_stopped "$name" "$log" "writing the vmcore"; then
			if [ ! -e "$dir/vmcore-incomplete" ] ||
			   ! grep -q '"status": "incomplete"' "$dir/vmcore.json" 2>/dev/null; then
				rfail "$name" "no vmcore-incomplete with an incomplete record in $dir" "$log"
			else
				rpass "$name"
			fi
		fi
	elif check_stopped "$name" "$log" "mounting the NFS export"; then
		rpass "$name"
	fi
	say "$name: the guest ran $took s"
	rm -rf "$NET"/export/dumps
}

test_nfs_hung_write() { test_nfs_hung write; }
test_nfs_hung_mount() { test_nfs_hung mount; }

# The remote end of the ssh stream stops reading (its dd gets SIGSTOP):
# sshd still answers keepalives, so only the stall deadline ends it.
remote_dd_pids() { pgrep -u "$TUSER" -f 'dd bs=1M status=none of=.*vmcore-incomplete'; }

test_ssh_stalled() {
	authorize "$NET/kdump_id_rsa.pub"
	image sshstall "$(ssh_conf 'dump_stall_timeout 15
core_collector makedumpfile -F -d 31')" "$STATIC_IP" ||
		{ rfail ssh_stalled "kdumpctl rebuild: $(tail -n 2 "$CAP/sshstall.rebuild")" /dev/null; return; }
	when_console sshstall 'kdump: collecting' remote_dd_pids STOP
	log=$(crash_guest sshstall)
	wait "$WATCHER"
	for p in $(remote_dd_pids); do kill -KILL "$p"; done
	dir=$(ls -d "$NET"/dumps/10.0.2.15-* 2>/dev/null)
	if check_stopped ssh_stalled "$log" "writing the vmcore"; then
		if [ ! -e "$dir/vmcore-incomplete" ] || [ -e "$dir/vmcore.flat" ]; then
			rfail ssh_stalled "expected only vmcore-incomplete in $dir" "$log"
		else
			rpass ssh_stalled
		fi
	fi
	rm -rf "$NET"/dumps/*
}

# check_fence NAME LOG - the listener got a fence_kdump message: magic
# 0x1B302A40, version 1, host (little-endian) byte order.
check_fence() {
	if grep -qx '402a301b01000000' "$NET/fence.log" 2>/dev/null; then
		pass "$1"
	else
		fail "$1" "no fence_kdump message received: $(head -n 3 "$NET/fence.log" 2>&1 | tr '\n' ' ')" "$2"
	fi
}

# NFSv3 when asked for (kdump.nfsvers=3): mount(2) without locking, the
# ports from the server's rpcbind; the nfsv3 module in the image.
test_nfs3() {
	start_nfs "3, 4"
	image nfs3 "nfs 10.0.2.2:/export
path /dumps3
$NET_MODS" "$STATIC_IP kdump.nfsvers=3" ||
		{ fail nfs3_dump "kdumpctl rebuild: $(tail -n 2 "$CAP/nfs3.rebuild")" /dev/null; stop_nfs; return; }
	log=$(crash_guest nfs3)
	stop_nfs
	dir=$(ls -d "$NET"/export/dumps3/10.0.2.15-* 2>/dev/null)
	if ! lsinitrd "$CAP/nfs3.img" | grep -q '/nfsv3\.ko'; then
		fail nfs3_dump "the image lacks the nfsv3 module" "$log"
	elif ! grep -q 'mounting 10.0.2.2:/export (nfs, vers=3,proto=tcp,nolock' "$log"; then
		fail nfs3_dump "the export was not mounted with NFSv3" "$log"
	elif check_saved nfs3_dump "$dir" vmcore "$log"; then
		pass nfs3_dump
	fi
}

# propagate on the host against the test sshd: a new key, installed with
# the admin key (from an agent), the host key recorded.
test_propagate() {
	rm -f "$NET/prop_key" "$NET/prop_key.pub" "$NET/prop_known"
	authorize "$NET/admin.pub"
	printf 'Host 127.0.0.1\n  Port %s\n  UserKnownHostsFile %s/prop_known\n' \
		"$SSH_PORT" "$NET" > "$NET/prop_ssh_config"
	printf 'ssh %s@127.0.0.1\nsshkey %s/prop_key\n' "$TUSER" "$NET" > "$CAP/prop.conf"
	printf 'KDUMP_SSH_CONFIG=%s/prop_ssh_config\n' "$NET" > "$CAP/prop.sysconfig"
	out=$(eval "$(ssh-agent -s)" >/dev/null; ssh-add -q "$NET/admin" 2>/dev/null
		"$BIN/kdumpctl" --config "$CAP/prop.conf" --sysconfig "$CAP/prop.sysconfig" \
			propagate < /dev/null 2>&1; echo "rc=$?"; ssh-agent -k >/dev/null)
	if ! echo "$out" | grep -q 'rc=0'; then
		fail propagate "kdumpctl propagate failed: $(echo "$out" | tr '\n' ' ')" /dev/null
	elif [ "$(stat -c %a "$NET/prop_key")" != 600 ]; then
		fail propagate "the key is not mode 0600" /dev/null
	elif ! grep -qF "$(cut -d' ' -f2 "$NET/prop_key.pub")" "$NET/home/.ssh/authorized_keys"; then
		fail propagate "the public key is not on the server" /dev/null
	elif ! grep -q "^\[127.0.0.1\]:$SSH_PORT " "$NET/prop_known"; then
		fail propagate "the host key was not recorded" /dev/null
	elif ! echo "$out" | grep -q 'the ssh target is ready'; then
		fail propagate "it does not say what it did" /dev/null
	elif ! ssh -F "$NET/prop_ssh_config" -i "$NET/prop_key" -o IdentitiesOnly=yes \
		-o BatchMode=yes "$TUSER@127.0.0.1" true </dev/null 2>/dev/null; then
		fail propagate "the new key does not log in" /dev/null
	else
		pass propagate
	fi
	authorize "$NET/kdump_id_rsa.pub"
}

# Bad network setups are refused when the image is built: a bridge with
# no port that reaches the network, a veth, a collector that cannot
# stream, contradicting NFS versions (real bonds, VLANs, bridges and
# teams: test_describe, in a Debian kernel).
test_build_time_errors() {
	printf 'ssh %s@10.0.2.2\nsshkey %s/kdump_id_rsa\ncore_collector makedumpfile -l -d 31\n' \
		"$TUSER" "$NET" > "$CAP/nostream.conf"
	out=$("$BIN/kdumpctl" --config "$CAP/nostream.conf" --sysconfig /dev/null check 2>&1)
	out2=$(unshare -n -m sh -c 'mount -t sysfs sysfs /sys && ip link set lo up &&
		ip link add br0 type bridge && ip link set br0 up &&
		ip addr add 203.0.113.2/24 dev br0 &&
		printf "nfs 203.0.113.9:/x\n" > "$1/bridge.conf" &&
		"$2" --config "$1/bridge.conf" --sysconfig /dev/null check' sh "$CAP" "$BIN/kdumpctl" 2>&1)
	out3=$(unshare -n -m sh -c 'mount -t sysfs sysfs /sys && ip link set lo up &&
		ip link add d0 type veth peer name d1 && ip link set d0 up &&
		ip addr add 192.0.2.10/24 dev d0 && ip route add default via 192.0.2.1 &&
		printf "nfs 198.51.100.7:/x\n" > "$1/veth.conf" &&
		"$2" --config "$1/veth.conf" --sysconfig /dev/null check' sh "$CAP" "$BIN/kdumpctl" 2>&1)
	printf 'nfs4 10.0.2.2:/x\n' > "$CAP/nfs4.conf"
	printf 'KDUMP_COMMANDLINE_APPEND="ip=dhcp kdump.nfsvers=3"\n' > "$CAP/nfs4.sysconfig"
	out6=$("$BIN/kdumpctl" --config "$CAP/nfs4.conf" --sysconfig "$CAP/nfs4.sysconfig" check 2>&1)
	if ! echo "$out" | grep -q 'nostream.conf:3: core_collector makedumpfile for an ssh target must stream'; then
		fail network_build_errors "no error for a non-streaming ssh collector: $out" /dev/null
	elif ! echo "$out2" | grep -q 'bridge br0 has no NIC, bond or VLAN port'; then
		fail network_build_errors "a bridge without ports was not refused: $out2" /dev/null
	elif ! echo "$out6" | grep -q 'kdump.nfsvers=3 contradicts the nfs4 target'; then
		fail network_build_errors "nfs4 with kdump.nfsvers=3 was accepted: $out6" /dev/null
	elif ! echo "$out3" | grep -q 'reached through veth d0: not supported in the capture kernel'; then
		fail network_build_errors "a veth was not refused: $out3" /dev/null
	else
		pass network_build_errors
	fi
}


# ---- the peer switch, router advertisements, DNS ----

PEER_PORT=${KDUMP_TEST_PEER_PORT:-7460}
GMAC0=52:54:00:00:bb:01
GMAC1=52:54:00:00:bb:02
# the crashing guest's two NICs, each a socket link to a peer port
PEER_NET="-netdev socket,id=n0,connect=127.0.0.1:$PEER_PORT
 -device virtio-net-pci,netdev=n0,mac=$GMAC0,speed=1000,duplex=full
 -netdev socket,id=n1,connect=127.0.0.1:$((PEER_PORT + 1))
 -device virtio-net-pci,netdev=n1,mac=$GMAC1,speed=1000,duplex=full"
PEER_MODS="extra_modules virtio_pci virtio_net bonding 8021q bridge"

peer_image() {
	[ -s "$CAP/peer.img" ] && return
	rm -rf "$WORK/root-peer"
	skeleton "$WORK/root-peer"
	cp "$QEMU_DIR/peer-init" "$WORK/root-peer/init"
	add_modules "$WORK/root-peer" virtio_pci virtio_net bonding 8021q bridge >/dev/null
	pack "$WORK/root-peer" "$CAP/peer.img"
}

# The peer's console log for MODE.
peer_log() { echo "$LOGS/network-peer-$(echo "$1" | tr ':' '-').log"; }

# start_peer MODE - the switch guest (peer-init), until it says it is ready
start_peer() {
	peer_image
	mkdir -p "$LOGS"
	PEER_LOG=$(peer_log "$1")
	: > "$PEER_LOG"
	timeout "$QEMU_TIMEOUT" qemu-system-x86_64 -accel tcg -m 256M -smp 1 -no-reboot \
		-display none -monitor none -serial "file:$PEER_LOG" \
		-kernel "$KDIR/vmlinuz" -initrd "$CAP/peer.img" \
		-append "console=ttyS0 quiet peer=$1" \
		-netdev tap,id=p0,ifname=kdpeer0,script=no,downscript=no \
		-device virtio-net-pci,netdev=p0,mac=52:54:00:00:aa:00 \
		-netdev "socket,id=p1,listen=127.0.0.1:$PEER_PORT" \
		-device virtio-net-pci,netdev=p1,mac=52:54:00:00:aa:01,speed=1000,duplex=full \
		-netdev "socket,id=p2,listen=127.0.0.1:$((PEER_PORT + 1))" \
		-device virtio-net-pci,netdev=p2,mac=52:54:00:00:aa:02,speed=1000,duplex=full \
		>/dev/null 2>&1 &
	PEER_PID=$!
	n=0
	while ! grep -q 'PEER: ready' "$PEER_LOG" && [ $n -lt 1200 ]; do
		kill -0 "$PEER_PID" 2>/dev/null || break
		sleep 0.1
		n=$((n + 1))
	done
	grep -q 'PEER: ready' "$PEER_LOG"
}

stop_peer() {
	[ -n "${PEER_PID:-}" ] && kill "$PEER_PID" 2>/dev/null && wait "$PEER_PID" 2>/dev/null
	PEER_PID=
}

# Router advertisements for fd5e:100::/64 on kdpeer0 (SLAAC), and DNS:
# dumpserver6 has an IPv6 address only.
start_dnsmasq() {
	dnsmasq --keep-in-foreground --conf-file=/dev/null --bind-interfaces \
		--interface=kdpeer0 --except-interface=lo --listen-address=fd5e:100::1 \
		--no-resolv --no-hosts --host-record=dumpserver6,fd5e:200::1 \
		--enable-ra --dhcp-range=fd5e:100::,ra-only,64,1h --ra-param=kdpeer0,10,600 \
		--pid-file="$NET/dnsmasq.pid" --log-facility="$NET/dnsmasq.log" &
	DNSMASQ_PID=$!
}

stop_dnsmasq() {
	[ -n "${DNSMASQ_PID:-}" ] && kill "$DNSMASQ_PID" 2>/dev/null && wait "$DNSMASQ_PID" 2>/dev/null
	DNSMASQ_PID=
}

# peer_crash NAME PEER-MODE [QEMU ARGS] - the peer, then the crashing guest
# with its two NICs on the peer's ports; fails when the peer does not start.
peer_crash() {
	name=$1
	start_peer "$2" || { echo "$PEER_LOG"; return; }
	shift 2
	boot "network-$name" "$CAP/$name-first.img" \
		"kdtest=crash crashkernel=${CRASHKERNEL:-256M} panic=5" $PEER_NET "$@"
	stop_peer
}

# set_link_off SOCKET DEVICE - QEMU's monitor: DEVICE's link goes down
# (its carrier, as the guest sees it) as soon as the guest starts.
set_link_off() {
	"$PY" -c '
import socket, sys, time
for _ in range(1800):
    try:
        s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); break
    except OSError:
        time.sleep(0.1)
s.sendall(("set_link %s off\n" % sys.argv[2]).encode()); time.sleep(1)
' "$1" "$2" &
}

# kdump.conf for an ssh dump to SSH_HOST (198.51.100.1) through the peer.
peer_ssh_conf() {
	printf 'ssh %s@%s\nsshkey %s/kdump_id_rsa\npath %s/dumps\n%s\n' \
		"$TUSER" "${SSH_HOST:-198.51.100.1}" "$NET" "$NET" "$PEER_MODS"
}

# peer_ssh_case NAME PEER-MODE WORDS CHECK-TEXT [QEMU ARGS] - an ssh dump to
# 198.51.100.1 through the peer; CHECK-TEXT must be in the console log.
peer_ssh_case() {
	name=$1 mode=$2 words=$3 want=$4
	shift 4
	authorize "$NET/kdump_id_rsa.pub"
	image "$name" "$(peer_ssh_conf)" "$words" ||
		{ fail "$name" "kdumpctl rebuild: $(tail -n 2 "$CAP/$name.rebuild")" /dev/null; return; }
	if [ -n "${LINK_OFF:-}" ]; then	# a NIC whose link is down
		rm -f "$CAP/mon.sock"
		set_link_off "$CAP/mon.sock" "$LINK_OFF"
		set -- "$@" -monitor "unix:$CAP/mon.sock,server,nowait"
	fi
	log=$(peer_crash "$name" "$mode" "$@")
	dir=$(ls -d "$NET/dumps/${DUMP_FROM:-198.51.100.15}"-* 2>/dev/null)
	if ! grep -q "$want" "$log"; then
		fail "$name" "the console lacks \"$want\"" "$log"
	elif check_saved "$name" "$dir" vmcore.flat "$log"; then
		pass "$name"
	fi
	rm -rf "$NET"/dumps/*
}

STATIC_BOND="ip=198.51.100.15:::24::bond0:none ifname=ens3:$GMAC0 ifname=ens4:$GMAC1"

# active-backup, primary ens3, whose link is down: the dump goes by ens4.
test_bond_slave_down() {
	LINK_OFF=n0 peer_ssh_case bond_slave_down switch \
		"$STATIC_BOND bond=bond0:ens3,ens4:mode=active-backup,miimon=100,primary=ens3" \
		'(slave eth0): Enslaving as a backup interface with a down link'
}

# 802.3ad with the peer's LACP bond, VLAN 20 on it.
test_vlan_on_bond() {
	peer_ssh_case vlan_on_bond lacp:20 \
		"ip=198.51.100.15:::24::bond0.20:none ifname=ens3:$GMAC0 ifname=ens4:$GMAC1 bond=bond0:ens3,ens4:mode=802.3ad,miimon=100,lacp_rate=fast vlan=bond0.20:bond0" \
		'VLAN bond0.20: id 20 on bond0'
	if ! grep -q 'PEER: LACP partner' "$(peer_log lacp:20)"; then
		fail vlan_on_bond_lacp "the peer's bond saw no LACP partner" "$(peer_log lacp:20)"
	else
		pass vlan_on_bond_lacp
	fi
}

# VLAN 10 on a NIC: the peer passes only frames tagged 10.
test_vlan_on_nic() {
	peer_ssh_case vlan_on_nic vlan:10 \
		"ip=198.51.100.15:::24::ens3.10:none ifname=ens3:$GMAC0 vlan=ens3.10:ens3" \
		'VLAN ens3.10: id 10 on ens3'
}

test_bridge() {
	peer_ssh_case bridge switch \
		"ip=198.51.100.15:::24::br0:none ifname=ens3:$GMAC0 bridge=br0:ens3" \
		'kdump: bridge br0'
}

# Not a test (NETWORK_ONLY=measure_ssh_bond): the footprint of an ssh
# target over an active-backup bond as kdumpctl builds it - the image's
# size and the smallest crashkernel= (8 MiB steps) that saves the dump of
# a 2 GiB guest.
measure_ssh_bond() {
	authorize "$NET/kdump_id_rsa.pub"
	image mbond "$(peer_ssh_conf)" \
		"$STATIC_BOND bond=bond0:ens3,ens4:mode=active-backup,miimon=100" ||
		die "kdumpctl rebuild: $(tail -n 2 "$CAP/mbond.rebuild")"
	say "ssh over a bond: the capture initramfs is $(stat -c %s "$CAP/mbond.img") bytes"
	lo=48 hi=256
	while [ $((hi - lo)) -gt 8 ]; do
		mid=$(( (lo + hi) / 2 / 8 * 8 ))
		[ "$mid" -le "$lo" ] && mid=$((lo + 8))
		rm -rf "$NET"/dumps/*
		log=$(GUEST_MEM=2G CRASHKERNEL=${mid}M peer_crash mbond switch)
		if grep -q 'kdump: saved ' "$log" && ls -d "$NET"/dumps/198.51.100.15-* >/dev/null 2>&1; then
			hi=$mid
		else
			lo=$mid
		fi
		say "  crashkernel=${mid}M: $([ "$hi" = "$mid" ] && echo saved || echo failed)"
	done
	say "smallest crashkernel= for an ssh dump over a bond of a 2 GiB guest: ${hi}M"
}

# IPv6: a static address, the server one hop away through a link-local
# router (the namespace, fe80::1), ssh user@[addr].
test_ipv6_static() {
	SSH_HOST='[fd5e:200::1]' DUMP_FROM=fd5e:100::15 peer_ssh_case ipv6_static switch \
		"ip=[fd5e:100::15]::[fe80::1]:64::ens3:none ifname=ens3:$GMAC0" \
		'default route via fe80::1'
}

# IPv6 autoconfiguration (dnsmasq's router advertisements), NFS to a name
# with an IPv6 address only (dnsmasq's DNS), fence_kdump -f ipv6.
test_nfs_ipv6_slaac_fence() {
	start_dnsmasq
	NFS_BIND=:: start_nfs
	FENCE_BIND=fd5e:200::1 start_fence_listener
	image nfs6 "nfs dumpserver6:/export
path /dumps6
$PEER_MODS
fence_kdump_nodes dumpserver6
fence_kdump_args -p $FENCE_PORT -i 1 -f ipv6" "ip=ens3:auto6 ifname=ens3:$GMAC0 nameserver=fd5e:100::1" ||
		{ fail nfs_ipv6 "kdumpctl rebuild: $(tail -n 2 "$CAP/nfs6.rebuild")" /dev/null
		  stop_nfs; stop_fence_listener; stop_dnsmasq; return; }
	log=$(peer_crash nfs6 switch)
	stop_fence_listener
	stop_nfs
	stop_dnsmasq
	dir=$(ls -d "$NET"/export/dumps6/fd5e:100:* 2>/dev/null)
	if ! grep -q 'waiting for an IPv6 address from a router advertisement' "$log"; then
		fail ipv6_slaac "the capture kernel did not autoconfigure" "$log"
	elif ! grep -q 'mounting dumpserver6:/export (nfs4, vers=4.*addr=fd5e:200::1' "$log"; then
		fail nfs_ipv6 "dumpserver6 was not resolved to its IPv6 address" "$log"
	elif check_saved nfs_ipv6 "$dir" vmcore "$log"; then
		pass ipv6_slaac
		pass nfs_ipv6
	fi
	check_fence fence_kdump_ipv6 "$log"
}

# NFSv3 over IPv6 (proto=tcp6, the ports from rpcbind over IPv6), a static
# address, the server behind the link-local router.
test_nfs3_ipv6() {
	NFS_BIND=:: start_nfs "3, 4"
	image nfs3v6 "nfs [fd5e:200::1]:/export
path /dumps3v6
$PEER_MODS" "ip=[fd5e:100::16]::[fe80::1]:64::ens3:none ifname=ens3:$GMAC0 kdump.nfsvers=3" ||
		{ fail nfs3_ipv6 "kdumpctl rebuild: $(tail -n 2 "$CAP/nfs3v6.rebuild")" /dev/null; stop_nfs; return; }
	log=$(peer_crash nfs3v6 switch)
	stop_nfs
	dir=$(ls -d "$NET"/export/dumps3v6/fd5e:100::16-* 2>/dev/null)
	if ! grep -q 'mounting \[fd5e:200::1\]:/export (nfs, vers=3,proto=tcp6,nolock,addr=fd5e:200::1' "$log"; then
		fail nfs3_ipv6 "the export was not mounted with NFSv3 over IPv6" "$log"
	elif check_saved nfs3_ipv6 "$dir" vmcore "$log"; then
		pass nfs3_ipv6
	fi
}

# What kdumpctl records of real bonds (every mode), VLANs, a bridge and
# IPv6 addresses (static, SLAAC), and what it refuses: kdumpctl check in a Debian kernel
# (netdescribe-init), one line a case.
test_describe() {
	rm -rf "$WORK/root-describe"
	skeleton "$WORK/root-describe"
	cp "$QEMU_DIR/netdescribe-init" "$WORK/root-describe/init"
	cp "$BIN/kdumpctl" "$WORK/root-describe/bin/kdumpctl"
	add_modules "$WORK/root-describe" virtio_pci virtio_net bonding 8021q bridge team macvlan >/dev/null
	pack "$WORK/root-describe" "$CAP/describe.img"
	log=$(boot network-describe "$CAP/describe.img" "quiet" \
		-nic user,model=virtio-net-pci,mac=52:54:00:00:cc:00 \
		-nic user,model=virtio-net-pci,mac=52:54:00:00:cc:01 \
		-nic user,model=virtio-net-pci,mac=52:54:00:00:cc:02)
	m1=52:54:00:00:cc:01 m2=52:54:00:00:cc:02
	slaves="ifname=eth1:$m1 ifname=eth2:$m2 bond=bond0:eth1,eth2"
	bond_ip="ip=192.0.2.10:::24::bond0:none"
	describe_is nic "ip=192.0.2.10::192.0.2.1:24::eth1:none ifname=eth1:$m1" "$log"
	describe_is bond-balance-rr "$bond_ip $slaves:mode=balance-rr,miimon=200" "$log"
	describe_is bond-active-backup "$bond_ip $slaves:mode=active-backup,miimon=100,primary=eth2" "$log"
	describe_is bond-balance-xor "$bond_ip $slaves:mode=balance-xor,miimon=100,xmit_hash_policy=layer3+4" "$log"
	describe_is bond-broadcast "$bond_ip $slaves:mode=broadcast,miimon=200" "$log"
	describe_is bond-802.3ad "$bond_ip $slaves:mode=802.3ad,miimon=100,xmit_hash_policy=layer2+3,lacp_rate=fast" "$log"
	describe_is bond-balance-tlb "$bond_ip $slaves:mode=balance-tlb,miimon=100,primary=eth2" "$log"
	describe_is bond-balance-alb "$bond_ip $slaves:mode=balance-alb,miimon=100,primary=eth2" "$log"
	describe_is vlan-nic "ip=198.51.100.10:::24::eth1.10:none ifname=eth1:$m1 vlan=eth1.10:eth1" "$log"
	describe_is vlan-bond "ip=198.51.100.10:::24::bond0.20:none $slaves:mode=active-backup,miimon=100 vlan=bond0.20:bond0" "$log"
	describe_is bridge "ip=203.0.113.10:::24::br0:none ifname=eth1:$m1 bridge=br0:eth1" "$log"
	describe_is ipv6 "ip=[fd5e:300::10]:::64::eth1:none ifname=eth1:$m1" "$log"
	describe_is ipv6-gateway "ip=[fd5e:300::10]::[fe80::1]:64::eth1:none ifname=eth1:$m1" "$log"
	describe_is ipv6-slaac "ip=eth1:auto6 ifname=eth1:$m1" "$log"
	describe_refused vlan-on-bridge 'VLAN br0.30 sits on bridge br0: the capture kernel sets up VLANs on a NIC or a bond only' "$log"
	describe_refused team 'team t0: a team is run by teamd, a userspace daemon' "$log"
	describe_refused macvlan 'reached through macvlan mv0: not supported in the capture kernel' "$log"
}

# describe_is CASE WORDS LOG - kdumpctl check printed exactly these words.
describe_is() {
	line=$(grep "^DESCRIBE $1: " "$3" | tr -d '\r')
	words=${line#*: }
	if [ "$words" = "$2" ]; then
		pass "describe_$1"
	else
		fail "describe_$1" "expected \"$2\", got: ${line:-nothing}" "$3"
	fi
}

describe_refused() {
	if grep "^DESCRIBE $1: " "$3" | grep -qF "$2"; then
		pass "describe_$1"
	else
		fail "describe_$1" "no refusal \"$2\": $(grep "^DESCRIBE $1: " "$3")" "$3"
	fi
}

started=$(date +%s)
make_user
make_keys
start_sshd
if [ -n "${NETWORK_ONLY:-}" ]; then
	for t in $NETWORK_ONLY; do $t; done
	exit 0
fi
test_build_time_errors
test_propagate
test_ssh_dump
test_ssh_scp
test_ssh_wrong_host_key
test_network_down
test_ssh_auth_refused
test_ssh_disk_full
test_ssh_down_dump_to_rootfs
test_nfs_dhcp_fence
test_nfs3
test_describe
test_bond_slave_down
test_vlan_on_bond
test_vlan_on_nic
test_bridge
test_ipv6_static
test_nfs_ipv6_slaac_fence
test_nfs3_ipv6
say "network tests took $(( $(date +%s) - started )) s"
