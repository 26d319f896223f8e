#!/usr/bin/python3
"""vglab: run containerlab topologies (*.clab.yml) on network namespaces,
without Docker.  Importable module and CLI.

CLI (as root):
  vglab.py up FILE.clab.yml [--name L] build the lab (removes leftovers of it first)
  vglab.py down FILE.clab.yml|LAB      tear it down
  vglab.py status [LAB]                labs, nodes, namespaces, live daemons
  vglab.py vtysh LAB NODE [-c CMD]...  vtysh on a node (interactive without -c)
  vglab.py exec LAB NODE CMD...        run a command in the node's namespace
  vglab.py shell LAB NODE              interactive shell in the node's namespace
  vglab.py wait LAB NODE 'show ... json' EXPR [--timeout S] [--interval S]
                                       poll until EXPR (Python, over the parsed
                                       JSON `j`) is true; on timeout print the
                                       last output and exit 1
  vglab.py birdc LAB NODE [CMD...]     birdc on a BIRD node (GoBGP: exec LAB NODE gobgp ...)
  vglab.py cleanup                     remove everything any lab left behind
  vglab.py logs LAB NODE [-n LINES]    tails of a node's daemon logs
  vglab.py restart LAB NODE            restart a node's FRR daemons and boot its
                                       (written) frr.conf with vtysh -b

Environment: VG_VTYSH (vtysh binary), VG_MODULE_DIR (where
bgpd_vendorguard.so / ospfd_vendorguard.so are; also passed as --moduledir),
VG_MODULE_OPTIONAL=1 (start without the module if the .so is missing),
VG_RUN_DIR (default /run/vglab), VG_KEEP_ON_FAIL=1 (don't undo a failed up).

Python:
  import vglab
  lab = vglab.Lab.up("topologies/two-as/two-as.clab.yml")
  lab.vtysh("r1", "show bgp summary"); lab.down()
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from labrunner import frr, netns, topo  # noqa: E402
from labrunner.lab import (Lab, LabError, WaitTimeout, cleanup, down, list_labs,  # noqa: E402,F401
                           ns_name, preflight, read_state, run_root)
from labrunner.proc import CommandError, run  # noqa: E402,F401
from labrunner.topo import TopologyError  # noqa: E402,F401

__all__ = ["Lab", "LabError", "WaitTimeout", "TopologyError", "CommandError", "cleanup",
           "down", "list_labs", "preflight", "read_state", "ns_name", "run_root", "main"]


def _lab_name(arg: str) -> str:
    """LAB or path of a topology file -> lab name."""
    if arg.endswith((".yml", ".yaml")) or os.path.isfile(arg):
        return topo.load(arg).name
    return arg


def _err(msg: str) -> None:
    print(f"vglab: {msg}", file=sys.stderr)


def cmd_up(a) -> int:
    lab = Lab.up(a.file, log=print, name=a.name)
    print(f"lab {lab.name} is up; runtime dir {lab.dir}")
    for n, st in lab.state["nodes"].items():
        print(f"  {n:12} {st['role']:6} netns {st['ns']}")
    return 0


def cmd_down(a) -> int:
    name = _lab_name(a.lab)
    found = down(name, log=print)
    if not found:
        print(f"{name}: no state file; removed stray namespaces/dir if any")
        st_nodes = []
        if a.lab.endswith((".yml", ".yaml")):
            st_nodes = list(topo.load(a.lab).nodes)
        for n in st_nodes:
            netns.delete(ns_name(name, n))
    return 0


def cmd_status(a) -> int:
    labs = [a.lab] if a.lab else list_labs()
    if not labs:
        print("no labs")
    for name in labs:
        st = read_state(name)
        if st is None:
            print(f"{name}: (no state file)")
            continue
        lab = Lab(st)
        print(f"{name}: {st['status']} (since {st['created']}, {st['topology']})")
        pids = lab.pids()
        for n, ns in st["nodes"].items():
            live = [f"{d.split('/')[1]}={p}" for d, p in pids.items() if d.split("/")[0] == n]
            have = "ok" if netns.exists(ns["ns"]) else "MISSING"
            mods = f" modules={ns['modules']}" if ns.get("modules") else ""
            print(f"  {n:12} {ns['role']:6} {ns['ns']} ({have}) {' '.join(live)}{mods}")
    stray = [n for n in netns.list_ns() if n.startswith("vg-")]
    known = {ns["ns"] for name in list_labs() for ns in (read_state(name) or {}).get("nodes", {}).values()}
    if set(stray) - known:
        print(f"stray namespaces (run cleanup): {' '.join(sorted(set(stray) - known))}")
    return 0


def cmd_vtysh(a) -> int:
    lab = Lab.attach(a.lab)
    lab._need_frr(a.node)
    lab.node(a.node)
    argv = frr.vtysh_argv(lab.dir, a.node)
    if not a.c:
        os.execvp(argv[0], argv)        # interactive
    out = run(argv + sum((["-c", c] for c in a.c), []), timeout=a.timeout, check=False)
    sys.stdout.write(out.stdout)
    sys.stderr.write(out.stderr)
    return out.returncode


def cmd_exec(a) -> int:
    lab = Lab.attach(a.lab)
    if not a.argv:
        raise LabError("exec needs a command")
    argv = netns.exec_argv(lab.ns(a.node), a.argv)
    os.execvp(argv[0], argv)


def cmd_shell(a) -> int:
    lab = Lab.attach(a.lab)
    shell = os.environ.get("SHELL", "/bin/bash")
    argv = netns.exec_argv(lab.ns(a.node), [shell])
    os.environ["PS1"] = f"[{lab.name}/{a.node}] \\w# "
    os.execvp(argv[0], argv)


def cmd_wait(a) -> int:
    lab = Lab.attach(a.lab)
    code = compile(a.expr, "<expr>", "eval")
    try:
        j = lab.wait(a.node, a.command, lambda j: eval(code, {"j": j}), timeout=a.timeout,
                     interval=a.interval)
    except WaitTimeout as e:
        print(e.last)
        _err(f"timeout after {a.timeout}s waiting for {a.expr!r} on {a.node}: {a.command!r}")
        return 1
    if a.print:
        print(json.dumps(j, indent=1))
    return 0


def cmd_birdc(a) -> int:
    lab = Lab.attach(a.lab)
    if lab.node(a.node)["role"] != "bird":
        raise LabError(f"{a.node} is not a BIRD node")
    argv = ["birdc", "-s", os.path.join(lab.nodedir(a.node), "bird.ctl")] + a.argv
    os.execvp(argv[0], argv)            # interactive without a command


def cmd_cleanup(a) -> int:
    cleanup(log=print)
    print("clean")
    return 0


def cmd_restart(a) -> int:
    Lab.attach(a.lab).restart(a.node, log=print)
    return 0


def cmd_logs(a) -> int:
    print(Lab.attach(a.lab).logs(a.node, a.n))
    return 0


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="vglab.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("up", help="bring a topology up")
    s.add_argument("file")
    s.add_argument("--name", help="lab name instead of the file's `name:`")
    s.set_defaults(fn=cmd_up)
    s = sub.add_parser("down", help="tear a lab down")
    s.add_argument("lab", help="lab name or topology file")
    s.set_defaults(fn=cmd_down)
    s = sub.add_parser("status", help="show labs")
    s.add_argument("lab", nargs="?")
    s.set_defaults(fn=cmd_status)
    s = sub.add_parser("vtysh", help="vtysh on a node")
    s.add_argument("lab")
    s.add_argument("node")
    s.add_argument("-c", action="append", help="command (repeatable); interactive without")
    s.add_argument("--timeout", type=float, default=60)
    s.set_defaults(fn=cmd_vtysh)
    s = sub.add_parser("exec", help="run a command in a node's namespace")
    s.add_argument("lab")
    s.add_argument("node")
    s.add_argument("argv", nargs=argparse.REMAINDER, metavar="CMD")
    s.set_defaults(fn=cmd_exec)
    s = sub.add_parser("shell", help="shell in a node's namespace")
    s.add_argument("lab")
    s.add_argument("node")
    s.set_defaults(fn=cmd_shell)
    s = sub.add_parser("wait", help="poll a JSON show command until EXPR holds")
    s.add_argument("lab")
    s.add_argument("node")
    s.add_argument("command")
    s.add_argument("expr", help="Python expression over the parsed JSON `j`")
    s.add_argument("--timeout", type=float, default=30)
    s.add_argument("--interval", type=float, default=0.25)
    s.add_argument("--print", action="store_true", help="print the matching JSON")
    s.set_defaults(fn=cmd_wait)
    s = sub.add_parser("birdc", help="birdc on a BIRD node (GoBGP: exec LAB NODE gobgp ...)")
    s.add_argument("lab")
    s.add_argument("node")
    s.add_argument("argv", nargs=argparse.REMAINDER, metavar="CMD")
    s.set_defaults(fn=cmd_birdc)
    s = sub.add_parser("cleanup", help="remove everything any lab left behind")
    s.set_defaults(fn=cmd_cleanup)
    s = sub.add_parser("logs", help="tails of a node's daemon logs")
    s.add_argument("lab")
    s.add_argument("node")
    s.add_argument("-n", type=int, default=30)
    s.set_defaults(fn=cmd_logs)
    s = sub.add_parser("restart", help="restart a node's FRR daemons, boot its frr.conf")
    s.add_argument("lab")
    s.add_argument("node")
    s.set_defaults(fn=cmd_restart)
    a = p.parse_args(argv)
    try:
        return a.fn(a)
    except (LabError, TopologyError, CommandError, frr.FrrError, OSError) as e:
        _err(str(e))
        return 1
    except Exception as e:  # other module errors (OtherError ...) are still user-facing
        if type(e).__module__.startswith("labrunner"):
            _err(str(e))
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
