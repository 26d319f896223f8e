#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Make sure apt knows a deb-src entry for bookworm (needed by `apt-get source
# frr` and `apt-get build-dep frr`). Adds one and updates apt when none exists.
set -eu
if grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	exit 0
fi
echo "apt-deb-src: adding a deb-src entry for bookworm" >&2
cat >/etc/apt/sources.list.d/vendorguard-deb-src.sources <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
apt-get update -q >&2
