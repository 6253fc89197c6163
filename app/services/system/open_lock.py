"""Who has a register open in the window: an OS lock on a small file beside the database.

One window per database: a second window on the same PC is sent to the first (app.ui.single_instance); on a
shared folder a window on another PC holds this lock, and the second start names that PC instead of racing it.
The operating system drops the lock when the process ends, however it ends, so a crash leaves nothing stale.
The command line does not take it: a script may run beside an open window (SQLite serialises the writes).
"""

from __future__ import annotations

import json
import os
import socket
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

LOCK_OFFSET = 4096  # the locked byte lies past the text, which stays readable while the lock is held (Windows)


@dataclass(frozen=True)
class Holder:
    """The process that has the register open, as it wrote itself down."""

    host: str
    pid: int
    since: str

    @property
    def here(self) -> bool:
        return self.host == socket.gethostname()

    def describe(self) -> str:
        where = "本机的另一个窗口" if self.here else f"另一台电脑“{self.host}”"
        return f"{where}（自 {self.since} 起，进程 {self.pid}）"


def lock_path(database_path: Path | str) -> Path:
    database_path = Path(database_path)
    return database_path.with_name(database_path.name + ".open")


class OpenLock:
    """Held while a window has the register open; `release()` (or the process ending) lets the next one in."""

    def __init__(self, handle):
        self._handle = handle

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None


def acquire(database_path: Path | str) -> OpenLock | Holder:
    """The lock, or who holds it. Raises OSError only when the folder cannot hold the file at all."""
    path = lock_path(database_path)
    handle = open(path, "a+b")  # noqa: SIM115 (kept open for as long as the lock is held)
    try:
        _lock(handle)
    except OSError:
        handle.close()
        return _holder(path)
    handle.seek(0)
    handle.truncate()
    record = {"host": socket.gethostname(), "pid": os.getpid(), "since": datetime.now().strftime("%Y-%m-%d %H:%M")}
    handle.write(json.dumps(record, ensure_ascii=False).encode("utf-8"))
    handle.flush()
    return OpenLock(handle)


def _holder(path: Path) -> Holder:
    try:
        record = json.loads(path.read_bytes().decode("utf-8") or "{}")
    except (OSError, ValueError):
        record = {}
    return Holder(str(record.get("host") or "未知"), int(record.get("pid") or 0), str(record.get("since") or "未知时间"))


if sys.platform == "win32":
    import msvcrt

    def _lock(handle) -> None:
        handle.seek(LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(handle) -> None:
        handle.seek(LOCK_OFFSET)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle) -> None:
        fcntl.lockf(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB, 1, LOCK_OFFSET)

    def _unlock(handle) -> None:
        fcntl.lockf(handle.fileno(), fcntl.LOCK_UN, 1, LOCK_OFFSET)
