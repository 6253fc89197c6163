"""Reading and writing many exchanged records at once, for one send or receive.

Following each reference, walking parents to decide a record's scope and reading versions one record at a time
costs a query each; a package of ten thousand enterprises carries over a hundred thousand records. A `Reader`
reads per kind instead: the rows by UUID in chunks, every referenced table's id ↔ key map once, every parent
kind's scope by id once. Its answers are those of the one-record methods of `Kind` (app.services.exchange.kinds),
which stay the reference for a single record.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from peewee import Model

from app.models import District, ExchangeVersion
from app.models.base import new_uuid, now
from app.models.db import database
from app.services.exchange.kinds import DISTRICT, KINDS, OWNED, Kind, _plain, meet

CHUNK = 500  # UUIDs per IN (…): well below SQLite's limit on parameters
Vector = dict[str, int]


def chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def vectors_of(entity: str, uuids: list[str]) -> dict[str, dict[str, Vector]]:
    """uuid → field → vector of the records named (those without any left out)."""
    out: dict[str, dict[str, Vector]] = {}
    for part in chunks(list(dict.fromkeys(uuids))):
        query = (
            ExchangeVersion.select(ExchangeVersion.record_uuid, ExchangeVersion.field, ExchangeVersion.vector)
            .where((ExchangeVersion.entity == entity) & ExchangeVersion.record_uuid.in_(part)).tuples()
        )  # fmt: skip
        for record_uuid, name, vector in query:
            out.setdefault(record_uuid, {})[name] = json.loads(vector)
    return out


def write_vectors(rows: Iterable[tuple[str, str, str, Vector]]) -> None:
    """Upsert (entity, record uuid, field, vector) rows: one prepared statement run for them all (peewee would
    build the SQL text afresh for every chunk, which costs more than SQLite's work)."""
    stamp = ExchangeVersion.created_at.db_value(now())
    columns = ("uuid", "created_at", "updated_at", "row_version", "entity", "record_uuid", "field", "vector")
    mark = database.param
    sql = (
        f'INSERT INTO "{ExchangeVersion._meta.table_name}" ({", ".join(columns)}) '
        f"VALUES ({', '.join([mark] * len(columns))}) "
        "ON CONFLICT (entity, record_uuid, field) DO UPDATE SET vector = excluded.vector, updated_at = excluded.updated_at"
    )
    params = [
        (new_uuid(), stamp, stamp, 1, entity, record_uuid, name, json.dumps(vector, sort_keys=True))
        for entity, record_uuid, name, vector in rows
    ]
    if params:
        database.cursor().executemany(sql, params)


class Reader:
    """Maps and scopes read once per table; rows read per kind. Records created meanwhile are added with `add`."""

    def __init__(self):
        self._keys: dict[str, dict[int, object]] = {}  # table → id → how a reference to it travels
        self._ids: dict[str, dict[object, int]] = {}  # table → key → id
        self._owners: dict[str, dict[int, str | None]] = {}  # table → id → scope
        self.wired: dict[tuple[str, str], dict] = {}  # (entity, uuid) → wire values of rows read

    # --- references ---------------------------------------------------------------------------------------
    def _load(self, target: str) -> None:
        if target == DISTRICT:
            pairs = District.select(District.id, District.code).tuples()
        else:
            model = KINDS[target].model
            pairs = model.select(model.id, getattr(model, KINDS[target].key)).tuples()
        keys = {i: _plain(k) for i, k in pairs}
        self._keys[target], self._ids[target] = keys, {k: i for i, k in keys.items()}

    def key(self, target: str, ref: int | None):
        if ref is None:
            return None
        if target not in self._keys:
            self._load(target)
        return self._keys[target].get(ref)

    def id_of(self, target: str, key) -> int | None:
        if key is None:
            return None
        if target not in self._ids:
            self._load(target)
        return self._ids[target].get(key)

    def add(self, kind: Kind, record: Model) -> None:
        """A record written meanwhile (created or re-keyed): known to the maps from now on."""
        if kind.entity in self._keys:
            key = _plain(getattr(record, kind.key))
            self._keys[kind.entity][record.id], self._ids[kind.entity][key] = key, record.id
        if kind.entity in self._owners:
            self._owners[kind.entity][record.id] = self.owner(kind, record.__data__)

    # --- values and scopes --------------------------------------------------------------------------------
    def wire(self, kind: Kind, raw: dict) -> dict:
        """`Kind.wire` from a row's raw values (references as local ids, e.g. a record's __data__)."""
        return {
            name: (self.key(kind.refs[name], raw.get(name)) if name in kind.refs else _plain(raw.get(name)))
            for name in kind.fields
        }

    def owner(self, kind: Kind, raw: dict) -> str | None:
        """`Kind.owner` from a row's raw values."""
        if kind.scope_by == OWNED:
            return self.owner_by_key(raw.get("entity"), raw.get("entity_uuid"))
        scope = kind.unassigned
        for name in kind.scope_by:
            ref = raw.get(name)
            if ref is not None:
                target = kind.refs[name]
                scope = self.key(DISTRICT, ref) if target == DISTRICT else self.owners(KINDS[target]).get(ref)
                break
        for name in kind.also:
            ref = raw.get(name)
            if ref is not None:
                scope = meet(scope, self.owners(KINDS[kind.refs[name]]).get(ref))
        return scope

    def owners(self, kind: Kind) -> dict[int, str | None]:
        if kind.entity not in self._owners:
            self._owners[kind.entity] = {}  # a kind scoped by itself would otherwise recurse
            model = kind.model
            names = ("entity", "entity_uuid") if kind.scope_by == OWNED else (*kind.scope_by, *kind.also)
            columns = [model.id, *(getattr(model, n) for n in names)]
            self._owners[kind.entity] = {
                row[0]: self.owner(kind, dict(zip(names, row[1:], strict=True)))
                for row in model.select(*columns).tuples()
            }  # fmt: skip
        return self._owners[kind.entity]

    def owner_by_key(self, entity: str | None, key) -> str | None:
        """The scope of the record a reference names (None: not held here)."""
        kind = KINDS.get(entity)
        if kind is None or key is None:
            return None
        ref = self.id_of(kind.entity, key)
        return None if ref is None else self.owners(kind).get(ref)

    def city_authored(self, kind: Kind, values: dict) -> bool:
        """`kind.city_authored(values)`, an attachment's answered from its owner's values read here already."""
        if kind.authored_by:  # the parent's values, read in this package or this send already if they were
            parent = KINDS[kind.refs[kind.authored_by]]
            wired = self.wired.get((parent.entity, values.get(kind.authored_by)))
            return self.city_authored(parent, wired) if wired is not None else kind.city_authored(values)
        if kind.scope_by != OWNED:
            return kind.city_authored(values)
        owner_kind = KINDS.get(values.get("entity"))
        if owner_kind is None:
            return False
        wired = self.wired.get((owner_kind.entity, values.get("entity_uuid")))
        return owner_kind.city_authored(wired) if wired is not None else kind.city_authored(values)

    def rows(self, kind: Kind, uuids: list[str]) -> dict[str, dict]:
        """uuid → raw values of the records held here (references as local ids)."""
        out = {}
        model = kind.model
        for part in chunks(list(dict.fromkeys(uuids))):
            for row in model.select().where(model.uuid.in_(part)).dicts():
                out[row["uuid"]] = row
        return out

    def records(self, kind: Kind, uuids: list[str]) -> dict[str, Model]:
        """uuid → the model instances held here."""
        out = {}
        model = kind.model
        for part in chunks(list(dict.fromkeys(uuids))):
            for record in model.select().where(model.uuid.in_(part)):
                out[record.uuid] = record
        return out
