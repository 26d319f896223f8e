# SPDX-License-Identifier: GPL-2.0-or-later
"""Action withhold (fail closed) on real daemons (spec §4, §5).

topologies/enforce-diamond (see test_enforce_demote.py): r1 gets b4's
203.0.113.0/24 from r2 (huawei, flagged) and r3 (cisco); r5 is an eBGP peer
and r6 an iBGP peer downstream of r1.

test_withhold_all_tainted_events_and_release: with both vendors flagged
  * the prefix leaves r1's kernel FIB (ping h0 -> h1 fails) and is withdrawn
    from r5 and r6; state withheld; withheldPaths == 2, eligiblePaths == 0;
    both paths are kept in r1's BGP table (no best path);
  * while withheld, none of these leak anything to r1's FIB, r5 or r6
    (checked by polling and by `ip monitor route` in r1/r5/r6 for the whole
    phase): an implicit withdraw with a changed AS path from the origin
    (BIRD filter + `birdc configure`), a withdraw and re-announce (state
    absent in between), `clear bgp 10.0.12.2 soft in`, a hard `clear bgp *`,
    and a flap of each nexthop's link (NHT re-validates the nexthop);
  * unflagging cisco brings the prefix back in r1's FIB and at r5 within
    seconds with no session reset and no route refresh (per-neighbor
    `show bgp neighbors json` counters identical before/after);
  * re-flagging withdraws it again; switching the action to demote brings the
    (tainted) best path back, degraded, again without any session event.

test_withhold_clean_link_cut: only huawei flagged; cutting r1-r3 leaves r2's
tainted path only: withheld, withheldPaths == 1, the path kept, nothing in the
FIB or at r5; restoring the link brings it back via r3 (compliant) without
touching the r2 and r5 sessions.
"""
import os
import time

from enforce_helpers import (RouteMonitor, session_counters, GOV, OTHER, R2, R3, H1, LP, poll, fib, fib_gw, compliance, wait_state,
                             bgp_paths, log_count, ping_ok, neighbor_state, up)

NEIGHBORS = ["10.0.12.2", "10.0.13.2", "10.0.15.2", "10.0.16.2"]


# ------------------------------------------------------------------ helpers
def sessions(t, peers=NEIGHBORS):
    return session_counters(t, peers)


def all_established(t):
    return all(v["state"] == "Established" for v in sessions(t).values())


def has_gov(t, node):
    return bool(t.vtysh_json(node, f"show bgp ipv4 unicast {GOV} json").get("paths"))


def assert_withheld(t, n_paths, what):
    """Nothing of GOV anywhere downstream of r1's selection."""
    c = compliance(t)
    assert c.get("state") == "withheld", f"{what}: {c}\n{t.logs('r1', 30)}"
    assert c["withheldPaths"] == n_paths and c["eligiblePaths"] == 0, f"{what}: {c}"
    assert fib(t, "r1", GOV) == [], f"{what}: leak to r1's FIB: {fib(t, 'r1', GOV)}"
    assert not has_gov(t, "r5"), f"{what}: leak to r5: {bgp_paths(t, 'r5', GOV)}"
    assert not has_gov(t, "r6"), f"{what}: leak to r6: {bgp_paths(t, 'r6', GOV)}"
    ps = bgp_paths(t, "r1", GOV)
    assert len(ps) == n_paths, f"{what}: paths not kept: {ps}"
    assert not any(p.get("bestpath") for p in ps), f"{what}: a best path exists: {ps}"


def settle_and_check(t, n_paths, what, settle=3.0):
    """Check repeatedly for `settle` seconds (a leak may be transient)."""
    deadline = time.monotonic() + settle
    while True:
        assert_withheld(t, n_paths, what)
        if time.monotonic() >= deadline:
            return
        time.sleep(0.3)


def wait_gov_paths(t, pred, what, timeout=30):
    return poll(lambda: bgp_paths(t, "r1", GOV), pred, timeout, what)


def aspaths(ps):
    return sorted(p["aspath"]["string"] for p in ps)


def bird_edit(t, old, new):
    conf = os.path.join(t.nodedir("b4"), "bird.conf")
    with open(conf) as fh:
        text = fh.read()
    assert old in text, f"{old!r} not in {conf}"
    with open(conf, "w") as fh:
        fh.write(text.replace(old, new))
    out = t.birdc("b4", "configure")
    assert "Reconfigured" in out or "Reconfiguration in progress" in out, out


def flap(t, ifname, subnet, down_for=2.0):
    t.exec("r1", ["ip", "link", "set", ifname, "down"])
    poll(lambda: fib(t, "r1", subnet), lambda r: r == [], 10, f"{subnet} gone from r1")
    time.sleep(down_for)
    t.exec("r1", ["ip", "link", "set", ifname, "up"])
    poll(lambda: fib(t, "r1", subnet), lambda r: r != [], 10, f"{subnet} back on r1")


