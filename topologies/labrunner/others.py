"""Non-FRR routers: BIRD 2 and GoBGP, each in its node's namespace with its
own control socket in the node dir.

  bird   bind .../bird.conf -> bird -c <dir>/bird.conf -s <dir>/bird.ctl -P <dir>/bird.pid
         control: birdc -s <dir>/bird.ctl ...
  gobgp  bind .../gobgpd.{conf,toml,yaml,yml,json} -> gobgpd -f <dir>/gobgpd.<ext>
         --api-hosts 127.0.0.1:50051 (loopback of the node's own namespace)
         control: ip netns exec <ns> gobgp ...
"""
import os
import shutil
import subprocess
import time
from typing import Dict, List, Tuple

from . import netns
from .proc import CommandError, alive, kill_pids, read_pidfile, run, tail
from .topo import Node

GOBGP_API = "127.0.0.1:50051"
GOBGP_TYPES = {".conf": "toml", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}


class OtherError(Exception):
    pass


def _conf_bind(node: Node):
    if node.role == "bird":
        return node.bind_for("*/bird.conf")
    for ext in GOBGP_TYPES:
        b = node.bind_for(f"*/gobgpd{ext}") or node.bind_for(f"*/gobgp{ext}")
        if b:
            return b
    return None


def check(node: Node) -> None:
    """Fail early if the daemon or its bound config is missing."""
    binary = {"bird": "bird", "gobgp": "gobgpd"}[node.role]
    if shutil.which(binary) is None:
        raise OtherError(f"node {node.name}: {binary} not installed")
    b = _conf_bind(node)
    if b is None or not os.path.isfile(b.host):
        raise OtherError(f"node {node.name}: {node.role} node needs a bound config file "
                         f"(bird.conf / gobgpd.conf); got binds {[x.target for x in node.binds]}")


def start(node: Node, ns: str, nodedir: str) -> Tuple[List[str], Dict[str, str]]:
    """Start the daemon; return (daemon names, {daemon: pidfile})."""
    b = _conf_bind(node)
    if node.role == "bird":
        conf = os.path.join(nodedir, "bird.conf")
        shutil.copyfile(b.host, conf)
        pidfile, log = os.path.join(nodedir, "bird.pid"), os.path.join(nodedir, "bird.log")
        argv = ["bird", "-c", conf, "-s", os.path.join(nodedir, "bird.ctl"), "-P", pidfile,
                "-D", log]
        r = run(netns.exec_argv(ns, argv), timeout=30, check=False, env=node.env or None)
        _wait_pid(pidfile, 10)
        pid = read_pidfile(pidfile)
        if r.returncode != 0 or not pid or not alive(pid):
            raise OtherError(f"{node.name}/bird failed to start (exit {r.returncode}):\n"
                             f"{r.stdout}{r.stderr}--- {log}:\n{tail(log)}")
        return ["bird"], {"bird": pidfile}

    ext = os.path.splitext(b.host)[1]
    conf = os.path.join(nodedir, "gobgpd" + ext)
    shutil.copyfile(b.host, conf)
    pidfile, log = os.path.join(nodedir, "gobgpd.pid"), os.path.join(nodedir, "gobgpd.log")
    argv = ["gobgpd", "-f", conf, "-t", GOBGP_TYPES.get(ext, "toml"), "--api-hosts", GOBGP_API,
            "--pprof-disable", "-p", "-l", "info"]
    env = dict(os.environ)
    env.update(node.env)
    with open(log, "ab") as lf:
        # gobgpd has no daemon mode: run it in its own session, record the pid.
        p = subprocess.Popen(netns.exec_argv(ns, argv), stdout=lf, stderr=subprocess.STDOUT,
                             stdin=subprocess.DEVNULL, start_new_session=True, env=env)
    with open(pidfile, "w") as fh:
        fh.write(f"{p.pid}\n")
    deadline = time.monotonic() + 15
    while True:
        if p.poll() is not None:
            raise OtherError(f"{node.name}/gobgpd exited with {p.returncode}:\n{tail(log)}")
        r = run(netns.exec_argv(ns, ["gobgp", "-u", "127.0.0.1", "-p", "50051", "global"]),
                timeout=5, check=False)
        if r.returncode == 0:
            break
        if time.monotonic() > deadline:
            kill_pids([p.pid])
            raise OtherError(f"{node.name}/gobgpd API not ready after 15s:\n{r.stderr}\n{tail(log)}")
        time.sleep(0.2)
    return ["gobgpd"], {"gobgpd": pidfile}


def _wait_pid(pidfile: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and read_pidfile(pidfile) is None:
        time.sleep(0.05)


def birdc(nodedir: str, cmd: str, timeout: float = 30) -> str:
    r = run(["birdc", "-s", os.path.join(nodedir, "bird.ctl")] + cmd.split(), timeout=timeout, check=False)
    if r.returncode != 0:
        raise CommandError(f"birdc {cmd!r}: exit {r.returncode}\n{r.stdout}{r.stderr}")
    return r.stdout


def gobgp(ns: str, args: List[str], timeout: float = 30) -> str:
    r = run(netns.exec_argv(ns, ["gobgp", "-u", "127.0.0.1", "-p", "50051"] + list(args)),
            timeout=timeout, check=False)
    if r.returncode != 0:
        raise CommandError(f"gobgp {args!r}: exit {r.returncode}\n{r.stdout}{r.stderr}")
    return r.stdout
