# SPDX-License-Identifier: GPL-2.0-or-later
"""Verdicts on real paths (spec §2) and a run-time inventory change (§4).

topologies/three-as: r1 (AS65001, module) has eBGP sessions to r2 (AS65002)
and r3 (AS65003); both originate 198.51.100.0/24 and 2001:db8:100::/48.
r1 inventories r2 as huawei (flagged) and r3 as cisco, with AS attributions
65002 -> huawei and 65003 -> cisco, so r2's paths are tainted and r3's clean.

Flagging cisco at run time must turn r3's paths tainted without touching
the BGP sessions (no reset, no route-refresh); unflagging brings them back.
"""
import pytest

LAB = "vg-three-as"          # distinct from the lead's "two-as"
PFX4 = "198.51.100.0/24"
PFX6 = "2001:db8:100::/48"
PEERS = {  # peer address -> (peer AS, expected verdict, vendors) with the initial config
    "10.0.12.2": (65002, "tainted", ["huawei"]),
    "fd00:12::2": (65002, "tainted", ["huawei"]),
    "10.0.13.2": (65003, "clean", ["cisco"]),
    "fd00:13::2": (65003, "clean", ["cisco"]),
}


def _paths_by_peer(j):
    return {p["peer"]: p for p in j.get("paths", [])}


def _wait_verdicts(t, pfx, want, timeout=30):
    """Wait until every path of pfx has the wanted (verdict, vendors) and is
    current; want: {peer: (verdict, vendors)}.  Returns the JSON."""
    def ok(j):
        by = _paths_by_peer(j)
        return set(by) == set(want) and all(
            by[p]["verdict"] == v and sorted(by[p]["vendors"]) == sorted(vs) and by[p]["current"]
            for p, (v, vs) in want.items())
    return t.wait("r1", f"show bgp vendor-guard prefix {pfx} json", ok, timeout=timeout)


def _want(pfx, cisco_flagged=False):
    fam = ":" in pfx
    out = {}
    for peer, (_, verdict, vendors) in PEERS.items():
        if (":" in peer) != fam:
            continue
        if cisco_flagged and vendors == ["cisco"]:
            verdict = "tainted"
        out[peer] = (verdict, vendors)
    return out


def _sessions(t):
    """{peer: (connectionsEstablished, connectionsDropped, bgpTimerUpMsec,
    routeRefreshSent, routeRefreshRecv, notificationsSent, notificationsRecv)}"""
    j = t.vtysh_json("r1", "show bgp neighbors json")
    out = {}
    for peer in PEERS:
        n = j[peer]
        m = n["messageStats"]
        out[peer] = dict(state=n["bgpState"], est=n["connectionsEstablished"],
                         epoch=n["bgpTimerUpEstablishedEpoch"],
                         dropped=n["connectionsDropped"], up=n["bgpTimerUpMsec"],
                         rrSent=m["routeRefreshSent"], rrRecv=m["routeRefreshRecv"],
                         notifSent=m["notificationsSent"], notifRecv=m["notificationsRecv"])
    return out


@pytest.fixture(scope="module")
def t(module_lab):
    t = module_lab("three-as", name=LAB)
    t.wait("r1", "show bgp summary json",
           lambda j: all(p["state"] == "Established"
                         for af in ("ipv4Unicast", "ipv6Unicast")
                         for p in j[af]["peers"].values()) and
           len(j["ipv4Unicast"]["peers"]) == 2 and len(j["ipv6Unicast"]["peers"]) == 2,
           timeout=60)
    for pfx in (PFX4, PFX6):
        t.wait("r1", f"show bgp vendor-guard prefix {pfx} json",
               lambda j: len(j.get("paths", [])) == 2, timeout=60)
    return t


BASE = ("vendor-guard vendor cisco pen 9", "vendor-guard vendor huawei pen 2011 flagged",
        "vendor-guard equipment r2 vendor huawei", "vendor-guard equipment r3 vendor cisco")


