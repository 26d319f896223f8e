"""Lab lifecycle: up / down / cleanup, state file, per-node helpers.

State lives in /run/vglab/<lab>/state.json (override the root with
$VG_RUN_DIR).  It is written *before* anything is created and lists every
namespace and pid file, so `down`/`cleanup` work from another process after
a crash (kill -9 of the test runner included).
"""
import datetime
import json
import os
import re
import shutil
import time
from typing import Any, Callable, Dict, List, Optional, Sequence

from . import frr, netns, others, topo
from .proc import CommandError, alive, kill_pids, read_pidfile, run, tail

NS_PREFIX = "vg-"
STATE = "state.json"


def run_root() -> str:
    return os.environ.get("VG_RUN_DIR") or "/run/vglab"


def ns_name(lab: str, node: str) -> str:
    return f"{NS_PREFIX}{lab}-{node}"


class LabError(Exception):
    pass


class WaitTimeout(LabError):
    def __init__(self, msg: str, last: str):
        super().__init__(msg)
        self.last = last


def preflight() -> None:
    """Raise LabError with a clear reason if labs cannot run here."""
    if os.geteuid() != 0:
        raise LabError("vglab needs root (network namespaces, FRR daemons)")
    for b in ("zebra", "bgpd", "staticd"):
        if not os.access(os.path.join(frr.SBIN, b), os.X_OK):
            raise LabError(f"FRR not installed: {frr.SBIN}/{b} missing (apt-get install frr)")
    try:
        frr.vtysh_binary()
    except frr.FrrError as e:
        raise LabError(str(e)) from None
    if shutil.which("ip") is None:
        raise LabError("iproute2 `ip` not found")
    probe = f"{NS_PREFIX}probe-{os.getpid()}"
    try:
        netns.create(probe)
    except CommandError as e:
        raise LabError(f"cannot create a network namespace: {e}") from None
    finally:
        try:
            netns.delete(probe)
        except CommandError:
            pass


