"""Where the exchange stands: this installation's identity, each peer's last package each way and how many
changes it has not acknowledged, and the open conflicts."""

from __future__ import annotations

from dataclasses import dataclass

from app.models import User
from app.models.db import database
from app.services.core.permissions import require_admin
from app.services.exchange import changelog, conflicts, keys, pairing, send


@dataclass(frozen=True)
class PeerStatus:
    exchange_id: str
    scope: str
    body: str
    fingerprint: str
    revoked: bool
    last_sent_at: str | None
    last_received_at: str | None
    pending_changes: int  # records its next package would carry (changed since its acknowledgement, its to hold)
    acked_seq: int
    received_seq: int


@dataclass(frozen=True)
class Status:
    identity: keys.Identity
    head: int
    peers: list[PeerStatus]
    open_conflicts: int


def status(actor: User) -> Status:
    require_admin(actor)
    own = keys.identity()
    with database.atomic():
        changelog.catch_up(own.exchange_id)
    head = changelog.head()
    paired = pairing.peers()
    pending = send.pending(own, paired)
    peers = [
        PeerStatus(
            p.exchange_id, p.scope, p.body, p.fingerprint, p.revoked,
            p.last_sent_at.isoformat(sep=" ") if p.last_sent_at else None,
            p.last_received_at.isoformat(sep=" ") if p.last_received_at else None,
            pending[p.exchange_id], p.acked_seq, p.received_seq,
        )  # fmt: skip
        for p in paired
    ]
    return Status(own, head, peers, conflicts.open_count())