@pytest.fixture
def base(t):
    """Each test starts from (and leaves) the topology's inventory, also when
    an earlier test failed half-way."""
    t.vtysh("r1", "configure terminal", *BASE)
    for pfx in (PFX4, PFX6):
        _wait_verdicts(t, pfx, _want(pfx))
    yield t
    t.vtysh("r1", "configure terminal", *BASE)


@pytest.mark.parametrize("pfx", [PFX4, PFX6])
def test_one_path_tainted_one_clean(t, pfx):
    j = _wait_verdicts(t, pfx, _want(pfx))
    assert j["prefix"] == pfx
    by = _paths_by_peer(j)
    for peer, p in by.items():
        asn, verdict, vendors = PEERS[peer]
        assert p["peerAs"] == asn, p
        assert p["asPath"] == str(asn), p
        assert p["entryVendor"] == vendors[0], p
        # Known neighbour, AS covered by an attribution: no "not covered" reasons.
        assert "neighborAddress" in p["reasons"], p
        assert "asAttribution" in p["reasons"], p
        assert "neighborNotInInventory" not in p["reasons"], p
        assert "asNotCovered" not in p["reasons"], p
        assert "firstUncoveredAs" not in p, p
        assert p["forgedTags"] == 0, p
    assert sum(p["bestpath"] for p in by.values()) == 1, by


def test_summary_counts(t):
    j = t.wait("r1", "show bgp vendor-guard json",
               lambda j: j["paths"]["total"] == 4 and j["paths"]["clean"] == 2, timeout=30)
    assert j["paths"] == {"total": 4, "clean": 2, "tainted": 2, "unknown": 0}, j["paths"]
    assert j["vendors"]["huawei"] == {"pen": 2011, "flagged": True, "paths": 2}, j["vendors"]
    assert j["vendors"]["cisco"] == {"pen": 9, "flagged": False, "paths": 2}, j["vendors"]
    c = j["counters"]
    assert c["pathsAdded"] >= 4 and c["pathsEvaluated"] >= 4, c
    assert c["forgedTagsRemoved"] == 0, c
    inv = t.vtysh_json("r1", "show bgp vendor-guard inventory json")
    assert inv["equipment"]["r2"]["vendor"] == "huawei", inv
    assert sorted(inv["equipment"]["r3"]["neighborAddresses"]) == ["10.0.13.2", "fd00:13::2"], inv
    assert inv["asAttributions"] == {"65002": ["huawei"], "65003": ["cisco"]}, inv


def _wait_older(t, before):
    """Wait until every session's uptime (1 s granularity) is past `before`;
    returns the new snapshot."""
    t.wait("r1", "show bgp neighbors json",
           lambda j: all(j[p]["bgpTimerUpMsec"] > before[p]["up"] for p in PEERS), timeout=10)
    return _sessions(t)


