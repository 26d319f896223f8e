"""Network namespaces and veth links (iproute2, with timeouts).

Veth pairs are created directly inside the two namespaces with their final
(containerlab) names, e.g. `ip link add eth1 netns A type veth peer name eth1
netns B`, so no temporary name ever exists in the root namespace and nothing
is left behind there: deleting a namespace destroys its veth ends.
"""
import os
from typing import Dict, List, Optional, Sequence

from .proc import CommandError, kill_pids, run

NETNS_DIR = "/run/netns"


def exists(ns: str) -> bool:
    return os.path.exists(os.path.join(NETNS_DIR, ns))


def list_ns() -> List[str]:
    r = run(["ip", "netns", "list"], timeout=10, check=False)
    return [line.split()[0] for line in r.stdout.splitlines() if line.strip()]


def create(ns: str) -> None:
    """Create a namespace with lo up.  IPv6 DAD is off so addresses are usable
    at once (a test speed-up only; it does not change routing behaviour)."""
    run(["ip", "netns", "add", ns], timeout=10)
    run(["ip", "-n", ns, "link", "set", "lo", "up"], timeout=10)
    for key in ("net.ipv6.conf.all.accept_dad", "net.ipv6.conf.default.accept_dad"):
        run(["ip", "netns", "exec", ns, "sysctl", "-qw", f"{key}=0"], timeout=10, check=False)


def pids(ns: str) -> List[int]:
    """Processes whose network namespace is `ns`."""
    if not exists(ns):
        return []
    r = run(["ip", "netns", "pids", ns], timeout=10, check=False)
    return [int(p) for p in r.stdout.split() if p.isdigit()]


def delete(ns: str, grace: float = 3.0) -> None:
    """Kill every process still in the namespace, then delete it."""
    if not exists(ns):
        return
    kill_pids(pids(ns), grace=grace)
    r = run(["ip", "netns", "del", ns], timeout=15, check=False)
    if r.returncode != 0 and exists(ns):
        raise CommandError(f"cannot delete netns {ns}: {r.stderr.strip()}")


def veth(ns_a: str, if_a: str, ns_b: str, if_b: str) -> None:
    """A veth pair between two namespaces, both ends up."""
    run(["ip", "link", "add", if_a, "netns", ns_a, "type", "veth",
         "peer", "name", if_b, "netns", ns_b], timeout=10)
    run(["ip", "-n", ns_a, "link", "set", if_a, "up"], timeout=10)
    run(["ip", "-n", ns_b, "link", "set", if_b, "up"], timeout=10)


def exec_argv(ns: str, argv: Sequence[str]) -> List[str]:
    """argv that runs `argv` inside namespace `ns`."""
    return ["ip", "netns", "exec", ns] + list(argv)


def sh(ns: str, command: str, timeout: float = 30, env: Optional[Dict[str, str]] = None):
    """Run a shell command line inside the namespace (used for clab `exec:`)."""
    return run(exec_argv(ns, ["sh", "-c", command]), timeout=timeout, env=env)
