"""The local change log and per-field version vectors, derived from the audit trail.

Every audited write already names its record and carries before/after images (app.services.core.audit), so
the change log is read from the trail rather than written by every service: `catch_up` turns the entries
since the last one read into change rows (the row id is this installation's monotonic sequence) and bumps
this installation's count in the version vector of each field changed. Writes made by the exchange itself
("exchange.*" entries) are skipped: receiving and resolving keep their vectors themselves.

A field's vector maps an installation's exchange id to how many edits of the field were made there. One
vector dominates another when it is at least as large everywhere: that side has seen every edit the other
has; neither dominating means both sides changed the field since their last common version.
"""

from __future__ import annotations

import json

from peewee import EXCLUDED

from app.models import AuditLog, ExchangeChange, ExchangeState, ExchangeVersion
from app.models.base import new_uuid, now
from app.services.core.audit import CHILDREN
from app.services.core.bulk import insert_rows
from app.services.exchange import batch
from app.services.exchange.kinds import DELETED, KINDS, Kind

CURSOR = "audit_cursor"
Vector = dict[str, int]


def dominates(a: Vector, b: Vector) -> bool:
    return all(a.get(k, 0) >= n for k, n in b.items())


def merged(*vectors: Vector) -> Vector:
    out: Vector = {}
    for vector in vectors:
        for k, n in vector.items():
            out[k] = max(out.get(k, 0), n)
    return out


def bumped(vector: Vector, own: str) -> Vector:
    return {**vector, own: vector.get(own, 0) + 1}


def vectors(entity: str, record_uuid: str) -> dict[str, Vector]:
    query = ExchangeVersion.select().where(
        (ExchangeVersion.entity == entity) & (ExchangeVersion.record_uuid == record_uuid)
    )
    return {row.field: json.loads(row.vector) for row in query}


def set_vector(entity: str, record_uuid: str, field: str, vector: Vector) -> None:
    set_vectors(entity, record_uuid, {field: vector})


def set_vectors(entity: str, record_uuid: str, by_field: dict[str, Vector]) -> None:
    """Write several fields' vectors of one record in one statement (an upsert on the record and field)."""
    if not by_field:
        return
    stamp = now()
    rows = [
        {"uuid": new_uuid(), "created_at": stamp, "updated_at": stamp, "row_version": 1, "entity": entity,
         "record_uuid": record_uuid, "field": name, "vector": json.dumps(vector, sort_keys=True)}
        for name, vector in by_field.items()
    ]  # fmt: skip
    ExchangeVersion.insert_many(rows).on_conflict(
        conflict_target=[ExchangeVersion.entity, ExchangeVersion.record_uuid, ExchangeVersion.field],
        update={ExchangeVersion.vector: EXCLUDED.vector, ExchangeVersion.updated_at: stamp},
    ).execute()  # fmt: skip


def log_change(entity: str, record_uuid: str, fields: list[str], audit_id: int | None) -> ExchangeChange:
    return ExchangeChange.create(entity=entity, record_uuid=record_uuid, fields=json.dumps(fields), audit_id=audit_id)


def local_edit(kind: Kind, record_uuid: str, fields: list[str], own: str, audit_id: int | None = None) -> None:
    """Count an edit made here: bump this installation in each field's vector and log the change.
    A deletion's vector covers every field's, since the deletion saw them all."""
    current = vectors(kind.entity, record_uuid)
    set_vectors(kind.entity, record_uuid, {
        field: bumped(merged(*current.values()) if field == DELETED else current.get(field, {}), own)
        for field in fields
    })  # fmt: skip
    log_change(kind.entity, record_uuid, fields, audit_id)


def _state(key: str, default: str) -> str:
    row = ExchangeState.get_or_none(ExchangeState.key == key)
    return row.value if row else default


def _set_state(key: str, value: str) -> None:
    if not ExchangeState.update(value=value).where(ExchangeState.key == key).execute():
        ExchangeState.create(key=key, value=value)


def _changed(kind: Kind, before: dict | None, after: dict | None) -> list[str]:
    if after is None:
        return [DELETED]
    if before is None:
        return list(kind.fields)
    changed = {kind.field_of(k) for k in set(before) | set(after) if k != CHILDREN and before.get(k) != after.get(k)}
    return [f for f in kind.fields if f in changed]


def _edits_of(entry: AuditLog) -> list[tuple[Kind, str, list[str]]]:
    """(kind, record uuid, fields changed) for the entry's own record and the child rows riding on it
    (app.services.core.audit: a child only in `after` was added, only in `before` removed)."""
    before = json.loads(entry.before) if entry.before else None
    after = json.loads(entry.after) if entry.after else None
    out = []
    kind = KINDS.get(entry.entity)
    if kind is not None and entry.entity_uuid is not None:
        out.append((kind, entry.entity_uuid, _changed(kind, before, after)))
    children_before = (before or {}).get(CHILDREN, {})
    children_after = (after or {}).get(CHILDREN, {})
    for table in sorted(set(children_before) | set(children_after)):
        child_kind = KINDS.get(table)
        if child_kind is None:
            continue
        old = {c["uuid"]: c for c in children_before.get(table, []) if c.get("uuid")}
        new = {c["uuid"]: c for c in children_after.get(table, []) if c.get("uuid")}
        for uuid in [*old, *(u for u in new if u not in old)]:
            out.append((child_kind, uuid, _changed(child_kind, old.get(uuid), new.get(uuid))))
    return [(k, u, f) for k, u, f in out if f]


