#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""`make demo`: steer a sensitive prefix away from flagged gear, before/after.

The lab (topologies/steer) has a government prefix, 203.0.113.0/24, behind
a BIRD router. r1 reaches it through r2 (flagged vendor, shorter AS path)
and through r3 (clean vendor, longer AS path). r1 runs vendorguard with an
inventory. The demo shows what r1 does before any sensitive set exists, then
declares the prefix sensitive (action demote) and shows it again: the best
path, the kernel FIB, a traceroute from a host behind r1, the compliance
state. A non-sensitive prefix from the same origin is shown for contrast.

The lab is left running so you can explore it:
    topologies/vglab.py vtysh steer r1
    topologies/vglab.py down steer
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import vglab  # noqa: E402

TOPO = os.path.join(HERE, "steer", "steer.clab.yml")
GOV = "203.0.113.0/24"
OTHER = "198.51.100.0/24"


def banner(text):
    print("\n" + "=" * 78 + f"\n{text}\n" + "=" * 78)


def show(lab, node, cmd):
    print(f"\n{node}# {cmd}")
    print(lab.vtysh(node, cmd).rstrip())


def sh(lab, node, argv):
    print(f"\n{node}$ {' '.join(argv)}")
    r = lab.exec(node, argv, check=False)
    print((r.stdout + r.stderr).rstrip())


def state(lab):
    show(lab, "r1", "show bgp ipv4 unicast")
    show(lab, "r1", f"show bgp vendor-guard prefix {GOV}")
    sh(lab, "r1", ["ip", "route", "show", GOV])
    sh(lab, "r1", ["ip", "route", "show", OTHER])
    sh(lab, "h0", ["traceroute", "-n", "-w", "1", "-q", "1", "203.0.113.10"])


def main():
    print("Starting the steering lab (r1 with vendorguard; r2 flagged; r3 clean;"
          " BIRD origin b4) ...")
    lab = vglab.Lab.up(TOPO)
    lab.wait("r1", "show bgp ipv4 unicast json",
             lambda j: len(j.get("routes", {}).get(GOV, [])) == 2, timeout=90)
    lab.wait("r1", f"show bgp vendor-guard prefix {GOV} json",
             lambda j: len(j.get("paths", [])) == 2, timeout=30)

    banner("BEFORE: vendorguard only tags; the government prefix goes through "
           "r2's flagged gear")
    show(lab, "r1", "show bgp vendor-guard inventory")
    state(lab)

    banner(f"Declaring {GOV} sensitive: "
           "vendor-guard sensitive-set government ... action demote")
    cmds = ["configure terminal",
            f"vendor-guard sensitive-set government prefix {GOV}",
            "vendor-guard sensitive-set government action demote local-preference 50"]
    print("\nr1(config)# " + "\nr1(config)# ".join(cmds[1:]))
    lab.vtysh("r1", *cmds)
    lab.wait("r1", "show bgp vendor-guard compliance json",
             lambda j: j.get(GOV, {}).get("state") == "compliant", timeout=30)

    banner("AFTER: the government prefix takes the clean path through r3; "
           f"{OTHER} is untouched")
    state(lab)
    show(lab, "r1", "show bgp vendor-guard compliance")
    show(lab, "r1", "show bgp vendor-guard")

    print("\nThe lab is still running. Explore it with:\n"
          "  topologies/vglab.py vtysh steer r1\n"
          "Stop it with:\n"
          "  topologies/vglab.py down steer")


if __name__ == "__main__":
    try:
        main()
    except (vglab.LabError if hasattr(vglab, "LabError") else RuntimeError,
            subprocess.CalledProcessError) as e:
        print(f"demo failed: {e}", file=sys.stderr)
        sys.exit(1)
