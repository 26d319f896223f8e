# SPDX-License-Identifier: GPL-2.0-or-later
"""Unknown paths and the unknown-is-tainted policy (spec §2, §4).

topologies/enforce-diamond (see test_enforce_demote.py).  At run time r1's
inventory loses r2 (`no vendor-guard equipment r2`, which also drops its
neighbor addresses) and the AS attribution of 65002: r2's path is then not
covered (neighbor not in the inventory) and has no flagged vendor, so its
verdict is `unknown`; r3's path stays clean.  Without the module r1 prefers
r2 (shorter AS path), so the policy is visible in the kernel FIB:

  * demote, unknown-is-tainted (default): r2's path gets local-preference 50,
    r1's FIB goes via r3, state compliant;
  * demote, `no ... unknown-is-tainted`: r2's path is left alone, FIB via r2;
    state degraded (spec §5: the best path is not clean);
  * withhold, no unknown-is-tainted: nothing withheld (eligiblePaths 2), FIB via r2;
  * withhold, unknown-is-tainted: r2's path withheld (withheldPaths 1), FIB via r3;
    with r1-r3 cut as well, the prefix is withheld and leaves the FIB and r5.
"""
import time

from enforce_helpers import (GOV, OTHER, R2, R3, H1, LP, poll, fib, fib_gw, compliance, wait_state,
                             bgp_paths, best, path_from, traceroute_hops, ping_ok, up)


# ------------------------------------------------------------------ helpers
def verdict(t, peer):
    j = t.vtysh_json("r1", f"show bgp vendor-guard prefix {GOV} json")
    return [(p["verdict"], p["current"]) for p in j["paths"] if p["peer"] == peer]


def test_unknown_is_tainted_policy(lab):
    t = up(lab, "enf-unknown")
    t.vtysh("r1", "configure terminal",
            "no vendor-guard equipment r2",
            "no vendor-guard as-attribution 65002")
    poll(lambda: verdict(t, R2), lambda v: v == [("unknown", True)], 15, "r2's path unknown")
    assert verdict(t, R3) == [("clean", True)]

    # demote + unknown-is-tainted (the default)
    t.vtysh("r1", "configure terminal",
            f"vendor-guard sensitive-set government prefix {GOV}",
            f"vendor-guard sensitive-set government action demote local-preference {LP}")
    wait_state(t, "compliant")
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 15, f"{GOV} via {R3}")
    assert path_from(t, "r1", GOV, R2).get("locPrf") == LP, bgp_paths(t, "r1", GOV)
    hops, out = traceroute_hops(t, "h0", H1)
    assert R3 in hops and R2 not in hops, out

    # demote, unknown not tainted: r2's path is left alone and wins.
    t.vtysh("r1", "configure terminal",
            "no vendor-guard sensitive-set government unknown-is-tainted")
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R2}, 15, f"{GOV} via {R2}")
    assert path_from(t, "r1", GOV, R2).get("locPrf") != LP, bgp_paths(t, "r1", GOV)
    assert best(t, "r1", GOV)["peer"]["peerId"] == R2
    c = wait_state(t, "degraded", timeout=10)
    assert c["withheldPaths"] == 0 and c["eligiblePaths"] == 2, c

    # withhold, unknown not tainted: nothing is withheld.
    t.vtysh("r1", "configure terminal", "vendor-guard sensitive-set government action withhold")
    time.sleep(1)
    c = poll(lambda: compliance(t), lambda c: c["eligiblePaths"] == 2 and c["withheldPaths"] == 0,
             10, "no path withheld")
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R2}, 10, f"{GOV} via {R2} (withhold)")
    t.wait("r5", f"show bgp ipv4 unicast {GOV} json",
           lambda j: j["paths"][0]["aspath"]["string"] == "65001 65002 65004", timeout=15)

    # withhold, unknown tainted: r2's path is withheld, r3's carries the traffic.
    t.vtysh("r1", "configure terminal", "vendor-guard sensitive-set government unknown-is-tainted")
    c = wait_state(t, "compliant", timeout=10,
                   extra=lambda c: c["withheldPaths"] == 1 and c["eligiblePaths"] == 1)
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 10, f"{GOV} via {R3} (withhold)")
    t.wait("r5", f"show bgp ipv4 unicast {GOV} json",
           lambda j: j["paths"][0]["aspath"]["string"] == "65001 65003 65004 65004 65004",
           timeout=15)
    # ... and with the clean link cut, nothing is left: withheld, out of the FIB and r5.
    t.exec("r1", ["ip", "link", "set", "eth2", "down"])
    wait_state(t, "withheld", timeout=15)
    poll(lambda: fib(t, "r1", GOV), lambda r: r == [], 10, f"{GOV} out of r1's FIB")
    t.wait("r5", "show bgp ipv4 unicast json", lambda j: GOV not in j["routes"], timeout=15)
    assert not ping_ok(t, "h0", H1)
    # The non-sensitive prefix from the same unknown neighbor is untouched.
    assert fib_gw(t, "r1", OTHER) == {R2}
