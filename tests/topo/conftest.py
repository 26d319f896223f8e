"""pytest plumbing for network-namespace labs (topologies/vglab.py).

Fixtures
--------
``lab``         function scope: ``lab(path, name=None) -> Lab``; torn down after
                the test.  ``name`` overrides the lab name of the file (two
                copies side by side; namespaces are vg-<name>-<node>).
``module_lab``  module scope, same API, torn down after the test module
                (use it when several tests share one running topology).

``path`` is a *.clab.yml file, absolute, relative to the repo root, or a
topology name ("two-as" -> topologies/two-as/two-as.clab.yml).

The returned object is a ``vglab.Lab``; the factory also forwards attribute
access to the lab it started last, so ``lab("two-as"); lab.vtysh(...)`` works:

    t = lab("two-as")
    t.vtysh("r1", "show bgp summary")              -> str (stdout)
    t.vtysh("r1", "conf t", "router bgp 65001", "bgp log-neighbor-changes")
    t.vtysh_json("r1", "show bgp ipv4 unicast json")  -> parsed JSON
    t.wait("r1", "show bgp ipv4 unicast json",
           lambda j: "192.0.2.0/24" in j["routes"], timeout=30)  -> the JSON
           (polls; raises vglab.WaitTimeout with the last output)
    t.exec("r1", ["ip", "-j", "route"])            -> CompletedProcess (check=True)
    t.ns("r1"), t.nodedir("r1"), t.pids(), t.log_path("r1", "bgpd"), t.logs("r1")
    t.birdc(node, "show protocols"), t.gobgp(node, "neighbor")   (BIRD / GoBGP nodes)
    t.vtysh_result("r1", "conf t", "bad line")    -> CompletedProcess, never raises
           (returncode, stdout, stderr: for commands that should be refused)
    t.restart("r1")      stop r1's FRR daemons, start them with the same command
                         lines, boot r1's runtime frr.conf with `vtysh -b` (as `up`)
    t.down()                                       (optional; teardown does it)

Example (module test the lead can add as tests/topo/test_module.py):

    def test_module_loaded(lab):
        t = lab("two-as")                      # fails loudly if the .so is missing
        assert "vendorguard" in t.vtysh("r1", "show modules")

Teardown always runs: fixture finalizer, plus atexit and a SIGTERM handler
for interrupted runs; after a kill -9, run ``topologies/vglab.py cleanup``.
Not root / no netns / no FRR => the test fails with the reason (never skipped).
Daemon logs of all running labs are attached to the report of a failing test.
"""
import atexit
import os
import signal
import sys

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TOPOLOGIES = os.path.join(REPO, "topologies")
sys.path.insert(0, TOPOLOGIES)

import vglab  # noqa: E402

_active = {}          # lab name -> Lab, every lab up in this process


def resolve(path: str) -> str:
    """Topology file from an absolute/relative path or a topology name."""
    cands = [path, os.path.join(REPO, path), os.path.join(TOPOLOGIES, path),
             os.path.join(TOPOLOGIES, path, f"{path}.clab.yml")]
    for c in cands:
        if os.path.isfile(c):
            return os.path.abspath(c)
    pytest.fail(f"topology {path!r} not found (tried {cands})", pytrace=False)


def _down_all() -> None:
    for name in list(_active):
        try:
            vglab.down(name)
        except Exception as e:               # keep going: tear down the rest
            print(f"vglab: teardown of {name} failed: {e}", file=sys.stderr)
        _active.pop(name, None)


atexit.register(_down_all)


def _sigterm(signum, frame):
    # Turn SIGTERM into KeyboardInterrupt so pytest unwinds and atexit runs.
    raise KeyboardInterrupt(f"signal {signum}")


if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
    signal.signal(signal.SIGTERM, _sigterm)

_preflight_error = None
_preflight_done = False


def _preflight() -> None:
    global _preflight_done, _preflight_error
    if not _preflight_done:
        _preflight_done = True
        try:
            vglab.preflight()
        except vglab.LabError as e:
            _preflight_error = str(e)
    if _preflight_error:
        pytest.fail(f"cannot run namespace labs here: {_preflight_error}", pytrace=False)


class LabFactory:
    """Callable fixture value: lab(path) -> vglab.Lab."""

    def __init__(self):
        self.labs = []

    def __call__(self, path: str, name: str = None) -> vglab.Lab:
        _preflight()
        topo_file = resolve(path)
        try:
            lab = vglab.Lab.up(topo_file, name=name)
        except (vglab.LabError, vglab.TopologyError, vglab.CommandError) as e:
            pytest.fail(f"lab {path} failed to come up:\n{e}", pytrace=False)
        except Exception as e:
            if type(e).__module__.startswith("labrunner"):   # FrrError, OtherError
                pytest.fail(f"lab {path} failed to come up:\n{e}", pytrace=False)
            raise
        _active[lab.name] = lab
        self.labs.append(lab)
        return lab

    def __getattr__(self, attr):
        if not self.labs:
            raise AttributeError(f"{attr}: no lab started yet (call lab(path) first)")
        return getattr(self.labs[-1], attr)

    def teardown(self) -> None:
        errors = []
        for lab in reversed(self.labs):
            try:
                vglab.down(lab.name)
            except Exception as e:
                errors.append(f"{lab.name}: {e}")
            _active.pop(lab.name, None)
        self.labs.clear()
        if errors:
            pytest.fail("lab teardown failed: " + "; ".join(errors), pytrace=False)


@pytest.fixture
def lab():
    f = LabFactory()
    try:
        yield f
    finally:
        f.teardown()


@pytest.fixture(scope="module")
def module_lab():
    f = LabFactory()
    try:
        yield f
    finally:
        f.teardown()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach daemon log tails of running labs to a failing test's report."""
    outcome = yield
    rep = outcome.get_result()
    if rep.failed and _active:
        for lab in list(_active.values()):
            for node in lab.state["nodes"]:
                try:
                    rep.sections.append((f"lab {lab.name} {node} logs", lab.logs(node, 20)))
                except Exception:
                    pass
