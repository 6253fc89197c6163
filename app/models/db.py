"""The one database object, and everything SQLite-specific about opening it.

Models bind to `database`, a proxy: a LAN installation can later point it at PostgreSQL without touching
the models. SQLite pragmas, the online backup API and the table-rebuild procedure of migrations stay in
this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
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


def restore_copy(source: Path | str, target: Path | str) -> None:
    """Write a backup back over `target` page by page, in place (WAL and open handles stay consistent)."""
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(target))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    check = integrity_check(target)
    if check != "ok":
        raise RuntimeError(f"恢复后的数据库完整性检查未通过：{check}")


# --- Table rebuilds for migrations: https://www.sqlite.org/lang_altertable.html#otheralter ---


@contextmanager
def foreign_keys_off() -> Iterator[None]:
    """Switch foreign-key enforcement off around a schema change, and back on afterwards.

    SQLite ignores `PRAGMA foreign_keys` inside a transaction, so this must wrap the transaction, not sit in
    it. With enforcement on, dropping a parent table deletes (ON DELETE CASCADE) every child row.
    """
    if database.in_transaction():
        raise RuntimeError("PRAGMA foreign_keys has no effect inside a transaction")
    was_on = foreign_keys_enforced()
    database.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        if was_on:
            database.execute_sql("PRAGMA foreign_keys = ON")


def foreign_keys_enforced() -> bool:
    return bool(database.execute_sql("PRAGMA foreign_keys").fetchone()[0])


def foreign_key_violations() -> list[tuple[str, int, str]]:
    """(table, rowid, parent table) of every row whose foreign key points at nothing."""
    rows = database.execute_sql("PRAGMA foreign_key_check").fetchall()
    return [(table, rowid, parent) for table, rowid, parent, _fk in rows]


def table_names() -> list[str]:
    rows = database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()
    return [name for (name,) in rows]


def row_counts() -> dict[str, int]:
    return {t: database.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in table_names()}


def rebuild_table(table: str, create_sql: str, select_sql: str) -> None:
    """Replace `table` by the one `create_sql` defines, filled by `select_sql` (which reads the old table).

    Steps 3–8 of SQLite's procedure: run inside a transaction with foreign keys off. The new table is built
    under a temporary name and renamed, never the other way round: renaming the old table would rewrite the
    child tables' REFERENCES clauses to point at it. Indexes and triggers of the old table are recreated;
    the caller creates any new ones.
    """
    if foreign_keys_enforced() or not database.in_transaction():
        raise RuntimeError("rebuild_table needs a transaction with foreign keys off")
    temp = f"_rebuild_{table}"
    prefix = f'CREATE TABLE "{table}" ('
    if not create_sql.startswith(prefix):
        raise ValueError(f"create_sql must start with {prefix!r}")
    kept = database.execute_sql(
        "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    database.execute_sql(f'CREATE TABLE "{temp}" (' + create_sql[len(prefix) :])
    database.execute_sql(f'INSERT INTO "{temp}" {select_sql}')
    database.execute_sql(f'DROP TABLE "{table}"')
    database.execute_sql(f'ALTER TABLE "{temp}" RENAME TO "{table}"')
    for (sql,) in kept:
        database.execute_sql(sql)
