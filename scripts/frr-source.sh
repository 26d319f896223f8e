#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Prepare the FRR source tree that matches the installed `frr` package exactly,
# and print its path on stdout.
#
# The tree is fetched with `apt-get source frr` (adding a deb-src entry when
# the machine has none), which unpacks it with Debian's patches applied. It is
# configured with the flags of debian/rules (by running the package's own
# override_dh_auto_configure target, so the flags can never drift), and only
# what a module needs is built: generated headers, clippy, and the inputs of
# vtysh (vtysh_daemons.h, vtysh_clippy.c, extract.pl).
#
# The result is cached per package version under $VG_FRR_CACHE (default
# /var/cache/vendorguard); a later call returns at once. All progress goes to
# stderr so that callers can capture the path.
set -eu

log() { echo "frr-source: $*" >&2; }
die() { log "error: $*"; exit 1; }

# Debian's tools, not a pyenv or other python3 that may come first in PATH:
# FRR's configure and clippy must see Debian's python3 with its sphinx/dev files.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

debver=$(dpkg-query -W -f='${Version}' frr 2>/dev/null) ||
	die "the frr package is not installed (apt-get install frr)"
upver=${debver%%-*}
cache=${VG_FRR_CACHE:-/var/cache/vendorguard}
top="$cache/frr-$debver"
src="$top/frr-$upver"
stamp="$src/.vendorguard-ready"

mkdir -p "$top"
exec 9>"$top/.lock"
flock 9

if [ -f "$stamp" ]; then
	echo "$src"
	exit 0
fi

"$(dirname "$0")/apt-deb-src.sh"

rm -rf "$src"
log "fetching frr=$debver source"
(cd "$top" && apt-get source -q "frr=$debver" >&2) ||
	die "apt-get source frr=$debver failed"
[ -d "$src" ] || die "apt-get source did not unpack $src"

# dpkg-source applies debian/patches on unpack; check that it did.
if [ -s "$src/debian/patches/series" ]; then
	for p in $(grep -v '^#' "$src/debian/patches/series"); do
		grep -qx "$p" "$src/.pc/applied-patches" ||
			die "Debian patch $p was not applied"
	done
fi

log "configuring with the flags of debian/rules"
(
	cd "$src"
	./bootstrap.sh >&2
	DEB_HOST_MULTIARCH=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
	export DEB_HOST_MULTIARCH
	debian/rules override_dh_auto_configure >"$src/.vendorguard-configure.log" 2>&1 ||
		{ tail -20 "$src/.vendorguard-configure.log" >&2; exit 1; }
	log "building generated headers, clippy and vtysh inputs"
	make -j"$(nproc)" lib/route_types.h lib/version.h lib/clippy \
		vtysh/vtysh_daemons.h vtysh/extract.pl vtysh/vtysh_clippy.c >&2
) || die "preparing $src failed"

touch "$stamp"
echo "$src"
