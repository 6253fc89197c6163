"""Attachment bytes on PostgreSQL: a LAN register has no folder beside a database file that every PC reaches,
so the content-addressed store is a table on the server (`attachment_blob`: sha256 → bytes), next to the rows
that describe the files. Like the search index's tables it lives outside the models' schema and is created on
first use. On SQLite the store stays the folder beside the file (app.services.core.attachments).

Written today by `db copy` (app.services.system.db_copy); the attachment service reads and writes the folder
only, so adding or opening an attachment on a PostgreSQL register is not wired yet.
"""

from __future__ import annotations

from app.models.db import database

TABLE = "attachment_blob"


def ensure_table() -> None:
    database.execute_sql(
        f'CREATE TABLE IF NOT EXISTS "{TABLE}" ("sha256" varchar(64) PRIMARY KEY, "content" bytea NOT NULL)'
    )


def put(sha256: str, content: bytes) -> None:
    database.execute_sql(
        f'INSERT INTO "{TABLE}" ("sha256", "content") VALUES (?, ?) ON CONFLICT ("sha256") DO NOTHING',
        (sha256, content),
    )


def get(sha256: str) -> bytes | None:
    row = database.execute_sql(f'SELECT "content" FROM "{TABLE}" WHERE "sha256" = ?', (sha256,)).fetchone()
    return None if row is None else bytes(row[0])
