"""Making a package for one peer: every change it has not acknowledged, as the records' full current values
with their per-field vectors (a deleted record as a tombstone), limited to what the peer may hold, plus the
acknowledgement of what we have applied of its own. A lost package costs nothing: the next one carries the
same changes again, until the peer acknowledges them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from app.models import AuditLog, ExchangePeer, User
from app.models.base import now
from app.models.db import database
from app.services.core import audit, installation
from app.services.core.permissions import require_admin
from app.services.exchange import changelog, keys, package, pairing
from app.services.exchange.kinds import DELETED, KINDS, Kind, owner_of_audit_image


@dataclass(frozen=True)
class SendResult:
    path: Path
    peer: str
    seq_from: int
    seq_to: int
    counts: dict[str, int]


def wire_record(kind: Kind, record_uuid: str) -> dict | None:
    """The record as it travels, or None for one that never existed here in a form worth sending."""
    versions = changelog.vectors(kind.entity, record_uuid)
    record = kind.find(record_uuid)
    if record is not None:
        return {"entity": kind.entity, "uuid": record_uuid, "owner": kind.owner(record), "deleted": False,
                "fields": kind.wire(record), "vectors": versions}  # fmt: skip
    if DELETED not in versions:
        return None
    last = (
        AuditLog.select(AuditLog.before).where((AuditLog.entity_uuid == record_uuid) & AuditLog.before.is_null(False))
        .order_by(AuditLog.id.desc()).first()
    )  # fmt: skip
    owner = owner_of_audit_image(kind, json.loads(last.before)) if last else None
    return {"entity": kind.entity, "uuid": record_uuid, "owner": owner, "deleted": True, "fields": {},
            "vectors": {DELETED: versions[DELETED]}}  # fmt: skip


def may_hold(peer: ExchangePeer, owner: str | None) -> bool:
    """The city holds every district's records; a district only its own."""
    return peer.scope == installation.CITY or owner == peer.scope


def send(actor: User, peer_name: str, target: Path | str) -> SendResult:
    require_admin(actor)
    own = keys.identity()
    peer = pairing.peer_by_name(peer_name)
    with database.atomic():
        changelog.catch_up(own.exchange_id)
        seq_to = changelog.head()
        records = []
        for entity, record_uuid in changelog.changed_since(peer.acked_seq):
            record = wire_record(KINDS[entity], record_uuid)
            if record is not None and may_hold(peer, record["owner"]) and _ours_to_send(own, record["owner"]):
                records.append(record)
        records.sort(key=lambda r: list(KINDS).index(r["entity"]))
        header = {"seq_from": peer.acked_seq + 1, "seq_to": seq_to, "ack": peer.received_seq}
        manifest = package.write(target, own, peer, header, records)
        before = audit.snapshot(peer)
        peer.sent_seq, peer.last_sent_at = seq_to, now()
        peer.save()
        audit.record(actor, "exchange.send", peer, before, {**audit.snapshot(peer), "counts": manifest["counts"]})
    return SendResult(Path(target), peer.body, header["seq_from"], seq_to, manifest["counts"])


def _ours_to_send(own: keys.Identity, owner: str | None) -> bool:
    """A district sends only its own district's records; the city sends its edits of any."""
    return own.scope == installation.CITY or owner == own.scope
