#!/bin/sh
# debian-apt.sh SUITE apt-get|apt-cache ARGS... - run apt on the lists of
# another Debian suite (trixie, trixie-backports) without touching this
# machine's apt configuration: a private state, lists and cache under
# ${KDUMP_CACHE:-~/.cache/kdump}/apt/SUITE, Debian's keys of this machine.
# The lists are fetched once a day.  SUITE "host" (or the machine's own
# suite) runs the machine's apt as it is.
set -eu

suite=${1:?usage: debian-apt.sh SUITE apt-get|apt-cache ARGS...}
tool=${2:?usage: debian-apt.sh SUITE apt-get|apt-cache ARGS...}
shift 2
case $tool in
apt-get|apt-cache) ;;
*) echo "kdump: error: debian-apt.sh: $tool is not apt-get or apt-cache" >&2; exit 2 ;;
esac
host=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
if [ "$suite" = host ] || [ "$suite" = "$host" ]; then
	exec "$tool" "$@"
fi
case $suite in
*[!a-z0-9-]*|'') echo "kdump: error: debian-apt.sh: bad suite name '$suite'" >&2; exit 2 ;;
esac

mirror=${KDUMP_MIRROR:-$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' \
	/etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)}
mirror=${mirror:-http://deb.debian.org/debian}
state=${KDUMP_CACHE:-$HOME/.cache/kdump}/apt/$suite
mkdir -p "$state/etc/apt.conf.d" "$state/etc/preferences.d" "$state/etc/sources.list.d" \
	"$state/lib/lists/partial" "$state/cache/archives/partial"
echo "deb $mirror $suite main" > "$state/etc/sources.list"
# run TOOL ARGS... - TOOL with the private state
run() {
	t=$1
	shift
	"$t" -o Dir::State="$state/lib" -o Dir::State::status=/dev/null \
		-o Dir::Cache="$state/cache" -o Dir::Etc::SourceList="$state/etc/sources.list" \
		-o Dir::Etc::SourceParts="$state/etc/sources.list.d" \
		-o Dir::Etc::Preferences="$state/etc/preferences" \
		-o Dir::Etc::PreferencesParts="$state/etc/preferences.d" \
		-o APT::Get::List-Cleanup=0 -o Debug::NoLocking=1 "$@"
}

# the lists: once a day, under a lock (concurrent test scripts)
stamp=$state/updated
exec 9> "$state/.lock"
flock 9
if [ -z "$(find "$stamp" -mmin -1440 2>/dev/null)" ]; then
	echo "kdump: fetching the $suite package lists" >&2
	run apt-get -q update >"$state/update.log" 2>&1 ||
		{ tail -n 5 "$state/update.log" >&2
		  echo "kdump: error: apt-get update for $suite failed" >&2; exit 1; }
	touch "$stamp"
fi
exec 9>&-
run "$tool" "$@"
