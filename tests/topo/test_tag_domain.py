# SPDX-License-Identifier: GPL-2.0-or-later
"""Vendor tags across a tagging domain (spec §2, §3).

topologies/domain-chain: r4 (AS65004, no module) -> r1 (AS65001) -> r5
(AS65005); domain GA 65000 is trusted on r1 and r5, members 65001, 65004,
65005.  r4 originates 203.0.113.0/24 and 2001:db8:4::/48.

r1 inventories r4 (juniper, PEN 2636) and is cisco itself (PEN 9); it stamps
65000:1:2636, 65000:1:9 and 65000:2:65001 on the paths from r4.  r5 knows
r1 (cisco) but nothing about r4 or AS65004: juniper can only reach r5's
vendor set through r1's tags, and AS65001 is covered only by r1's attestation.
"""
import pytest

LAB = "vg-dchain"
PFX4 = "203.0.113.0/24"
PFX6 = "2001:db8:4::/48"
R1_TAGS = {"65000:1:2636", "65000:1:9", "65000:2:65001"}
# r5 rewrites what it received (it is a member too): r1 is its entry
# equipment (cisco, 9), r5 itself is arista (30065), its AS is 65005.
R5_TAGS = R1_TAGS | {"65000:1:30065", "65000:2:65005"}
PEER_OF = {"r1": {PFX4: "10.0.14.2", PFX6: "fd00:14::2"},
           "r5": {PFX4: "10.0.15.1", PFX6: "fd00:15::1"}}
R5_BASE = ("vendor-guard vendor juniper pen 2636",
           "vendor-guard tagging-domain 65000 trusted",
           "no vendor-guard as-attribution 65004",
           "no vendor-guard vendor nokia")


def _afi(pfx):
    return "ipv6" if ":" in pfx else "ipv4"


def _large(t, node, pfx):
    """Large communities of the (single) path of pfx on node, as a set."""
    j = t.wait(node, f"show bgp {_afi(pfx)} unicast {pfx} json",
               lambda j: len(j["paths"]) == 1, timeout=30)
    lc = j["paths"][0].get("largeCommunity", {})
    return set(lc.get("list", [])), j


def _vg_path(t, node, pfx, pred=lambda p: True, timeout=30):
    """The single vendor-guard path of pfx on node, once current and pred(p)."""
    j = t.wait(node, f"show bgp vendor-guard prefix {pfx} json",
               lambda j: len(j["paths"]) == 1 and j["paths"][0]["current"] and pred(j["paths"][0]),
               timeout=timeout)
    p = j["paths"][0]
    assert p["peer"] == PEER_OF[node][pfx], p
    return p


@pytest.fixture(scope="module")
def t(module_lab):
    t = module_lab("domain-chain", name=LAB)
    for pfx in (PFX4, PFX6):
        t.wait("r5", f"show bgp {_afi(pfx)} unicast {pfx} json",
               lambda j: len(j["paths"]) == 1, timeout=60)
    return t


@pytest.fixture
def base(t):
    t.vtysh("r5", "configure terminal", *R5_BASE, check=False)
    yield t
    t.vtysh("r5", "configure terminal", *R5_BASE, check=False)


@pytest.mark.parametrize("pfx", [PFX4, PFX6])
def test_r1_stamps_tags(base, pfx):
    t = base
    p = _vg_path(t, "r1", pfx)
    assert p["verdict"] == "clean", p
    assert p["vendors"] == ["juniper"] and p["entryVendor"] == "juniper", p
    assert p["asPath"] == "65004", p
    tags, j = _large(t, "r1", pfx)
    assert tags == R1_TAGS, j["paths"][0]


@pytest.mark.parametrize("pfx", [PFX4, PFX6])
def test_r5_derives_vendor_set_from_tags(base, pfx):
    t = base
    inv = t.vtysh_json("r5", "show bgp vendor-guard inventory json")
    assert set(inv["equipment"]) == {"r1"}, inv          # nothing about r4 ...
    assert not inv.get("asAttributions"), inv             # ... nor about any AS
    assert inv["taggingDomains"]["65000"]["trusted"] is True, inv

    tags, j = _large(t, "r5", pfx)
    assert R1_TAGS <= tags, j["paths"][0]                 # r1's tags made it to r5
    assert tags == R5_TAGS, j["paths"][0]
    assert j["paths"][0]["aspath"]["string"] == "65001 65004"

    p = _vg_path(t, "r5", pfx)
    assert p["asPath"] == "65001 65004", p
    assert p["entryVendor"] == "cisco", p
    assert sorted(p["vendors"]) == ["cisco", "juniper"], p   # juniper: only from 65000:1:2636
    for r in ("neighborAddress", "trustedTag", "attestation"):
        assert r in p["reasons"], p
    # 65001 is covered by r1's attestation; 65004 is covered by nothing here.
    assert "asNotCovered" in p["reasons"], p
    assert p["firstUncoveredAs"] == 65004, p
    assert p["verdict"] == "unknown", p
    assert p["forgedTags"] == 0, p


