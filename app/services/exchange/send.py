"""Making a package for one peer: every change it has not acknowledged, as the records' full current values
with their per-field vectors (a deleted record as a tombstone), limited to what the peer may hold, plus the
acknowledgement of what we have applied of its own. A lost package costs nothing: the next one carries the
same changes again, until the peer acknowledges them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.models import ExchangePeer, User
from app.models.base import now
from app.models.db import database
from app.services.core import audit, installation
from app.services.core.permissions import require_admin
from app.services.exchange import batch, changelog, files, keys, package, pairing
from app.services.exchange.kinds import ALL, DELETED, KINDS, Kind


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
    return _tombstone(kind, record_uuid, versions)


def _tombstone(kind: Kind, record_uuid: str, versions: dict) -> dict | None:
    if DELETED not in versions:
        return None
    image = changelog.deleted_image(kind.entity, record_uuid)
    owner = kind.owner_of_image(image) if image else None
    return {"entity": kind.entity, "uuid": record_uuid, "owner": owner, "deleted": True, "fields": {},
            "vectors": {DELETED: versions[DELETED]}, "city_authored": bool(image) and _city_authored(kind, image)}  # fmt: skip


def wire_records(pairs: list[tuple[str, str]], reader: batch.Reader | None = None) -> list[dict]:
    """`wire_record` of many (entity, uuid), read a kind at a time; in the order given, those worth sending."""
    reader = reader or batch.Reader()
    by_entity: dict[str, list[str]] = {}
    for entity, record_uuid in pairs:
        by_entity.setdefault(entity, []).append(record_uuid)
    out: dict[tuple[str, str], dict | None] = {}
    for entity in sorted(by_entity, key=ORDER.get):  # owners' values before their attachments'
        kind, uuids = KINDS[entity], by_entity[entity]
        rows, versions = reader.rows(kind, uuids), batch.vectors_of(entity, uuids)
        for record_uuid in uuids:
            raw = rows.get(record_uuid)
            if raw is None:
                out[(entity, record_uuid)] = _tombstone(kind, record_uuid, versions.get(record_uuid, {}))
                continue
            values = reader.wire(kind, raw)
            reader.wired[(entity, record_uuid)] = values
            out[(entity, record_uuid)] = {
                "entity": entity, "uuid": record_uuid, "owner": reader.owner(kind, raw), "deleted": False,
                "fields": values, "vectors": versions.get(record_uuid, {}),
            }  # fmt: skip
    return [out[pair] for pair in pairs if out[pair] is not None]


def _city_authored(kind: Kind, image: dict) -> bool:
    return kind.city_authored({name: image.get(name, image.get(f"{name}_id")) for name in kind.fields})


def may_hold(peer: ExchangePeer, owner: str | None) -> bool:
    """The city holds every district's records; a district its own and the city's reference data."""
    return peer.scope == installation.CITY or owner in (peer.scope, ALL)


def send(actor: User, peer_name: str, target: Path | str, *, full: bool = False) -> SendResult:
    """A package of what the peer has not acknowledged; `full`: of every record the peer may hold (the first
    load of a new installation, or the city taking in a district's existing database)."""
    require_admin(actor)
    own = keys.identity()
    peer = pairing.peer_by_name(peer_name)
    with database.atomic():
        changelog.catch_up(own.exchange_id)
        seq_to = changelog.head()
        reader = batch.Reader()
        pairs = list(_everything()) if full else changelog.changed_since(peer.acked_seq)
        records = [
            record for record in wire_records(pairs, reader)
            if may_hold(peer, record["owner"]) and _ours_to_send(own, record, reader)
        ]  # fmt: skip
        records.sort(key=_apply_order)
        header = {"seq_from": 1 if full else peer.acked_seq + 1, "seq_to": seq_to, "ack": peer.received_seq,
                  "full": full}  # fmt: skip
        known = set() if full else files.known_to(peer.acked_seq)
        manifest = package.write(target, own, peer, header, records, files.gather(records, known))
        before = audit.snapshot(peer)
        peer.sent_seq, peer.last_sent_at = seq_to, now()
        peer.save()
        audit.record(actor, "exchange.send", peer, before, {**audit.snapshot(peer), "counts": manifest["counts"]})
    return SendResult(Path(target), peer.body, header["seq_from"], seq_to, manifest["counts"])


def pending(own: keys.Identity, peers: list[ExchangePeer]) -> dict[str, int]:
    """exchange id → how many records the peer's next package would carry: changed since its acknowledgement,
    and (as `send` filters) ours to send and the peer's to hold. The records are read once for all peers."""
    if not peers:
        return {}
    last = changelog.last_changes_since(min(p.acked_seq for p in peers))
    reader = batch.Reader()
    records = [r for r in wire_records(list(last), reader) if _ours_to_send(own, r, reader)]
    return {
        p.exchange_id: sum(1 for r in records if last[(r["entity"], r["uuid"])] > p.acked_seq and may_hold(p, r["owner"]))
        for p in peers
    }  # fmt: skip


def _ours_to_send(own: keys.Identity, record: dict, reader: batch.Reader) -> bool:
    """A district sends only its own district's records, and none the city authors; the city sends its edits
    of any."""
    if own.scope == installation.CITY:
        return True
    kind = KINDS[record["entity"]]
    city_only = record["city_authored"] if record["deleted"] else reader.city_authored(kind, record["fields"])
    return record["owner"] == own.scope and not city_only


def _everything():
    """(entity, uuid) of every record of every exchanged kind held here."""
    for kind in KINDS.values():
        for (record_uuid,) in kind.model.select(kind.model.uuid).order_by(kind.model.id).tuples().iterator():
            yield kind.entity, record_uuid


ORDER = {entity: i for i, entity in enumerate(KINDS)}


def _apply_order(record: dict) -> tuple:
    """Records before deletions; parents before children, and deleted children before their parents."""
    position = ORDER[record["entity"]]
    return (1, -position) if record["deleted"] else (0, position)
