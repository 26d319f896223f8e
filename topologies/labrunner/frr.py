"""FRR nodes: per-node files, daemon command lines, start/stop, vtysh.

Layout of one node (all under the lab's runtime dir, never /etc/frr):

    /run/vglab/<lab>/<node>/          owner frr:frr
        frr.conf  vtysh.conf  daemons     copies of the bound files
        <daemon>.vty  zserv.api           sockets
        <daemon>.pid  <daemon>.log        pid files, logs (early logging)

Path rules (verified with FRR 8.4.4): the daemons use `--vty_socket DIR`
verbatim, while vtysh appends `/<node>` (from -N) to both `--vty_socket` and
`--config_dir`.  So vtysh gets the *lab* dir and finds the node dir, and
`write memory` saves `<lab dir>/<node>/frr.conf` (the copy, not the repo file).
"""
import os
import shlex
import shutil
from dataclasses import dataclass, field
from typing import Dict, List

from . import netns
from .proc import CommandError, alive, read_pidfile, run, tail
from .topo import Node

SBIN = "/usr/lib/frr"
DEFAULT_MODULE_DIR = "/usr/lib/x86_64-linux-gnu/frr/modules"
MODULE = "vendorguard"
MODULE_DAEMONS = ("bgpd", "ospfd")           # daemons the module exists for
# FRR's own order (frrcommon.sh); zebra first, and zebra + staticd always run.
ALL_DAEMONS = ("zebra", "bgpd", "ripd", "ripngd", "ospfd", "ospf6d", "isisd", "babeld",
               "pimd", "ldpd", "nhrpd", "eigrpd", "sharpd", "pbrd", "staticd", "bfdd",
               "fabricd", "vrrpd", "pathd")
ALWAYS = ("zebra", "staticd")
# Without a bound `daemons` file.  staticd is included because FRR always
# starts it and `ip route ... Null0` in frr.conf needs it.
DEFAULT_DAEMONS = ("zebra", "bgpd", "ospfd", "staticd")
FALSE_WORDS = ("false", "no", "0", "off", "disable", "disabled")


class FrrError(Exception):
    pass


def vtysh_binary() -> str:
    """$VG_VTYSH, else vtysh from PATH."""
    v = os.environ.get("VG_VTYSH")
    if v:
        return v
    found = shutil.which("vtysh")
    if not found:
        raise FrrError("vtysh not found in PATH (set VG_VTYSH)")
    return found


def module_dir() -> str:
    return os.environ.get("VG_MODULE_DIR") or DEFAULT_MODULE_DIR


def module_optional() -> bool:
    return os.environ.get("VG_MODULE_OPTIONAL", "") not in ("", "0")


@dataclass
class FrrPlan:
    """What to run on one FRR node."""
    daemons: List[str]
    modules: Dict[str, List[str]] = field(default_factory=dict)   # daemon -> -M args
    notes: List[str] = field(default_factory=list)


def parse_daemons_file(path: str):
    """FRR's /etc/frr/daemons: `bgpd=yes`, `bgpd_options="..."`.  Returns
    (enabled daemon names, {daemon: options string})."""
    enabled, options = [], {}
    with open(path) as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if "=" not in line:
                continue
            key, val = (s.strip() for s in line.split("=", 1))
            val = val.strip("\"'")
            if key.endswith("_options"):
                options[key[:-len("_options")]] = val
            elif key in ALL_DAEMONS and val.lower() == "yes":
                enabled.append(key)
    return enabled, options


def module_wanted(node: Node) -> List[str]:
    """Daemons that should load the module, from label `vendorguard`:
    absent/"true" = bgpd and ospfd, "false" = none, "bgpd" / "bgpd,ospfd" = those."""
    val = node.labels.get("vendorguard", "true").strip().lower()
    if val in FALSE_WORDS:
        return []
    if val in ("true", "yes", "1", "on", ""):
        return list(MODULE_DAEMONS)
    return [d.strip() for d in val.split(",") if d.strip() in MODULE_DAEMONS]


def plan(node: Node) -> FrrPlan:
    """Decide daemons and modules for a node; raise FrrError when a wanted
    module .so is missing (unless $VG_MODULE_OPTIONAL=1)."""
    b = node.bind_for("/etc/frr/daemons")
    options: Dict[str, str] = {}
    if b:
        if not os.path.isfile(b.host):
            raise FrrError(f"node {node.name}: bound daemons file {b.host} missing")
        enabled, options = parse_daemons_file(b.host)
        daemons = [d for d in ALL_DAEMONS if d in enabled or d in ALWAYS]
    else:
        daemons = list(DEFAULT_DAEMONS)
    for d in daemons:
        if not os.access(os.path.join(SBIN, d), os.X_OK):
            raise FrrError(f"node {node.name}: {SBIN}/{d} not installed")
    p = FrrPlan(daemons=daemons)
    # -M modules from `<daemon>_options` in the daemons file (e.g. -M bmp).
    for d in daemons:
        toks = shlex.split(options.get(d, ""))
        p.modules[d] = [toks[i + 1] for i, t in enumerate(toks[:-1]) if t == "-M"]
    mdir = module_dir()
    for d in module_wanted(node):
        if d not in daemons:
            continue
        so = os.path.join(mdir, f"{d}_{MODULE}.so")
        if os.path.isfile(so):
            p.modules[d].append(MODULE)
        elif module_optional():
            p.notes.append(f"{node.name}/{d}: {so} missing, running without it (VG_MODULE_OPTIONAL=1)")
        else:
            raise FrrError(f"node {node.name}: {d} should load the {MODULE} module but {so} "
                           f"does not exist (build/install it, set VG_MODULE_DIR, label the node "
                           f"vendorguard: \"false\", or set VG_MODULE_OPTIONAL=1)")
    return p


