"""Parse a containerlab topology file (*.clab.yml) into plain objects.

Only the containerlab format is read, so the same file works unchanged with
containerlab + Docker.  Per-node settings come from `image`, `binds`,
`labels`, `exec` and `env`, merged containerlab-style from
`topology.defaults` < `topology.kinds.<kind>` < the node itself.

Node roles (decided from the clab data only):
  frr    a bind whose container path is /etc/frr/frr.conf, or an image whose
         name contains "frr"
  bird   a bind to */bird.conf or an image containing "bird"
  gobgp  a bind to */gobgpd.conf (or gobgp.*) or an image containing "gobgp"
  host   everything else (alpine, ...): a plain namespace set up by `exec:`
"""
import os
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import yaml

# Interface names are limited to IFNAMSIZ-1 = 15 characters by the kernel.
IFNAME_MAX = 15
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class TopologyError(Exception):
    """The topology file is invalid or uses something we cannot emulate."""


@dataclass
class Bind:
    host: str          # absolute path on the host
    target: str        # path inside the (would-be) container
    ro: bool = False


@dataclass
class Node:
    name: str
    kind: str
    image: str
    role: str                                   # frr | bird | gobgp | host
    binds: List[Bind] = field(default_factory=list)
    labels: Dict[str, str] = field(default_factory=dict)
    exec_: List[str] = field(default_factory=list)
    env: Dict[str, str] = field(default_factory=dict)

    def bind_for(self, *targets: str) -> Optional[Bind]:
        """The bind whose container path is one of `targets` (or ends with
        '/<basename>' when a target starts with '*/')."""
        for b in self.binds:
            for t in targets:
                if t.startswith("*/"):
                    if b.target.endswith(t[1:]):
                        return b
                elif b.target.rstrip("/") == t:
                    return b
        return None


@dataclass
class Endpoint:
    node: str
    ifname: str


@dataclass
class Link:
    a: Endpoint
    b: Endpoint


@dataclass
class Topology:
    name: str
    path: str                                   # absolute path of the file
    nodes: Dict[str, Node]
    links: List[Link]


def _merge(*layers: dict) -> dict:
    """containerlab inheritance: later layers win; binds are merged by
    container path, env and labels by key, exec is replaced."""
    out: dict = {}
    for layer in layers:
        for key, val in (layer or {}).items():
            if key == "binds":
                merged = {b.split(":")[1] if ":" in b else b: b for b in out.get("binds", [])}
                for b in val or []:
                    merged[b.split(":")[1] if ":" in b else b] = b
                out["binds"] = list(merged.values())
            elif key in ("env", "labels"):
                d = dict(out.get(key, {}))
                d.update(val or {})
                out[key] = d
            else:
                out[key] = val
    return out


def _role(image: str, binds: List[Bind]) -> str:
    img = image.lower().rsplit("/", 1)[-1]
    targets = [b.target for b in binds]
    if "/etc/frr/frr.conf" in targets or "frr" in img:
        return "frr"
    if any(t.endswith("/bird.conf") for t in targets) or "bird" in img:
        return "bird"
    if any(re.search(r"/gobgpd?\.(conf|toml|ya?ml|json)$", t) for t in targets) or "gobgp" in img:
        return "gobgp"
    return "host"


def _parse_bind(spec: str, base: str, node: str) -> Bind:
    parts = str(spec).split(":")
    if len(parts) < 2:
        raise TopologyError(f"node {node}: bind {spec!r} is not HOST:CONTAINER[:ro]")
    host = os.path.expanduser(parts[0])
    # containerlab resolves relative bind sources against the topology dir.
    host = os.path.normpath(host if os.path.isabs(host) else os.path.join(base, host))
    return Bind(host=host, target=parts[1], ro="ro" in parts[2:])


def _parse_endpoint(ep, nodes) -> Endpoint:
    if isinstance(ep, dict):                    # newer clab "extended" form
        node, ifname = ep.get("node"), ep.get("interface")
    else:
        node, _, ifname = str(ep).partition(":")
    if node not in nodes:
        raise TopologyError(f"link endpoint {ep!r}: unknown node {node!r}")
    if not ifname or len(ifname) > IFNAME_MAX or "/" in ifname or " " in ifname:
        raise TopologyError(f"link endpoint {ep!r}: bad interface name (max {IFNAME_MAX} chars)")
    return Endpoint(node, ifname)


def load(path: str) -> Topology:
    """Read and validate a *.clab.yml file."""
    path = os.path.abspath(path)
    base = os.path.dirname(path)
    try:
        with open(path) as fh:
            doc = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as e:
        raise TopologyError(f"{path}: {e}") from e
    if not isinstance(doc, dict) or "topology" not in doc:
        raise TopologyError(f"{path}: no 'topology' section")
    name = str(doc.get("name") or "")
    if not NAME_RE.match(name):
        raise TopologyError(f"{path}: lab name {name!r} must match {NAME_RE.pattern}")

    topo = doc["topology"] or {}
    defaults = topo.get("defaults") or {}
    kinds = topo.get("kinds") or {}
    nodes: Dict[str, Node] = {}
    for nname, ndef in (topo.get("nodes") or {}).items():
        nname = str(nname)
        if not NAME_RE.match(nname):
            raise TopologyError(f"node name {nname!r} must match {NAME_RE.pattern}")
        ndef = ndef or {}
        kind = ndef.get("kind") or defaults.get("kind") or "linux"
        if kind != "linux":
            raise TopologyError(f"node {nname}: only kind 'linux' is supported (got {kind!r})")
        m = _merge(defaults, kinds.get(kind), ndef)
        binds = [_parse_bind(b, base, nname) for b in m.get("binds") or []]
        image = str(m.get("image") or "")
        execs = m.get("exec") or []
        if isinstance(execs, str):
            execs = [execs]
        nodes[nname] = Node(
            name=nname, kind=kind, image=image, role=_role(image, binds), binds=binds,
            labels={str(k): str(v) for k, v in (m.get("labels") or {}).items()},
            exec_=[str(e) for e in execs],
            env={str(k): str(v) for k, v in (m.get("env") or {}).items()})

    links: List[Link] = []
    seen = set()
    for ldef in topo.get("links") or []:
        eps = (ldef or {}).get("endpoints") or []
        if len(eps) != 2:
            raise TopologyError(f"link {ldef!r}: need exactly 2 endpoints")
        a, b = (_parse_endpoint(e, nodes) for e in eps)
        for ep in (a, b):
            if (ep.node, ep.ifname) in seen:
                raise TopologyError(f"interface {ep.node}:{ep.ifname} used twice")
            seen.add((ep.node, ep.ifname))
        links.append(Link(a, b))
    if not nodes:
        raise TopologyError(f"{path}: no nodes")
    return Topology(name=name, path=path, nodes=nodes, links=links)
