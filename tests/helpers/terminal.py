"""The command line run on a real terminal (a pseudo-terminal from the `pty` module): `getpass` reads what the
test types at each prompt, exactly as it would read a person's keystrokes."""

from __future__ import annotations

import os
import select
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def run_on_terminal(argv: list[str], answers: list[tuple[str, str]], timeout: float = 60) -> tuple[int, str]:
    """Run `python -m app *argv` on a new terminal; for each (prompt, reply) wait until `prompt` appears and
    type `reply` with Enter. Returns (exit status, everything the terminal showed)."""
    import pty

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty, so getpass opens it as /dev/tty
        os.chdir(ROOT)
        os.execvpe(sys.executable, [sys.executable, "-m", "app", *argv], env)
    shown = bytearray()
    seen = 0
    try:
        for prompt, reply in answers:
            seen = _expect(fd, shown, prompt.encode(), seen, timeout)
            os.write(fd, reply.encode() + b"\r")
        _read_to_end(fd, shown, timeout)
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")


def _expect(fd: int, shown: bytearray, prompt: bytes, start: int, timeout: float) -> int:
    """Read until `prompt` shows after `start`; the position after it."""
    deadline = time.monotonic() + timeout
    while (found := shown.find(prompt, start)) < 0:
        if time.monotonic() > deadline or not _read(fd, shown, deadline):
            raise AssertionError(
                f"no prompt {prompt.decode()!r}; the terminal showed: {shown.decode('utf-8', 'replace')}"
            )
    return found + len(prompt)


def _read_to_end(fd: int, shown: bytearray, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while _read(fd, shown, deadline):
        pass


def _read(fd: int, shown: bytearray, deadline: float) -> bool:
    ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
    if not ready:
        return False
    try:
        chunk = os.read(fd, 4096)
    except OSError:  # EIO: the child has gone and closed the terminal
        return False
    shown.extend(chunk)
    return bool(chunk)
