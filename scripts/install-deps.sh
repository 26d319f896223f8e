#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Install every Debian package that building, the demo and the tests need.
# Idempotent and quick when everything is there already. Needs root.
set -eu
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export DEBIAN_FRONTEND=noninteractive

[ "$(id -u)" = 0 ] || { echo "install-deps: run as root" >&2; exit 1; }

pkgs="frr frr-pythontools libyang2-dev libyang2-tools libcmocka-dev
	libjson-c-dev python3 python3-yaml python3-pytest bird2 gobgpd exabgp
	autoconf automake libtool pkg-config make gcc dpkg-dev iproute2
	iputils-ping traceroute procps valgrind clang"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done

"$(dirname "$0")/apt-deb-src.sh"
stamp=/var/cache/vendorguard/build-dep-frr.stamp
if [ -n "$missing" ] || [ ! -f "$stamp" ]; then
	apt-get update -q
fi
if [ -n "$missing" ]; then
	echo "install-deps: installing$missing" >&2
	apt-get install -y -q --no-install-recommends $missing
fi
# Configuring FRR's source needs its build dependencies.
if [ ! -f "$stamp" ]; then
	echo "install-deps: installing FRR's build dependencies" >&2
	apt-get build-dep -y -q frr
	mkdir -p "$(dirname "$stamp")"
	touch "$stamp"
fi
