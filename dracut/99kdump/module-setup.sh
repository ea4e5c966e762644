#!/bin/bash
# dracut module "kdump": an initramfs whose /init is kdump-init, the
# statically linked PID 1 that saves the crash dump.
#
# kdumpctl decides everything in the first kernel and hands it over in the
# environment (dracut --add kdump without it installs the defaults):
#   KDUMP_INIT     kdump-init to install as /init (/usr/lib/kdump/kdump-init)
#   KDUMP_CONF     the validated kdump.conf to install (/etc/kdump.conf)
#   KDUMP_MODULES  kernel modules to install, loaded in this order at crash
#                  time (the target's filesystem and block drivers, then
#                  extra_modules)
#   KDUMP_FILES    programs and files to install with their libraries
#                  (hooks, extra_bins)
#   KDUMP_HOOKDIRS directories of hooks to install (/etc/kdump/pre.d ...)
#   KDUMP_BUSYBOX  1 (the default) to install BusyBox as /bin/sh and udhcpc;
#                  kdumpctl says 0 when nothing needs a shell (no shell
#                  action, hooks, extra_bins or DHCP): a smaller image
#   KDUMP_STACK    the storage layers under the target (LVM volumes, MD
#                  arrays), one per line, bottom up: /etc/kdump/stack
#   KDUMP_WATCHDOG "timeout N" when the first kernel has an active hardware
#                  watchdog (its driver is in KDUMP_MODULES): kdump-init
#                  feeds it, /etc/kdump/watchdog
#   KDUMP_STAGE    a directory copied as it is into the image: the network
#                  description, the ssh key and pinned host keys (mode 0600)

# Only when asked for: it replaces /init.
check() {
    return 255
}

depends() {
    return 0
}

installkernel() {
    [ -n "$KDUMP_MODULES" ] || return 0
    # shellcheck disable=SC2086
    hostonly='' instmods $KDUMP_MODULES
}

install() {
    local init=${KDUMP_INIT:-/usr/lib/kdump/kdump-init}
    local conf=${KDUMP_CONF:-/etc/kdump.conf}
    local f d

    [ -x "$init" ] || { dfatal "kdump: $init is missing"; return 1; }
    # without its debugging information: the image is unpacked in the
    # capture kernel's small memory
    strip -o "$initdir/init" "$init" 2>/dev/null || cp -f "$init" "$initdir/init" || return 1
    chmod 0755 "$initdir/init" || return 1
    inst_simple "$conf" /etc/kdump.conf || return 1
    mkdir -p "$initdir/etc/kdump"
    printf '%s\n' $KDUMP_MODULES > "$initdir/etc/kdump/modules"
    [ -z "$KDUMP_STACK" ] || printf '%s' "$KDUMP_STACK" > "$initdir/etc/kdump/stack"
    [ -z "$KDUMP_WATCHDOG" ] || printf '%s\n' "$KDUMP_WATCHDOG" > "$initdir/etc/kdump/watchdog"

    # A shell for failure_action shell and for hooks written as scripts.
    if [ "${KDUMP_BUSYBOX:-1}" = 1 ] && [ -x /bin/busybox ]; then
        inst_simple /bin/busybox /bin/busybox
        for f in sh mount umount cat ls cp mv rm mkdir sync dmesg udhcpc; do
            [ -e "$initdir/bin/$f" ] || ln -s busybox "$initdir/bin/$f"
        done
    fi
    for f in $KDUMP_FILES; do
        inst "$f" || { dfatal "kdump: cannot install $f"; return 1; }
    done
    for d in $KDUMP_HOOKDIRS; do
        [ -d "$d" ] || continue
        inst_dir "$d"
        for f in "$d"/*; do
            [ -f "$f" ] && [ -x "$f" ] && inst "$f"
        done
    done
    if [ -n "$KDUMP_STAGE" ] && [ -d "$KDUMP_STAGE" ]; then
        cp -a "$KDUMP_STAGE/etc" "$initdir/" || return 1
    fi
    # Dumps hold secrets: nothing in the image for other users.
    chmod 0700 "$initdir/etc/kdump"
}
