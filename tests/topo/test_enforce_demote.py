# SPDX-License-Identifier: GPL-2.0-or-later
"""Action demote on real daemons (spec §4, §5); the kernel FIB is the judge.

topologies/enforce-diamond: r1 (AS65001, vendorguard) reaches b4's
203.0.113.0/24 (host h1 at .10) through r2 (huawei, flagged; AS path
65002 65004) and through r3 (cisco, clean; AS path 65003 65004 65004 65004).
Without the module r1 prefers r2 (shorter AS path).  r6 is an iBGP peer of r1
(next-hop-self), r5 an eBGP peer downstream.

With 203.0.113.0/24 in a demote set:
  * r1's FIB and a traceroute from h0 go through r3 (10.0.13.2), never r2;
    the r2 path carries local-preference 50; state compliant;
  * the non-sensitive 198.51.100.0/24 still goes through r2;
  * r6 (iBGP) receives the clean path with the normal local-preference 100;
  * cutting r1-r3 moves traffic to r2 (FIB via 10.0.12.2, ping works), the
    state turns degraded and [VG-COMPLIANCE-DEGRADED] is logged exactly once,
    even after the r3 session times out; r6 then receives the demoted path with
    local-preference 50 (the demotion is an ordinary LOCAL_PREF for iBGP);
  * restoring the link makes it compliant again, via r3.
"""
import time

from enforce_helpers import (GOV, OTHER, R2, R3, H1, LP, poll, fib, fib_gw, compliance, wait_state,
                             bgp_paths, best, path_from, log_count, traceroute_hops, ping_ok,
                             neighbor_state, up)


# ------------------------------------------------------------------ test
def test_demote_steers_to_clean_path_and_degrades_without_it(lab):
    t = up(lab, "enf-demote")
    # Before any sensitive set: r1 takes the shorter, flagged way.
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R2}, 30, f"{GOV} via r2 before the set")

    t.vtysh("r1", "configure terminal",
            f"vendor-guard sensitive-set government prefix {GOV}",
            f"vendor-guard sensitive-set government action demote local-preference {LP}")

    c = wait_state(t, "compliant")
    assert "cisco" in c["bestPathVendors"] and "huawei" not in c["bestPathVendors"], c
    assert c["sensitiveSet"] == "government"
    # The kernel FIB of r1 goes the clean way.
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 15, f"{GOV} via {R3} in r1's FIB")
    # BGP: the r3 path is best, the r2 path carries the demotion local-preference.
    b = best(t, "r1", GOV)
    assert b and b["peer"]["peerId"] == R3, bgp_paths(t, "r1", GOV)
    p2 = path_from(t, "r1", GOV, R2)
    assert p2 and p2.get("locPrf") == LP, p2
    # Traffic: h0 -> h1 crosses r3 and not r2.
    hops, out = traceroute_hops(t, "h0", H1)
    assert R3 in hops and R2 not in hops and hops[-1] == H1, out
    # The non-sensitive prefix of the same origin still goes the shorter way.
    assert fib_gw(t, "r1", OTHER) == {R2}, fib(t, "r1", OTHER)
    # iBGP peer r6 gets the clean path with the normal local-preference.
    t.wait("r6", f"show bgp ipv4 unicast {GOV} json",
           lambda j: j["paths"][0]["aspath"]["string"].startswith("65003")
           and j["paths"][0].get("locPrf") == 100, timeout=20)

    degraded0 = log_count(t, "[VG-COMPLIANCE-DEGRADED]")
    compliant0 = log_count(t, "[VG-COMPLIANCE-COMPLIANT]")
    est_r2 = t.vtysh_json("r1", f"show bgp neighbors {R2} json")[R2]["connectionsEstablished"]

    # Cut the clean link: traffic moves to r2, state degraded.
    t.exec("r1", ["ip", "link", "set", "eth2", "down"])
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R2}, 15, f"{GOV} via {R2} after the cut")
    c = wait_state(t, "degraded", timeout=15)
    assert "huawei" in c["bestPathVendors"], c
    poll(lambda: ping_ok(t, "h0", H1), bool, 15, "ping h0 -> h1 through r2")
    hops, out = traceroute_hops(t, "h0", H1)
    assert R2 in hops and R3 not in hops, out
    # Let the r3 session time out (hold 9 s): its path disappears; still degraded.
    poll(lambda: neighbor_state(t, R3), lambda s: s != "Established", 20, "r3 session down")
    poll(lambda: bgp_paths(t, "r1", GOV), lambda ps: len(ps) == 1, 15, "only r2's path left")
    time.sleep(2)
    c = compliance(t)
    assert c["state"] == "degraded", c
    assert fib_gw(t, "r1", GOV) == {R2}
    assert log_count(t, "[VG-COMPLIANCE-DEGRADED]") == degraded0 + 1, t.logs("r1", 40)
    # The demoted path is what r6 gets now, with the demotion local-preference.
    t.wait("r6", f"show bgp ipv4 unicast {GOV} json",
           lambda j: j["paths"][0]["aspath"]["string"].startswith("65002")
           and j["paths"][0].get("locPrf") == LP, timeout=20)
    # r5 (eBGP) still reaches it: demote never removes the only path.
    t.wait("r5", f"show bgp ipv4 unicast {GOV} json",
           lambda j: j["paths"][0]["aspath"]["string"] == "65001 65002 65004", timeout=20)

    # Restore: compliant again, through r3.
    t.exec("r1", ["ip", "link", "set", "eth2", "up"])
    poll(lambda: neighbor_state(t, R3), lambda s: s == "Established", 30, "r3 session back")
    c = wait_state(t, "compliant", timeout=20)
    assert "cisco" in c["bestPathVendors"], c
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 15, f"{GOV} via {R3} after restore")
    hops, out = traceroute_hops(t, "h0", H1)
    assert R3 in hops and R2 not in hops, out
    assert log_count(t, "[VG-COMPLIANCE-COMPLIANT]") == compliant0 + 1, t.logs("r1", 40)
    assert log_count(t, "[VG-COMPLIANCE-DEGRADED]") == degraded0 + 1, t.logs("r1", 40)
    # The r2 session was never touched.
    assert t.vtysh_json("r1", f"show bgp neighbors {R2} json")[R2]["connectionsEstablished"] == est_r2
    t.wait("r6", f"show bgp ipv4 unicast {GOV} json",
           lambda j: j["paths"][0]["aspath"]["string"].startswith("65003")
           and j["paths"][0].get("locPrf") == 100, timeout=20)
