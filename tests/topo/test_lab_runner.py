"""Tests of the namespace lab runner itself (topologies/vglab.py), with stock
FRR.  The vendorguard module is optional here (VG_MODULE_OPTIONAL=1): these
tests check the runner, not the module.  Run as root:

    /usr/bin/python3 -m pytest -v tests/topo
"""
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
import yaml

import vglab                       # on sys.path via conftest.py
from labrunner import frr, topo

TOPOLOGIES = os.path.dirname(os.path.abspath(vglab.__file__))

VGLAB = os.path.join(TOPOLOGIES, "vglab.py")
TWO_AS = os.path.join(TOPOLOGIES, "two-as", "two-as.clab.yml")


@pytest.fixture(autouse=True)
def _module_optional(monkeypatch):
    monkeypatch.setenv("VG_MODULE_OPTIONAL", "1")


def _netns_list():
    out = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, timeout=10).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def _alive(pid):
    """Running and not a zombie (PID 1 in this sandbox does not reap orphans)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _sha(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _assert_gone(name, nss, pids):
    """No namespace, daemon or runtime dir of lab `name` is left."""
    left = [n for n in _netns_list() if n in nss or n.startswith(f"vg-{name}-")]
    assert not left, f"namespaces left: {left}"
    alive = {k: p for k, p in pids.items() if _alive(p)}
    assert not alive, f"daemons still running: {alive}"
    assert not os.path.exists(os.path.join(vglab.run_root(), name))


# ------------------------------------------------------------------ parsing (no root needed)
def test_parse_roles_labels_and_daemons(tmp_path):
    (tmp_path / "r1").mkdir()
    (tmp_path / "r1" / "frr.conf").write_text("hostname r1\n")
    (tmp_path / "r1" / "daemons").write_text('bgpd=yes\nospfd=no\nbgpd_options="-A 127.0.0.1 -M bmp"\n')
    (tmp_path / "b1.conf").write_text("")
    f = tmp_path / "t.clab.yml"
    f.write_text(textwrap.dedent("""\
        name: parse
        topology:
          kinds:
            linux: {image: quay.io/frrouting/frr:8.4.4}
          nodes:
            r1:
              kind: linux
              binds: [r1/frr.conf:/etc/frr/frr.conf, r1/daemons:/etc/frr/daemons]
              labels: {vendorguard: "false"}
            h1: {kind: linux, image: alpine:3, exec: ["ip addr add 10.0.0.1/24 dev eth1"]}
            b1: {kind: linux, image: bird, binds: ["b1.conf:/etc/bird/bird.conf"]}
          links:
            - endpoints: ["r1:eth1", "h1:eth1"]
            - endpoints: ["r1:eth2", "b1:eth1"]
        """))
    t = topo.load(str(f))
    assert {n: x.role for n, x in t.nodes.items()} == {"r1": "frr", "h1": "host", "b1": "bird"}
    assert t.nodes["r1"].bind_for("/etc/frr/frr.conf").host == str(tmp_path / "r1" / "frr.conf")
    assert frr.module_wanted(t.nodes["r1"]) == []
    p = frr.plan(t.nodes["r1"])
    assert p.daemons == ["zebra", "bgpd", "staticd"]
    assert p.modules["bgpd"] == ["bmp"]               # from bgpd_options, no vendorguard
    assert t.nodes["h1"].exec_ == ["ip addr add 10.0.0.1/24 dev eth1"]
    with pytest.raises(topo.TopologyError):
        f.write_text(f.read_text().replace("h1:eth1", "h1:this-name-is-too-long"))
        topo.load(str(f))


def test_missing_module_fails_loudly(tmp_path, monkeypatch):
    """A node that wants the module must not come up without it."""
    monkeypatch.delenv("VG_MODULE_OPTIONAL")
    monkeypatch.setenv("VG_MODULE_DIR", str(tmp_path))           # empty: no .so
    before = set(_netns_list())
    with pytest.raises(frr.FrrError, match="bgpd_vendorguard.so"):
        vglab.Lab.up(TWO_AS)
    assert set(_netns_list()) == before


# ------------------------------------------------------------------ two-as
def test_two_as_ebgp_rib_and_fib(lab):
    t = lab("two-as")
    j = t.wait("r1", "show bgp ipv4 unicast json",
               lambda j: any(p.get("bestpath") for p in j["routes"]["192.0.2.0/24"]), timeout=60)
    path = j["routes"]["192.0.2.0/24"][0]
    assert path["path"] == "65002"
    assert path["nexthops"][0]["ip"] == "10.0.12.2"
    # zebra installed it into r1's kernel FIB (inside r1's namespace).
    fib = json.loads(t.exec("r1", ["ip", "-j", "route", "show", "192.0.2.0/24"]).stdout)
    assert fib and fib[0]["gateway"] == "10.0.12.2" and fib[0]["dev"] == "eth1"
    assert fib[0]["protocol"] == "bgp"
    # ... and not into the host's.
    host = subprocess.run(["ip", "route", "show", "192.0.2.0/24"], capture_output=True,
                          text=True, timeout=10).stdout
    assert "10.0.12.2" not in host
    # IPv6 session and prefix.
    t.wait("r1", "show bgp ipv6 unicast json", lambda j: "2001:db8:2::/48" in j["routes"], timeout=60)
    fib6 = json.loads(t.exec("r1", ["ip", "-j", "-6", "route", "show", "2001:db8:2::/48"]).stdout)
    assert fib6 and fib6[0]["dev"] == "eth1" and fib6[0]["protocol"] == "bgp"
    # Per-node instances: each daemon runs in its own node's namespace.
    for key, pid in t.pids().items():
        node = key.split("/")[0]
        assert os.readlink(f"/proc/{pid}/ns/net") == os.readlink(
            f"/proc/{t.pids(node)[node + '/zebra']}/ns/net")
    assert t.vtysh_json("r2", "show bgp ipv4 unicast json")["routes"]["192.0.2.0/24"]


def test_write_memory_goes_to_node_copy(lab):
    repo_conf = os.path.join(TOPOLOGIES, "two-as", "r1", "frr.conf")
    sha = _sha(repo_conf)
    t = lab("two-as")
    t.vtysh("r1", "configure terminal", "router bgp 65001", "bgp log-neighbor-changes")
    out = t.vtysh("r1", "write memory")
    node_conf = os.path.join(t.nodedir("r1"), "frr.conf")
    assert node_conf in out
    text = open(node_conf).read()
    assert "bgp log-neighbor-changes" in text
    assert "hostname r1" in text and "hostname vm" not in text.replace("hostname r1", "")
    assert "neighbor 10.0.12.2 remote-as 65002" in text
    assert _sha(repo_conf) == sha, "write memory touched the repository file"


def test_wait_timeout_reports_last_output(lab):
    t = lab("two-as")
    t0 = time.monotonic()
    with pytest.raises(vglab.WaitTimeout) as ei:
        t.wait("r1", "show bgp ipv4 unicast json", lambda j: "203.0.113.0/24" in j["routes"],
               timeout=1.5)
    assert 1.4 < time.monotonic() - t0 < 15
    assert '"routerId"' in ei.value.last
    # CLI: exit 1 and the last output on stdout.
    r = subprocess.run([sys.executable, VGLAB, "wait", "two-as", "r1", "show bgp ipv4 unicast json",
                        '"203.0.113.0/24" in j["routes"]', "--timeout", "1"],
                       capture_output=True, text=True, timeout=30)
    assert r.returncode == 1 and '"routerId"' in r.stdout and "timeout" in r.stderr


def test_down_removes_namespaces_and_daemons(lab):
    t = lab("two-as")
    pids = t.pids()
    nss = [t.ns(n) for n in t.state["nodes"]]
    assert len(pids) == 6 and all(_alive(p) for p in pids.values())   # zebra bgpd staticd x2
    assert set(nss) <= set(_netns_list())
    t.down()
    _assert_gone("two-as", nss, pids)


def test_host_nodes_from_exec(lab, tmp_path):
    """Host-like nodes (alpine) become plain namespaces configured by exec:."""
    f = tmp_path / "hosts.clab.yml"
    f.write_text(yaml.safe_dump({"name": "vghosts", "topology": {
        "nodes": {
            "h1": {"kind": "linux", "image": "alpine:3.19",
                   "exec": ["ip addr add 10.9.0.1/24 dev eth1", "ip route add 198.51.100.0/24 via 10.9.0.2"]},
            "h2": {"kind": "linux", "image": "alpine:3.19",
                   "exec": ["ip addr add 10.9.0.2/24 dev eth1"], "env": {"FOO": "bar"}}},
        "links": [{"endpoints": ["h1:eth1", "h2:eth1"]}]}}))
    t = lab(str(f))
    assert t.state["nodes"]["h1"]["role"] == "host" and not t.pids()
    r = t.exec("h1", ["ip", "route", "get", "198.51.100.7"]).stdout
    assert "via 10.9.0.2 dev eth1" in r
    # the veth really connects h1 and h2: h1's neighbour entry for h2 resolves
    t.exec("h1", [sys.executable, "-c", "import socket; socket.socket(socket.AF_INET, "
                  "socket.SOCK_DGRAM).sendto(b'x', ('10.9.0.2', 9))"])
    deadline = time.monotonic() + 5
    while "lladdr" not in t.exec("h1", ["ip", "neigh", "show", "10.9.0.2"]).stdout:
        assert time.monotonic() < deadline, "h1 cannot resolve h2 over eth1"
        time.sleep(0.1)


def test_down_from_another_process_after_crash(tmp_path):
    """A runner killed with SIGKILL leaves daemons behind; `vglab.py down`
    from a fresh process removes them using the state file."""
    # Same routers under another lab name, so this cannot disturb other labs.
    doc = yaml.safe_load(open(TWO_AS))
    doc["name"] = "vgcrash"
    for n in doc["topology"]["nodes"].values():
        n["binds"] = [os.path.join(TOPOLOGIES, "two-as", b) for b in n["binds"]]
    f = tmp_path / "crash.clab.yml"
    f.write_text(yaml.safe_dump(doc))
    child = subprocess.Popen(
        [sys.executable, "-c", f"import sys, time; sys.path.insert(0, {TOPOLOGIES!r}); import vglab; "
         f"vglab.Lab.up({str(f)!r}); print('UP', flush=True); time.sleep(600)"],
        stdout=subprocess.PIPE, text=True, env=dict(os.environ, VG_MODULE_OPTIONAL="1"))
    try:
        assert child.stdout.readline().strip() == "UP"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    lab = vglab.Lab.attach("vgcrash")
    pids, nss = lab.pids(), [lab.ns(n) for n in lab.state["nodes"]]
    assert pids and all(_alive(p) for p in pids.values())           # orphans left behind
    r = subprocess.run([sys.executable, VGLAB, "down", str(f)], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    _assert_gone("vgcrash", nss, pids)


def test_bird_and_gobgp_peers(lab):
    """Non-FRR peers: BIRD 2 and GoBGP nodes, each with its own control socket."""
    t = lab("frr-bird-gobgp")
    j = t.wait("r1", "show bgp ipv4 unicast json",
               lambda j: {"198.51.100.0/24", "203.0.113.0/24"} <= set(j["routes"]), timeout=60)
    assert j["routes"]["198.51.100.0/24"][0]["path"] == "65003"
    assert j["routes"]["203.0.113.0/24"][0]["path"] == "65004"
    # BIRD learned GoBGP's prefix through r1 (and exported it to its kernel table).
    deadline = time.monotonic() + 30
    while "203.0.113.0/24" not in t.birdc("b1", "show route"):
        assert time.monotonic() < deadline, t.birdc("b1", "show route")
        time.sleep(0.25)
    assert "10.0.13.1" in t.exec("b1", ["ip", "route", "show", "203.0.113.0/24"]).stdout
    deadline = time.monotonic() + 30
    while "198.51.100.0/24" not in t.gobgp("g1", "global", "rib"):
        assert time.monotonic() < deadline, t.gobgp("g1", "global", "rib")
        time.sleep(0.25)
    pids = t.pids()
    assert {"b1/bird", "g1/gobgpd"} <= set(pids)
    nss = [t.ns(n) for n in t.state["nodes"]]
    t.down()
    _assert_gone("frr-bird-gobgp", nss, pids)
