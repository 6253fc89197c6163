"""The audit trail: a JSON snapshot of a record before and after each write, and who made it.

Convention: every row a service inserts, updates or deletes is named by an entry, either as the entry's own
record (`entity`, `entity_id`, `entity_uuid`; `before` None for an insert, `after` None for a delete) or as a
child riding on its parent's entry: `snapshot(parent, children=[...])` puts the child rows' snapshots under
"children", by table. A child only in `after` was added, only in `before` removed, in both changed (a
case's parties and timeline, a questionnaire's questions, the opinions written on a form).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from peewee import ForeignKeyField, Model

from app.models import AuditLog, User
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
    data = {}
    for name, field in record._meta.fields.items():
        if name in _SKIP:
            continue
        key = field.column_name if isinstance(field, ForeignKeyField) else name
        data[key] = plain_value(record.__data__.get(name))
    for child in children:
        if child is not None:
            data.setdefault(CHILDREN, {}).setdefault(child._meta.table_name, []).append(snapshot(child))
    return data


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
    change_set.note(entity)
    return AuditLog.create(
        user=actor,
        user_login=actor.login if actor else "system",
        action=action,
        entity=entity._meta.table_name,
        entity_id=entity.get_id(),
        entity_uuid=getattr(entity, "uuid", None),
        subject_uuid=getattr(subject or entity, "uuid", None),
        before=json.dumps(before, ensure_ascii=False) if before is not None else None,
        after=json.dumps(after, ensure_ascii=False) if after is not None else None,
    )


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
    return AuditLog.create(
        **({"at": at} if at is not None else {}),
        user=actor,
        user_login=(actor.login if actor else login or "system")[:50],
        action=action,
        entity="user" if about is not None or login is not None else "database",
        entity_id=about.id if about else None,
        entity_uuid=about.uuid if about else None,
        subject_uuid=about.uuid if about else None,
        after=json.dumps(details, ensure_ascii=False) if details else None,
    )


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
    actor: User | None, action: str, entities: list[Model], subjects: list[Model] | None = None
) -> None:
    """Creation entries for many records at once (bulk imports), in one prepared statement."""
    change_set.note(*entities)
    user_id, login = (actor.id, actor.login) if actor else (None, "system")
    rows = [
        {
            "user": user_id,
            "user_login": login,
            "action": action,
            "entity": entity._meta.table_name,
            "entity_id": entity.get_id(),
            "entity_uuid": entity.uuid,
            "subject_uuid": (subjects[i] if subjects else entity).uuid,
            "after": json.dumps(snapshot(entity), ensure_ascii=False),
        }
        for i, entity in enumerate(entities)
    ]
    insert_rows(AuditLog, rows)
