# SPDX-License-Identifier: GPL-2.0-or-later
"""Action withhold under BGP graceful restart (topologies/enforce-gr).

enforce-gr is enforce-diamond with graceful restart on r1, r2, r3 and r5, and
r1 booting with 203.0.113.0/24 (GOV) in a withhold set while huawei (r2) AND
cisco (r3) are flagged: every path of GOV is tainted, so r1 must never install
it nor advertise it (to r5).  198.51.100.0/24 (OTHER) is never sensitive and is
the positive control.

Graceful restart matters because on the restarting speaker bgpd defers
best-path selection and then runs it from bgp_best_path_select_defer(), which
calls bgp_process_main_one() directly: the module's process work-queue wrapper
never sees that selection.  The module relies on its bgp_process hook (it
evaluates a new path as soon as it is stored) to make the paths ineligible
before the deferred selection.

test_withhold_restarting_speaker (r1 restarts, r1's selection is deferred):
  * precondition: r2/r3 have been up longer than FRR's 120 s startup timer, so
    they do not send the R bit and r1, restarting, counts them and defers
    (bgpd.log: "DEFER route 203.0.113.0/24", "EOR REQ n, EOR RCV n",
    "bgp_best_path_select_defer: processing route for IPv4 Unicast : cnt N>0");
    the test fails if the deferral did not happen (it would not test anything);
  * `ip -ts monitor route` in r1 and r5 across the restart (the namespaces
    survive it) plus samplers (r1's and r5's kernel route for GOV every
    ~0.1 s; r5's BGP table and r1's best path every ~0.2 s): no event and no
    sample of GOV, ever;
  * after the deferred selection: both paths in r1's table, not valid, no best
    path; nothing in r1's FIB or at r5 for 3 s; OTHER back in r1's FIB (the
    monitor saw it added after the restart) and present at r5;
  * last: `show bgp vendor-guard compliance json` says withheld, 2 withheld
    paths, 0 eligible.

test_withhold_helper_side_restart (r2 restarts gracefully; r1 is the helper
and keeps r2's path as stale):
  * monitors and sampler in r1/r5 during the stale phase and after r2 is back:
    no event and no sample of GOV, no best path at r1, state withheld; the
    sampler saw r2's path stale (the stale phase did happen);
  * unflagging cisco at run time brings GOV back via r3 (10.0.13.2) in r1's FIB
    and at r5 (AS path 65001 65003 65004 65004 65004), state compliant, and the
    r3 and r5 sessions did not flap (established/dropped counters, route
    refresh and notification counters unchanged since before r2's restart).
"""
import json
import os
import re
import subprocess
import threading
import time

from enforce_helpers import RETRY_ON, RouteMonitor
from enforce_helpers import session_counters as sessions
from enforce_helpers import poll as _poll

TOPO = "topologies/enforce-gr/enforce-gr.clab.yml"
GOV = "203.0.113.0/24"
OTHER = "198.51.100.0/24"
R2, R3, R5 = "10.0.12.2", "10.0.13.2", "10.0.15.2"
# bgp_create() arms bgp->t_startup with BGP_DEFAULT_RESTART_TIME (120 s) before
# "bgp graceful-restart restart-time" applies; while it runs the OPEN carries
# the R bit and the peer is not counted by a restarting r1 (no deferral).
STARTUP_R_BIT = 120
# Lab names carry the pid: `up` first tears down a lab of the same name, so two
# concurrent runs of this file must not share one.
SUFFIX = f"-{os.getpid()}"


# ------------------------------------------------------------------ helpers
def poll(fn, pred, timeout, what, interval=0.25):
    """enforce_helpers.poll, also retrying while a subprocess fails (the
    node's daemons restart under it)."""
    return _poll(fn, pred, timeout, what, interval,
                 retry_on=RETRY_ON + (subprocess.SubprocessError,))


def fib(t, node, pfx):
    out = t.exec(node, ["ip", "-4", "-j", "route", "show", pfx]).stdout.strip()
    return json.loads(out) if out else []


def fib_gw(t, node, pfx):
    return {r.get("gateway") for r in fib(t, node, pfx)}