def test_r5_verdict_follows_tags(base):
    t = base
    # Cover AS65004 with an attribution to a *third* vendor: the path turns
    # clean, and juniper is still in V (from the tag, not from the attribution).
    t.vtysh("r5", "configure terminal", "vendor-guard vendor nokia pen 6527",
            "vendor-guard as-attribution 65004 vendor nokia")
    for pfx in (PFX4, PFX6):
        p = _vg_path(t, "r5", pfx, lambda p: p["verdict"] == "clean")
        assert sorted(p["vendors"]) == ["cisco", "juniper", "nokia"], p
        assert "firstUncoveredAs" not in p and "asNotCovered" not in p["reasons"], p
        assert {"trustedTag", "attestation", "asAttribution"} <= set(p["reasons"]), p

    # Flag juniper on r5: the only evidence of juniper is r1's tag.
    t.vtysh("r5", "configure terminal", "vendor-guard vendor juniper pen 2636 flagged")
    for pfx in (PFX4, PFX6):
        p = _vg_path(t, "r5", pfx, lambda p: p["verdict"] == "tainted")
        assert "juniper" in p["vendors"], p
    s = t.vtysh_json("r5", "show bgp vendor-guard json")
    assert s["vendors"]["juniper"]["paths"] == 2 and s["paths"]["tainted"] == 2, s

    # Stop trusting the domain: the tags no longer count.  juniper drops out
    # of V, and AS65001 (attested only by a tag) is uncovered.
    t.vtysh("r5", "configure terminal", "vendor-guard tagging-domain 65000")
    for pfx in (PFX4, PFX6):
        p = _vg_path(t, "r5", pfx, lambda p: "juniper" not in p["vendors"])
        assert p["verdict"] == "unknown", p
        assert sorted(p["vendors"]) == ["cisco", "nokia"], p
        assert "trustedTag" not in p["reasons"] and "attestation" not in p["reasons"], p
        assert p["firstUncoveredAs"] == 65001, p

    # Trust again: tainted again, without any session reset.
    t.vtysh("r5", "configure terminal", "vendor-guard tagging-domain 65000 trusted")
    for pfx in (PFX4, PFX6):
        _vg_path(t, "r5", pfx, lambda p: p["verdict"] == "tainted" and "juniper" in p["vendors"])
    n = t.vtysh_json("r5", "show bgp neighbors json")
    for peer in ("10.0.15.1", "fd00:15::1"):
        assert n[peer]["connectionsEstablished"] == 1, n[peer]
        assert n[peer]["messageStats"]["routeRefreshSent"] == 0, n[peer]


def test_verdict_tag_in_frr_show(base):
    """With a verdict-function on its domain, r1 states its verdict as a
    large community (GA:F:V, 1 clean, 2 tainted, 3 unknown) that FRR's own
    `show bgp ... json` shows; r5 replaces it with its own verdict."""
    t = base
    try:
        t.vtysh("r1", "configure terminal",
                "vendor-guard tagging-domain 65000 trusted verdict-function 7")
        t.vtysh("r5", "configure terminal",
                "vendor-guard tagging-domain 65000 trusted verdict-function 7")
        t.wait("r1", f"show bgp ipv4 unicast {PFX4} json",
               lambda j: "65000:7:1" in j["paths"][0]
               .get("largeCommunity", {}).get("list", []), timeout=30)
        # Flag r4's vendor on r1: r1 says tainted, and so does r5 (juniper
        # reaches r5 through r1's trusted vendor tag).
        t.vtysh("r1", "configure terminal",
                "vendor-guard vendor juniper pen 2636 flagged")
        t.vtysh("r5", "configure terminal",
                "vendor-guard vendor juniper pen 2636 flagged")
        for node in ("r1", "r5"):
            j = t.wait(node, f"show bgp ipv4 unicast {PFX4} json",
                       lambda j: "65000:7:2" in j["paths"][0]
                       .get("largeCommunity", {}).get("list", []),
                       timeout=30)
            tags = j["paths"][0]["largeCommunity"]["list"]
            assert [x for x in tags if x.startswith("65000:7:")] == ["65000:7:2"], tags
    finally:
        for node in ("r1", "r5"):
            t.vtysh(node, "configure terminal",
                    "vendor-guard tagging-domain 65000 trusted",
                    "vendor-guard vendor juniper pen 2636", check=False)
    t.wait("r1", f"show bgp ipv4 unicast {PFX4} json",
           lambda j: set(j["paths"][0].get("largeCommunity", {})
                         .get("list", [])) == R1_TAGS, timeout=30)
