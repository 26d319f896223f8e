# SPDX-License-Identifier: GPL-2.0-or-later
"""Revalidation after a configuration change touches only what can change.

In the steering lab r1 holds three destinations with received paths:
203.0.113.0/24 and 198.51.100.0/24 (through r2's huawei gear and r3's cisco
gear) Flagging a vendor that no path crosses must re-queue no
destination; flagging one that some paths cross re-queues exactly those;
a sensitive-set change re-queues only the prefixes of the old and new sets.
"""

import json

GOV = "203.0.113.0/24"


def counters(t):
    return t.vtysh_json("r1", "show bgp vendor-guard json")["counters"]


def settle(t, before):
    """Wait until a new revalidation ran to completion; return counters."""
    j = t.wait("r1", "show bgp vendor-guard json",
               lambda j: j["counters"]["revalidations"] > before["revalidations"]
               and not j["revalidationRunning"], timeout=30)
    return j["counters"]


def delta(after, before, key):
    return after[key] - before[key]


def test_revalidation_is_selective(lab):
    t = lab("steer", name="reval")
    t.wait("r1", "show bgp vendor-guard json",
           lambda j: j["paths"]["total"] == 4, timeout=90)

    # A vendor no received path crosses: nothing is re-queued.
    cz = counters(t)
    t.vtysh("r1", "configure terminal", "vendor-guard vendor zte pen 3902")
    c0 = settle(t, cz)
    t.vtysh("r1", "configure terminal", "vendor-guard vendor zte pen 3902 flagged")
    c1 = settle(t, c0)
    assert delta(c1, c0, "revalidationDestsProcessed") == 0
    assert delta(c1, c0, "revalidationDestsSkipped") == 2

    # huawei: only the paths through r2 cross it, but both destinations
    # have one, so both are re-queued; verdicts stay (already flagged).
    t.vtysh("r1", "configure terminal", "vendor-guard vendor huawei pen 2011")
    c2 = settle(t, c1)
    assert delta(c2, c1, "revalidationDestsProcessed") == 2
    j = t.wait("r1", "show bgp vendor-guard json",
               lambda j: j["paths"]["tainted"] == 0, timeout=20)
    assert j["paths"]["clean"] == 4

    # A sensitive set over one prefix re-queues that prefix only.
    t.vtysh("r1", "configure terminal",
            f"vendor-guard sensitive-set gov prefix {GOV}")
    c3 = settle(t, c2)
    assert delta(c3, c2, "revalidationDestsProcessed") == 1
    assert delta(c3, c2, "revalidationDestsSkipped") == 1
    comp = t.wait("r1", "show bgp vendor-guard compliance json",
                  lambda j: j.get(GOV, {}).get("state") == "compliant",
                  timeout=20)
    assert comp[GOV]["eligiblePaths"] == 2

    # The same state through the northbound (YANG operational data).
    oper = json.loads(t.vtysh(
        "r1", "show yang operational-data /frr-vendorguard:vendor-guard bgpd"))
    vg = oper["frr-vendorguard:vendor-guard"]
    summary = t.vtysh_json("r1", "show bgp vendor-guard json")
    assert int(vg["counters"]["clean"]) == summary["paths"]["clean"]
    assert int(vg["counters"]["tainted"]) == summary["paths"]["tainted"]
    assert int(vg["counters"]["revalidations"]) == summary["counters"]["revalidations"]
    entry = [c for c in vg["compliance"] if c["prefix"] == GOV]
    assert len(entry) == 1, vg["compliance"]
    assert entry[0]["sensitive-set"] == "gov"
    assert entry[0]["state"] == "compliant"
    assert entry[0]["eligible-paths"] == 2