class Lab:
    """A running lab.  Get one with Lab.up(path) or Lab.attach(name)."""

    def __init__(self, state: Dict[str, Any]):
        self.state = state
        self.name: str = state["name"]
        self.dir: str = state["dir"]

    # ---------------------------------------------------------------- lifecycle
    @classmethod
    def up(cls, path: str, log: Callable[[str], None] = lambda s: None,
           name: Optional[str] = None) -> "Lab":
        """Bring a topology up (after removing leftovers of the same lab).
        `name` overrides the lab name from the file (to run two copies of a
        topology side by side).  On any error everything created so far is
        removed again, unless $VG_KEEP_ON_FAIL=1 (for debugging)."""
        t = topo.load(path)
        if name:
            if not topo.NAME_RE.match(name):
                raise LabError(f"lab name {name!r} must match {topo.NAME_RE.pattern}")
            t.name = name
        preflight()
        # Decide everything that can fail before touching the system.
        plans = {}
        for n in t.nodes.values():
            if n.role == "frr":
                plans[n.name] = frr.plan(n)
                for note in plans[n.name].notes:
                    log("note: " + note)
            elif n.role in ("bird", "gobgp"):
                others.check(n)
        down(t.name, log=log)
        for n in t.nodes:                   # stray namespaces without a state file
            if netns.exists(ns_name(t.name, n)):
                netns.delete(ns_name(t.name, n))

        labdir = os.path.join(run_root(), t.name)
        os.makedirs(labdir, exist_ok=True)
        shutil.chown(labdir, "frr", "frr")
        os.chmod(labdir, 0o755)
        state = {
            "name": t.name, "topology": t.path, "dir": labdir, "status": "starting",
            "created": datetime.datetime.now().isoformat(timespec="seconds"),
            "nodes": {n.name: {"ns": ns_name(t.name, n.name), "role": n.role,
                               "dir": os.path.join(labdir, n.name), "daemons": [],
                               "pidfiles": {}, "modules": {}}
                      for n in t.nodes.values()},
        }
        lab = cls(state)
        lab._save()
        try:
            lab._build(t, plans, log)
        except BaseException:
            if os.environ.get("VG_KEEP_ON_FAIL", "") not in ("", "0"):
                log(f"VG_KEEP_ON_FAIL set: leaving lab {t.name} as it is")
            else:
                down(t.name)
            raise
        return lab

    def _build(self, t: topo.Topology, plans: Dict[str, frr.FrrPlan], log) -> None:
        nodes = self.state["nodes"]
        for n in t.nodes.values():
            netns.create(nodes[n.name]["ns"])
        for l in t.links:
            netns.veth(nodes[l.a.node]["ns"], l.a.ifname, nodes[l.b.node]["ns"], l.b.ifname)
        log(f"{t.name}: {len(t.nodes)} namespaces, {len(t.links)} links")

        # FRR: zebra everywhere first, then the protocol daemons, then config.
        frr_nodes = [t.nodes[n] for n in plans]
        for n in frr_nodes:
            st = nodes[n.name]
            frr.prepare_dir(n, st["dir"])
            st["daemons"] = plans[n.name].daemons
            st["pidfiles"] = frr.pidfiles(st["dir"], st["daemons"])
            st["modules"] = {d: m for d, m in plans[n.name].modules.items() if m}
        self._save()
        for phase in ("zebra", "rest"):
            for n in frr_nodes:
                st = nodes[n.name]
                for d in st["daemons"]:
                    if (d == "zebra") == (phase == "zebra"):
                        frr.start_daemon(st["ns"], d, n, st["dir"], plans[n.name].modules.get(d, []))
        for n in frr_nodes:
            frr.boot_config(self.dir, n.name)
            log(f"{n.name}: {' '.join(nodes[n.name]['daemons'])} up, config loaded"
                + (f", modules {nodes[n.name]['modules']}" if nodes[n.name]["modules"] else ""))

        # BIRD / GoBGP nodes.
        for n in t.nodes.values():
            if n.role in ("bird", "gobgp"):
                st = nodes[n.name]
                os.makedirs(st["dir"], exist_ok=True)
                st["daemons"], st["pidfiles"] = others.start(n, st["ns"], st["dir"])
                self._save()
                log(f"{n.name}: {n.role} up")

        # containerlab runs `exec:` after the nodes are up and wired.
        for n in t.nodes.values():
            for line in n.exec_:
                try:
                    netns.sh(nodes[n.name]["ns"], line, env=n.env or None)
                except CommandError as e:
                    raise LabError(f"{n.name}: exec {line!r} failed: {e}") from None
        self.state["status"] = "up"
        self._save()

    @classmethod
    def attach(cls, name: str) -> "Lab":
        st = read_state(name)
        if st is None:
            raise LabError(f"no lab {name!r} (no {os.path.join(run_root(), name, STATE)})")
        return cls(st)

    def down(self) -> None:
        down(self.name)

    def _save(self) -> None:
        path = os.path.join(self.dir, STATE)
        tmp = path + ".tmp"
        with open(tmp, "w") as fh:
            json.dump(self.state, fh, indent=1)
        os.replace(tmp, path)

    # ---------------------------------------------------------------- helpers
    def node(self, node: str) -> Dict[str, Any]:
        try:
            return self.state["nodes"][node]
        except KeyError:
            raise LabError(f"lab {self.name}: no node {node!r} "
                           f"(nodes: {', '.join(self.state['nodes'])})") from None

    def ns(self, node: str) -> str:
        """Network namespace name of a node."""
        return self.node(node)["ns"]

    def nodedir(self, node: str) -> str:
        """Runtime dir of a node (frr.conf copy, logs, sockets, pid files)."""
        return self.node(node)["dir"]

    def log_path(self, node: str, daemon: str) -> str:
        return os.path.join(self.nodedir(node), f"{daemon}.log")

    def pids(self, node: Optional[str] = None) -> Dict[str, int]:
        """{"node/daemon": pid} of live daemons (from pid files)."""
        out = {}
        for n, st in self.state["nodes"].items():
            if node and n != node:
                continue
            for d, pf in st.get("pidfiles", {}).items():
                p = read_pidfile(pf)
                if p and alive(p):
                    out[f"{n}/{d}"] = p
        return out

    def vtysh(self, node: str, *cmds: str, timeout: float = 30, check: bool = True) -> str:
        """Run vtysh commands on an FRR node; returns stdout."""
        self._need_frr(node)
        return frr.vtysh(self.dir, node, list(cmds), timeout=timeout, check=check)

    def vtysh_json(self, node: str, cmd: str, timeout: float = 30) -> Any:
        """Run one `show ... json` command and parse it."""
        out = self.vtysh(node, cmd, timeout=timeout)
        try:
            return json.loads(out)
        except ValueError:
            raise LabError(f"{node}: {cmd!r} did not return JSON:\n{out[:2000]}") from None

    def wait(self, node: str, cmd: str, predicate: Callable[[Any], Any], timeout: float = 30,
             interval: float = 0.25) -> Any:
        """Poll `cmd` (JSON) until predicate(json) is truthy; return the JSON.
        Exceptions in the predicate (KeyError, ...) count as "not yet".
        Raises WaitTimeout carrying the last output."""
        deadline = time.monotonic() + timeout
        last = ""
        while True:
            try:
                last = self.vtysh(node, cmd, timeout=max(1.0, min(10.0, timeout)), check=False)
                j = json.loads(last)
                if predicate(j):
                    return j
            except (ValueError, LookupError, TypeError, AttributeError, CommandError):
                pass
            if time.monotonic() >= deadline:
                raise WaitTimeout(f"{self.name}/{node}: {cmd!r} did not satisfy the predicate "
                                  f"within {timeout}s; last output:\n{last[-4000:]}", last)
            time.sleep(interval)

    def vtysh_result(self, node: str, *cmds: str, timeout: float = 30):
        """Run vtysh commands on an FRR node and return the CompletedProcess
        (returncode, stdout, stderr) without raising on a non-zero exit: for
        commands that are expected to be refused."""
        self._need_frr(node)
        argv = frr.vtysh_argv(self.dir, node)
        for c in cmds:
            argv += ["-c", c]
        return run(argv, timeout=timeout, check=False)

    def restart(self, node: str, log: Callable[[str], None] = lambda s: None) -> None:
        """Restart the FRR daemons of one node, like `systemctl restart frr`:
        stop them (protocol daemons first, zebra last), start them again with
        the same command lines (same -M modules), then boot the node's
        per-node frr.conf with `vtysh -b` exactly as `up` does.  Whatever
        `write memory` saved there is what the node comes back with."""
        self._need_frr(node)
        st = self.node(node)
        t = topo.load(self.state["topology"])
        if node not in t.nodes:
            raise LabError(f"{node}: not in {self.state['topology']} any more")
        n = t.nodes[node]
        for zebra_phase in (False, True):
            pids = []
            for d, pf in st.get("pidfiles", {}).items():
                if (d == "zebra") == zebra_phase:
                    p = read_pidfile(pf)
                    if p:
                        pids.append(p)
            kill_pids(pids, grace=10.0)
        for d in st["daemons"]:
            for f in (f"{d}.pid",):
                try:
                    os.unlink(os.path.join(st["dir"], f))
                except FileNotFoundError:
                    pass
        modules = st.get("modules", {})
        for d in ["zebra"] + [d for d in st["daemons"] if d != "zebra"]:
            if d in st["daemons"]:
                frr.start_daemon(st["ns"], d, n, st["dir"], modules.get(d, []))
        frr.boot_config(self.dir, node)
        log(f"{node}: {' '.join(st['daemons'])} restarted, config loaded")

    def exec(self, node: str, argv: Sequence[str], timeout: float = 30, check: bool = True):
        """Run argv inside the node's namespace (CompletedProcess)."""
        if isinstance(argv, str):
            argv = ["sh", "-c", argv]
        return run(netns.exec_argv(self.ns(node), argv), timeout=timeout, check=check)

    def birdc(self, node: str, cmd: str, timeout: float = 30) -> str:
        """Run a birdc command on a BIRD node."""
        return others.birdc(self.nodedir(node), cmd, timeout=timeout)

    def gobgp(self, node: str, *args: str, timeout: float = 30) -> str:
        """Run the gobgp CLI against a GoBGP node, e.g. gobgp("r3", "neighbor")."""
        return others.gobgp(self.ns(node), list(args), timeout=timeout)

    def _need_frr(self, node: str) -> None:
        if self.node(node)["role"] != "frr":
            raise LabError(f"{node} is a {self.node(node)['role']} node, not FRR")

    def logs(self, node: str, lines: int = 30) -> str:
        """Tails of all daemon logs of a node (for failure messages)."""
        d = self.nodedir(node)
        out = []
        for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
            if f.endswith(".log"):
                out.append(f"--- {node}/{f}\n{tail(os.path.join(d, f), lines)}")
        return "\n".join(out)


