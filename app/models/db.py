"""The one database object, and everything SQLite-specific about opening it.

Models bind to `database`, a proxy: a LAN installation can later point it at PostgreSQL without touching
the models. SQLite pragmas and the online backup API stay in this module.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

database = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "busy_timeout": 10000,
    "cache_size": -32000,
}


def connect_sqlite(path: Path | str) -> SqliteDatabase:
    """Bind the proxy to a SQLite file (created if missing) and connect."""
    if database.obj is not None and not database.is_closed():
        database.close()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sqlite_db = SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS)
    database.initialize(sqlite_db)
    sqlite_db.connect()
    return sqlite_db


def current_path() -> Path | None:
    obj = database.obj
    if isinstance(obj, SqliteDatabase) and obj.database:
        return Path(obj.database)
    return None


def close() -> None:
    if database.obj is not None and not database.is_closed():
        database.close()


def is_sqlite() -> bool:
    return isinstance(database.obj, SqliteDatabase)


def online_copy(source: Path | str, target: Path | str) -> None:
    """Copy a live SQLite database page by page (safe while it is open elsewhere), then verify the copy."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=delete")
        finally:
            dst.close()
    finally:
        src.close()
    check = integrity_check(target)
    if check != "ok":
        raise RuntimeError(f"备份副本完整性检查未通过：{check}")


def integrity_check(path: Path | str) -> str:
    """'ok' for a sound SQLite file, otherwise what is wrong with it."""
    try:
        conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()


def has_table(path: Path | str, table: str) -> bool:
    conn = sqlite3.connect(f"file:{Path(path).as_posix()}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone()
        return row is not None
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()
