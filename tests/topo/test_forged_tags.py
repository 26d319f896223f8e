# SPDX-License-Identifier: GPL-2.0-or-later
"""Forged tags from a neighbour outside the trusted domain (spec §3, ingress).

topologies/forged-tags: b9 (BIRD, AS64999, not a member of domain 65000)
sends 192.0.2.0/24 and 2001:db8:99::/48 to r1 (AS65001) with large
communities claiming domain 65000: 65000:2:64999 (a forged attestation that
would make AS64999 "covered") and 65000:1:9 (a forged cisco tag), plus
64511:1:2011 (an untrusted domain: ignored, kept) and 64999:100:1 (not a
domain tag: kept).  r1 must remove the two forged tags, count them, and
pass on only its own tags to r5 (AS65005, member).
"""
import re

import pytest

LAB = "vg-forge"
PFX4 = "192.0.2.0/24"
PFX6 = "2001:db8:99::/48"
FORGED = {"65000:2:64999", "65000:1:9"}
KEPT = {"64511:1:2011", "64999:100:1"}
# r1's own tags: entry equipment b9 = juniper (2636), itself nokia (6527), AS65001.
R1_TAGS = {"65000:1:2636", "65000:1:6527", "65000:2:65001"}
R5_ADDS = {"65000:1:30065", "65000:2:65005"}        # r5: arista, AS65005
B9_PEER = {PFX4: "10.0.19.2", PFX6: "fd00:19::2"}


def _afi(pfx):
    return "ipv6" if ":" in pfx else "ipv4"


def _large(t, node, pfx, pred=lambda s: True):
    j = t.wait(node, f"show bgp {_afi(pfx)} unicast {pfx} json",
               lambda j: len(j["paths"]) == 1 and pred(
                   set(j["paths"][0].get("largeCommunity", {}).get("list", []))), timeout=30)
    return set(j["paths"][0].get("largeCommunity", {}).get("list", []))


def _vg(t, pfx, pred=lambda p: True):
    j = t.wait("r1", f"show bgp vendor-guard prefix {pfx} json",
               lambda j: len(j["paths"]) == 1 and j["paths"][0]["current"] and pred(j["paths"][0]),
               timeout=30)
    return j["paths"][0]


@pytest.fixture(scope="module")
def t(module_lab):
    t = module_lab("forged-tags", name=LAB)
    for pfx in (PFX4, PFX6):
        t.wait("r5", f"show bgp {_afi(pfx)} unicast {pfx} json",
               lambda j: len(j["paths"]) == 1, timeout=60)
    return t


def test_bird_really_sends_the_forged_tags(t):
    """The forgery is on the wire: BIRD exports the route with the tags."""
    out = t.birdc("b9", "show route 192.0.2.0/24 export r1v4 all")
    for lc in ("(65000, 2, 64999)", "(65000, 1, 9)"):
        assert lc in out, out


@pytest.mark.parametrize("pfx", [PFX4, PFX6])
def test_r1_removes_forged_tags(t, pfx):
    tags = _large(t, "r1", pfx)
    assert not tags & FORGED, tags
    assert KEPT <= tags, tags
    assert tags == KEPT | R1_TAGS, tags

    p = _vg(t, pfx)
    assert p["peer"] == B9_PEER[pfx] and p["peerAs"] == 64999, p
    assert p["forgedTags"] == 2, p
    assert "forgedTagsRemoved" in p["reasons"], p
    # The forged attestation did not cover AS64999, the forged cisco tag did
    # not enter V: only the inventoried entry equipment counts.
    assert p["vendors"] == ["juniper"], p
    assert p["verdict"] == "unknown", p
    assert p["firstUncoveredAs"] == 64999, p
    assert "trustedTag" not in p["reasons"] and "attestation" not in p["reasons"], p


@pytest.mark.parametrize("pfx", [PFX4, PFX6])
def test_downstream_sees_no_forged_tags(t, pfx):
    tags = _large(t, "r5", pfx)
    assert not tags & FORGED, tags
    assert tags == KEPT | R1_TAGS | R5_ADDS, tags
    j = t.wait("r5", f"show bgp vendor-guard prefix {pfx} json",
               lambda j: len(j["paths"]) == 1 and j["paths"][0]["current"], timeout=30)
    p = j["paths"][0]
    assert p["forgedTags"] == 0, p                      # r1 is a member: nothing forged
    assert "attestation" in p["reasons"], p             # r1's genuine 65000:2:65001
    assert p["firstUncoveredAs"] == 64999, p            # no forged cover downstream either


def test_forged_vendor_tag_cannot_taint(t):
    """Flag cisco on r1: the forged 65000:1:9 was removed, so nothing changes."""
    try:
        t.vtysh("r1", "configure terminal", "vendor-guard vendor cisco pen 9 flagged")
        t.wait("r1", "show bgp vendor-guard json",
               lambda j: j["vendors"]["cisco"]["flagged"], timeout=10)
        for pfx in (PFX4, PFX6):
            p = _vg(t, pfx)
            assert p["verdict"] == "unknown" and p["vendors"] == ["juniper"], p
        assert t.vtysh_json("r1", "show bgp vendor-guard json")["paths"]["tainted"] == 0
    finally:
        t.vtysh("r1", "configure terminal", "vendor-guard vendor cisco pen 9")


def test_forged_tags_counter_increments(t):
    c0 = t.vtysh_json("r1", "show bgp vendor-guard json")["counters"]
    assert c0["forgedTagsRemoved"] >= 4, c0             # 2 per path, IPv4 + IPv6
    n0 = t.vtysh_json("r1", "show bgp neighbors json")

    # b9 re-announces with a third forged tag (65000:1:2011): edit its
    # runtime bird.conf and reconfigure (BIRD re-exports, no session reset).
    conf = f"{t.nodedir('b9')}/bird.conf"
    with open(conf) as fh:
        text = fh.read()
    text, n = re.subn(r"#\s*EXTRA-FORGED.*", "bgp_large_community.add((65000, 1, 2011));", text)
    assert n == 1, "marker line missing in b9/bird.conf"
    with open(conf, "w") as fh:
        fh.write(text)
    out = t.birdc("b9", "configure")
    assert "Reconfigured" in out, out

    for pfx in (PFX4, PFX6):
        p = _vg(t, pfx, lambda p: p["forgedTags"] == 3)
        assert p["verdict"] == "unknown" and p["vendors"] == ["juniper"], p
        tags = _large(t, "r1", pfx)
        assert not tags & (FORGED | {"65000:1:2011"}), tags
        tags = _large(t, "r5", pfx)
        assert not tags & (FORGED | {"65000:1:2011"}), tags
    c1 = t.wait("r1", "show bgp vendor-guard json",
                lambda j: j["counters"]["forgedTagsRemoved"] >= c0["forgedTagsRemoved"] + 6,
                timeout=30)["counters"]
    assert c1["forgedTagsRemoved"] == c0["forgedTagsRemoved"] + 6, (c0, c1)
    n1 = t.vtysh_json("r1", "show bgp neighbors json")
    for peer in B9_PEER.values():
        assert n1[peer]["connectionsEstablished"] == n0[peer]["connectionsEstablished"] == 1
