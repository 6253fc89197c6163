"""Inserting many new records in few statements, for imports; ids are read back by UUID.

One prepared INSERT run with executemany: peewee would build the SQL text afresh for every chunk, which
costs more than SQLite's work. Plain SQL with the backend's parameter mark works on SQLite and PostgreSQL.
"""

from __future__ import annotations

from peewee import AutoField, CharField, ForeignKeyField, IntegerField, Model, TextField

from app.models.db import database

SELECT_CHUNK = 5000
_PLAIN = {CharField: str, TextField: str, IntegerField: int}  # exact types: subclasses convert their own way


_FOREIGN: dict[type, dict[str, ForeignKeyField]] = {}


def new_record(model: type[Model], values: dict) -> Model:
    """An unsaved `model(**values)`, built as peewee's constructor builds it (defaults, then each value, a related
    record kept with its id) but without a descriptor call per attribute: an import builds tens of thousands."""
    meta = model._meta
    foreign = _FOREIGN.get(model)
    if foreign is None:
        foreign = _FOREIGN[model] = {n: f for n, f in meta.fields.items() if isinstance(f, ForeignKeyField)}
    record = model.__new__(model)
    data = meta.get_default_dict()
    record.__data__, record.__rel__ = data, {}
    for name, value in values.items():
        fk = foreign.get(name)
        if fk is not None and isinstance(value, fk.rel_model):
            data[name] = getattr(value, fk.rel_field.name)
            record.__rel__[name] = value
        elif name in meta.fields and fk is None:
            data[name] = value
        else:
            record._dirty = set(data)
            setattr(record, name, value)  # anything else exactly as the constructor would
            data = record.__data__
    record._dirty = set(data)
    return record


def insert_records(model: type[Model], records: list[Model], *, read_ids: bool = True) -> None:
    """Insert unsaved model instances (defaults already filled in) and, unless told not to, set their ids."""
    if not records:
        return
    fields = [f for f in model._meta.sorted_fields if not isinstance(f, AutoField)]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join([database.param] * len(fields))
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    datas = [r.__data__ for r in records]
    cursor = database.cursor()
    cursor.executemany(
        sql, zip(*(_column(f, [data.get(f.name) for data in datas]) for f in fields), strict=True)
    )
    if not read_ids:
        return
    ids: dict[str, int] = {}
    for start in range(0, len(records), SELECT_CHUNK):
        uuids = [r.uuid for r in records[start : start + SELECT_CHUNK]]
        ids.update(model.select(model.uuid, model.id).where(model.uuid.in_(uuids)).tuples())
    for record in records:
        record.id = ids[record.uuid]


def _column(field, values: list) -> list:
    """One column's values as the database takes them. Column by column, and `db_value` only for the values
    it would change (not text to a text field, an int to an integer field, None): per value, the call was
    a third of an import's insert cost."""
    kind = _PLAIN.get(type(field))
    convert = field.db_value
    if kind is None:
        return [convert(v) for v in values]
    return [v if v is None or type(v) is kind else convert(v) for v in values]


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
            return row[field.name]
        default = field.default
        return default() if callable(default) else default

    database.cursor().executemany(
        sql, zip(*(_column(f, [value(f, row) for row in rows]) for f in fields), strict=True)
    )
