#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
#
# Full-table convergence benchmark: bgpd without the module, with vendorguard in monitor
# mode, and with ~10% of the table sensitive under demote; then revalidation after a
# vendor is flagged at run time.  Prints figures; never fails on timing.
#
#   tests/bench/fulltable/run.sh [N]        (default N=1000000; N=100000 for a quick run)
#
# Needs root (network namespaces), Debian's frr and bird2 packages, the module built
# (`make -s` at the top; VG_MODULE_DIR defaults to plugin/bgpd/.libs) and the module's
# vtysh (vtysh/build/vtysh).  See README.md in this directory.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$HERE/../../.." && pwd)
N=${1:-1000000}
export VG_MODULE_DIR=${VG_MODULE_DIR:-$TOP/plugin/bgpd/.libs}
export VGB_VTYSH=${VGB_VTYSH:-$TOP/vtysh/build/vtysh}
export VGB_WORK=${VGB_WORK:-/tmp/vgb-fulltable}
PY=/usr/bin/python3

[ "$(id -u)" = 0 ] || { echo "run.sh: needs root (network namespaces)" >&2; exit 2; }
for f in /usr/lib/frr/bgpd /usr/lib/frr/zebra /usr/sbin/bird /usr/sbin/birdcl "$VGB_VTYSH" \
	"$VG_MODULE_DIR/bgpd_vendorguard.so"; do
	[ -e "$f" ] || { echo "run.sh: missing $f" >&2; exit 2; }
done
mkdir -p "$VGB_WORK"

cleanup() { "$PY" "$HERE/bench.py" teardown; }
trap cleanup EXIT
trap 'exit 130' INT TERM

"$PY" "$HERE/bench.py" run "$N" 2>&1 | tee "$VGB_WORK/run-$N.log"
exit "${PIPESTATUS[0]}"
