"""Inserting many new records in few statements, for imports; ids are read back by UUID.

One prepared INSERT run with executemany: peewee would build the SQL text afresh for every chunk, which
costs more than SQLite's work. Plain SQL with the backend's parameter mark works on SQLite and PostgreSQL.
"""

from __future__ import annotations

from peewee import AutoField, Model

from app.models.db import database

SELECT_CHUNK = 5000


def insert_records(model: type[Model], records: list[Model], *, read_ids: bool = True) -> None:
    """Insert unsaved model instances (defaults already filled in) and, unless told not to, set their ids."""
    if not records:
        return
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, AutoField)]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join([database.param] * len(fields))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    params = [tuple(f.db_value(r.__data__.get(f.name)) for f in fields) for r in records]
    cursor = database.cursor()
    cursor.executemany(sql, params)
    if not read_ids:
        return
    ids: dict[str, int] = {}
    for start in range(0, len(records), SELECT_CHUNK):
        uuids = [r.uuid for r in records[start : start + SELECT_CHUNK]]
        ids.update(model.select(model.uuid, model.id).where(model.uuid.in_(uuids)).tuples())
    for record in records:
        record.id = ids[record.uuid]


def insert_rows(model: type[Model], rows: list[dict], *, with_ids: bool = False) -> None:
    """Insert plain column values (field name → value), filling each field's default: no model instances.

    For write-only tables such as the audit log, where building instances costs more than inserting.
    `with_ids`: the rows carry their own ids (the audit chain hashes them).
    """
    if not rows:
        return
    fields = [f for f in model._meta.sorted_fields if with_ids or not isinstance(f, AutoField)]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join([database.param] * len(fields))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'

    def value(field, row):
        if field.name in row:
            return field.db_value(row[field.name])
        default = field.default
        return field.db_value(default() if callable(default) else default)

    database.cursor().executemany(sql, [tuple(value(f, row) for f in fields) for row in rows])
