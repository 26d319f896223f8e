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
import json
import time

TOPO = "topologies/enforce-diamond/enforce-diamond.clab.yml"
GOV = "203.0.113.0/24"
OTHER = "198.51.100.0/24"
R2, R3 = "10.0.12.2", "10.0.13.2"
H1 = "203.0.113.10"
LP = 50


# ------------------------------------------------------------------ helpers
def poll(fn, pred, timeout, what, interval=0.25):
    """Call fn() until pred(value) is truthy (exceptions count as not yet);
    fail with the last value after timeout seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            last = fn()
            if pred(last):
                return last
        except (LookupError, TypeError, ValueError, AttributeError) as e:
            last = f"{type(e).__name__}: {e}"
        if time.monotonic() >= deadline:
            raise AssertionError(f"timeout ({timeout}s) waiting for {what}; last: {last!r}")
        time.sleep(interval)


def fib(t, node, pfx):
    fam = "-6" if ":" in pfx else "-4"
    out = t.exec(node, ["ip", fam, "-j", "route", "show", pfx]).stdout.strip()
    return json.loads(out) if out else []


def fib_gw(t, node, pfx):
    """Set of gateways of the kernel route for pfx (empty: no route)."""
    return {r.get("gateway") for r in fib(t, node, pfx)}


def compliance(t, pfx=GOV):
    return t.vtysh_json("r1", "show bgp vendor-guard compliance json").get(pfx, {})


def wait_state(t, state, timeout=30, pfx=GOV, extra=lambda c: True):
    return poll(lambda: compliance(t, pfx), lambda c: c.get("state") == state and extra(c),
                timeout, f"compliance state {state} of {pfx}")


def bgp_paths(t, node, pfx):
    afi = "ipv6" if ":" in pfx else "ipv4"
    return t.vtysh_json(node, f"show bgp {afi} unicast {pfx} json").get("paths", [])


def best(t, node, pfx):
    b = [p for p in bgp_paths(t, node, pfx) if p.get("bestpath", {}).get("overall")]
    return b[0] if b else None


def path_from(t, node, pfx, peer):
    for p in bgp_paths(t, node, pfx):
        if p.get("peer", {}).get("peerId") == peer:
            return p
    return None


def log_count(t, tag, node="r1"):
    with open(t.log_path(node, "bgpd"), errors="replace") as fh:
        return sum(1 for line in fh if tag in line)


def traceroute_hops(t, src, dst):
    r = t.exec(src, ["traceroute", "-n", "-I", "-w", "1", "-q", "1", "-m", "8", dst],
               timeout=30, check=False)
    hops = []
    for line in r.stdout.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 2:
            hops.append(parts[1])
    return hops, r.stdout


def ping_ok(t, src, dst):
    fam = "-6" if ":" in dst else "-4"
    return t.exec(src, ["ping", fam, "-c", "1", "-W", "1", dst], check=False).returncode == 0


def neighbor_state(t, peer):
    return t.vtysh_json("r1", f"show bgp neighbors {peer} json")[peer]["bgpState"]


def up(lab, name):
    t = lab(TOPO, name=name)
    t.wait("r1", "show bgp ipv4 unicast json",
           lambda j: len(j["routes"].get(GOV, [])) == 2 and len(j["routes"].get(OTHER, [])) == 2,
           timeout=90)
    t.wait("r1", f"show bgp vendor-guard prefix {GOV} json",
           lambda j: len(j["paths"]) == 2 and all(p["current"] for p in j["paths"]), timeout=30)
    return t


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
