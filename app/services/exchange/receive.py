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
from app.services.exchange import changelog, files, keys, package
from app.services.exchange.errors import Refused
from app.services.exchange.kinds import ALL, KINDS
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
    files: int = 0  # attachment files added to the store


def receive(actor: User, source: Path | str, *, dry_run: bool = False) -> ReceiveResult:
    require_admin(actor)
    own = keys.identity()
    opened = package.read(source, own, lambda sender: ExchangePeer.get_or_none(ExchangePeer.exchange_id == sender))
    manifest, peer = opened.manifest, opened.peer
    result = ReceiveResult(peer.body, dry_run=dry_run, counts=dict(manifest["counts"]))
    if manifest["sender"].get("scope") != peer.scope:
        raise Refused(f"交换包自称的所属单位与配对时的“{peer.body}”不同；拒收")
    seen = int(manifest["seq_to"]) <= peer.received_seq and int(manifest["ack"]) <= peer.acked_seq
    if seen and not manifest.get("full"):  # a full package is merged again: it may bring what was never logged
        result.duplicate = True
        return result
    merger = Merger(actor, peer.exchange_id, peer.body, str(manifest.get("created_at", "")),
                    from_city=peer.scope == installation.CITY)
    files.check(opened.records, opened.files)
    with database.atomic() as transaction:
        changelog.catch_up(own.exchange_id)  # first: the versions read next must count every local edit
        merger.prefetch(opened.records)
        _check_scope(own, peer, opened.records, merger)
        for item in opened.records:
            merger.apply(item)
        merger.finish()
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
    if not dry_run:  # after the commit: a failed import leaves no file behind that no record names
        result.files = files.store(opened.files)
    result.created, result.updated, result.deleted = outcome.created, outcome.updated, outcome.deleted
    result.unchanged, result.conflicts = outcome.unchanged, outcome.conflicts
    return result


def _check_scope(own: keys.Identity, peer: ExchangePeer, records: list[dict], merger: Merger) -> None:
    """Every record must be the sender's to send and ours to hold; otherwise the package is refused whole.
    A record's scope is worked out here from its values (its parents by UUID, here or earlier in the package)
    and from our own copy, never taken on the sender's word alone."""
    scopes: dict[tuple[str, str], str | None] = {}
    reader = merger.reader

    def lookup(entity: str, uuid: str) -> str | None:
        if (entity, uuid) in scopes:
            return scopes[(entity, uuid)]
        return reader.owner_by_key(entity, uuid)

    outside = []
    for item in records:
        kind = KINDS.get(item.get("entity"))
        if kind is None:
            raise Refused(f"交换包含本机不认识的记录类型“{item.get('entity')}”，请先升级程序；拒收")
        local = merger.held.get((kind.entity, item["uuid"]))
        owners = {item.get("owner"), kind.owner_of_values(item["fields"], lookup)} - {None}
        values = dict(item["fields"])
        if local is not None:
            owners.add(reader.owner(kind, local.__data__))
            values = {**reader.wire(kind, local.__data__), **values}
        scopes[(kind.entity, item["uuid"])] = next(iter(owners)) if len(owners) == 1 else None
        if not item["deleted"]:
            reader.wired[(kind.entity, item["uuid"])] = values
        if peer.scope != installation.CITY:
            allowed = owners == {peer.scope} and not reader.city_authored(kind, values)
        else:
            allowed = len(owners) == 1 and owners <= {own.scope, ALL} if own.scope != installation.CITY else True
        if not allowed:
            outside.append(_name(kind, item))
    if outside:
        more = f"等 {len(outside)} 条" if len(outside) > SHOWN else ""
        raise Refused(
            f"交换包含不属于发送方“{peer.body}”或本机所辖范围的记录：{'、'.join(outside[:SHOWN])}{more}；整包拒收，未作任何改动"
        )


def _name(kind, item: dict) -> str:
    local = kind.find(item["uuid"])
    if local is not None:
        return kind.describe(local)
    try:
        return kind.describe(item["fields"])
    except KeyError:
        return f"{kind.label}（{item['uuid']}）"
