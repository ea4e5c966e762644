# dump-readers.sh - the programs that read dumps in the tests, per kernel:
# Debian 12's crash reads 6.1, Debian 13's crash (scripts/debian-tools.sh)
# 6.12, Debian 13's drgn the newer ones; the reference for vmcore-dmesg.txt
# is Debian 13's makedumpfile 1.7.6.  Sourced; needs TOP.

DEBIAN_TOOLS=$TOP/scripts/debian-tools.sh

# dump_reader KVER - crash, crash13 or drgn
dump_reader() {
	major=${1%%.*}
	minor=${1#*.}
	minor=${minor%%[!0-9]*}
	if [ "$major" -lt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -le 1 ]; }; then
		echo crash
	elif [ "$major" -eq 6 ] && [ "$minor" -le 12 ]; then
		echo crash13
	else
		echo drgn
	fi
}

# dump_open KVER VMLINUX DUMP OUT - open DUMP with KVER's reader: the
# release, the sysrq panic and its backtrace must be there (7.x inlines
# sysrq_handle_crash into __handle_sysrq).  Its output goes to OUT.
dump_open() {
	do_kver=$1 do_vmlinux=$2 do_dump=$3 do_out=$4
	case $(dump_reader "$do_kver") in
	drgn) set -- "$DEBIAN_TOOLS" drgn -q -c "$do_dump" -s "$do_vmlinux" \
		--no-default-symbols "$TOP/tests/dump_open.py" ;;
	crash13) set -- "$DEBIAN_TOOLS" crash -s -i "$do_out.cmds" "$do_vmlinux" "$do_dump" ;;
	*) set -- crash -s -i "$do_out.cmds" "$do_vmlinux" "$do_dump" ;;
	esac
	printf 'sys\nbt\nquit\n' > "$do_out.cmds"
	timeout 300 "$@" > "$do_out" 2>&1
	grep -q "RELEASE: $do_kver\$" "$do_out" &&
		grep -q 'PANIC: "*Kernel panic - not syncing: sysrq triggered crash' "$do_out" &&
		grep -q 'write_sysrq_trigger' "$do_out" &&
		grep -q 'sysrq_handle_crash\|__handle_sysrq' "$do_out"
}

# reference_dmesg DUMP OUT - makedumpfile 1.7.6's --dump-dmesg of DUMP (a
# flattened one rearranged first)
reference_dmesg() {
	rm -f "$2" "$2.dump"
	if [ "$(head -c 12 "$1")" = makedumpfile ]; then
		"$DEBIAN_TOOLS" makedumpfile -R "$2.dump" < "$1" >/dev/null 2>&1 || return 1
		set -- "$2.dump" "$2"
	fi
	"$DEBIAN_TOOLS" makedumpfile --dump-dmesg "$1" "$2" >/dev/null 2>&1
	rd_status=$?
	rm -f "$2.dump"
	return $rd_status
}
