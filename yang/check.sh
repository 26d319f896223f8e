#!/bin/sh
# Validate the frr-vendorguard YANG module and its instance-data examples
# with yanglint (libyang 2).
#
#   yang/check.sh            from the source tree, or as an automake TEST
#
# Checks, one output line each:
#   module    frr-vendorguard.yang compiles with no error and no warning,
#             and also compiles when its yang-version is changed to 1.
#   frr       the module loads into one context together with the FRR
#             modules that bgpd and ospfd load (skipped when FRR's YANG
#             files are not installed; FRR_YANG_DIR overrides the place).
#   valid/*   every file is accepted.  Files named oper-*.json hold
#             configuration plus state and are validated as a full
#             datastore; all other files as configuration only (-t config),
#             which is how FRR and the NETCONF agent load configuration.
#             The file is also printed back as JSON and re-validated.
#   invalid/* every file is rejected, and yanglint's error message contains
#             the text in the matching .expect file, so that each file
#             fails for the one reason its name gives.
#
# Exit status: 0 when every expectation holds, 1 otherwise (also when
# yanglint is not installed: nothing is skipped silently).

YANGLINT=${YANGLINT:-yanglint}
FRR_YANG_DIR=${FRR_YANG_DIR:-/usr/share/yang}

here=$(cd "$(dirname "$0")" && pwd)
module="$here/frr-vendorguard.yang"
examples="$here/examples"

if ! command -v "$YANGLINT" >/dev/null 2>&1; then
	echo "FAIL yanglint not found (apt-get install libyang2-tools)"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/vg-yang-check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

failures=0
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; failures=$((failures + 1)); }

# yanglint with the module's own directory as the only search path (-D: do
# not pick up modules from the current directory).
lint() { "$YANGLINT" -D -p "$here" "$@"; }

# --- the module itself -------------------------------------------------------
if lint "$module" >"$tmp/out" 2>&1 && ! [ -s "$tmp/out" ]; then
	pass "module frr-vendorguard.yang"
else
	fail "module frr-vendorguard.yang" "$(head -n 5 "$tmp/out" | tr '\n' ' ')"
fi

# --- the same module as YANG 1.0 (the NETCONF <hello> lists 1.0 modules only) --
mkdir -p "$tmp/y10"
sed 's/^\( *\)yang-version 1\.1;/\1yang-version 1;/' "$module" \
	>"$tmp/y10/frr-vendorguard.yang"
if "$YANGLINT" -D -p "$tmp/y10" "$tmp/y10/frr-vendorguard.yang" \
	>"$tmp/out" 2>&1 && ! [ -s "$tmp/out" ]; then
	pass "module is also valid as yang-version 1"
else
	fail "module as yang-version 1" "$(head -n 3 "$tmp/out" | tr '\n' ' ')"
fi

# --- the module next to FRR's own modules (one libyang context) ---------------
# bgpd 8.4 loads filter, interface, route-map, vrf, bgp-route-map; ospfd loads
# filter, interface, route-map, vrf, ospf-route-map.
frr_mods=""
for m in frr-filter frr-interface frr-route-map frr-vrf frr-bgp-route-map \
	frr-ospf-route-map; do
	[ -f "$FRR_YANG_DIR/$m.yang" ] && frr_mods="$frr_mods $FRR_YANG_DIR/$m.yang"
done
if [ -z "$frr_mods" ]; then
	echo "SKIP frr no FRR YANG modules in $FRR_YANG_DIR"
else
	# shellcheck disable=SC2086
	if "$YANGLINT" -D -p "$FRR_YANG_DIR" -p "$here" $frr_mods "$module" \
		>"$tmp/out" 2>&1; then
		pass "frr loads with$(echo "$frr_mods" | sed 's|[^ ]*/||g; s|\.yang||g')"
	else
		fail "frr co-load" "$(head -n 5 "$tmp/out" | tr '\n' ' ')"
	fi
fi

# --- examples ---------------------------------------------------------------
data_type() {
	case "$(basename "$1")" in
	oper-*) echo data ;;
	*) echo config ;;
	esac
}

nvalid=0
for f in "$examples"/valid/*.json; do
	[ -e "$f" ] || continue
	nvalid=$((nvalid + 1))
	name="valid/$(basename "$f")"
	t=$(data_type "$f")
	if ! lint -t "$t" "$module" "$f" >"$tmp/out" 2>&1; then
		fail "$name" "rejected: $(head -n 3 "$tmp/out" | tr '\n' ' ')"
		continue
	fi
	# Print it back (canonical JSON) and validate the printout.
	if ! lint -t "$t" -f json -o "$tmp/print.json" "$module" "$f" \
		>"$tmp/out" 2>&1 ||
		! lint -t "$t" "$module" "$tmp/print.json" >"$tmp/out" 2>&1; then
		fail "$name" "printed JSON does not validate: $(head -n 3 "$tmp/out" | tr '\n' ' ')"
		continue
	fi
	pass "$name (-t $t)"
done

ninvalid=0
for f in "$examples"/invalid/*.json; do
	[ -e "$f" ] || continue
	ninvalid=$((ninvalid + 1))
	name="invalid/$(basename "$f")"
	expect_file="${f%.json}.expect"
	t=$(data_type "$f")
	if [ ! -s "$expect_file" ]; then
		fail "$name" "no $(basename "$expect_file") naming the expected error"
		continue
	fi
	expect=$(head -n 1 "$expect_file")
	if lint -t "$t" "$module" "$f" >"$tmp/out" 2>&1; then
		fail "$name" "accepted, but must be rejected ($expect)"
	elif grep -qF -- "$expect" "$tmp/out"; then
		pass "$name rejected: $(grep -m 1 'libyang err' "$tmp/out" | sed 's/^libyang err : //')"
	else
		fail "$name" "rejected for another reason: $(head -n 2 "$tmp/out" | tr '\n' ' ') (expected: $expect)"
	fi
done

[ "$nvalid" -ge 1 ] || fail "examples" "no valid examples found in $examples/valid"
[ "$ninvalid" -ge 1 ] || fail "examples" "no invalid examples found in $examples/invalid"

if [ "$failures" -ne 0 ]; then
	echo "$failures check(s) failed"
	exit 1
fi
echo "all checks passed ($nvalid valid, $ninvalid invalid examples)"
exit 0
