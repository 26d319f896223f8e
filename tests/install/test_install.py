# SPDX-License-Identifier: GPL-2.0-or-later
"""`make install` and `make uninstall` on the real system, the Debian way.

install: the module lands in FRR's module directory, Debian's vtysh is
diverted to /usr/bin/vtysh.distrib and ours takes /usr/bin/vtysh, and a bgpd
started with plain `-M vendorguard` (no --moduledir) answers through it.
uninstall: Debian's vtysh is back, byte for byte, and the module is gone.
"""
import hashlib
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "module"))
from conftest import Bgpd, TOP  # noqa: E402

MODULE = "/usr/lib/x86_64-linux-gnu/frr/modules/bgpd_vendorguard.so"
BUILDDIR = os.environ.get("VG_BUILDDIR", TOP)


def make(target):
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    r = subprocess.run(["make", "-f", "Makefile", "-C", BUILDDIR, target],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, f"make {target}: {r.stdout}{r.stderr}"


def debian_vtysh_md5():
    with open("/var/lib/dpkg/info/frr.md5sums") as f:
        for line in f:
            md5, path = line.split()
            if path == "usr/bin/vtysh":
                return md5
    raise AssertionError("frr.md5sums has no usr/bin/vtysh")


def md5(path):
    with open(path, "rb") as f:
        return hashlib.md5(f.read()).hexdigest()


def diversion():
    r = subprocess.run(["dpkg-divert", "--list", "/usr/bin/vtysh"],
                       capture_output=True, text=True, check=True)
    return r.stdout.strip()


def test_install_then_uninstall():
    make("install")
    try:
        assert os.path.isfile(MODULE)
        assert not os.path.exists(MODULE.replace(".so", ".la"))
        assert "/usr/bin/vtysh.distrib" in diversion()
        assert md5("/usr/bin/vtysh.distrib") == debian_vtysh_md5()
        assert md5("/usr/bin/vtysh") != debian_vtysh_md5()

        # The installed module and vtysh work together without any paths.
        b = Bgpd(moduledir="/usr/lib/x86_64-linux-gnu/frr/modules").start()
        try:
            r = subprocess.run(["/usr/bin/vtysh", "--vty_socket", b.dir, "-d",
                                "bgpd", "-c", "show bgp vendor-guard json"],
                               capture_output=True, text=True, timeout=30)
            assert r.returncode == 0, r.stdout + r.stderr
            assert json.loads(r.stdout)["frrVersion"] == "8.4.4"
            assert MODULE in b.vtysh("show modules").stdout
        finally:
            b.cleanup()
    finally:
        make("uninstall")

    assert not os.path.exists(MODULE)
    assert diversion() == ""
    assert not os.path.exists("/usr/bin/vtysh.distrib")
    assert md5("/usr/bin/vtysh") == debian_vtysh_md5()
