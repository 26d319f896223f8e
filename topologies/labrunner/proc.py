"""Subprocess and process helpers.  Every external command has a timeout."""
import os
import signal
import subprocess
import time
from typing import Dict, List, Optional, Sequence

DEFAULT_TIMEOUT = 30.0


class CommandError(Exception):
    """An external command failed or timed out."""


def run(argv: Sequence[str], timeout: float = DEFAULT_TIMEOUT, check: bool = True,
        env: Optional[Dict[str, str]] = None, input: Optional[str] = None
        ) -> subprocess.CompletedProcess:
    """Run argv (no shell), capture text output; raise CommandError on a
    non-zero exit (if check) or on timeout (always)."""
    full_env = None
    if env:
        full_env = dict(os.environ)
        full_env.update(env)
    try:
        r = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout,
                           env=full_env, input=input, stdin=None if input is not None else subprocess.DEVNULL)
    except subprocess.TimeoutExpired as e:
        raise CommandError(f"timeout after {timeout}s: {' '.join(argv)}\n"
                           f"{_s(e.stdout)}{_s(e.stderr)}") from None
    except FileNotFoundError as e:
        raise CommandError(f"cannot run {argv[0]}: {e}") from None
    if check and r.returncode != 0:
        raise CommandError(f"exit {r.returncode}: {' '.join(argv)}\n{r.stdout}{r.stderr}".rstrip())
    return r


def _s(b) -> str:
    if b is None:
        return ""
    return b.decode(errors="replace") if isinstance(b, bytes) else b


def alive(pid: int) -> bool:
    """True if pid exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def read_pidfile(path: str) -> Optional[int]:
    try:
        with open(path) as fh:
            return int(fh.read().strip())
    except (OSError, ValueError):
        return None


def kill_pids(pids: List[int], grace: float = 5.0) -> List[int]:
    """SIGTERM the pids, wait up to `grace` seconds, then SIGKILL the rest.
    Returns the pids that had to be SIGKILLed."""
    pids = [p for p in set(pids) if p > 1 and p != os.getpid() and alive(p)]
    for p in pids:
        _signal(p, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    killed = [p for p in pids if alive(p)]
    for p in killed:
        _signal(p, signal.SIGKILL)
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline and any(alive(p) for p in killed):
        time.sleep(0.02)
    return killed


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def tail(path: str, lines: int = 25) -> str:
    """Last `lines` lines of a file, or a note if it cannot be read."""
    try:
        with open(path, errors="replace") as fh:
            return "".join(fh.readlines()[-lines:])
    except OSError as e:
        return f"(cannot read {path}: {e.strerror})"
