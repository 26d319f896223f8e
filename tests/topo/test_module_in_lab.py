# SPDX-License-Identifier: GPL-2.0-or-later
"""bgpd -M vendorguard in a two-AS lab: loaded, reachable through vtysh,
and seeing the paths that r2 advertises to r1."""


def test_module_sees_received_paths(lab):
    t = lab("two-as")
    mods = t.vtysh("r1", "show modules")
    assert "bgpd_vendorguard" in mods, mods

    t.wait("r1", "show bgp ipv4 unicast json",
           lambda j: "192.0.2.0/24" in j.get("routes", {}), timeout=60)
    t.wait("r1", "show bgp ipv6 unicast json",
           lambda j: "2001:db8:2::/48" in j.get("routes", {}), timeout=60)

    j = t.wait("r1", "show bgp vendor-guard json",
               lambda j: j["counters"]["pathsAdded"] >= 2, timeout=30)
    assert j["frrVersion"] == "8.4.4"
    assert j["counters"]["processEvents"] >= 2
