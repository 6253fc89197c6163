"""What the 数据交换 page shows, read in one go: this installation's identity (or why it has none), each peer
with when it was paired and its last package each way, and the open conflicts with both values as text.

Plain dataclasses over status.status() and conflicts.listing(); nothing here writes beyond what those do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from app.models import ExchangeConflict, ExchangePeer, User
from app.services.core import installation, reference
from app.services.core.permissions import is_admin, require_admin
from app.services.exchange import conflicts, keys, pairing, status
from app.services.exchange.errors import Refused
from app.services.exchange.kinds import DELETED
from app.services.exchange.merge import RECORD

EMPTY = "（空）"
LONG = 200  # characters of a value shown in a cell; the rest is in the tooltip


@dataclass(frozen=True)
class PeerRow:
    exchange_id: str
    body: str
    scope: str
    scope_label: str  # 市局 or the district's name
    fingerprint: str
    revoked: bool
    paired_at: datetime
    last_sent_at: str | None
    last_received_at: str | None
    pending_changes: int


@dataclass(frozen=True)
class Overview:
    identity: keys.Identity | None  # None: this database cannot exchange (`problem` says why)
    problem: str
    peers: list[PeerRow]
    open_conflicts: int


@dataclass(frozen=True)
class ConflictView:
    id: int
    record: str
    field: str  # the field's label
    ours: str
    theirs: str
    from_body: str
    from_label: str  # 市局 or the district's name
    at: str
    whole_record: bool  # a record kept or deleted on one side: only 保留本机 / 采用对方 settle it
    ours_typed: str  # the local value as a person would type it again (输入新值 starts from it)


def may_exchange(user: User | None) -> bool:
    """Who sees the page: the administrator, the only one the exchange services let act."""
    return is_admin(user)


def scope_label(scope: str) -> str:
    if scope == installation.CITY:
        return "市局"
    district = reference.district_by_code(scope)
    return district.name if district is not None else scope


def overview(actor: User) -> Overview:
    require_admin(actor)
    paired_at = {p.exchange_id: p.created_at for p in ExchangePeer.select()}
    try:
        found = status.status(actor)
    except Refused as exc:  # a database older than the installation identity: it lists, it cannot exchange
        rows = [_peer(p.exchange_id, p.body, p.scope, p.fingerprint, p.revoked, p.created_at,
                      _stamp(p.last_sent_at), _stamp(p.last_received_at), 0) for p in pairing.peers()]  # fmt: skip
        return Overview(None, str(exc), rows, conflicts.open_count())
    rows = [
        _peer(p.exchange_id, p.body, p.scope, p.fingerprint, p.revoked, paired_at[p.exchange_id],
              p.last_sent_at, p.last_received_at, p.pending_changes)  # fmt: skip
        for p in found.peers
    ]
    return Overview(found.identity, "", rows, found.open_conflicts)


def _peer(exchange_id, body, scope, fingerprint, revoked, paired_at, sent, received, pending) -> PeerRow:
    return PeerRow(exchange_id, body, scope, scope_label(scope), fingerprint, revoked, paired_at,
                   _minutes(sent), _minutes(received), pending)  # fmt: skip


def _stamp(moment: datetime | None) -> str | None:
    return moment.isoformat(sep=" ") if moment else None


def _minutes(text: str | None) -> str | None:
    """2026-12-03T15:55:07.123 → 2026-12-03 15:55."""
    return text.replace("T", " ")[:16] if text else None


def open_conflicts(actor: User) -> list[ConflictView]:
    rows = conflicts.listing(actor)
    scopes = {p.exchange_id: p.scope for p in ExchangePeer.select()}
    senders = dict(ExchangeConflict.select(ExchangeConflict.id, ExchangeConflict.peer_id)
                   .where(ExchangeConflict.id.in_([r.id for r in rows])).tuples())  # fmt: skip
    return [_view(row, scopes.get(senders.get(row.id))) for row in rows]


def _view(row: conflicts.ConflictRow, scope: str | None) -> ConflictView:
    whole = row.field in (RECORD, DELETED)
    return ConflictView(row.id, row.record, row.field_label, value_text(row.local_value, row.field),
                        value_text(row.remote_value, row.field), row.remote_by,
                        scope_label(scope) if scope else row.remote_by, _minutes(row.remote_at) or "",
                        whole, "" if whole or row.local_value is None else _typed(row.local_value))  # fmt: skip


def _typed(value: object) -> str:
    """A value as kinds.parse reads it back (是/否 for a yes-or-no field)."""
    return ("是" if value else "否") if isinstance(value, bool) else str(value)


def value_text(value: object, field: str = "") -> str:
    """A field's value as the page shows it: empty, 是/否, or the text as stored."""
    if field == DELETED:  # True: deleted; False or the record's values: kept (and edited)
        return "已删除" if value is True else "仍在（有修改）" if isinstance(value, dict) else "仍在"
    if field == RECORD:
        return "（整条记录）" if value else EMPTY
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)[:LONG]
    return str(value)
