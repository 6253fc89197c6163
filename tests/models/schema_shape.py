"""What a SQLite schema is, as data to compare: tables, columns, indexes, foreign keys, and every row.

The DDL text is not compared: SQLite keeps it as written (ALTER TABLE ADD COLUMN splices text in), so two
equal schemas can read differently. Their catalogue (`PRAGMA table_info`, `index_list`, …) cannot.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)


def tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [name for (name,) in rows]


def _index(conn: sqlite3.Connection, table: str, row: tuple) -> tuple:
    _seq, name, unique, origin, partial = row
    columns = tuple(c[2] for c in conn.execute(f'PRAGMA index_info("{name}")'))
    # SQLite names the indexes behind UNIQUE/PRIMARY KEY clauses itself; those names are not part of a schema.
    key = name if origin == "c" else f"{origin}:{columns}"
    return key, (table, bool(unique), origin, bool(partial), columns)


def shape(path: Path) -> dict:
    """Everything about the schema at `path` that a program or a foreign key can depend on."""
    conn = _connect(path)
    try:
        result: dict = {"tables": {}, "indexes": {}, "other": []}
        for table in tables(conn):
            columns = [
                c[1:] for c in conn.execute(f'PRAGMA table_info("{table}")')
            ]  # name, type, notnull, dflt, pk
            fks = sorted(fk[2:] for fk in conn.execute(f'PRAGMA foreign_key_list("{table}")'))
            result["tables"][table] = {"columns": columns, "foreign_keys": fks}
            for row in conn.execute(f'PRAGMA index_list("{table}")'):
                key, value = _index(conn, table, row)
                result["indexes"][key] = value
        result["other"] = sorted(
            conn.execute("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger')")
        )
        return result
    finally:
        conn.close()


def rows(path: Path, columns_of: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table, by id; with `columns_of`, only those tables and columns (an older schema's)."""
    conn = _connect(path)
    try:
        wanted = columns_of or {
            t: [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables(conn)
        }
        result = {}
        for table, columns in wanted.items():
            names = ", ".join(f'"{c}"' for c in columns)
            result[table] = conn.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid').fetchall()
        return result
    finally:
        conn.close()


def columns(path: Path) -> dict[str, list[str]]:
    conn = _connect(path)
    try:
        return {t: [c[1] for c in conn.execute(f'PRAGMA table_info("{t}")')] for t in tables(conn)}
    finally:
        conn.close()


def dump(path: Path) -> list[str]:
    """The database as SQL text: equal dumps mean equal schema and equal rows."""
    conn = _connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
