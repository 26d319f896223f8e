# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared helpers of the enforcement topology tests (test_enforce_*.py).

Owns the enforce-diamond constants (topology file, the sensitive and the
control prefix, r1's nexthops r2/r3, host h1, the demotion local-preference)
and the helpers that read r1's state: polling, kernel FIB, vendor-guard
compliance, BGP paths, bgpd log lines, traceroute/ping and sessions, plus
`up`, which starts the lab and waits until r1 has both paths of GOV and OTHER.
`RouteMonitor` records `ip -ts monitor route` in a node, to catch routes
that appear for a moment. Helpers used by one test file only stay in it.
"""
import json
import subprocess
import time

TOPO = "topologies/enforce-diamond/enforce-diamond.clab.yml"
GOV = "203.0.113.0/24"
OTHER = "198.51.100.0/24"
R2, R3 = "10.0.12.2", "10.0.13.2"
H1 = "203.0.113.10"
LP = 50


RETRY_ON = (LookupError, TypeError, ValueError, AttributeError)


def poll(fn, pred, timeout, what, interval=0.25, retry_on=RETRY_ON):
    """Call fn() until pred(value) is truthy (exceptions count as not yet);
    fail with the last value after timeout seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while True:
        try:
            last = fn()
            if pred(last):
                return last
        except retry_on as e:
            last = f"{type(e).__name__}: {e}"
        if time.monotonic() >= deadline:
            raise AssertionError(f"timeout ({timeout}s) waiting for {what}; last: {last!r}")
        time.sleep(interval)


def fib(t, node, pfx):
    fam = "-6" if ":" in pfx else "-4"
    out = t.exec(node, ["ip", fam, "-j", "route", "show", pfx]).stdout.strip()
    return json.loads(out) if out else []


def fib_gw(t, node, pfx):
    """Set of gateways of the kernel route for pfx (empty: no route)."""
    return {r.get("gateway") for r in fib(t, node, pfx)}


def compliance(t, pfx=GOV):
    return t.vtysh_json("r1", "show bgp vendor-guard compliance json").get(pfx, {})


def wait_state(t, state, timeout=30, pfx=GOV, extra=lambda c: True):
    return poll(lambda: compliance(t, pfx), lambda c: c.get("state") == state and extra(c),
                timeout, f"compliance state {state} of {pfx}")


def bgp_paths(t, node, pfx):
    afi = "ipv6" if ":" in pfx else "ipv4"
    return t.vtysh_json(node, f"show bgp {afi} unicast {pfx} json").get("paths", [])


def best(t, node, pfx):
    b = [p for p in bgp_paths(t, node, pfx) if p.get("bestpath", {}).get("overall")]
    return b[0] if b else None


def path_from(t, node, pfx, peer):
    for p in bgp_paths(t, node, pfx):
        if p.get("peer", {}).get("peerId") == peer:
            return p
    return None


def log_count(t, tag, node="r1"):
    with open(t.log_path(node, "bgpd"), errors="replace") as fh:
        return sum(1 for line in fh if tag in line)


def traceroute_hops(t, src, dst):
    r = t.exec(src, ["traceroute", "-n", "-I", "-w", "1", "-q", "1", "-m", "8", dst],
               timeout=30, check=False)
    hops = []
    for line in r.stdout.splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 2:
            hops.append(parts[1])
    return hops, r.stdout


def ping_ok(t, src, dst):
    fam = "-6" if ":" in dst else "-4"
    return t.exec(src, ["ping", fam, "-c", "1", "-W", "1", dst], check=False).returncode == 0


def neighbor_state(t, peer):
    return t.vtysh_json("r1", f"show bgp neighbors {peer} json")[peer]["bgpState"]


def up(lab, name):
    t = lab(TOPO, name=name)
    t.wait("r1", "show bgp ipv4 unicast json",
           lambda j: len(j["routes"].get(GOV, [])) == 2 and len(j["routes"].get(OTHER, [])) == 2,
           timeout=90)
    t.wait("r1", f"show bgp vendor-guard prefix {GOV} json",
           lambda j: len(j["paths"]) == 2 and all(p["current"] for p in j["paths"]), timeout=30)
    return t


def session_counters(t, peers):
    """Per-neighbor session counters of r1 that any reset or refresh would
    change."""
    j = t.vtysh_json("r1", "show bgp neighbors json")
    out = {}
    for p in peers:
        n = j[p]
        m = n["messageStats"]
        out[p] = dict(state=n["bgpState"], est=n["connectionsEstablished"],
                      dropped=n["connectionsDropped"],
                      rrSent=m["routeRefreshSent"], rrRecv=m["routeRefreshRecv"],
                      notifSent=m["notificationsSent"], notifRecv=m["notificationsRecv"])
    return out


class RouteMonitor:
    """`ip -ts monitor route` in a node's netns (it survives a restart of
    the node's daemons: the namespace stays)."""

    def __init__(self, t, node, path):
        self.path = path
        self.fh = open(path, "w")
        self.proc = subprocess.Popen(["ip", "netns", "exec", t.ns(node), "ip", "-ts", "monitor",
                                      "route"], stdout=self.fh, stderr=subprocess.STDOUT)

    def text(self):
        if not self.fh.closed:
            self.fh.flush()
        with open(self.path) as fh:
            return fh.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.fh.close()
        return self.text()
