# SPDX-License-Identifier: GPL-2.0-or-later
"""A sensitive set made of an FRR prefix-list, edited at run time.

Steering lab: r1 withholds tainted paths of the set's prefixes. The set
names prefix-list GOV. Creating, editing and deleting GOV changes which
prefixes are sensitive, with the kernel FIB of r1 as the judge, and no
session is reset.
"""
import json

GOV = "203.0.113.0/24"
OTHER = "198.51.100.0/24"
R2, R3 = "10.0.12.2", "10.0.13.2"


def gateway(t, prefix):
    r = t.exec("r1", ["ip", "-j", "route", "show", prefix])
    routes = json.loads(r.stdout or "[]")
    return routes[0].get("gateway") if routes else None


def wait_gateway(t, prefix, want, timeout=30):
    t.wait("r1", "show bgp vendor-guard json",
           lambda j: gateway(t, prefix) == want, timeout=timeout)


def bgpd_log(t):
    with open(t.log_path("r1", "bgpd")) as f:
        return f.read()


def sessions(t):
    j = t.vtysh_json("r1", "show bgp neighbors json")
    return {n: (v["connectionsEstablished"], v["connectionsDropped"])
            for n, v in j.items()}


def test_prefix_list_set_follows_the_list(lab):
    t = lab("steer", name="plist")
    t.wait("r1", "show bgp vendor-guard json",
           lambda j: j["paths"]["total"] == 4, timeout=90)
    # Without vendorguard policy both go the short way, through r2.
    wait_gateway(t, GOV, R2)
    wait_gateway(t, OTHER, R2)
    before = sessions(t)

    # The set references a list that does not exist yet: nothing changes.
    t.vtysh("r1", "configure terminal",
            "vendor-guard sensitive-set gov prefix-list GOV",
            "vendor-guard sensitive-set gov action withhold")
    assert "[VG-PLIST-MISSING]" in bgpd_log(t)
    wait_gateway(t, GOV, R2)

    # Creating the list makes GOV sensitive: r2's tainted path is withheld.
    t.vtysh("r1", "configure terminal",
            f"ip prefix-list GOV seq 5 permit {GOV}")
    wait_gateway(t, GOV, R3)
    wait_gateway(t, OTHER, R2)
    comp = t.wait("r1", "show bgp vendor-guard compliance json",
                  lambda j: j.get(GOV, {}).get("state") == "compliant",
                  timeout=20)
    assert comp[GOV]["withheldPaths"] == 1

    # Editing the list: add the other prefix, then remove it again.
    t.vtysh("r1", "configure terminal",
            f"ip prefix-list GOV seq 10 permit {OTHER}")
    wait_gateway(t, OTHER, R3)
    t.vtysh("r1", "configure terminal",
            f"no ip prefix-list GOV seq 10 permit {OTHER}")
    wait_gateway(t, OTHER, R2)
    wait_gateway(t, GOV, R3)

    # Deleting the list: the set matches nothing, and a log line says so.
    t.vtysh("r1", "configure terminal", "no ip prefix-list GOV")
    wait_gateway(t, GOV, R2)
    assert "[VG-PLIST-EMPTY]" in bgpd_log(t)
    t.wait("r1", "show bgp vendor-guard compliance json",
           lambda j: GOV not in j, timeout=20)

    assert sessions(t) == before
