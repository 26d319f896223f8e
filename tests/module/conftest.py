# SPDX-License-Identifier: GPL-2.0-or-later
"""Run one real bgpd (Debian's /usr/lib/frr/bgpd) outside any namespace.

These tests check the module's life cycle in the daemon: loading, the
version guard, memory accounting and a clean exit. bgpd runs with -Z (no
zebra) and -p 0 (no BGP listener), so it needs no lab.
"""
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time

import pytest

BGPD = "/usr/lib/frr/bgpd"
TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def _env_path(var, default):
    return os.environ.get(var) or default


MODULE_DIR = _env_path("VG_MODULE_DIR", os.path.join(TOP, "plugin/bgpd/.libs"))
VTYSH = _env_path("VG_VTYSH", os.path.join(TOP, "vtysh/build/vtysh"))


def pytest_sessionstart(session):
    problems = []
    if os.geteuid() != 0:
        problems.append("these tests start FRR daemons and must run as root")
    if not os.access(BGPD, os.X_OK):
        problems.append(f"{BGPD} is missing: apt-get install frr")
    if not os.path.exists(os.path.join(MODULE_DIR, "bgpd_vendorguard.so")):
        problems.append(f"bgpd_vendorguard.so not found in {MODULE_DIR}: run make")
    if not os.access(VTYSH, os.X_OK):
        problems.append(f"vtysh not found at {VTYSH}: run make")
    if problems:
        pytest.exit("CANNOT RUN module tests: " + "; ".join(problems), returncode=1)


class Bgpd:
    """A bgpd process in its own directory, driven through vtysh."""

    def __init__(self, moduledir=MODULE_DIR, config="hostname vgtest\n"):
        self.dir = tempfile.mkdtemp(prefix="vg-bgpd-")
        frr = pwd.getpwnam("frr")
        os.chown(self.dir, frr.pw_uid, frr.pw_gid)
        self.conf = os.path.join(self.dir, "bgpd.conf")
        with open(self.conf, "w") as f:
            f.write(config)
        os.chown(self.conf, frr.pw_uid, frr.pw_gid)
        self.log = os.path.join(self.dir, "bgpd.log")
        self.moduledir = moduledir
        self.proc = None

    def start(self):
        argv = [BGPD, "-f", self.conf, "-i", os.path.join(self.dir, "bgpd.pid"),
                "--vty_socket", self.dir, "-Z", "-p", "0", "-M", "vendorguard",
                "--moduledir", self.moduledir, "--log", f"file:{self.log}"]
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True)
        sock = os.path.join(self.dir, "bgpd.vty")
        deadline = time.monotonic() + 15
        while not os.path.exists(sock):
            if self.proc.poll() is not None:
                raise RuntimeError(f"bgpd exited with {self.proc.returncode}: "
                                   f"{self.proc.stdout.read()}\n{self.logtext()}")
            if time.monotonic() > deadline:
                raise RuntimeError("bgpd did not open its vty socket in 15 s")
            time.sleep(0.05)
        return self

    def vtysh(self, *cmds, check=True):
        argv = [VTYSH, "--vty_socket", self.dir, "-d", "bgpd"]
        for c in cmds:
            argv += ["-c", c]
        r = subprocess.run(argv, capture_output=True, text=True, timeout=30)
        if check and r.returncode != 0:
            raise AssertionError(f"vtysh {cmds} failed ({r.returncode}): "
                                 f"{r.stdout}{r.stderr}")
        return r

    def logtext(self):
        try:
            with open(self.log) as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def stop(self, sig=signal.SIGTERM, timeout=15):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(timeout=timeout)
        return self.proc.returncode if self.proc else None

    def cleanup(self):
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def bgpd_factory():
    made = []

    def make(**kw):
        b = Bgpd(**kw)
        made.append(b)
        return b.start()

    yield make
    for b in made:
        b.cleanup()