def bgp_paths(t, node, pfx):
    return t.vtysh_json(node, f"show bgp ipv4 unicast {pfx} json").get("paths", [])


def compliance(t):
    return t.vtysh_json("r1", "show bgp vendor-guard compliance json").get(GOV, {})


def log_lines(t, node="r1", start=0):
    with open(t.log_path(node, "bgpd"), errors="replace") as fh:
        return fh.read().splitlines()[start:]


def stamp():
    return time.strftime("%H:%M:%S", time.gmtime()) + f".{int(time.time() * 1000) % 1000:03d}Z"


class Sampler(threading.Thread):
    """Background probe loop.  kind "fib": r1's and r5's kernel route for GOV
    (cheap, ~every 0.1 s); kind "bgp": r5's BGP table and r1's paths of GOV
    (vtysh, slower).  Records every sample that shows GOV installed,
    advertised or selected, and when r2's path was seen stale at r1."""

    def __init__(self, t, kind):
        super().__init__(daemon=True)
        self.t = t
        self.kind = kind
        self.stop_ev = threading.Event()
        self.leaks = []
        self.samples = 0
        self.errors = 0
        self.stale_seen = []

    def probe(self):
        t = self.t
        if self.kind == "fib":
            for node in ("r1", "r5"):
                r = fib(t, node, GOV)
                if r:
                    self.leaks.append((stamp(), f"{node} FIB", r))
            return
        ps = bgp_paths(t, "r5", GOV)
        if ps:
            self.leaks.append((stamp(), "r5 BGP", [p.get("aspath", {}).get("string") for p in ps]))
        for p in bgp_paths(t, "r1", GOV):
            if p.get("bestpath"):
                self.leaks.append((stamp(), "r1 bestpath", p.get("peer", {}).get("peerId")))
            if p.get("stale") and p.get("peer", {}).get("peerId") == R2:
                self.stale_seen.append(stamp())

    def run(self):
        while not self.stop_ev.is_set():
            try:
                self.probe()
                self.samples += 1
            except Exception:          # daemon restarting: vtysh fails, keep sampling
                self.errors += 1
            self.stop_ev.wait(0.1 if self.kind == "fib" else 0.2)

    def stop(self):
        self.stop_ev.set()
        self.join(30)


class Samplers:
    def __init__(self, t):
        self.fib = Sampler(t, "fib")
        self.bgp = Sampler(t, "bgp")
        self.fib.start()
        self.bgp.start()

    def stop(self):
        self.fib.stop()
        self.bgp.stop()

    @property
    def leaks(self):
        return self.fib.leaks + self.bgp.leaks

    def counts(self):
        return (f"fib samples {self.fib.samples} (errors {self.fib.errors}), "
                f"bgp samples {self.bgp.samples} (errors {self.bgp.errors})")


def gov_lines(text):
    return [line for line in text.splitlines() if "203.0.113." in line]


def assert_withheld_now(t, what):
    assert fib(t, "r1", GOV) == [], f"{what}: {GOV} in r1's FIB: {fib(t, 'r1', GOV)}"
    assert fib(t, "r5", GOV) == [], f"{what}: {GOV} in r5's FIB: {fib(t, 'r5', GOV)}"
    ps5 = bgp_paths(t, "r5", GOV)
    assert not ps5, f"{what}: {GOV} advertised to r5: {ps5}"
    ps = bgp_paths(t, "r1", GOV)
    assert len(ps) == 2, f"{what}: r1 does not keep both paths: {ps}"
    assert not any(p.get("bestpath") for p in ps), f"{what}: r1 has a best path: {ps}"
    assert all(p.get("valid") is not True for p in ps), f"{what}: a path is valid: {ps}"


def settle(t, what, seconds=3.0):
    deadline = time.monotonic() + seconds
    while True:
        assert_withheld_now(t, what)
        if time.monotonic() >= deadline:
            return
        time.sleep(0.3)


