#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# How long bgpd takes to read K `vendor-guard` lines from its config file (-f).
# No namespaces, no zebra (-Z), no BGP listener (-p 0).  Uses the inventory that
# run.sh generated (default: $VGB_WORK/data-100000-k1000/vg_inventory.conf; generate a
# larger one with `gen.py 100000 DIR --attrib 10000`).
#
#   tests/bench/fulltable/cfgscale.sh K [INVENTORY]
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../../.." && pwd)
K=$1
INV=${2:-${VGB_WORK:-/tmp/vgb-fulltable}/data-100000-k1000/vg_inventory.conf}
MODDIR=${VG_MODULE_DIR:-$TOP/plugin/bgpd/.libs}
VTYSH=${VGB_VTYSH:-$TOP/vtysh/build/vtysh}
D=$(mktemp -d /tmp/vgb-cfgscale.XXXXXX)
{ echo "frr defaults traditional"; echo "log file $D/bgpd.log informational"; head -n "$K" "$INV"; } > "$D/bgpd.conf"
chown -R frr:frr "$D"
t0=$(date +%s.%N)
/usr/lib/frr/bgpd -d -f "$D/bgpd.conf" -i "$D/bgpd.pid" --vty_socket "$D" -Z -p 0 -P 0 \
	-M vendorguard --moduledir "$MODDIR"
P=$(cat "$D/bgpd.pid")
trap 'kill -9 $P 2>/dev/null; rm -rf "$D"' EXIT
until "$VTYSH" --vty_socket "$D" -d bgpd -c 'show bgp vendor-guard json' >/dev/null 2>&1; do
	sleep 0.1
	[ "$(echo "$(date +%s.%N) - $t0 > ${CFGSCALE_TIMEOUT:-600}" | bc)" = 1 ] && { echo "K=$K: no answer"; exit 1; }
done
t1=$(date +%s.%N)
echo "K=$(grep -c '^vendor-guard' "$D/bgpd.conf") lines: read in $(echo "$t1 - $t0" | bc) s," \
	"bgpd CPU $(awk -v hz="$(getconf CLK_TCK)" '{print ($14+$15)/hz}' /proc/$P/stat) s"
