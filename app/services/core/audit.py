"""The audit trail: a JSON snapshot of a record before and after each write, and who made it.

Convention: every row a service inserts, updates or deletes is named by an entry, either as the entry's own
record (`entity`, `entity_id`, `entity_uuid`; `before` None for an insert, `after` None for a delete) or as a
child riding on its parent's entry: `snapshot(parent, children=[...])` puts the child rows' snapshots under
"children", by table. A child only in `after` was added, only in `before` removed, in both changed (a
case's parties and timeline, a questionnaire's questions, the opinions written on a form).

Entries are chained: each carries the hash of the one before (app.models.audit; checked by
app.services.system.audit_chain). Nothing but `record`/`record_many` writes the log, and nothing edits it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import nullcontext
from datetime import date, datetime
from decimal import Decimal

from peewee import ForeignKeyField, Model

from app.models import AuditLog, User
from app.models.audit import CHAIN_COLUMNS, GENESIS, chain_hash
from app.models.base import new_uuid, now
from app.models.db import LOCK_AUDIT_CHAIN, database, is_postgres, serialise
from app.services.core import changes as change_set
from app.services.core.bulk import insert_rows

_SKIP = {"created_at", "updated_at", "row_version"}
CHILDREN = "children"


def plain_value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(record: Model | None, children: Iterable[Model | None] = ()) -> dict | None:
    """The record's own fields as JSON-safe values (foreign keys as their ids).

    `children`: child rows the write touched, snapshotted under "children" by table (see the module's note).
    """
    if record is None:
        return None
    values = record.__data__
    data = {
        key: value if (value := values.get(name)) is None or type(value) in _AS_IS else plain_value(value)
        for name, key in _snapshot_keys(type(record))
    }
    for child in children:
        if child is not None:
            data.setdefault(CHILDREN, {}).setdefault(child._meta.table_name, []).append(snapshot(child))
    return data


_AS_IS = {str, int, bool, float}
_KEYS: dict[type, tuple[tuple[str, str], ...]] = {}


def _snapshot_keys(model: type[Model]) -> tuple[tuple[str, str], ...]:
    """(field name, snapshot key) of a model's audited fields, worked out once per model (imports snapshot
    tens of thousands of rows)."""
    keys = _KEYS.get(model)
    if keys is None:
        keys = _KEYS[model] = tuple(
            (name, field.column_name if isinstance(field, ForeignKeyField) else name)
            for name, field in model._meta.fields.items()
            if name not in _SKIP
        )
    return keys


def record(
    actor: User | None,
    action: str,
    entity: Model,
    before: dict | None,
    after: dict | None,
    subject: Model | None = None,
) -> AuditLog:
    """Write one audit entry; call inside the transaction of the write it describes.

    `subject` is the record the change is filed under (an enterprise for its contacts); default the entity.
    The entity is also noted for the change-set of the operation (app.services.core.changes).
    """
    if not isinstance(entity, AuditLog):  # a finding about the trail itself changes no screen's records
        change_set.note(entity)
    row = _entry(actor, action, entity, subject or entity, before, after)
    with _appending():
        _chain([row])
        return AuditLog.create(**row)


def record_all(actor: User | None, entries: list[tuple[str, Model, dict | None, dict | None, object]]) -> None:
    """Several entries (action, entity, before, after, subject or None) in one statement, in their order:
    a write of many records at once (receiving an exchange package). A subject is anything with a `uuid`."""
    if not entries:
        return
    change_set.note(*(entity for _, entity, _, _, _ in entries))
    rows = [_entry(actor, a, entity, subject or entity, before, after) for a, entity, before, after, subject in entries]
    _chain(rows)
    insert_rows(AuditLog, rows, with_ids=True)


def _entry(actor, action, entity, subject, before, after, at=None) -> dict:
    return {
        "uuid": new_uuid(),
        "at": at or now(),
        "user": actor.id if actor else None,
        "user_login": actor.login if actor else "system",
        "action": action,
        "entity": entity._meta.table_name,
        "entity_id": entity.get_id(),
        "entity_uuid": getattr(entity, "uuid", None),
        "subject_uuid": getattr(subject, "uuid", None),
        "before": json.dumps(before, ensure_ascii=False) if before is not None else None,
        "after": json.dumps(after, ensure_ascii=False) if after is not None else None,
    }


def _appending():
    """The chain lock of PostgreSQL is held until commit: an entry written outside a transaction gets one of its
    own, or the lock would end with its own statement, before the head is read and the entry inserted."""
    if is_postgres() and not database.in_transaction():
        return database.atomic()
    return nullcontext()


def _chain(rows: list[dict]) -> None:
    """Give new entries their ids and hash links (app.models.audit), after the last entry.

    Called inside the write's transaction. Once it has written, the transaction holds SQLite's write lock
    and no one can append between reading the head and inserting; one that has not written yet reads a
    snapshot, and SQLite (WAL) refuses its insert if another writer committed meanwhile. The chain never forks.
    On PostgreSQL writers do not exclude each other: an advisory lock held until commit orders them, and the
    head is read after taking it (READ COMMITTED: the last committed entry).
    """
    serialise(LOCK_AUDIT_CHAIN)
    head = AuditLog.select(AuditLog.id, AuditLog.entry_hash).order_by(AuditLog.id.desc()).first()
    last_id, previous = (head.id, head.entry_hash or GENESIS) if head else (0, GENESIS)
    for offset, row in enumerate(rows, start=1):
        row["id"], row["prev_hash"] = last_id + offset, previous
        # Values as SQLite stores them: a datetime as its ISO text with a space, as sqlite3 writes it.
        stored = {**row, "at": str(row["at"])}
        row["entry_hash"] = previous = chain_hash([stored[c] for c in CHAIN_COLUMNS])


def record_event(
    actor: User | None,
    action: str,
    details: dict | None,
    *,
    about: User | None = None,
    login: str | None = None,
    at=None,
) -> AuditLog:
    """An entry that changes no record: a sign-in (filed under the account `about`, if it exists) or something
    done to the register as a whole (an automatic backup). `login` names who acted when no account did."""
    row = {
        "uuid": new_uuid(),
        "at": at if at is not None else now(),
        "user": actor.id if actor else None,
        "user_login": (actor.login if actor else login or "system")[:50],
        "action": action,
        "entity": "user" if about is not None or login is not None else "database",
        "entity_id": about.id if about else None,
        "entity_uuid": about.uuid if about else None,
        "subject_uuid": about.uuid if about else None,
        "before": None,
        "after": json.dumps(details, ensure_ascii=False) if details else None,
    }
    with _appending():
        _chain([row])
        return AuditLog.create(**row)


def changes(entry: AuditLog) -> dict[str, tuple]:
    """Field → (old, new) for the fields of its own record that an entry changed (children left out)."""
    before = json.loads(entry.before) if entry.before else {}
    after = json.loads(entry.after) if entry.after else {}
    keys = sorted((set(before) | set(after)) - {CHILDREN})
    return {k: (before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)}


def history(subject_uuid: str) -> list[AuditLog]:
    """Every audit entry filed under one record, newest first."""
    return list(
        AuditLog.select()
        .where(AuditLog.subject_uuid == subject_uuid)
        .order_by(AuditLog.at.desc(), AuditLog.id.desc())
    )


def record_many(
    actor: User | None,
    action: str,
    entities: list[Model],
    subjects: list[Model] | None = None,
    children: list[list[Model]] | None = None,
) -> None:
    """Creation entries for many records at once (bulk imports), in one prepared statement.

    `children[i]`: rows created with `entities[i]` (an imported enterprise's holding and contact), which ride
    on its entry as the module's note describes instead of taking an entry each.
    """
    change_set.note(*entities, *(child for group in children or () for child in group))
    at = now()  # one moment for the batch
    rows = [
        _entry(actor, action, entity, subjects[i] if subjects else entity, None,
               snapshot(entity, children[i] if children else ()), at)
        for i, entity in enumerate(entities)
    ]  # fmt: skip
    with _appending():
        _chain(rows)
        insert_rows(AuditLog, rows, with_ids=True)
