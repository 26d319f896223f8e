# SPDX-License-Identifier: GPL-2.0-or-later
"""The module's life cycle inside a real bgpd: load, guard, memory, exit."""
import json
import os
import shutil
import subprocess
import tempfile

from conftest import TOP


def test_loads_and_answers_show(bgpd_factory):
    b = bgpd_factory()
    mods = b.vtysh("show modules").stdout
    assert "bgpd_vendorguard" in mods
    assert os.path.join(b.moduledir, "bgpd_vendorguard.so") in mods

    j = json.loads(b.vtysh("show bgp vendor-guard json").stdout)
    assert j["frrVersion"] == "8.4.4"
    assert set(j["counters"]) >= {"pathsAdded", "pathsReaped", "processEvents"}

    text = b.vtysh("show bgp vendor-guard").stdout
    assert text.startswith("vendorguard ")


def test_has_own_memory_group(bgpd_factory):
    b = bgpd_factory()
    mem = b.vtysh("show memory").stdout
    assert "--- qmem vendorguard ---" in mem
    assert "vendorguard module state" in mem


def test_sigterm_exits_cleanly(bgpd_factory):
    b = bgpd_factory()
    b.vtysh("show bgp vendor-guard json")
    assert b.stop() == 0, b.logtext()
    log = b.logtext()
    assert "assertion" not in log and "memory leak" not in log.lower(), log


def _copy_sources(dst):
    """Copy the tracked sources of this repo (a fresh tree to configure)."""
    files = subprocess.run(["git", "-C", TOP, "ls-files", "-co",
                            "--exclude-standard"], capture_output=True,
                           text=True, check=True).stdout.split()
    for f in files:
        src = os.path.join(TOP, f)
        if os.path.isfile(src):
            os.makedirs(os.path.join(dst, os.path.dirname(f)), exist_ok=True)
            shutil.copy2(src, os.path.join(dst, f))


def _shadow_frr_tree(frr_src, dst, version):
    """An FRR tree identical to frr_src except for its version string."""
    for name in os.listdir(frr_src):
        if name != "lib":
            os.symlink(os.path.join(frr_src, name), os.path.join(dst, name))
    os.mkdir(os.path.join(dst, "lib"))
    for name in os.listdir(os.path.join(frr_src, "lib")):
        if name != "version.h":
            os.symlink(os.path.join(frr_src, "lib", name),
                       os.path.join(dst, "lib", name))
    with open(os.path.join(frr_src, "lib/version.h")) as f:
        text = f.read().replace('"8.4.4"', f'"{version}"')
    assert version in text
    with open(os.path.join(dst, "lib/version.h"), "w") as f:
        f.write(text)


def test_refuses_other_frr_version(bgpd_factory):
    """Build against a tree that claims FRR 8.4.99; bgpd must refuse it and live on."""
    frr_src = os.environ.get("FRR_SRC") or subprocess.run(
        [os.path.join(TOP, "scripts/frr-source.sh")], capture_output=True,
        text=True, check=True).stdout.strip()
    work = tempfile.mkdtemp(prefix="vg-mismatch-")
    try:
        shadow = os.path.join(work, "frr")
        os.mkdir(shadow)
        _shadow_frr_tree(frr_src, shadow, "8.4.99")
        tree = os.path.join(work, "vendorguard")
        _copy_sources(tree)
        for cmd in (["./bootstrap.sh"],
                    ["./configure", "-q", f"--with-frr-source={shadow}"],
                    ["make", "-s", "plugin/bgpd/bgpd_vendorguard.la"]):
            r = subprocess.run(cmd, cwd=tree, capture_output=True, text=True)
            assert r.returncode == 0, f"{cmd}: {r.stdout}{r.stderr}"

        b = bgpd_factory(moduledir=os.path.join(tree, "plugin/bgpd/.libs"))
        log = b.logtext()
        assert "[VG-LOAD-VERSION]" in log, log
        assert "built for FRR 8.4.99 but this bgpd runs FRR 8.4.4" in log, log
        # bgpd carries on without the module's commands or hooks.
        assert "8.4.4" in b.vtysh("show version").stdout
        r = b.vtysh("show bgp vendor-guard json", check=False)
        assert "Unknown command" in r.stdout + r.stderr
        assert "vendorguard module state" not in b.vtysh("show memory").stdout
        assert b.stop() == 0
    finally:
        shutil.rmtree(work, ignore_errors=True)