def test_runtime_flag_change_without_session_reset(base):
    t = base
    before = _sessions(t)
    assert all(s["state"] == "Established" and s["est"] == 1 for s in before.values()), before
    c0 = t.vtysh_json("r1", "show bgp vendor-guard json")["counters"]

    out = t.vtysh("r1", "configure terminal", "vendor-guard vendor cisco pen 9 flagged")
    assert "%" not in out, out
    for pfx in (PFX4, PFX6):
        j = _wait_verdicts(t, pfx, _want(pfx, cisco_flagged=True))
        assert all(p["verdict"] == "tainted" for p in j["paths"]), j
    s = t.wait("r1", "show bgp vendor-guard json",
               lambda j: j["paths"]["tainted"] == 4 and j["paths"]["clean"] == 0, timeout=30)
    assert s["vendors"]["cisco"]["flagged"] is True
    c1 = s["counters"]
    assert c1["revalidations"] > c0["revalidations"], (c0, c1)
    # The verdicts were recomputed from the stored paths: nothing new arrived.
    assert c1["pathsEvaluated"] >= c0["pathsEvaluated"] + 2, (c0, c1)
    assert c1["pathsAdded"] == c0["pathsAdded"], (c0, c1)

    after = _wait_older(t, before)
    for peer, a in after.items():
        b = before[peer]
        assert a["state"] == "Established", (peer, a)
        assert a["est"] == 1 and a["dropped"] == 0, (peer, b, a)
        # Same session, older now (the epoch is now - uptime: +-1 s of rounding).
        assert abs(a["epoch"] - b["epoch"]) <= 1, (peer, b, a)
        assert a["rrSent"] == b["rrSent"] == 0, (peer, b, a)
        assert a["notifSent"] == b["notifSent"] and a["notifRecv"] == b["notifRecv"], (peer, b, a)

    # And back: unflag (the entry line states the whole value, spec/cli.md).
    out = t.vtysh("r1", "configure terminal", "vendor-guard vendor cisco pen 9")
    assert "%" not in out, out
    for pfx in (PFX4, PFX6):
        _wait_verdicts(t, pfx, _want(pfx))
    s = t.wait("r1", "show bgp vendor-guard json",
               lambda j: j["paths"]["clean"] == 2 and j["paths"]["tainted"] == 2, timeout=30)
    assert s["vendors"]["cisco"]["flagged"] is False
    final = _wait_older(t, after)
    for peer, a in final.items():
        assert a["est"] == 1 and a["dropped"] == 0 and a["rrSent"] == 0, (peer, a)
        assert abs(a["epoch"] - before[peer]["epoch"]) <= 1, (peer, before[peer], a)


def test_inventory_change_moves_one_neighbor(base):
    """Re-inventory r3 as huawei equipment (equipment vendor change, no
    flag change): r3's paths become tainted, r2's stay tainted; restore."""
    t = base
    t.vtysh("r1", "configure terminal", "vendor-guard equipment r3 vendor huawei")
    j = _wait_verdicts(t, PFX4, {"10.0.12.2": ("tainted", ["huawei"]),
                                 "10.0.13.2": ("tainted", ["cisco", "huawei"])})
    assert _paths_by_peer(j)["10.0.13.2"]["entryVendor"] == "huawei", j
    t.vtysh("r1", "configure terminal", "vendor-guard equipment r3 vendor cisco")
    for pfx in (PFX4, PFX6):
        _wait_verdicts(t, pfx, _want(pfx))
    assert all(s["est"] == 1 and s["rrSent"] == 0 for s in _sessions(t).values())


def test_revalidation_per_change(base):
    """YANG (counters/revalidations): one per configuration change applied;
    flagging a vendor that both prefixes' paths cross re-queues both
    destinations, and re-evaluates their paths without any update."""
    t = base
    c0 = t.vtysh_json("r1", "show bgp vendor-guard json")["counters"]
    t.vtysh("r1", "configure terminal", "vendor-guard vendor cisco pen 9 flagged")
    for pfx in (PFX4, PFX6):
        _wait_verdicts(t, pfx, _want(pfx, cisco_flagged=True))
    j = t.wait("r1", "show bgp vendor-guard json",
               lambda j: not j["revalidationRunning"], timeout=20)
    c1 = j["counters"]
    t.vtysh("r1", "configure terminal", "vendor-guard vendor cisco pen 9")
    for pfx in (PFX4, PFX6):
        _wait_verdicts(t, pfx, _want(pfx))
    assert c1["pathsAdded"] == c0["pathsAdded"], (c0, c1)
    assert c1["revalidations"] - c0["revalidations"] == 1, (c0, c1)
    assert c1["revalidationDestsProcessed"] - c0["revalidationDestsProcessed"] == 2, (c0, c1)
    assert c1["pathsEvaluated"] - c0["pathsEvaluated"] >= 4, (c0, c1)