# -------------------------------------------------------------------- module level
def read_state(name: str) -> Optional[Dict[str, Any]]:
    try:
        with open(os.path.join(run_root(), name, STATE)) as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def list_labs() -> List[str]:
    root = run_root()
    if not os.path.isdir(root):
        return []
    return sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))


def down(name: str, log: Callable[[str], None] = lambda s: None) -> bool:
    """Stop every daemon of lab `name`, delete its namespaces and runtime dir.
    Safe to call for a lab that is not (fully) there.  Returns True if a
    state file was found."""
    st = read_state(name)
    if st is None:
        d = os.path.join(run_root(), name)
        if os.path.isdir(d):
            _kill_by_path(d)
            shutil.rmtree(d, ignore_errors=True)
        return False
    nodes = st.get("nodes", {})
    # Protocol daemons first, zebra last (like FRR's own init script).
    for zebra_phase in (False, True):
        pids = []
        for n in nodes.values():
            for d, pf in n.get("pidfiles", {}).items():
                if (d == "zebra") == zebra_phase:
                    p = read_pidfile(pf)
                    if p:
                        pids.append(p)
        kill_pids(pids, grace=5.0)
    for n in nodes.values():
        netns.delete(n["ns"])            # also kills whatever else ran in there
    _kill_by_path(st["dir"])
    for node in nodes:                   # FRR creates /var/run/frr/<-N name>; rmdir if empty
        try:
            os.rmdir(os.path.join("/var/run/frr", node))
        except OSError:
            pass
    shutil.rmtree(st["dir"], ignore_errors=True)
    log(f"{name}: down")
    return True


def _kill_by_path(path: str) -> None:
    """Kill processes whose command line mentions `path` (daemons of a lab
    whose namespace or state is already gone)."""
    path = path.rstrip("/") + "/"
    pids = []
    for p in os.listdir("/proc"):
        if not p.isdigit() or int(p) == os.getpid():
            continue
        try:
            with open(f"/proc/{p}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if path in cmd and not re.search(r"\b(vglab\.py|pytest)\b", cmd):
            pids.append(int(p))
    kill_pids(pids, grace=3.0)


def cleanup(log: Callable[[str], None] = print) -> None:
    """Remove everything any lab left behind: labs with a state file, any
    namespace named vg-*, daemons still running from /run/vglab, run dirs."""
    for name in list_labs():
        if down(name):
            log(f"lab {name}: removed")
    for ns in netns.list_ns():
        if ns.startswith(NS_PREFIX):
            netns.delete(ns)
            log(f"namespace {ns}: removed")
    root = run_root()
    if os.path.isdir(root):
        _kill_by_path(root)
        shutil.rmtree(root, ignore_errors=True)