def up(lab, name):
    t = lab(TOPO, name=name)
    # OTHER: only r2's path is certain.  r3 may prefer r1's advertisement of it
    # (equal AS-path length; after r3's own deferred selection the lower
    # router-id, r1, wins) and then sends r1 nothing for OTHER.
    t.wait("r1", "show bgp ipv4 unicast json",
           lambda j: len(j["routes"].get(GOV, [])) == 2 and any(
               p.get("bestpath") and p.get("peerId") == R2 for p in j["routes"].get(OTHER, [])),
           timeout=90)
    poll(lambda: compliance(t), lambda c: c.get("state") == "withheld", 30,
         "initial state withheld")
    return t


def deferral_evidence(lines):
    """(deferred GOV?, [(eor_req, eor_rcv)], [cnt of IPv4 deferred selections])"""
    defer_gov = any(f"DEFER route {GOV}" in line for line in lines)
    eors = [tuple(map(int, m.groups())) for line in lines
            for m in [re.search(r"EOR REQ (\d+), EOR RCV (\d+)", line)] if m]
    cnts = [int(m.group(1)) for line in lines
            for m in [re.search(r"bgp_best_path_select_defer: processing route for "
                                r"IPv4 Unicast : cnt (\d+)", line)] if m]
    return defer_gov, eors, cnts


# ------------------------------------------------------------------ tests
def test_withhold_restarting_speaker(lab, tmp_path):
    t = up(lab, "enf-gr-a" + SUFFIX)
    t_up = time.monotonic()        # after every bgp instance was created
    assert_withheld_now(t, "after boot")
    assert fib_gw(t, "r1", OTHER) == {R2}

    # r2/r3 must be past their startup timer (no R bit), or r1 will not defer.
    wait = t_up + STARTUP_R_BIT + 5 - time.monotonic()
    if wait > 0:
        time.sleep(wait)

    mark = len(log_lines(t))
    mons = {n: RouteMonitor(t, n, str(tmp_path / f"monitor-{n}.txt")) for n in ("r1", "r5")}
    sampler = Samplers(t)
    t_restart = stamp()
    try:
        t.restart("r1")
        t_back = stamp()
        poll(lambda: sessions(t, [R2, R3, R5]),
             lambda s: all(v["state"] == "Established" for v in s.values()), 40,
             "r1's sessions to r2, r3, r5 re-established")
        poll(lambda: bgp_paths(t, "r1", GOV), lambda ps: len(ps) == 2, 30,
             f"both paths of {GOV} back at r1")
        # The deferred selection has run once OTHER is installed again.
        poll(lambda: fib_gw(t, "r1", OTHER), lambda g: g == {R2}, 30, f"{OTHER} back in r1's FIB")
        poll(lambda: bgp_paths(t, "r5", OTHER), lambda ps: len(ps) == 1 and not ps[0].get("stale"),
             30, f"{OTHER} refreshed (not stale) at r5")
        settle(t, "after r1's restart")
    finally:
        sampler.stop()
        logs = {n: m.stop() for n, m in mons.items()}
    new = log_lines(t, start=mark)

    # Did r1 really defer? (Otherwise this test proves nothing about GR.)
    defer_gov, eors, cnts = deferral_evidence(new)
    gr = t.vtysh_json("r1", f"show bgp ipv4 neighbors {R2} graceful-restart json")[R2]
    evidence = (f"restart at {t_restart}, daemons back at {t_back}; DEFER {GOV}: {defer_gov}; "
                f"EOR REQ/RCV {eors}; deferred IPv4 selections cnt {cnts}; "
                f"r1 GR view of r2: localGrMode={gr.get('localGrMode')} rBit={gr.get('rBit')}")
    evidence += "; " + sampler.counts()
    print(evidence)
    assert gr.get("rBit") is False, f"r2 sent the R bit: r1 cannot defer. {evidence}"
    assert defer_gov and cnts and max(cnts) > 0, \
        f"r1 did not defer the selection of {GOV}: {evidence}\n" + "\n".join(
            line for line in new if "DEFER" in line or "EOR" in line or "select_defer" in line)

    # Nothing ever leaked, per the kernel monitors and the sampler.
    assert sampler.fib.samples >= 10 and sampler.bgp.samples >= 3, sampler.counts()
    assert not sampler.leaks, f"{GOV} leaked during r1's restart: {sampler.leaks}\n{evidence}"
    for n, text in logs.items():
        assert not gov_lines(text), (f"{n}: route events for {GOV} around r1's restart:\n"
                                     + "\n".join(gov_lines(text)) + f"\n{evidence}")
    # Positive control: r1's monitor did see OTHER come back after the restart.
    assert any(OTHER in line and "Deleted" not in line for line in logs["r1"].splitlines()), logs["r1"]
    assert fib_gw(t, "r5", OTHER) == {"10.0.15.1"}

    # Last: the compliance view agrees with what the data plane shows.
    c = compliance(t)
    assert c.get("state") == "withheld" and c.get("withheldPaths") == 2 \
        and c.get("eligiblePaths") == 0, \
        (f"compliance after the deferred selection is wrong: {c} (both paths are "
         f"present and withheld: the deferred selection bypassed the module's update). "
         f"{evidence}")