def prepare_dir(node: Node, nodedir: str) -> None:
    """Create the node dir and copy the bound FRR files into it."""
    os.makedirs(nodedir, exist_ok=True)
    for target, fname in (("/etc/frr/frr.conf", "frr.conf"), ("/etc/frr/daemons", "daemons"),
                          ("/etc/frr/vtysh.conf", "vtysh.conf")):
        b = node.bind_for(target)
        dst = os.path.join(nodedir, fname)
        if b:
            if not os.path.isfile(b.host):
                raise FrrError(f"node {node.name}: bound file {b.host} missing")
            shutil.copyfile(b.host, dst)
        elif fname == "frr.conf":
            # An FRR image without a config: start empty, like the container would.
            with open(dst, "w") as fh:
                fh.write(f"hostname {node.name}\n")
        elif fname == "vtysh.conf":
            with open(dst, "w") as fh:
                fh.write("service integrated-vtysh-config\n")
    # FRR daemons drop privileges to frr:frr; they and vtysh's `write memory`
    # need to write here.
    for path in [nodedir] + [os.path.join(nodedir, f) for f in os.listdir(nodedir)]:
        shutil.chown(path, "frr", "frr")
    os.chmod(nodedir, 0o755)


def daemon_argv(daemon: str, node: str, nodedir: str, modules: List[str]) -> List[str]:
    """Command line of one daemon (run inside the netns)."""
    argv = [os.path.join(SBIN, daemon), "-d", "-N", node,
            "-f", "/dev/null",                   # config comes from vtysh -b (integrated)
            "--vty_socket", nodedir,
            "-z", os.path.join(nodedir, "zserv.api"),
            "-i", os.path.join(nodedir, f"{daemon}.pid"),
            "--log", f"file:{os.path.join(nodedir, daemon + '.log')}",
            "-P", "0"]                           # no TCP vty; unix sockets only
    if daemon == "zebra":
        argv += ["-s", "90000000"]              # netlink buffer, as Debian's daemons file
    for m in modules:
        argv += ["-M", m]
    if MODULE in modules and os.environ.get("VG_MODULE_DIR"):
        argv += ["--moduledir", os.environ["VG_MODULE_DIR"]]
    return argv


def start_daemon(ns: str, daemon: str, node: Node, nodedir: str, modules: List[str]) -> int:
    """Start one daemon (it daemonizes itself); return its pid or raise with
    the daemon's output and log tail."""
    argv = daemon_argv(daemon, node.name, nodedir, modules)
    # unshare --uts gives the daemon the node name as hostname, like a container.
    full = netns.exec_argv(ns, with_hostname(node.name, argv))
    pidfile = os.path.join(nodedir, f"{daemon}.pid")
    log = os.path.join(nodedir, f"{daemon}.log")
    try:
        r = run(full, timeout=30, check=False, env=node.env or None)
    except CommandError as e:
        raise FrrError(f"{node.name}/{daemon}: {e}\n--- {log} (tail):\n{tail(log)}") from None
    pid = read_pidfile(pidfile)
    if r.returncode != 0 or pid is None or not alive(pid):
        raise FrrError(f"{node.name}/{daemon} failed to start (exit {r.returncode}, pid {pid})\n"
                       f"command: {shlex.join(argv)}\n{r.stdout}{r.stderr}"
                       f"--- {log} (tail):\n{tail(log)}")
    return pid


def with_hostname(node: str, argv: List[str]) -> List[str]:
    """Run argv in a private UTS namespace whose hostname is the node name,
    as in a container.  Daemons then default to `hostname <node>`, and vtysh
    (which adds its *own* gethostname() to `show running-config` and hence to
    `write memory`) does not write the host's name into the node's config."""
    return ["unshare", "--uts", "sh", "-c", 'hostname "$0" && exec "$@"', node] + list(argv)


def vtysh_argv(labdir: str, node: str) -> List[str]:
    """vtysh bound to one node: it appends /<node> to both directories."""
    return with_hostname(node, [vtysh_binary(), "-N", node, "--vty_socket", labdir,
                                "--config_dir", labdir])


def boot_config(labdir: str, node: str) -> str:
    """Apply <labdir>/<node>/frr.conf to the running daemons the way FRR does
    at boot (`vtysh -b`).  Any rejected line is an error."""
    r = run(vtysh_argv(labdir, node) + ["-b"], timeout=60, check=False)
    out = (r.stdout + r.stderr).strip()
    if r.returncode != 0:
        raise FrrError(f"{node}: vtysh -b rejected {labdir}/{node}/frr.conf (exit {r.returncode}):\n{out}")
    return out


def vtysh(labdir: str, node: str, cmds: List[str], timeout: float = 30, check: bool = True) -> str:
    argv = vtysh_argv(labdir, node)
    for c in cmds:
        argv += ["-c", c]
    r = run(argv, timeout=timeout, check=False)
    if check and r.returncode != 0:
        raise FrrError(f"{node}: vtysh {cmds!r} exit {r.returncode}:\n{r.stdout}{r.stderr}")
    return r.stdout


def pidfiles(nodedir: str, daemons: List[str]) -> Dict[str, str]:
    return {d: os.path.join(nodedir, f"{d}.pid") for d in daemons}
