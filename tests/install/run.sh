#!/bin/sh
# run.sh - `make install` and `make uninstall` into scratch DESTDIRs, the
# systemd unit, the udev rule and the man pages.  Prints one line per test:
# "PASS install:<name>", "FAIL install:<name>: <reason>", or
# "SKIP install:<name>: <reason>" when a tool it needs is missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$top/build/install-tests
rm -rf "$work"
mkdir -p "$work"

pass() { echo "PASS install:$1"; }
fail() { echo "FAIL install:$1: $2"; }
skip() { echo "SKIP install:$1: $2"; }

# The value of a "#define NAME "value"" in a header.
define_of() {	# header name
	sed -n "s/^#define $2 \"\(.*\)\".*/\1/p" "$top/$1"
}
CONF=$(define_of common/kdump_conf.h KDUMP_CONF_DEFAULT_PATH)
SYSCONF=$(define_of loader/sysconfig.h KDUMP_SYSCONFIG_DEFAULT_PATH)
DUMPDIR=$(define_of common/kdump_conf.h KDUMP_DEFAULT_DUMP_PATH)
STATEDIR=$(define_of loader/bootfiles.h KDUMP_IMAGE_DIR)

# make install/uninstall with these arguments; the output in $work/$log.
mk() {	# log target args...
	log=$1
	shift
	make -C "$top" -s --no-print-directory "$@" > "$work/$log" 2>&1
}

mode_of() { stat -c %a "$1" 2>/dev/null; }

