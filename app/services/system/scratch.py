"""Scratch files of backups and restores: which ones a live operation is writing, and sweeping the others.

A backup writes `<target>.<random>.part` beside its target and renames it once complete; a restore stages
`<register>.<random>.restoring` and keeps the register as `<stem>.replaced-<time>.bak`; an encrypted backup or
restore works in a `.backup-…` / `.restore-…` folder beside the register. A process killed meanwhile leaves
them behind, and nothing else would ever remove them.

A scratch file is claimed with an OS lock on `<scratch>.open` (app.services.system.open_lock), which the
operating system drops when the process ends, however it ends: a sweep deletes a claimed scratch file only
when it can take that lock itself. A restore's files need no claim: the restore holds the register
exclusively (app.models.db.ExclusiveHold), so whoever has just opened the register knows no restore is at
work. A file without a claim (from an older version) or a scratch folder is swept once untouched for
`STALE_AFTER_SECONDS`. The `.replaced-….bak` of a restore that never got to replace the register holds what
the register still holds, and is removed; that of a completed restore is the only copy of the data it replaced,
and is kept (the restore's message named it).
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.models import AuditLog
from app.models import db as dbmod
from app.services.system import open_lock

STALE_AFTER_SECONDS = dbmod.STALE_AFTER_SECONDS
# temp_path_beside's names ("<target name>.<8 random characters><suffix>"), SQLite's files and our claim beside
_SCRATCH = re.compile(r"^(?P<base>.+\.[a-z0-9_]{8}\.(?:part|restoring))(?:-journal|-wal|-shm|\.open)?$")
_SCRATCH_FOLDER = re.compile(r"^\.(?:backup|restore)-[a-z0-9_]{8}$")
_REPLACED = re.compile(r"^(?P<stem>.+)\.replaced-\d{8}-\d{6}(?:-\d+)?\.bak$")

_live: set[str] = set()  # this process's own claims: an fcntl lock does not keep out another thread of ours
_guard = threading.Lock()


@contextmanager
def claimed(target: Path | str, suffix: str) -> Iterator[Path]:
    """A new scratch name beside `target`, claimed for as long as the block runs, removed at its end."""
    path = dbmod.temp_path_beside(target, suffix)
    with _guard:
        _live.add(str(path))
    lock = None
    try:
        lock = open_lock.acquire(path)
    except OSError:
        pass  # a folder that cannot hold the claim still takes the copy; the age rule covers it
    try:
        yield path
    finally:
        dbmod.remove_database_file(path)
        if isinstance(lock, open_lock.OpenLock):
            lock.release()
        open_lock.lock_path(path).unlink(missing_ok=True)
        with _guard:
            _live.discard(str(path))


def sweep(folder: Path | str, register: Path | None = None) -> list[Path]:
    """Delete what killed backups and restores left in `folder`; returns what was removed.

    `register`: the register this process has just opened in that folder (so no restore of it is running).
    """
    folder = Path(folder)
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    groups: dict[str, list[Path]] = {}
    removed: list[Path] = []
    for path in entries:
        match = _SCRATCH.match(path.name)
        if match:
            groups.setdefault(match["base"], []).append(path)
        elif _SCRATCH_FOLDER.match(path.name) and path.is_dir() and _untouched(path):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    for base, paths in groups.items():
        removed.extend(_sweep_one(folder / base, paths, register))
    if register is not None:
        removed.extend(_unfinished_replaced(folder, register))
    return removed


def _sweep_one(scratch: Path, paths: list[Path], register: Path | None) -> list[Path]:
    with _guard:
        if str(scratch) in _live:
            return []
    claim = open_lock.lock_path(scratch)
    held = None
    if claim.exists():
        try:
            held = open_lock.acquire(scratch)
        except OSError:
            return []
        if not isinstance(held, open_lock.OpenLock):
            return []  # its owner is alive
    elif not (_restore_leftover(scratch, register) or all(_untouched(p) for p in paths)):
        return []
    removed = []
    try:
        for path in paths:
            if path != claim:
                try:
                    path.unlink()
                    removed.append(path)
                except OSError:
                    continue
    finally:
        if held is not None:
            held.release()
        if claim.exists():
            claim.unlink(missing_ok=True)
            removed.append(claim)
    return removed


def _restore_leftover(scratch: Path, register: Path | None) -> bool:
    """A restore's staging copy, or the staging of its kept copy: only ever written under the exclusive hold."""
    if register is None:
        return False
    name = scratch.name
    staged = name.startswith(f"{register.name}.") and name.endswith(".restoring")
    kept = name.startswith(f"{register.stem}.replaced-") and name.endswith(".part")
    return staged or kept


def _untouched(path: Path) -> bool:
    try:
        return path.stat().st_mtime < time.time() - STALE_AFTER_SECONDS
    except OSError:
        return False


def _unfinished_replaced(folder: Path, register: Path) -> list[Path]:
    """Kept copies of the register that a restore made but never replaced the register after: the register
    still carries the last audit entry of the copy (same id, same hash)."""
    removed = []
    for path in folder.glob(f"{_glob_escape(register.stem)}.replaced-*.bak"):
        match = _REPLACED.match(path.name)
        if not match or match["stem"] != register.stem or not path.is_file():
            continue
        head = _audit_head(path)
        if head is None:
            continue
        last_id, last_hash = head
        still_here = AuditLog.select().where((AuditLog.id == last_id) & (AuditLog.entry_hash == last_hash))
        named = AuditLog.select().where(
            (AuditLog.action == "database.restore") & AuditLog.after.contains(path.name)
        )
        if still_here.exists() and not named.exists():
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                continue
    return removed


def _audit_head(path: Path) -> tuple[int, str] | None:
    """The last audit entry of a database file (id, hash), read without changing it; None if it has none."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, ValueError):
        return None
    try:
        row = conn.execute("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return (row[0], row[1]) if row and row[1] else None


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