def catch_up(own: str) -> int:
    """Read the audit entries written since the last call into the change log; the number of changes logged.
    Call inside the transaction of whatever reads the log next (sending, receiving). The vectors of all the
    records touched are read once and written once, however many entries touched them."""
    cursor = int(_state(CURSOR, "0"))
    query = (
        AuditLog.select(AuditLog.id, AuditLog.action, AuditLog.entity, AuditLog.entity_uuid, AuditLog.before,
                        AuditLog.after)
        .where(AuditLog.id > cursor).order_by(AuditLog.id)
    )  # fmt: skip
    edits: list[tuple[Kind, str, list[str], int]] = []
    last = cursor
    for entry in query.iterator():
        last = entry.id
        if entry.action.startswith("exchange."):
            continue
        edits.extend((kind, record_uuid, fields, entry.id) for kind, record_uuid, fields in _edits_of(entry))
    if edits:
        _log_edits(edits, own)
    if last != cursor:
        _set_state(CURSOR, str(last))
    return len(edits)


def _log_edits(edits: list[tuple[Kind, str, list[str], int]], own: str) -> None:
    """`local_edit` for many edits, in their order: vectors read per kind, bumped in memory, written at once."""
    by_entity: dict[str, list[str]] = {}
    for kind, record_uuid, _, _ in edits:
        by_entity.setdefault(kind.entity, []).append(record_uuid)
    current = {
        (entity, record_uuid): vectors
        for entity, uuids in by_entity.items()
        for record_uuid, vectors in batch.vectors_of(entity, uuids).items()
    }  # fmt: skip
    dirty: dict[tuple[str, str, str], Vector] = {}
    changes = []
    for kind, record_uuid, fields, audit_id in edits:
        held = current.setdefault((kind.entity, record_uuid), {})
        bumps = {
            field: bumped(merged(*held.values()) if field == DELETED else held.get(field, {}), own) for field in fields
        }  # fmt: skip
        held.update(bumps)
        for field, vector in bumps.items():
            dirty[(kind.entity, record_uuid, field)] = vector
        changes.append({"entity": kind.entity, "record_uuid": record_uuid, "fields": json.dumps(fields),
                        "audit_id": audit_id})  # fmt: skip
    batch.write_vectors((entity, record_uuid, field, vector) for (entity, record_uuid, field), vector in dirty.items())
    stamp = now()
    for row in changes:
        row.update(uuid=new_uuid(), created_at=stamp, updated_at=stamp, row_version=1)
    insert_rows(ExchangeChange, changes)


def deleted_image(entity: str, record_uuid: str) -> dict | None:
    """The last audit image of a deleted record (its own entry's, or its parent's children's), or None."""
    change = (
        ExchangeChange.select(ExchangeChange.audit_id)
        .where((ExchangeChange.entity == entity) & (ExchangeChange.record_uuid == record_uuid)
               & ExchangeChange.fields.contains(f'"{DELETED}"') & ExchangeChange.audit_id.is_null(False))
        .order_by(ExchangeChange.id.desc()).first()
    )  # fmt: skip
    entry = AuditLog.get_or_none(AuditLog.id == change.audit_id) if change else None
    if entry is None or not entry.before:
        return None
    before = json.loads(entry.before)
    if entry.entity_uuid == record_uuid:
        return before
    return next((c for c in before.get(CHILDREN, {}).get(entity, []) if c.get("uuid") == record_uuid), None)


def head() -> int:
    """The sequence of the last change logged here (0: none)."""
    row = ExchangeChange.select(ExchangeChange.id).order_by(ExchangeChange.id.desc()).first()
    return row.id if row else 0


def last_changes_since(seq: int) -> dict[tuple[str, str], int]:
    """(entity, record uuid) → the sequence of its last change, of every record changed after `seq`."""
    rows = ExchangeChange.select(ExchangeChange.entity, ExchangeChange.record_uuid, ExchangeChange.id).where(
        ExchangeChange.id > seq
    )
    last: dict[tuple[str, str], int] = {}
    for entity, record_uuid, seq_ in rows.tuples().iterator():
        last[(entity, record_uuid)] = seq_
    return last


def changed_since(seq: int) -> list[tuple[str, str]]:
    """(entity, record uuid) of every record changed after `seq`, each once, in the order of its last change."""
    last = last_changes_since(seq)
    return sorted(last, key=last.get)