def test_withhold_helper_side_restart(lab, tmp_path):
    t = up(lab, "enf-gr-b" + SUFFIX)
    poll(lambda: sessions(t, [R2, R3, R5]),
         lambda s: all(v["state"] == "Established" for v in s.values()), 30, "sessions up")
    assert_withheld_now(t, "after boot")
    before = sessions(t, [R3, R5])
    est_r2 = sessions(t, [R2])[R2]["est"]

    mons = {n: RouteMonitor(t, n, str(tmp_path / f"monitor-{n}.txt")) for n in ("r1", "r5")}
    sampler = Samplers(t)
    t_restart = stamp()
    try:
        t.restart("r2")
        poll(lambda: sessions(t, [R2])[R2], lambda s: s["est"] > est_r2 and
             s["state"] == "Established", 40, "r2's session re-established")
        poll(lambda: bgp_paths(t, "r1", GOV),
             lambda ps: len(ps) == 2 and not any(p.get("stale") for p in ps), 40,
             f"r2's path of {GOV} refreshed (stale flag gone)")
        poll(lambda: compliance(t), lambda c: c.get("state") == "withheld", 10, "state withheld")
        settle(t, "after r2's graceful restart")
    finally:
        sampler.stop()
        logs = {n: m.stop() for n, m in mons.items()}
    assert sampler.bgp.stale_seen, ("r2's path was never seen stale at r1: no helper phase "
                                    f"({sampler.counts()})")
    assert sampler.fib.samples >= 10, sampler.counts()
    print(f"r2 restart at {t_restart}; r2's path stale at r1 from {sampler.bgp.stale_seen[0]} "
          f"to {sampler.bgp.stale_seen[-1]}; {sampler.counts()}")
    assert not sampler.leaks, f"{GOV} leaked around r2's restart ({t_restart}): {sampler.leaks}"
    for n, text in logs.items():
        assert not gov_lines(text), (f"{n}: route events for {GOV} around r2's restart:\n"
                                     + "\n".join(gov_lines(text)))
    c = compliance(t)
    assert c["withheldPaths"] == 2 and c["eligiblePaths"] == 0, c
    assert fib_gw(t, "r1", OTHER) == {R2}
    assert sessions(t, [R3, R5]) == before, "r3/r5 session event during r2's restart"

    # Release at run time: unflag cisco, GOV returns via r3, r3/r5 untouched.
    t.vtysh("r1", "configure terminal", "vendor-guard vendor cisco pen 9")
    poll(lambda: compliance(t), lambda c: c.get("state") == "compliant", 10, "state compliant")
    poll(lambda: fib_gw(t, "r1", GOV), lambda g: g == {R3}, 10, f"{GOV} via {R3} in r1's FIB")
    t.wait("r5", f"show bgp ipv4 unicast {GOV} json",
           lambda j: j["paths"][0]["aspath"]["string"] == "65001 65003 65004 65004 65004",
           timeout=10)
    poll(lambda: fib_gw(t, "r5", GOV), lambda g: g == {"10.0.15.1"}, 10, f"{GOV} in r5's FIB")
    c = compliance(t)
    assert c["eligiblePaths"] == 1 and c["withheldPaths"] == 1, c
    time.sleep(1)
    assert sessions(t, [R3, R5]) == before, "r3/r5 session flapped or refreshed on release"