# ------------------------------------------------------------------ tests
def test_withhold_all_tainted_events_and_release(lab, tmp_path):
    t = up(lab, "enf-withhold")
    t.vtysh("r1", "configure terminal",
            f"vendor-guard sensitive-set government prefix {GOV}",
            "vendor-guard sensitive-set government action withhold")
    c = wait_state(t, "compliant")
    assert c["withheldPaths"] == 1 and c["eligiblePaths"] == 1, c
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 15, f"{GOV} via {R3}")
    t.wait("r5", f"show bgp ipv4 unicast {GOV} json",
           lambda j: j["paths"][0]["aspath"]["string"] == "65001 65003 65004 65004 65004",
           timeout=20)
    t.wait("r6", f"show bgp ipv4 unicast {GOV} json", lambda j: len(j["paths"]) == 1, timeout=20)
    poll(lambda: ping_ok(t, "h0", H1), bool, 10, "ping h0 -> h1 (compliant)")

    # Flag the clean vendor too: every path is tainted.
    withheld0 = log_count(t, "[VG-COMPLIANCE-WITHHELD]")
    t.vtysh("r1", "configure terminal", "vendor-guard vendor cisco pen 9 flagged")
    wait_state(t, "withheld", extra=lambda c: c["withheldPaths"] == 2)
    poll(lambda: fib(t, "r1", GOV), lambda r: r == [], 15, f"{GOV} out of r1's FIB")
    poll(lambda: has_gov(t, "r5"), lambda h: not h, 15, f"{GOV} withdrawn from r5")
    poll(lambda: has_gov(t, "r6"), lambda h: not h, 15, f"{GOV} withdrawn from r6")
    assert not ping_ok(t, "h0", H1), "h0 still reaches h1 while withheld"
    settle_and_check(t, 2, "after flagging cisco")
    assert log_count(t, "[VG-COMPLIANCE-WITHHELD]") == withheld0 + 1, t.logs("r1", 30)
    # Kept: both paths are in r1's table, marked not valid.
    ps = bgp_paths(t, "r1", GOV)
    assert aspaths(ps) == ["65002 65004", "65003 65004 65004 65004"], ps
    assert all(p.get("valid") is not True for p in ps), ps
    # Control: the non-sensitive prefix is unaffected.
    assert fib_gw(t, "r1", OTHER) == {R2}

    mons = {n: RouteMonitor(t, n, str(tmp_path / f"monitor-{n}.txt")) for n in ("r1", "r5", "r6")}
    try:
        # (a) implicit withdraw: the origin re-announces with a longer AS path to r2.
        bird_edit(t, "# TO_R2_EXTRA", "bgp_path.prepend(65004);")
        wait_gov_paths(t, lambda ps: aspaths(ps) == ["65002 65004 65004",
                                                     "65003 65004 65004 65004"],
                       "changed AS path from r2")
        settle_and_check(t, 2, "after implicit withdraw")

        # (b) withdraw and re-announce at the origin.
        t.birdc("b4", "disable direct1")
        wait_gov_paths(t, lambda ps: ps == [], "withdrawal of both paths")
        wait_state(t, "absent", timeout=15)
        assert fib(t, "r1", GOV) == [] and not has_gov(t, "r5")
        t.birdc("b4", "enable direct1")
        wait_gov_paths(t, lambda ps: len(ps) == 2, "re-announcement")
        wait_state(t, "withheld", timeout=15, extra=lambda c: c["withheldPaths"] == 2)
        settle_and_check(t, 2, "after withdraw and re-announce")

        # (c) soft clear inbound (route refresh towards r2).
        rr0 = sessions(t)[R2]["rrSent"]
        t.vtysh("r1", f"clear bgp {R2} soft in")
        poll(lambda: sessions(t)[R2]["rrSent"], lambda n: n > rr0, 10, "route refresh sent")
        settle_and_check(t, 2, "after clear soft in")

        # (d) hard clear of every session.
        est0 = {p: s["est"] for p, s in sessions(t).items()}
        t.vtysh("r1", "clear bgp *")
        poll(lambda: sessions(t), lambda s: all(s[p]["est"] > est0[p] and
                                                s[p]["state"] == "Established" for p in s),
             40, "all sessions re-established after clear bgp *")
        wait_gov_paths(t, lambda ps: len(ps) == 2, "paths back after clear bgp *")
        wait_state(t, "withheld", timeout=15, extra=lambda c: c["withheldPaths"] == 2)
        settle_and_check(t, 2, "after clear bgp *")

        # (e) nexthop link flaps: NHT invalidates and re-validates each nexthop.
        flap(t, "eth1", "10.0.12.0/30")
        time.sleep(1)
        settle_and_check(t, 2, "after flapping r1-r2 (nexthop 10.0.12.2)")
        flap(t, "eth2", "10.0.13.0/30")
        time.sleep(1)
        wait_gov_paths(t, lambda ps: len(ps) == 2, "both paths after the flaps")
        settle_and_check(t, 2, "after flapping r1-r3 (nexthop 10.0.13.2)")
    finally:
        logs = {n: m.stop() for n, m in mons.items()}
    # The monitors did work: r1's saw the connected routes of the flapped links go.
    assert "10.0.12.0/30" in logs["r1"] and "10.0.13.0/30" in logs["r1"], logs["r1"]
    for n, text in logs.items():
        leaks = [line for line in text.splitlines() if "203.0.113." in line]
        assert not leaks, f"{n}: route events for {GOV} while withheld:\n" + "\n".join(leaks)

    # Release by unflagging cisco: back within seconds, no session event.
    poll(lambda: all_established(t), bool, 30, "all sessions established before release")
    before = sessions(t)
    t.vtysh("r1", "configure terminal", "vendor-guard vendor cisco pen 9")
    wait_state(t, "compliant", timeout=10)
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 10, f"{GOV} back via {R3}")
    t.wait("r5", f"show bgp ipv4 unicast {GOV} json",
           lambda j: j["paths"][0]["aspath"]["string"] == "65001 65003 65004 65004 65004",
           timeout=10)
    poll(lambda: ping_ok(t, "h0", H1), bool, 10, "ping h0 -> h1 after release")
    time.sleep(1)
    assert sessions(t) == before, "a session flapped or a route refresh was sent on release"

    # Withhold again, then release by switching the action to demote.
    t.vtysh("r1", "configure terminal", "vendor-guard vendor cisco pen 9 flagged")
    wait_state(t, "withheld", timeout=10)
    poll(lambda: has_gov(t, "r5"), lambda h: not h, 10, f"{GOV} withdrawn from r5 again")
    poll(lambda: fib(t, "r1", GOV), lambda r: r == [], 10, f"{GOV} out of r1's FIB again")
    t.vtysh("r1", "configure terminal",
            f"vendor-guard sensitive-set government action demote local-preference {LP}")
    c = wait_state(t, "degraded", timeout=10)
    assert c["withheldPaths"] == 0 and c["eligiblePaths"] == 2, c
    # Both tainted: plain BGP decides (shorter AS path via r2, "65002 65004 65004").
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R2}, 10, f"{GOV} back via {R2}")
    t.wait("r5", f"show bgp ipv4 unicast {GOV} json",
           lambda j: j["paths"][0]["aspath"]["string"] == "65001 65002 65004 65004", timeout=10)
    poll(lambda: ping_ok(t, "h0", H1), bool, 10, "ping h0 -> h1 under demote")
    time.sleep(1)
    assert sessions(t) == before, "a session flapped or a route refresh was sent"


