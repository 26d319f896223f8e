#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""`make demo`: start a two-router lab with the installed module and show it.

The lab is left running so you can explore it:
    topologies/vglab.py vtysh two-as r1
    topologies/vglab.py down two-as
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import vglab  # noqa: E402

TOPO = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    "two-as", "two-as.clab.yml")


def show(lab, node, cmd):
    print(f"\n{node}# {cmd}")
    print(lab.vtysh(node, cmd).rstrip())


def main():
    lab = vglab.Lab.up(TOPO)
    lab.wait("r1", "show bgp ipv4 unicast json",
             lambda j: "192.0.2.0/24" in j.get("routes", {}), timeout=60)
    show(lab, "r1", "show modules")
    show(lab, "r1", "show bgp ipv4 unicast")
    show(lab, "r1", "show bgp vendor-guard")
    print("\nThe lab is still running. Explore it with:\n"
          "  topologies/vglab.py vtysh two-as r1\n"
          "Stop it with:\n"
          "  topologies/vglab.py down two-as")


if __name__ == "__main__":
    main()
