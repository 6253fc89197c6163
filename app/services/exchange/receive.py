"""Receiving a package: verify it (app.services.exchange.package), check that every record in it is the
sender's to send and ours to hold, then merge it in one transaction (app.services.exchange.merge).

A package changes nothing when it brings nothing new (its sequence and acknowledgement were both seen
before: a duplicate or a replay), and importing it twice changes nothing the second time, since every field it
carries is then dominated by what we hold. A record outside the sender's scope refuses the package whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.models import ExchangePeer, User
from app.models.base import now
from app.models.db import database
from app.services.core import audit, installation
from app.services.core.permissions import require_admin
from app.services.exchange import changelog, keys, package
from app.services.exchange.errors import Refused
from app.services.exchange.kinds import CONTACT, ENTERPRISE, KINDS
from app.services.exchange.merge import Merger

SHOWN = 10  # records named in a refusal before "and N more"


@dataclass
class ReceiveResult:
    sender: str
    duplicate: bool = False
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def receive(actor: User, source: Path | str, *, dry_run: bool = False) -> ReceiveResult:
    require_admin(actor)
    own = keys.identity()
    opened = package.read(source, own, lambda sender: ExchangePeer.get_or_none(ExchangePeer.exchange_id == sender))
    manifest, peer = opened.manifest, opened.peer
    result = ReceiveResult(peer.body, dry_run=dry_run, counts=dict(manifest["counts"]))
    if manifest["sender"].get("scope") != peer.scope:
        raise Refused(f"交换包自称的所属单位与配对时的“{peer.body}”不同；拒收")
    if int(manifest["seq_to"]) <= peer.received_seq and int(manifest["ack"]) <= peer.acked_seq:
        result.duplicate = True
        return result
    _check_scope(own, peer, opened.records)
    with database.atomic() as transaction:
        changelog.catch_up(own.exchange_id)
        merger = Merger(actor, peer.exchange_id, peer.body, str(manifest.get("created_at", "")))
        for item in opened.records:
            merger.apply(item)
        before = audit.snapshot(peer)
        peer.received_seq = max(peer.received_seq, int(manifest["seq_to"]))
        peer.acked_seq = max(peer.acked_seq, min(int(manifest["ack"]), changelog.head()))
        peer.last_received_at = now()
        peer.save()
        outcome = merger.outcome
        audit.record(actor, "exchange.receive", peer, before, {
            **audit.snapshot(peer), "package": manifest["package_id"], "created": outcome.created,
            "updated": outcome.updated, "deleted": outcome.deleted, "conflicts": len(outcome.conflicts),
        })  # fmt: skip
        if dry_run:
            transaction.rollback()
    result.created, result.updated, result.deleted = outcome.created, outcome.updated, outcome.deleted
    result.unchanged, result.conflicts = outcome.unchanged, outcome.conflicts
    return result


def _check_scope(own: keys.Identity, peer: ExchangePeer, records: list[dict]) -> None:
    """Every record must be the sender's to send and ours to hold; otherwise the package is refused whole."""
    outside = []
    for item in records:
        kind = KINDS.get(item.get("entity"))
        if kind is None:
            raise Refused(f"交换包含本机不认识的记录类型“{item.get('entity')}”，请先升级程序；拒收")
        owners = {item.get("owner"), *_owners_here(item)}
        if kind is ENTERPRISE and "district" in item["fields"]:
            owners.add(item["fields"]["district"])
        if peer.scope != installation.CITY and owners != {peer.scope}:
            outside.append(_name(kind, item))
        elif own.scope != installation.CITY and owners != {own.scope}:
            outside.append(_name(kind, item))
    if outside:
        more = f"等 {len(outside)} 条" if len(outside) > SHOWN else ""
        raise Refused(
            f"交换包含不属于发送方“{peer.body}”或本机所辖范围的记录：{'、'.join(outside[:SHOWN])}{more}；整包拒收，未作任何改动"
        )


def _owners_here(item: dict) -> set[str]:
    """The district owning the record here, if we hold it (a district must not take over another's record)."""
    kind = KINDS[item["entity"]]
    local = kind.find(item["uuid"])
    if local is not None:
        return {kind.owner(local)}
    if kind is CONTACT and item["fields"].get("enterprise"):
        enterprise = ENTERPRISE.find(item["fields"]["enterprise"])
        return {enterprise.district.code} if enterprise else set()
    return set()


def _name(kind, item: dict) -> str:
    local = kind.find(item["uuid"])
    if local is not None:
        return kind.describe(local)
    try:
        return kind.describe(item["fields"])
    except KeyError:
        return f"{kind.label}（{item['uuid']}）"