# Every file install puts, "mode path source" (source "-": a directory).
expected() {	# prefix
	p=${1#/}
	echo "755 $p/sbin/kdumpctl build/bin/kdumpctl"
	echo "755 $p/sbin/kdump-collect build/bin/kdump-collect"
	echo "755 $p/lib/kdump/kdump-init build/bin/kdump-init"
	for f in "$top"/dracut/99kdump/*; do
		echo "755 $p/lib/dracut/modules.d/99kdump/${f##*/} dracut/99kdump/${f##*/}"
	done
	echo "644 $p/lib/systemd/system/kdump.service conf/kdump.service"
	echo "644 $p/lib/udev/rules.d/98-kdump.rules conf/98-kdump.rules"
	for f in "$top"/man/*.[1-8]; do
		echo "644 $p/share/man/man${f##*.}/${f##*/} man/${f##*/}"
	done
	echo "644 ${CONF#/} conf/kdump.conf"
	echo "644 ${SYSCONF#/} conf/kdump.sysconfig"
	echo "700 ${STATEDIR#/} -"
	echo "700 ${DUMPDIR#/} -"
}

# Check a DESTDIR against expected(); the first problem on stdout.  The
# administrator's file (optional) may differ, and have a .new beside it.
check_tree() {	# destdir prefix [admin-file]
	admin=${3:-/none}
	expected "$2" > "$work/expected"
	while read -r mode path src; do
		f=$1/$path
		if [ "/$path" = "$admin" ]; then
			[ -f "$f" ] || { echo "/$path: missing"; return; }
			continue
		elif [ "$src" = - ]; then
			[ -d "$f" ] || { echo "/$path: no directory"; return; }
		elif [ ! -f "$f" ]; then
			echo "/$path: missing"
			return
		elif [ "${path##*/}" != kdump.service ] && ! cmp -s "$top/$src" "$f"; then
			echo "/$path differs from $src"
			return
		fi
		m=$(mode_of "$f")
		[ "$m" = "$mode" ] || { echo "/$path: mode $m, not $mode"; return; }
	done < "$work/expected"
	# and nothing else
	{ awk '$3 != "-" { print $2 }' "$work/expected"
	  [ ! -e "$1$admin.new" ] || echo "${admin#/}.new"; } | sort > "$work/want"
	(cd "$1" && find . -type f | sed 's|^\./||' | sort) > "$work/got"
	extra=$(comm -13 "$work/want" "$work/got" | tr '\n' ' ')
	[ -z "$extra" ] || echo "unexpected files: $extra"
}

# ---- make install ------------------------------------------------------

D=$work/root
if ! mk install1.log install DESTDIR="$D"; then
	fail files "make install failed: $(tail -n 3 "$work/install1.log" | tr '\n' ' ')"
else
	why=$(check_tree "$D" /usr)
	if [ -n "$why" ]; then
		fail files "$why"
	elif ! cmp -s "$top/conf/kdump.service" "$D/usr/lib/systemd/system/kdump.service"; then
		fail files "with PREFIX=/usr the unit differs from conf/kdump.service"
	else
		pass files
	fi
fi

# The paths the programs use find what install put: the dracut module's
# and kdumpctl's default kdump-init, and the unit's programs.
test_paths() {
	init=$(sed -n 's/.*KDUMP_INIT:-\([^}]*\)}.*/\1/p' "$top/dracut/99kdump/module-setup.sh")
	unit=$D/usr/lib/systemd/system/kdump.service
	if [ -z "$init" ] || [ ! -x "$D$init" ]; then
		fail paths "the dracut module's default kdump-init \"$init\" is not installed"
	elif ! grep -q "\"$init\"" "$top/loader/image.c"; then
		fail paths "loader/image.c does not fall back to $init"
	elif ! grep -qx "Environment=KDUMP_INIT=$init" "$unit"; then
		fail paths "the unit does not set KDUMP_INIT=$init"
	else
		for p in $(sed -n 's/^Exec[A-Za-z]*=-\{0,1\}\([^ ]*\).*/\1/p' "$unit"); do
			[ -x "$D$p" ] || { fail paths "the unit runs $p, which is not installed"; return; }
		done
		pass paths
	fi
}
test_paths

# Another PREFIX: programs, unit and man pages move; the configuration
# stays where the binaries look for it.
L=$work/local
if ! mk install-local.log install DESTDIR="$L" PREFIX=/usr/local; then
	fail prefix "make install PREFIX=/usr/local failed: $(tail -n 3 "$work/install-local.log" | tr '\n' ' ')"
else
	why=$(check_tree "$L" /usr/local)
	unit=$L/usr/local/lib/systemd/system/kdump.service
	if [ -n "$why" ]; then
		fail prefix "$why"
	elif ! grep -qx 'ExecStart=/usr/local/sbin/kdumpctl start' "$unit" ||
	     ! grep -qx 'ExecStop=/usr/local/sbin/kdumpctl stop' "$unit" ||
	     ! grep -qx 'ExecReload=/usr/local/sbin/kdumpctl reload' "$unit"; then
		fail prefix "the unit does not run /usr/local/sbin/kdumpctl: $(grep '^Exec' "$unit" | tr '\n' ' ')"
	elif ! grep -qx 'Environment=KDUMP_INIT=/usr/local/lib/kdump/kdump-init' "$unit"; then
		fail prefix "the unit's KDUMP_INIT is not /usr/local/lib/kdump/kdump-init"
	elif grep -q '/usr/sbin\|/usr/lib/kdump' "$unit"; then
		fail prefix "the unit still names /usr: $(grep '/usr/sbin\|/usr/lib/kdump' "$unit" | tr '\n' ' ')"
	else
		pass prefix
	fi
fi

# An existing dump directory keeps its mode.
E=$work/existing
mkdir -p "$E$DUMPDIR"
chmod 1777 "$E$DUMPDIR"
if ! mk install-existing.log install DESTDIR="$E"; then
	fail dump-dir-kept "make install failed"
elif [ "$(mode_of "$E$DUMPDIR")" != 1777 ]; then
	fail dump-dir-kept "$DUMPDIR was changed to mode $(mode_of "$E$DUMPDIR")"
else
	pass dump-dir-kept
fi

# ---- the administrator's configuration ---------------------------------

# A changed kdump.conf survives a second install, which puts the shipped
# one next to it as .new and says so; an unchanged file gets no .new.
test_keep_config() {
	c=$D$CONF
	[ -f "$c" ] || { fail keep-config "no $CONF to change"; return; }
	echo "path /srv/crash   # the administrator's" >> "$c"
	chmod 0600 "$c"
	cp "$c" "$work/admin.conf"
	if ! mk install2.log install DESTDIR="$D"; then
		fail keep-config "the second make install failed: $(tail -n 3 "$work/install2.log" | tr '\n' ' ')"
	elif ! cmp -s "$work/admin.conf" "$c"; then
		fail keep-config "$CONF was overwritten"
	elif [ "$(mode_of "$c")" != 600 ]; then
		fail keep-config "the mode of $CONF was changed to $(mode_of "$c")"
	elif ! cmp -s "$top/conf/kdump.conf" "$c.new"; then
		fail keep-config "$CONF.new is missing or not the shipped file"
	elif [ "$(mode_of "$c.new")" != 644 ]; then
		fail keep-config "$CONF.new has mode $(mode_of "$c.new")"
	elif ! grep -q "$CONF.new" "$work/install2.log"; then
		fail keep-config "make install did not say where the new file went"
	elif [ -e "$D$SYSCONF.new" ]; then
		fail keep-config "an unchanged $SYSCONF got a $SYSCONF.new"
	elif ! cmp -s "$top/conf/kdump.sysconfig" "$D$SYSCONF"; then
		fail keep-config "$SYSCONF changed"
	else
		pass keep-config
	fi
}
test_keep_config

# A third install with the same changed file leaves things as they are.
if ! mk install3.log install DESTDIR="$D"; then
	fail reinstall "the third make install failed"
elif ! cmp -s "$work/admin.conf" "$D$CONF" || ! cmp -s "$top/conf/kdump.conf" "$D$CONF.new"; then
	fail reinstall "$CONF or $CONF.new changed"
else
	why=$(check_tree "$D" /usr "$CONF")
	[ -z "$why" ] && pass reinstall || fail reinstall "$why"
fi

# ---- make uninstall ----------------------------------------------------

# Removes every file install put, keeps the configuration (changed or
# not), the dump directory and the images kdumpctl built; drops a .new
# that is the shipped file.
test_uninstall() {
	dir=$1 name=$2
	if ! mk "uninstall-$name.log" uninstall DESTDIR="$dir"; then
		fail "$name" "make uninstall failed: $(tail -n 3 "$work/uninstall-$name.log" | tr '\n' ' ')"
		return
	fi
	left=$(cd "$dir" && find . -type f | sed 's|^\./|/|' | sort | tr '\n' ' ')
	want=$(printf '%s\n' "$CONF" "$SYSCONF" $3 | sort | tr '\n' ' ')
	if [ "$left" != "$want" ]; then
		fail "$name" "left \"$left\", expected \"$want\""
	elif [ ! -d "$dir$DUMPDIR" ]; then
		fail "$name" "$DUMPDIR was removed"
	elif ! grep -q "kept $CONF" "$work/uninstall-$name.log"; then
		fail "$name" "make uninstall did not say it kept $CONF"
	else
		pass "$name"
	fi
}
test_uninstall "$D" uninstall ""
if ! cmp -s "$work/admin.conf" "$D$CONF"; then
	fail uninstall-keeps-admin-conf "the administrator's $CONF changed"
else
	pass uninstall-keeps-admin-conf
fi
if [ -d "$D$STATEDIR" ]; then
	fail uninstall-statedir "the empty $STATEDIR was not removed"
else
	pass uninstall-statedir
fi
# With an image kdumpctl built: it stays, and so does its directory.
touch "$E$STATEDIR/initramfs-test.img"
test_uninstall "$E" uninstall-keeps-images "$STATEDIR/initramfs-test.img"

# ---- the systemd unit --------------------------------------------------

u=$top/conf/kdump.service
why=
for line in 'Type=oneshot' 'RemainAfterExit=yes' \
	    'ExecStart=/usr/sbin/kdumpctl start' 'ExecStop=/usr/sbin/kdumpctl stop' \
	    'ExecReload=/usr/sbin/kdumpctl reload' 'Wants=network-online.target' \
	    'WantedBy=multi-user.target'; do
	grep -qx "$line" "$u" || why="$why no \"$line\";"
done
for t in local-fs.target remote-fs.target network-online.target; do
	grep -q "^After=.*$t" "$u" || why="$why not After=$t;"
done
grep -q '^ConditionKernelCommandLine' "$u" &&
	why="$why a ConditionKernelCommandLine would hide the missing-crashkernel error;"
[ -z "$why" ] && pass unit-content || fail unit-content "$why"

# systemd-analyze verify on the unit as installed, its paths moved into the
# DESTDIR, with the installed man pages for Documentation=.
if ! command -v systemd-analyze > /dev/null; then
	skip unit-verify "systemd-analyze is not installed"
else
	V=$work/verify
	if ! mk install-verify.log install DESTDIR="$V"; then
		fail unit-verify "make install failed"
	else
		sed "s|/usr/|$V/usr/|g" "$V/usr/lib/systemd/system/kdump.service" > "$work/kdump.service"
		if MANPATH=$V/usr/share/man SYSTEMD_LOG_LEVEL=notice \
		   systemd-analyze verify "$work/kdump.service" > "$work/verify.out" 2>&1 &&
		   [ ! -s "$work/verify.out" ]; then
			pass unit-verify
		else
			fail unit-verify "$(tr '\n' ' ' < "$work/verify.out")"
		fi
	fi
fi

# ---- the udev rule -----------------------------------------------------

r=$top/conf/98-kdump.rules

# Syntax: comma-separated KEY[{attr}]OP"value" pairs, match keys with ==
# or !=, the others assigned; every GOTO has its LABEL; RUN is absolute.
awk '
function bad(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg; errors++ }
/^[ \t]*(#|$)/ { next }
{
	line = $0
	while (line != "") {
		sub(/^[ \t]+/, "", line)
		if (!match(line, /^[A-Z]+(\{[^}]*\})?[ \t]*(==|!=|\+=|-=|:=|=)[ \t]*"[^"]*"/)) {
			bad("not KEY op \"value\": " line); break
		}
		pair = substr(line, 1, RLENGTH)
		line = substr(line, RLENGTH + 1)
		sub(/^[ \t]+/, "", line)
		if (line != "" && sub(/^,/, "", line) != 1) { bad("missing comma before: " line); break }
		key = pair; sub(/[{ \t=!+:-].*/, "", key)
		op = pair; sub(/^[^=!+:-]*/, "", op); sub(/[ \t]*".*/, "", op)
		value = pair; sub(/^[^"]*"/, "", value); sub(/"$/, "", value)
		if (key ~ /^(ACTION|SUBSYSTEM|SUBSYSTEMS|KERNEL|KERNELS|DEVPATH|DRIVER|DRIVERS|ATTR|ATTRS|ENV|TEST|PROGRAM|RESULT|TAG|TAGS|NAME|SYMLINK)$/) {
			if (key !~ /^(ATTR|ENV|NAME|SYMLINK|TAG)$/ && op != "==" && op != "!=") bad(key " needs == or !=")
		} else if (key ~ /^(GOTO|LABEL)$/) {
			if (op != "=") bad(key " takes =")
			if (key == "GOTO") gotos[value] = FNR; else labels[value] = FNR
		} else if (key == "RUN") {
			if (op != "+=" && op != "=") bad("RUN takes += or =")
			if (value !~ /^\//) bad("RUN needs an absolute path: " value)
		} else if (key != "IMPORT" && key != "OPTIONS") {
			bad("unknown key " key)
		}
	}
}
END {
	for (g in gotos) if (!(g in labels)) { printf "%s:%d: GOTO \"%s\" has no LABEL\n", FILENAME, gotos[g], g; errors++ }
	exit errors > 0
}' "$r" > "$work/rule-syntax.out" 2>&1
if [ $? -ne 0 ] || [ -s "$work/rule-syntax.out" ]; then
	fail udev-rule-syntax "$(tr '\n' ' ' < "$work/rule-syntax.out")"
else
	pass udev-rule-syntax
fi

# udevadm verify (systemd 253 and later).
if command -v udevadm > /dev/null && udevadm verify --help > /dev/null 2>&1; then
	if udevadm verify "$r" > "$work/verify-rule.out" 2>&1; then
		pass udev-verify
	else
		fail udev-verify "$(tr '\n' ' ' < "$work/verify-rule.out")"
	fi
else
	skip udev-verify "this udevadm has no verify command (systemd 253 and later)"
fi

# What the rule does: the events that must restart kdump, and those that
# must not, when the kernel does not update the elfcorehdr itself.
restart_cmd="RUN+=\"/bin/systemctl --no-block try-restart kdump.service\""
why=
grep -qxF "$restart_cmd" "$r" || why="no $restart_cmd;"
end=$(sed -n 's/^ATTRS{crash_hotplug}=="1", GOTO="\([^"]*\)"$/\1/p' "$r")
if [ -z "$end" ]; then
	why="$why no ATTRS{crash_hotplug}==\"1\" skip;"
else
	skip_line=$(grep -n 'ATTRS{crash_hotplug}=="1"' "$r" | cut -d: -f1)
	run_line=$(grep -nF "$restart_cmd" "$r" | cut -d: -f1)
	label_line=$(grep -nx "LABEL=\"$end\"" "$r" | cut -d: -f1)
	if [ -z "$run_line" ] || [ -z "$label_line" ] ||
	   [ "$skip_line" -gt "$run_line" ] || [ "$label_line" -lt "$run_line" ]; then
		why="$why the crash_hotplug skip does not jump over the restart;"
	fi
fi
[ -z "$why" ] && pass udev-rule-content || fail udev-rule-content "$why"

# Simulated events with udevadm test, with only this rule (a private mount
# namespace hides the system's rules; udevadm test runs no RUN program).
simulate() {	# action syspath
	unshare -m sh -c '
		for d in /usr/lib/udev/rules.d /lib/udev/rules.d /etc/udev/rules.d \
			 /run/udev/rules.d /usr/local/lib/udev/rules.d; do
			[ -d "$d" ] && { mount -t tmpfs none "$d" || exit 1; }
		done
		cp "$0" /etc/udev/rules.d/ && udevadm test --action="$1" "$2"' "$r" "$1" "$2" 2>&1
}
cpu=$(ls -d /sys/devices/system/cpu/cpu[0-9]* 2>/dev/null | head -n 1)
mem=$(ls -d /sys/devices/system/memory/memory[0-9]* 2>/dev/null | head -n 1)
if [ "$(id -u)" != 0 ] || ! command -v unshare > /dev/null || ! command -v udevadm > /dev/null; then
	skip udev-events "needs root, unshare and udevadm"
elif [ -z "$cpu" ] || ! simulate change "$cpu" > "$work/sim.out" 2>&1 ||
     ! grep -q 98-kdump.rules "$work/sim.out"; then
	skip udev-events "udevadm test cannot run here: $(tail -n 2 "$work/sim.out" 2>/dev/null | tr '\n' ' ')"
else
	why=
	for ev in "cpu add" "cpu remove" "cpu online" "cpu change" \
		  "memory online" "memory offline" "memory add" "memory change"; do
		set -- $ev
		dev=$cpu
		[ "$1" = memory ] && dev=$mem
		[ -n "$dev" ] || continue
		case "$ev" in
		"cpu add"|"cpu remove"|"memory online"|"memory offline") want=1 ;;
		*) want=0 ;;
		esac
		# The kernel keeps the elfcorehdr current: no restart.
		[ "$(cat "/sys/devices/system/$1/crash_hotplug" 2>/dev/null)" = 1 ] && want=0
		simulate "$2" "$dev" > "$work/sim.out" 2>&1
		if grep -qi 'invalid\|error' "$work/sim.out"; then
			why="$why $ev: $(grep -i 'invalid\|error' "$work/sim.out" | head -n 1);"
		fi
		got=0
		grep -qx "run: '/bin/systemctl --no-block try-restart kdump.service'" "$work/sim.out" && got=1
		[ "$got" = "$want" ] || why="$why $ev: restart $got, expected $want;"
	done
	[ -z "$why" ] && pass udev-events || fail udev-events "$why"
fi

# ---- man pages ---------------------------------------------------------

for page in "$top"/man/*.[1-8]; do
	name=man-${page##*/}
	if ! command -v groff > /dev/null; then
		skip "$name" "groff is not installed"
		continue
	fi
	out=$(groff -man -ww -z "$page" 2>&1)
	if [ $? -ne 0 ] || [ -n "$out" ]; then
		fail "$name" "groff: $(echo "$out" | head -n 3 | tr '\n' ' ')"
		continue
	fi
	if command -v man > /dev/null; then
		out=$(LC_ALL=C MANROFFSEQ='' man --warnings -l -Tutf8 "$page" 2>&1 > /dev/null)
		if [ $? -ne 0 ] || [ -n "$out" ]; then
			fail "$name" "man: $(echo "$out" | head -n 3 | tr '\n' ' ')"
			continue
		fi
	fi
	pass "$name"
done

# The man pages document what the code accepts.  Text with roff's \- as -.
plain() { sed 's/\\-/-/g; s/\\f[BIRP]//g' "$top/man/$1"; }
# The tags of a page's .TP paragraphs: what an entry documents.
tags() { plain "$1" | awk 'tp { print; tp = 0 } /^\.TP/ { tp = 1 }'; }

# kdumpctl.8: every verb main() knows (and those of the service), every
# long option, every sysconfig variable, the exit statuses.
tags kdumpctl.8 > "$work/kdumpctl.txt"
why=
verbs=$(sed -n 's/.*strcmp(verb, "\([^"]*\)").*/\1/p' "$top/loader/kdumpctl.c")
for v in $verbs check status start stop restart reload rebuild propagate \
	 estimate showmem get-default-crashkernel reset-crashkernel test load \
	 unload exec list; do
	grep -q "^\.B $v\$" "$work/kdumpctl.txt" || why="$why verb $v;"
done
for o in $(sed -n 's/^[ \t]*{ "\([a-z-]*\)", [a-z_]*_argument.*/\1/p' "$top/loader/kdumpctl.c") \
	 force; do
	grep -Eq -- "^\.B[IR]? (.* )?--$o( |$)" "$work/kdumpctl.txt" ||
		why="$why option --$o;"
done
grep -q -- '^\.BR -p ", " --crash' "$work/kdumpctl.txt" || why="$why option -p;"
grep -q -- '^\.BR -v ", " --verbose' "$work/kdumpctl.txt" || why="$why option -v;"
vars=$(sed -n 's/^[ \t]*VARC\{0,1\}("\([A-Z_]*\)".*/\1/p' "$top/loader/sysconfig.c")
[ -z "$vars" ] && why="$why no variables found in loader/sysconfig.c;"
for var in $vars; do
	grep -q "$var" "$work/kdumpctl.txt" || why="$why variable $var;"
done
for s in 0 1 2 3; do
	plain kdumpctl.8 | sed -n '/^\.SH EXIT STATUS/,/^\.SH/p' | grep -qx "\.B $s" ||
		why="$why exit status $s;"
done
[ -z "$verbs" ] && why="$why no verbs found in loader/kdumpctl.c;"
[ -z "$why" ] && pass man-kdumpctl-complete || fail man-kdumpctl-complete "undocumented:$why"

# kdump.conf.5: every directive of the parser's table, the dump directory
# and its files.
# (the filesystem types are listed in the text of the <fstype> entry)
{ tags kdump.conf.5; plain kdump.conf.5 | sed -n '/^\.IR fstype " " device/,/^\.TP/p' |
  grep '^\.BR\{0,1\} [a-z0-9]* *[,;]\{0,1\}$'; } > "$work/kdump.conf.tags"
plain kdump.conf.5 > "$work/kdump.conf.txt"
why=
directives=$(sed -n 's/^[ \t]*{ "\([a-z0-9_]*\)", dir_.*/\1/p' "$top/common/kdump_conf_directives.c")
for d in $directives; do
	grep -Eq "^\.B[IR]? \"?$d([ \",]|$)" "$work/kdump.conf.tags" || why="$why directive $d;"
done
for w in vmcore-incomplete vmcore.flat vmcore-dmesg.txt kexec-dmesg.log \
	 YYYY-MM-DD-HH:MM:SS 127.0.0.1 "$DUMPDIR" \
	 "$(define_of common/kdump_conf.h KDUMP_DEFAULT_SSHKEY)" \
	 "$(define_of common/kdump_conf.h KDUMP_DEFAULT_COLLECTOR)" \
	 "$(define_of common/kdump_conf.h KDUMP_DEFAULT_COLLECTOR_FLAT)"; do
	grep -qF -- "$w" "$work/kdump.conf.txt" || why="$why \"$w\";"
done
[ "$(echo "$directives" | wc -w)" -ge 30 ] || why="$why only $(echo "$directives" | wc -w) directives found in common/kdump_conf_directives.c;"
[ -z "$why" ] && pass man-kdump.conf-complete || fail man-kdump.conf-complete "undocumented:$why"

# kdump-collect.8: every option collector/options.c parses.
tags kdump-collect.8 > "$work/kdump-collect.txt"
why=
shorts=$(sed -n '/^static int short_option/,/^}/s/.*case '"'"'\(.\)'"'"':.*/\1/p' "$top/collector/options.c")
for o in $shorts d; do
	grep -Eq -- "^\.B[IR]? -$o( |$)" "$work/kdump-collect.txt" || why="$why -$o;"
done
longs=$(grep -o '"--[a-z][a-z-]*"' "$top/collector/options.c" | tr -d '"' | sort -u)
for o in $longs --help; do
	grep -Eq -- "^\.B[IR]? ([^ ]+ \", \" )?$o( |$)" "$work/kdump-collect.txt" || why="$why $o;"
done
[ -z "$shorts" ] || [ -z "$longs" ] && why="$why no options found in collector/options.c;"
[ -z "$why" ] && pass man-kdump-collect-complete || fail man-kdump-collect-complete "undocumented:$why"

exit 0
