"""Conflicts kept for review, and resolving one: "mine" keeps the local value, "theirs" takes the peer's.

Either way the resolution is a new local edit whose vector dominates both sides' (merged, then this
installation's count bumped), logged in the change log, so the next package settles the field at the peer
too instead of raising the same conflict there again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from peewee import IntegrityError

from app.models import ExchangeConflict, User
from app.models.db import database
from app.services.core import audit
from app.services.core.errors import NotFound
from app.services.core.permissions import require_admin
from app.services.exchange import changelog, keys
from app.services.exchange.errors import Refused
from app.services.exchange.kinds import DELETED, KINDS, Kind
from app.services.exchange.merge import RECORD, create, why_held

CHOICES = {"mine": "保留本机", "theirs": "采用对方"}
VALUE = "value"  # settled with a value typed by the person reviewing it
STATUS_LABELS = {"open": "待处理", "mine": "已保留本机", "theirs": "已采用对方", VALUE: "已改为新值",
                 "superseded": "已被后续修改取代"}  # fmt: skip
FIELD_LABELS = {DELETED: "（记录是否删除）", RECORD: "（整条记录暂存）"}


@dataclass(frozen=True)
class ConflictRow:
    id: int
    status: str
    entity: str
    kind: str
    record_uuid: str
    record: str
    field: str
    field_label: str
    local_value: object
    remote_value: object
    remote_by: str
    remote_at: str


def _label(kind: Kind, name: str) -> str:
    return FIELD_LABELS.get(name) or kind.label_of(name)


def rows(*, open_only: bool = True) -> list[ConflictRow]:
    query = ExchangeConflict.select().order_by(ExchangeConflict.id)
    if open_only:
        query = query.where(ExchangeConflict.status == "open")
    out = []
    for c in query:
        kind = KINDS[c.entity]
        local = kind.find(c.record_uuid)
        remote = json.loads(c.remote_value) if c.remote_value else None
        record = _describe(kind, local, remote, c.record_uuid)
        out.append(ConflictRow(
            c.id, c.status, c.entity, kind.label, c.record_uuid, record, c.field, _label(kind, c.field),
            json.loads(c.local_value) if c.local_value else None, remote, c.remote_by, c.remote_at,
        ))  # fmt: skip
    return out


def _describe(kind: Kind, local, remote, record_uuid: str) -> str:
    try:
        if local is not None:
            return kind.describe(local)
        if isinstance(remote, dict):
            return kind.describe(remote)
    except KeyError:
        pass
    return f"{kind.label}（{record_uuid}）"


def listing(actor: User, *, open_only: bool = True) -> list[ConflictRow]:
    require_admin(actor)
    return rows(open_only=open_only)


def open_count() -> int:
    return ExchangeConflict.select().where(ExchangeConflict.status == "open").count()


def resolve(actor: User, conflict_id: int, choice: str, value: str | None = None) -> ExchangeConflict:
    """Settle a conflict: "mine", "theirs", or "value" with `value` as typed (a field's conflict only)."""
    require_admin(actor)
    if choice not in (*CHOICES, VALUE):
        raise Refused(f"处理方式只能是 mine（保留本机）、theirs（采用对方）或填写新值，不是“{choice}”")
    if (choice == VALUE) != (value is not None):
        raise Refused("填写新值时处理方式为 value，且须给出新值")
    own = keys.identity().exchange_id
    with database.atomic():
        conflict = ExchangeConflict.get_or_none(ExchangeConflict.id == conflict_id)
        if conflict is None:
            raise NotFound(f"没有编号为 {conflict_id} 的交换冲突")
        if conflict.status != "open":
            raise Refused(f"冲突 {conflict_id} 已处理（{STATUS_LABELS.get(conflict.status, conflict.status)}）")
        changelog.catch_up(own)
        kind = KINDS[conflict.entity]
        remote_vector = json.loads(conflict.remote_vector)
        remote = json.loads(conflict.remote_value) if conflict.remote_value else None
        if choice == VALUE:
            if conflict.field in (RECORD, DELETED):
                raise Refused(f"冲突 {conflict_id} 是整条记录的冲突，只能保留本机或采用对方")
            try:
                typed = kind.parse(conflict.field, value)
            except ValueError as exc:
                raise Refused(str(exc)) from None
            _resolve_field(actor, kind, conflict, VALUE, typed, remote_vector, own)
        elif conflict.field == RECORD:
            _resolve_held(actor, kind, conflict, choice, remote, remote_vector)
        elif conflict.field == DELETED:
            _resolve_existence(actor, kind, conflict, choice, remote, remote_vector, own)
        else:
            _resolve_field(actor, kind, conflict, choice, remote, remote_vector, own)
        before = audit.snapshot(conflict)
        conflict.status, conflict.resolved_by = choice, actor.login
        conflict.save()
        audit.record(actor, "exchange.resolve", conflict, before, audit.snapshot(conflict))
        ExchangeConflict.update(status="superseded").where(
            (ExchangeConflict.entity == conflict.entity) & (ExchangeConflict.record_uuid == conflict.record_uuid)
            & (ExchangeConflict.field == conflict.field) & (ExchangeConflict.status == "open")
        ).execute()  # fmt: skip
    return conflict


def _settle(kind: Kind, record_uuid: str, name: str, remote_vector: dict, own: str, audit_id: int | None) -> None:
    """The resolution as a local edit that saw both sides (a deletion's vector covers every field's)."""
    ours = changelog.vectors(kind.entity, record_uuid)
    seen = ours.values() if name == DELETED else [ours.get(name, {})]
    changelog.set_vector(kind.entity, record_uuid, name, changelog.bumped(changelog.merged(*seen, remote_vector), own))
    changelog.log_change(kind.entity, record_uuid, [name], audit_id)


def _resolve_field(actor, kind: Kind, conflict, choice: str, remote, remote_vector: dict, own: str) -> None:
    local = kind.find(conflict.record_uuid)
    if local is None:
        raise Refused(f"冲突 {conflict.id} 涉及的记录已不在本机，无法处理")
    entry = None
    if choice in ("theirs", VALUE):
        before = audit.snapshot(local)
        kind.assign(local, conflict.field, remote)
        _unclashing(kind, local.save)
        subject = kind.subject(local)
        entry = audit.record(actor, "exchange.resolve", local, before, audit.snapshot(local), subject=subject)
    _settle(kind, conflict.record_uuid, conflict.field, remote_vector, own, entry.id if entry else None)


def _resolve_existence(actor, kind: Kind, conflict, choice: str, remote, remote_vector: dict, own: str) -> None:
    local = kind.find(conflict.record_uuid)
    entry = None
    if choice == "theirs" and local is not None:  # they deleted it: delete here too
        before = audit.snapshot(local)
        subject = kind.subject(local)
        local.delete_instance()
        entry = audit.record(actor, "exchange.resolve", local, before, None, subject=subject)
    elif choice == "theirs":  # we deleted it, they kept editing: bring it back with their values
        record = _unclashing(kind, lambda: create(kind, conflict.record_uuid, remote))
        for name in kind.fields:
            changelog.set_vector(kind.entity, conflict.record_uuid, name, remote_vector)
        subject = kind.subject(record)
        entry = audit.record(actor, "exchange.resolve", record, None, audit.snapshot(record), subject=subject)
    _settle(kind, conflict.record_uuid, DELETED, remote_vector, own, entry.id if entry else None)


def _resolve_held(actor, kind: Kind, conflict, choice: str, remote, remote_vector: dict) -> None:
    if choice == "mine":
        return
    reason = why_held(kind, {"fields": remote})
    if reason:
        raise Refused(f"仍无法采用对方的记录：{reason}")
    record = _unclashing(kind, lambda: create(kind, conflict.record_uuid, remote))
    for name in kind.fields:
        changelog.set_vector(kind.entity, conflict.record_uuid, name, remote_vector)
    subject = kind.subject(record)
    audit.record(actor, "exchange.receive", record, None, audit.snapshot(record), subject=subject)


def _unclashing(kind: Kind, write):
    """Run a write of a record; one clashing with another record here on a unique value (a case number, a
    USCC, a year…) is refused with the field named, and changes nothing."""
    try:
        with database.atomic():
            return write()
    except IntegrityError as exc:
        column = str(exc).rsplit(".", 1)[-1].strip() if "UNIQUE" in str(exc).upper() else ""
        name = column[:-3] if column.endswith("_id") else column
        what = f"“{kind.label_of(name)}”" if name in kind.fields else "某项唯一的值"
        raise Refused(
            f"采用对方的值后，这条{kind.label}的{what}与本机另一条记录相同，无法保存；"
            "请先修改或合并本机那条记录，再处理此冲突"
        ) from None
