# SPDX-License-Identifier: GPL-2.0-or-later
"""The module's configuration is FRR configuration (spec §7, doc/cli.md):

* a line survives `write memory` and a restart that boots from the
  integrated frr.conf with `vtysh -b` (Lab.restart);
* the running-config's vendor-guard lines parse back into the same tree
  (same lines, same `show configuration running json` data);
* bad input is refused with a message naming the problem, and leaves the
  configuration as it was.

Runs on a copy of topologies/two-as named vg-persist (r1 AS65001 with the
module, r2 AS65002 originating 192.0.2.0/24 and 2001:db8:2::/48).
"""
import os
import re

import pytest

LAB = "vg-persist"
MODULE_KEY = "frr-vendorguard:vendor-guard"

# Every kind of leaf, some typed in a non-canonical form.
CONFIG = [
    "vendor-guard vendor huawei pen 2011 flagged",
    "vendor-guard vendor huawei description Flagged by the 2026 supply-chain policy",
    "vendor-guard vendor cisco pen 9",
    "vendor-guard vendor juniper pen 2636",
    "vendor-guard equipment r2 vendor huawei",
    "vendor-guard equipment r2 neighbor 10.0.12.2",
    "vendor-guard equipment r2 neighbor FD00:12:0::2",
    "vendor-guard equipment r2 bgp-router-id 10.0.12.2",
    "vendor-guard equipment core1 vendor juniper",
    "vendor-guard equipment core1 ospf-router-id 192.0.2.1",
    "vendor-guard as-attribution 65002 vendor huawei",
    "vendor-guard as-attribution 4200000001 vendor cisco",
    "vendor-guard as-attribution 4200000001 vendor juniper",
    "vendor-guard tagging-domain 65000 trusted",
    "vendor-guard tagging-domain 65000 member-as 65001",
    "vendor-guard tagging-domain 65000 member-as 4200000100",
    "vendor-guard tagging-domain 64511 trusted vendor-function 101 attestation-function 102",
    "vendor-guard tagging-domain 64999",
    "vendor-guard local vendor cisco",
    "vendor-guard sensitive-set payments prefix 10.1.2.3/8 le 24",
    "vendor-guard sensitive-set payments prefix 2001:DB8:100::/40 ge 48 le 56",
    "vendor-guard sensitive-set payments action withhold",
    "vendor-guard sensitive-set gov prefix 203.0.113.0/24 ge 25 le 32",
    "vendor-guard sensitive-set gov action demote local-preference 10",
    "vendor-guard sensitive-set customers prefix-list SENSITIVE-CUSTOMERS",
    "no vendor-guard sensitive-set customers unknown-is-tainted",
    "vendor-guard sensitive-set empty",
]
# What show running-config must print for CONFIG (canonical values).
EXPECTED_LINES = {
    "vendor-guard vendor huawei pen 2011 flagged",
    "vendor-guard vendor huawei description Flagged by the 2026 supply-chain policy",
    "vendor-guard vendor cisco pen 9",
    "vendor-guard vendor juniper pen 2636",
    "vendor-guard equipment r2 vendor huawei",
    "vendor-guard equipment r2 neighbor 10.0.12.2",
    "vendor-guard equipment r2 neighbor fd00:12::2",
    "vendor-guard equipment r2 bgp-router-id 10.0.12.2",
    "vendor-guard equipment core1 vendor juniper",
    "vendor-guard equipment core1 ospf-router-id 192.0.2.1",
    "vendor-guard as-attribution 65002 vendor huawei",
    "vendor-guard as-attribution 4200000001 vendor cisco",
    "vendor-guard as-attribution 4200000001 vendor juniper",
    "vendor-guard tagging-domain 65000 trusted",
    "vendor-guard tagging-domain 65000 member-as 65001",
    "vendor-guard tagging-domain 65000 member-as 4200000100",
    "vendor-guard tagging-domain 64511 trusted vendor-function 101 attestation-function 102",
    "vendor-guard tagging-domain 64999",
    "vendor-guard local vendor cisco",
    "vendor-guard sensitive-set payments",
    "vendor-guard sensitive-set payments prefix 10.0.0.0/8 le 24",
    "vendor-guard sensitive-set payments prefix 2001:db8:100::/40 ge 48 le 56",
    "vendor-guard sensitive-set payments action withhold",
    "vendor-guard sensitive-set gov",
    "vendor-guard sensitive-set gov prefix 203.0.113.0/24 ge 25 le 32",
    "vendor-guard sensitive-set gov action demote local-preference 10",
    "vendor-guard sensitive-set customers",
    "vendor-guard sensitive-set customers prefix-list SENSITIVE-CUSTOMERS",
    "no vendor-guard sensitive-set customers unknown-is-tainted",
    "vendor-guard sensitive-set empty",
}