def test_withhold_clean_link_cut(lab):
    t = up(lab, "enf-withhold-cut")
    t.vtysh("r1", "configure terminal",
            f"vendor-guard sensitive-set government prefix {GOV}",
            "vendor-guard sensitive-set government action withhold")
    wait_state(t, "compliant")
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 15, f"{GOV} via {R3}")
    t.wait("r5", f"show bgp ipv4 unicast {GOV} json", lambda j: len(j["paths"]) == 1, timeout=20)
    keep = [R2, "10.0.15.2", "10.0.16.2"]
    before = sessions(t, keep)

    t.exec("r1", ["ip", "link", "set", "eth2", "down"])
    wait_state(t, "withheld", timeout=15)
    poll(lambda: fib(t, "r1", GOV), lambda r: r == [], 10, f"{GOV} out of r1's FIB")
    poll(lambda: has_gov(t, "r5"), lambda h: not h, 10, f"{GOV} withdrawn from r5")
    assert not ping_ok(t, "h0", H1)
    # After the r3 session times out only r2's (tainted) path is left, kept.
    poll(lambda: neighbor_state(t, R3), lambda s: s != "Established", 20, "r3 session down")
    wait_gov_paths(t, lambda ps: len(ps) == 1, "only r2's path left")
    settle_and_check(t, 1, "clean link cut")
    assert bgp_paths(t, "r1", GOV)[0]["peer"]["peerId"] == R2

    t.exec("r1", ["ip", "link", "set", "eth2", "up"])
    wait_state(t, "compliant", timeout=30)
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 10, f"{GOV} back via {R3}")
    t.wait("r5", f"show bgp ipv4 unicast {GOV} json",
           lambda j: j["paths"][0]["aspath"]["string"] == "65001 65003 65004 65004 65004",
           timeout=10)
    poll(lambda: ping_ok(t, "h0", H1), bool, 10, "ping h0 -> h1 after restore")
    assert sessions(t, keep) == before
