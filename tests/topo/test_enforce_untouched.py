# SPDX-License-Identifier: GPL-2.0-or-later
"""Prefixes outside every sensitive set are never changed (spec §4).

The same lab is run twice side by side:
  * enforce-diamond: r1 with the module, the full inventory (r2 huawei =
    flagged, r3 cisco, AS attributions) and a sensitive set `government`
    (203.0.113.0/24 and 2001:db8:203::/48, action withhold) that is actively
    enforced: the r2 paths of those prefixes are withheld;
  * enforce-plain: r1 without the module (label vendorguard: "false") and
    without any vendor-guard line.
For the non-sensitive 198.51.100.0/24, 2001:db8:100::/48, 2001:db8:280::/41
and r1's own 10.0.1.0/24, these must be identical in both runs:
  * r1's BGP paths (peer, AS path, origin, MED, local-preference, weight,
    valid, best, nexthops, communities, large and extended communities);
  * r1's kernel FIB entry (dst, gateway, dev, protocol, metric; IPv6
    link-local gateways differ between runs by MAC and are compared as
    "link-local" + dev);
  * what r5 (eBGP) and r6 (iBGP) receive (AS path, nexthop, origin, MED,
    local-preference, communities).
r1 is in no tagging domain, so no large community is added by the module and
large communities are compared too.  Control: the sensitive 203.0.113.0/24
does differ between the runs (via r3 with the module, via r2 without).
"""
import json
import time

from enforce_helpers import TOPO, GOV, OTHER, R2, R3, poll, fib, fib_gw, wait_state, bgp_paths

PLAIN = "topologies/enforce-plain/enforce-plain.clab.yml"
GOV6 = "2001:db8:203::/48"
UNTOUCHED = ["198.51.100.0/24", "2001:db8:100::/48", "2001:db8:280::/41", "10.0.1.0/24"]


# ------------------------------------------------------------------ helpers
def _nexthops(p):
    return sorted((n.get("ip"), n.get("afi"), n.get("accessible"), n.get("used"))
                  for n in p.get("nexthops", [])
                  if not str(n.get("ip", "")).lower().startswith("fe80")
                  and n.get("scope") != "link-local")


def bgp_view(t, node, pfx):
    out = []
    for p in bgp_paths(t, node, pfx):
        out.append(dict(
            peer=p.get("peer", {}).get("peerId"), aspath=p.get("aspath", {}).get("string"),
            origin=p.get("origin"), med=p.get("metric"), locPrf=p.get("locPrf"),
            weight=p.get("weight"), valid=p.get("valid"),
            best=bool(p.get("bestpath", {}).get("overall")),
            multipath=p.get("multipath"), nexthops=_nexthops(p),
            community=p.get("community"), largeCommunity=p.get("largeCommunity"),
            extendedCommunity=p.get("extendedCommunity"), atomic=p.get("atomicAggregate"),
            aggregator=p.get("aggregatorAs")))
    return sorted(out, key=lambda d: json.dumps(d, sort_keys=True))


def fib_view(t, node, pfx):
    out = []
    for r in fib(t, node, pfx):
        gw = r.get("gateway")
        if gw and gw.lower().startswith("fe80"):
            gw = "link-local"
        out.append((r.get("dst"), gw, r.get("dev"), r.get("protocol"), r.get("metric")))
    return sorted(out, key=str)


def converge(t, with_module):
    want4 = {GOV: 2, OTHER: 2}
    want6 = {GOV6: 2, "2001:db8:100::/48": 2, "2001:db8:280::/41": 2}
    t.wait("r1", "show bgp ipv4 unicast json",
           lambda j: all(len(j["routes"].get(p, [])) == n for p, n in want4.items()), timeout=90)
    t.wait("r1", "show bgp ipv6 unicast json",
           lambda j: all(len(j["routes"].get(p, [])) == n for p, n in want6.items()), timeout=90)
    for node in ("r5", "r6"):
        t.wait(node, "show bgp ipv4 unicast json",
               lambda j: OTHER in j["routes"] and "10.0.1.0/24" in j["routes"], timeout=60)
    if with_module:
        t.vtysh("r1", "configure terminal",
                f"vendor-guard sensitive-set government prefix {GOV}",
                f"vendor-guard sensitive-set government prefix {GOV6}",
                "vendor-guard sensitive-set government action withhold")
        for p in (GOV, GOV6):
            wait_state(t, "compliant", pfx=p, extra=lambda c: c["withheldPaths"] == 1)
        poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 15, f"{GOV} via r3")
    poll(lambda: fib(t, "r1", OTHER), bool, 15, f"{OTHER} in r1's FIB")
    time.sleep(2)       # let r5/r6 receive whatever r1 sends after the set


def snapshot(t):
    snap = {}
    for pfx in UNTOUCHED:
        snap[("r1 bgp", pfx)] = bgp_view(t, "r1", pfx)
        snap[("r1 fib", pfx)] = fib_view(t, "r1", pfx)
        if ":" not in pfx:
            snap[("r5 bgp", pfx)] = bgp_view(t, "r5", pfx)
            snap[("r6 bgp", pfx)] = bgp_view(t, "r6", pfx)
    return snap


def test_non_sensitive_prefixes_untouched(lab):
    on = lab(TOPO, name="enf-unt-on")
    off = lab(PLAIN, name="enf-unt-off")
    assert "vendorguard" in on.vtysh("r1", "show modules")
    assert "vendorguard" not in off.vtysh("r1", "show modules")
    converge(on, True)
    converge(off, False)
    a, b = snapshot(on), snapshot(off)
    # Sanity: what is compared is real (paths, FIB entries, downstream routes).
    for key, val in b.items():
        assert val, f"plain run has nothing for {key}"
    assert b[("r1 fib", OTHER)] == [(OTHER, R2, "eth1", "bgp", 20)], b[("r1 fib", OTHER)]
    diffs = {f"{k[0]} {k[1]}": {"module": a[k], "plain": b[k]} for k in b if a[k] != b[k]}
    assert not diffs, json.dumps(diffs, indent=1)
    # The module did act on the sensitive prefix in the same run.
    assert fib_gw(on, "r1", GOV) == {R3} and fib_gw(off, "r1", GOV) == {R2}
    verdicts = on.vtysh_json("r1", f"show bgp vendor-guard prefix {OTHER} json")
    assert sorted(p["verdict"] for p in verdicts["paths"]) == ["clean", "tainted"], verdicts