def vg_lines(text):
    """The module's lines of a configuration text, in order."""
    return [l.strip() for l in text.splitlines()
            if re.match(r"\s*(no )?vendor-guard ", l)]


def running_lines(t, node="r1"):
    return vg_lines(t.vtysh(node, "show running-config"))


def running_data(t, node="r1"):
    """The module's subtree of bgpd's running configuration (northbound)."""
    return t.vtysh_json(node, "show configuration running json bgpd").get(MODULE_KEY)


def configure(t, lines, node="r1"):
    r = t.vtysh_result(node, "configure terminal", *lines)
    out = r.stdout + r.stderr
    assert r.returncode == 0 and "%" not in out, f"config refused (exit {r.returncode}):\n{out}"


def wipe_lines(data):
    """`no` lines that remove everything in `data`, referrers first."""
    out = [f"no vendor-guard sensitive-set {s['name']}" for s in data.get("sensitive-set", [])]
    if data.get("local", {}).get("vendor"):
        out.append("no vendor-guard local vendor")
    out += [f"no vendor-guard tagging-domain {d['global-admin']}"
            for d in data.get("tagging-domain", [])]
    out += [f"no vendor-guard as-attribution {a['asn']}" for a in data.get("as-attribution", [])]
    out += [f"no vendor-guard equipment {e['name']}" for e in data.get("equipment", [])]
    out += [f"no vendor-guard vendor {v['name']}" for v in data.get("vendor", [])]
    return out


@pytest.fixture(scope="module")
def t(module_lab):
    t = module_lab("two-as", name=LAB)
    t.wait("r1", "show bgp ipv4 unicast json",
           lambda j: "192.0.2.0/24" in j.get("routes", {}), timeout=60)
    return t


@pytest.fixture
def configured(t):
    """r1 with CONFIG applied (and nothing else of the module)."""
    d = running_data(t)
    if d:
        configure(t, wipe_lines(d))
    configure(t, CONFIG)
    assert set(running_lines(t)) == EXPECTED_LINES, running_lines(t)
    return t


def test_write_memory_and_restart(configured):
    t = configured
    lines0, data0 = running_lines(t), running_data(t)
    inv0 = t.vtysh_json("r1", "show bgp vendor-guard inventory json")

    out = t.vtysh("r1", "write memory")
    assert "[OK]" in out, out
    saved = os.path.join(t.nodedir("r1"), "frr.conf")
    with open(saved) as fh:
        saved_lines = vg_lines(fh.read())
    assert saved_lines == lines0, saved_lines

    pid0 = t.pids("r1")["r1/bgpd"]
    t.restart("r1")
    pid1 = t.pids("r1")["r1/bgpd"]
    assert pid1 != pid0
    assert "bgpd_vendorguard" in t.vtysh("r1", "show modules")

    assert running_lines(t) == lines0
    assert running_data(t) == data0
    inv1 = t.vtysh_json("r1", "show bgp vendor-guard inventory json")
    assert inv1 == inv0, (inv0, inv1)
    assert inv1["equipment"]["r2"]["vendor"] == "huawei", inv1
    assert sorted(inv1["equipment"]["r2"]["neighborAddresses"]) == ["10.0.12.2", "fd00:12::2"], inv1
    assert inv1["localVendor"] == "cisco", inv1
    assert inv1["vendors"]["huawei"] == {"pen": 2011, "flagged": True}, inv1["vendors"]

    # And the restored configuration is in force on the new sessions: r2 is
    # huawei (flagged), AS65002 is attributed to huawei.
    for pfx in ("192.0.2.0/24", "2001:db8:2::/48"):
        j = t.wait("r1", f"show bgp vendor-guard prefix {pfx} json",
                   lambda j: len(j["paths"]) == 1 and j["paths"][0]["current"], timeout=60)
        p = j["paths"][0]
        assert p["verdict"] == "tainted" and p["vendors"] == ["huawei"], p
        assert p["entryVendor"] == "huawei", p


