# SPDX-License-Identifier: GPL-2.0-or-later
"""IPv4 and IPv6 in one sensitive set, with ge/le (spec §1, §4).

topologies/enforce-diamond is dual-stack: b4 originates 203.0.113.0/24 and
2001:db8:203::/48 (h1: 203.0.113.10, 2001:db8:203::10) plus the IPv6
2001:db8:280::/41 (inside 2001:db8:200::/40, not covering h1), over separate IPv4 and IPv6 sessions to r2
(huawei, flagged) and r3 (cisco, clean); r1 prefers r2 without the module.

The set `government` holds `203.0.112.0/23 ge 24 le 24` and
`2001:db8:200::/40 ge 48 le 64`, action demote:
  * 203.0.113.0/24 and 2001:db8:203::/48 match and are steered: r1's kernel
    FIB goes via r3 (10.0.13.2; for IPv6 r3's link-local on eth2), ping and
    traceroute from h0 cross r3 and not r2, both compliant;
  * 2001:db8:280::/41 (shorter than ge 48) and 203.0.112.0/23 itself are not
    in the set: not tracked, still via r2 (eth1);
  * flagging cisco with action withhold removes both sensitive prefixes from
    r1's FIB (both withheld), the /40 stays.
"""
from enforce_helpers import (GOV, OTHER, R2, R3, H1, LP, poll, fib, fib_gw, wait_state, bgp_paths,
                             best, path_from, traceroute_hops, ping_ok, up)

GOV6 = "2001:db8:203::/48"
AGG6 = "2001:db8:280::/41"      # originated; outside "ge 48"
SET6 = "2001:db8:200::/40"
R2_6, R3_6 = "fd00:12::2", "fd00:13::2"
H1_6 = "2001:db8:203::10"


# ------------------------------------------------------------------ helpers
def fib_devs(t, node, pfx):
    return {r.get("dev") for r in fib(t, node, pfx)}


def traceroute6_hops(t, src, dst):
    r = t.exec(src, ["traceroute", "-6", "-n", "-w", "1", "-q", "1", "-m", "8", dst],
               timeout=30, check=False)
    return [l.split()[1] for l in r.stdout.splitlines()[1:] if len(l.split()) >= 2], r.stdout


def test_ipv4_and_ipv6_steered(lab):
    t = up(lab, "enf-v6")
    t.wait("r1", "show bgp ipv6 unicast json",
           lambda j: len(j["routes"].get(GOV6, [])) == 2 and len(j["routes"].get(AGG6, [])) == 2,
           timeout=60)
    poll(lambda: fib_devs(t, "r1", GOV6), lambda d: d == {"eth1"}, 15, f"{GOV6} via r2 first")

    t.vtysh("r1", "configure terminal",
            "vendor-guard sensitive-set government prefix 203.0.112.0/23 ge 24 le 24",
            f"vendor-guard sensitive-set government prefix {SET6} ge 48 le 64",
            f"vendor-guard sensitive-set government action demote local-preference {LP}")
    for p in (GOV, GOV6):
        c = wait_state(t, "compliant", pfx=p)
        assert "cisco" in c["bestPathVendors"] and "huawei" not in c["bestPathVendors"], (p, c)
        assert c["sensitiveSet"] == "government", c
    comp = t.vtysh_json("r1", "show bgp vendor-guard compliance json")
    assert sorted(comp) == sorted([GOV, GOV6]), comp
    assert t.vtysh_json("r1", f"show bgp vendor-guard compliance {AGG6} json") == {}

    # IPv4: FIB via r3.
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 15, f"{GOV} via {R3}")
    hops, out = traceroute_hops(t, "h0", H1)
    assert R3 in hops and R2 not in hops, out
    # IPv6: FIB via eth2 (r3), BGP best path learned from fd00:13::2.
    poll(lambda: fib_devs(t, "r1", GOV6), lambda d: d == {"eth2"}, 15, f"{GOV6} via eth2")
    b = best(t, "r1", GOV6)
    assert b and b["peer"]["peerId"] == R3_6, bgp_paths(t, "r1", GOV6)
    assert path_from(t, "r1", GOV6, R2_6).get("locPrf") == LP
    poll(lambda: ping_ok(t, "h0", H1_6), bool, 15, "ping6 h0 -> h1")
    hops6, out6 = traceroute6_hops(t, "h0", H1_6)
    assert R3_6 in hops6 and R2_6 not in hops6, out6
    # Outside the ge/le range: untouched, still via r2.
    assert fib_devs(t, "r1", AGG6) == {"eth1"}, fib(t, "r1", AGG6)
    assert best(t, "r1", AGG6)["peer"]["peerId"] == R2_6
    assert fib_gw(t, "r1", OTHER) == {R2}

    # Withhold with every vendor flagged: both families leave the FIB.
    t.vtysh("r1", "configure terminal",
            "vendor-guard sensitive-set government action withhold",
            "vendor-guard vendor cisco pen 9 flagged")
    for p in (GOV, GOV6):
        wait_state(t, "withheld", pfx=p, timeout=15, extra=lambda c: c["withheldPaths"] == 2)
        poll(lambda: fib(t, "r1", p), lambda r: r == [], 10, f"{p} out of r1's FIB")
    assert not ping_ok(t, "h0", H1_6) and not ping_ok(t, "h0", H1)
    assert fib_devs(t, "r1", AGG6) == {"eth1"}
    # Unflag: both back via r3.
    t.vtysh("r1", "configure terminal", "vendor-guard vendor cisco pen 9")
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 10, f"{GOV} back via {R3}")
    poll(lambda: fib_devs(t, "r1", GOV6), lambda d: d == {"eth2"}, 10, f"{GOV6} back via eth2")
    poll(lambda: ping_ok(t, "h0", H1_6), bool, 10, "ping6 h0 -> h1 after release")
