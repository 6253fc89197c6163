"""Moving a whole installation between engines (`db copy SOURCE TARGET`): a SQLite file to a PostgreSQL
database and back, attachments included, verified table by table.

The target must be empty (a missing or zero-byte file, a database with no tables): it is created at the
current schema, its seeded reference rows are replaced by the source's, and every record table is copied
with its ids, row versions and audit chain as they are. Tables the program derives (stored case clocks,
the search index) are not copied: the target rebuilds them. After the copy each table's row count and
content hash (its rows in id order, as values) must match the source's, and every attachment's bytes must
be in the target's store with the right SHA-256; otherwise the copy is reported as failed.

A maintenance command like `init`: it needs access to both databases, not a sign-in (the whole register is
in the file or on the server anyway); it writes no audit entry, so the copy is record for record the same.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from peewee import AutoField, Model

from app.models import ALL_MODELS, DERIVED_MODELS, Attachment
from app.models import db as dbmod
from app.models import postgres as pg
from app.models.db import database
from app.paths import files_dir_for
from app.services.core import attachment_blobs
from app.services.core.audit import plain_value
from app.services.core.errors import DomainError
from app.services.system import database as setup

COPIED = [m for m in ALL_MODELS if m not in DERIVED_MODELS]
CHUNK = 2000


@dataclass
class CopyReport:
    counts: dict[str, int] = field(default_factory=dict)  # table → rows copied
    hashes: dict[str, str] = field(default_factory=dict)  # table → content hash, equal on both sides
    files: int = 0  # attachment files copied


def shown(location: Path | str) -> str:
    return pg.shown_url(location) if pg.is_url(location) else str(location)


def copy_register(source: Path | str, target: Path | str) -> CopyReport:
    """Copy the register at `source` into the empty `target`; raises DomainError if it is not empty, or if
    the copy does not verify (then the target holds a partial copy to be dropped)."""
    if str(source) == str(target):
        raise DomainError("源数据库与目标数据库相同")
    _refuse_non_empty(target)
    setup.open_register(source, create=False)
    if not setup.is_initialised():
        dbmod.close()
        raise DomainError(f"源数据库 {shown(source)} 尚未初始化")
    expected = content_hashes()
    dbmod.close()
    source_db = _database(source)
    try:
        setup.open_register(target)
        with database.atomic():
            for model in reversed(COPIED):  # the target's seeded rows (districts) make way for the source's
                model.delete().execute()
            for model in COPIED:
                _copy_rows(model, source_db)
            if dbmod.is_postgres():
                _reset_sequences()
        files = _copy_files(source, source_db, target)
        actual = content_hashes()
    finally:
        source_db.close()
    differing = [t for t in expected if expected[t] != actual.get(t)]
    if differing:
        raise DomainError(f"复制后核对不一致：{'、'.join(differing)}；目标数据库 {shown(target)} 不可使用，请清空后重试")
    return CopyReport({t: c for t, (c, _) in actual.items()}, {t: h for t, (_, h) in actual.items()}, files)


def content_hashes() -> dict[str, tuple[int, str]]:
    """Per copied table of the open register: (row count, SHA-256 over its rows in primary-key order)."""
    result = {}
    for model in COPIED:
        digest, count = hashlib.sha256(), 0
        for row in model.select().order_by(model._meta.primary_key).tuples().iterator():
            digest.update(json.dumps([_plain(v) for v in row], ensure_ascii=False, default=str).encode())
            count += 1
        result[model._meta.table_name] = (count, digest.hexdigest())
    return result


def _plain(value):
    """A value as both engines give it back: SQLite keeps 500.00 as 500, PostgreSQL's numeric keeps 500.00."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return plain_value(value)


def _refuse_non_empty(target: Path | str) -> None:
    refusal = f"目标数据库 {shown(target)} 不是空的，未复制（db copy 只复制到新的空数据库）"
    if pg.is_url(target):
        probe = _database(target)
        try:
            if pg.table_names(probe):
                raise DomainError(refusal)
        finally:
            probe.close()
        return
    path = Path(target)
    files = files_dir_for(path)
    if (path.exists() and path.stat().st_size > 0) or (files.exists() and any(files.iterdir())):
        raise DomainError(refusal)


def _database(location: Path | str):
    """A second connection beside the proxy, for reading the source while the proxy writes the target."""
    db = pg.RegisterPostgres(location) if pg.is_url(location) else dbmod.RegisterDatabase(location)
    db.connect()
    return db


def _copy_rows(model: type[Model], source_db) -> None:
    fields = model._meta.sorted_fields
    pk = model._meta.primary_key
    offset = 0
    while True:
        with source_db.bind_ctx([model], bind_refs=False, bind_backrefs=False):
            rows = list(model.select(*fields).order_by(pk).limit(CHUNK).offset(offset).tuples())
        if not rows:
            return
        model.insert_many(rows, fields=fields).execute()
        offset += len(rows)


def _reset_sequences() -> None:
    """Rows came with their ids: move each id sequence past them, or the next insert would collide."""
    for model in COPIED:
        pk = model._meta.primary_key
        if isinstance(pk, AutoField):
            table, column = model._meta.table_name, pk.column_name
            database.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
                f'COALESCE(MAX("{column}"), 1), MAX("{column}") IS NOT NULL) FROM "{table}"'
            )


def _copy_files(source: Path | str, source_db, target: Path | str) -> int:
    """Every attachment's bytes from the source's store into the target's, each checked by its SHA-256."""
    shas = sorted({sha for (sha,) in Attachment.select(Attachment.sha256).tuples()})
    if dbmod.is_postgres():
        attachment_blobs.ensure_table()
    for sha in shas:
        content = _read_blob(source, source_db, sha)
        if content is None or hashlib.sha256(content).hexdigest() != sha:
            raise DomainError(f"源数据库的附件 {sha[:12]}… 缺失或已损坏，复制未完成")
        if dbmod.is_postgres():
            attachment_blobs.put(sha, content)
        else:
            blob = files_dir_for(Path(target)) / sha[:2] / sha
            blob.parent.mkdir(parents=True, exist_ok=True)
            blob.write_bytes(content)
    return len(shas)


def _read_blob(source: Path | str, source_db, sha: str) -> bytes | None:
    if pg.is_url(source):
        if attachment_blobs.TABLE not in pg.table_names(source_db):
            return None
        row = source_db.execute_sql(
            f'SELECT "content" FROM "{attachment_blobs.TABLE}" WHERE "sha256" = %s', (sha,)
        ).fetchone()
        return None if row is None else bytes(row[0])
    blob = files_dir_for(Path(source)) / sha[:2] / sha
    return blob.read_bytes() if blob.is_file() else None