def test_running_config_round_trip(configured):
    t = configured
    lines0, data0 = running_lines(t), running_data(t)
    assert data0, "no module data in the running configuration"

    configure(t, wipe_lines(data0))
    assert running_lines(t) == []
    assert not running_data(t), running_data(t)
    inv = t.vtysh_json("r1", "show bgp vendor-guard inventory json")
    assert not inv.get("equipment") and not inv.get("vendors"), inv

    configure(t, lines0)                       # the printed lines, fed back verbatim
    assert running_lines(t) == lines0
    assert running_data(t) == data0


def test_round_trip_into_a_fresh_daemon(configured):
    """The same through the file: `write memory` saves the printed lines,
    a restart boots them with `vtysh -b`; twice, and the tree is stable."""
    t = configured
    lines0, data0 = running_lines(t), running_data(t)
    t.vtysh("r1", "write memory")
    path = os.path.join(t.nodedir("r1"), "frr.conf")
    with open(path) as fh:
        text = fh.read()
    assert vg_lines(text) == lines0
    t.restart("r1")
    assert running_lines(t) == lines0 and running_data(t) == data0
    t.vtysh("r1", "write memory")
    with open(path) as fh:
        assert vg_lines(fh.read()) == lines0
    t.restart("r1")
    assert running_lines(t) == lines0 and running_data(t) == data0


# (command, regex the refusal must match: it names the problem)
BAD = [
    ("vendor-guard equipment r9 vendor nosuchvendor",
     r"% Configuration failed(.|\n)*nosuchvendor"),
    ("vendor-guard vendor x pen 4294967296",                  # PEN is a uint32
     r"%.*4294967296"),
    ("vendor-guard vendor x pen 0",                           # 0 is reserved
     r"%.*pen 0"),
    ("vendor-guard equipment core1 neighbor 10.0.12.2",       # r2's address
     r"% 10\.0\.12\.2 is already a neighbor address of r2"),
    ("vendor-guard equipment core1 neighbor FD00:12:0::2",    # same, non-canonical
     r"% (fd00:12::2|FD00:12:0::2) is already a neighbor address of r2"),
    ("no vendor-guard equipment core1 neighbor 10.0.12.2",
     r"% 10\.0\.12\.2 is not a neighbor address of core1"),
    ("vendor-guard vendor dup pen 9",                         # PEN unique
     r"% Configuration failed(.|\n)*(?i:unique)(.|\n)*pen"),
    ("no vendor-guard vendor huawei",                         # still referenced
     r"% Configuration failed(.|\n)*huawei"),
    ("vendor-guard tagging-domain 65000 vendor-function 2",
     r"% Configuration failed(.|\n)*must differ"),
    ("vendor-guard sensitive-set gov prefix 10.0.0.0/8 le 33",
     r"% Configuration failed(.|\n)*le must not exceed 32"),
    ("vendor-guard sensitive-set gov prefix 10.0.0.0/16 le 8",
     r"% Configuration failed(.|\n)*prefix length"),
    ("vendor-guard sensitive-set gov prefix-list GOV",        # set has inline prefixes
     r"% sensitive-set gov has inline prefixes; remove them first"),
    ("vendor-guard sensitive-set customers prefix 10.0.0.0/8",
     r"% sensitive-set customers uses prefix-list SENSITIVE-CUSTOMERS; remove it first"),
    # Malformed prefixes in a sensitive set.
    ("vendor-guard sensitive-set gov prefix 10.0.0.300/8", r"%.*10\.0\.0\.300/8"),
    ("vendor-guard sensitive-set gov prefix 10.0.0.0/33", r"%.*10\.0\.0\.0/33"),
    ("vendor-guard sensitive-set gov prefix 2001:db8::/129", r"%.*2001:db8::/129"),
    ("vendor-guard sensitive-set newset prefix 10.0.0.0", r"%.*10\.0\.0\.0"),
]


@pytest.mark.parametrize("cmd,msg", BAD, ids=[c for c, _ in BAD])
def test_bad_input_refused(configured, cmd, msg):
    t = configured
    lines0, data0 = running_lines(t), running_data(t)
    r = t.vtysh_result("r1", "configure terminal", cmd)
    out = (r.stdout + r.stderr).strip()
    assert re.search(msg, out), f"{cmd!r}: exit {r.returncode}, output:\n{out or '(none)'}"
    assert r.returncode != 0, f"{cmd!r}: exit 0 for a refused command:\n{out}"
    assert running_data(t) == data0, f"{cmd!r} changed the configuration"
    assert running_lines(t) == lines0, f"{cmd!r} changed the running-config"
