"""Merging one received record into this database, field by field, by the fields' version vectors.

For each field: the remote vector dominated by ours → already seen, nothing to do; ours dominated by the
remote → a change made there only, taken; neither → both sides changed it since their last common version:
a conflict row is kept for review and the local value stands (unless both sides wrote the same value).
Existence is the pseudo-field `_deleted`: a deletion that saw every local edit deletes, one that did not is a
conflict. An enterprise archived on one side while edited on the other is a conflict on `archived` too. A
record that cannot be placed (its enterprise is unknown here, or another record has its USCC) is held as a
`_record` conflict, as is one clashing with another record's natural key here (a case number, a year). What
the city authors settles a field for a district without a conflict (workflow follows its owner); the year's
round the city sends replaces one a district opened itself ("exchange.adopt"). Every write is audited as
"exchange.receive"; no vector here is bumped, so the change log does not send the peer's own changes back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from types import SimpleNamespace

from peewee import IntegrityError, Model

from app.models import Enterprise, ExchangeConflict, ExchangeVersion, User
from app.models.db import database
from app.services.core import audit
from app.services.core.bulk import insert_records
from app.services.exchange.batch import Reader, vectors_of, write_vectors
from app.services.exchange.changelog import Vector, dominates, merged, vectors
from app.services.exchange.errors import Refused
from app.services.exchange.kinds import _SUBJECTS, DELETED, DISTRICT, ENTERPRISE, KINDS, OWNED, Kind

RECORD = "_record"  # a conflict holding a whole record that could not be placed


@dataclass
class Outcome:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)


@dataclass
class Merger:
    actor: User
    peer_id: str
    peer_body: str
    sent_at: str
    from_city: bool = False  # the city's word settles what it authors (a decision, the list, a design)
    outcome: Outcome = field(default_factory=Outcome)
    reader: Reader = field(default_factory=Reader)
    # What `prefetch` read, kept current as records are written (a key absent: not read, ask the database).
    held: dict[tuple[str, str], Model | None] = field(default_factory=dict)
    versions: dict[tuple[str, str], dict[str, Vector]] = field(default_factory=dict)
    _dirty: dict[tuple[str, str, str], Vector] = field(default_factory=dict)
    _audit: list[tuple] = field(default_factory=list)
    _new: list[tuple[Kind, Model, dict]] = field(default_factory=list)  # created, not yet inserted
    _open: set[tuple[str, str, str]] | None = None  # open conflicts' (entity, uuid, field)
    _usccs: dict[str, str] | None = None  # USCC → name of the enterprises here

    def prefetch(self, items: list[dict]) -> None:
        """Read the held records and versions of a package's records a kind at a time."""
        by_entity: dict[str, list[str]] = {}
        for item in items:
            by_entity.setdefault(item["entity"], []).append(item["uuid"])
        for entity, uuids in by_entity.items():
            kind = KINDS[entity]
            found = self.reader.records(kind, uuids)
            vectors_found = vectors_of(entity, uuids)
            for record_uuid in uuids:
                self.held[(entity, record_uuid)] = found.get(record_uuid)
                self.versions[(entity, record_uuid)] = vectors_found.get(record_uuid, {})
        self._open = {
            (c.entity, c.record_uuid, c.field)
            for c in ExchangeConflict.select(ExchangeConflict.entity, ExchangeConflict.record_uuid,
                                             ExchangeConflict.field).where(ExchangeConflict.status == "open")
        }  # fmt: skip
        if "enterprise" in by_entity:
            self._usccs = dict(Enterprise.select(Enterprise.uscc, Enterprise.name).tuples())

    def _find(self, kind: Kind, record_uuid: str) -> Model | None:
        key = (kind.entity, record_uuid)
        return self.held[key] if key in self.held else kind.find(record_uuid)

    def _vectors(self, kind: Kind, record_uuid: str) -> dict[str, Vector]:
        key = (kind.entity, record_uuid)
        if key not in self.versions:
            self.versions[key] = vectors(kind.entity, record_uuid)
        return self.versions[key]

    def _set_vector(self, kind: Kind, record_uuid: str, name: str, vector: Vector) -> None:
        self._vectors(kind, record_uuid)[name] = vector
        self._dirty[(kind.entity, record_uuid, name)] = vector

    def apply(self, item: dict) -> None:
        kind = KINDS[item["entity"]]
        if self._new and self._new[0][0] is not kind:
            self._insert_new()
        local = self._find(kind, item["uuid"]) or self._adopt(kind, item)
        ours = dict(self._vectors(kind, item["uuid"]))
        try:
            if item["deleted"]:
                self._insert_new()
                self._deletion(kind, item, local, ours)
            elif local is None:
                self._absent(kind, item, ours)
            else:
                self._fields(kind, item, local, ours)
        except (ValueError, TypeError, KeyError, IntegrityError) as exc:
            raise Refused(f"{_describe(kind, item, local)}无法写入本机：{exc}；整包未导入") from exc

    def finish(self) -> None:
        """Write what is still pending: new records, vectors, audit entries. Call before anything else is
        audited in the receive's transaction."""
        self._insert_new()
        write_vectors((e, u, n, v) for (e, u, n), v in self._dirty.items())
        self._dirty.clear()
        self._flush_audit()

    def _audit_later(self, action: str, record: Model, before, after, kind: Kind) -> None:
        self._audit.append((action, record, before, after, self._subject_of(kind, record)))

    def _flush_audit(self) -> None:
        audit.record_all(self.actor, self._audit)
        self._audit.clear()

    def _subject_of(self, kind: Kind, record: Model):
        """The record an entry is filed under (Kind.subject), from the maps rather than a query each."""
        if kind.scope_by == OWNED:
            return _subject(kind, record)
        for name in _SUBJECTS:
            if name in kind.refs:
                ref = record.__data__.get(name)
                if ref is not None:
                    return SimpleNamespace(uuid=self.reader.key(kind.refs[name], ref))
        return record

    def _adopt(self, kind: Kind, item: dict) -> Model | None:
        """The city's record standing for one made here under a shared natural key (the year's round): ours
        takes its UUID, so both installations mean the same record from now on."""
        if kind.key == "uuid" or not self.from_city or item["deleted"]:
            return None
        same = kind.find_by_key(item["fields"].get(kind.key))
        if same is None:
            return None
        before = audit.snapshot(same)
        model = kind.model  # a form open on this record must not save over the adoption (row_version)
        model.update(uuid=item["uuid"], row_version=model.row_version + 1).where(model.id == same.id).execute()
        self.finish()  # the versions moved below must be written first
        ExchangeVersion.update(record_uuid=item["uuid"]).where(
            (ExchangeVersion.entity == kind.entity) & (ExchangeVersion.record_uuid == same.uuid)
        ).execute()  # fmt: skip
        self.versions.pop((kind.entity, same.uuid), None)
        self.versions.pop((kind.entity, item["uuid"]), None)
        adopted = kind.find(item["uuid"])
        self.held[(kind.entity, item["uuid"])] = adopted
        self.reader.add(kind, adopted)
        audit.record(self.actor, "exchange.adopt", adopted, before, audit.snapshot(adopted))
        return adopted

    # --- existence -------------------------------------------------------------------------------------------
    def _deletion(self, kind: Kind, item: dict, local: Model | None, ours: dict[str, Vector]) -> None:
        theirs = item["vectors"][DELETED]
        if local is None:
            self._set_vector(kind, item["uuid"], DELETED, merged(ours.get(DELETED, {}), theirs))
            self.outcome.unchanged += 1
        elif dominates(theirs, merged(*ours.values())):
            before, subject = audit.snapshot(local), _subject(kind, local)
            try:
                if _referred_to(kind, local):
                    raise IntegrityError("referred to")
                with database.atomic():
                    local.delete_instance()
            except IntegrityError:  # records here still refer to it (added after the deletion was made there)
                self._conflict(kind, item["uuid"], DELETED, False, True, theirs, _describe(kind, item, local))
                return
            self.held[(kind.entity, item["uuid"])] = None
            self._set_vector(kind, item["uuid"], DELETED, theirs)
            audit.record(self.actor, "exchange.receive", local, before, None, subject=subject)
            self.outcome.deleted += 1
        elif dominates(ours.get(DELETED, {}), theirs):
            self.outcome.unchanged += 1
        else:
            self._conflict(kind, item["uuid"], DELETED, False, True, theirs, _describe(kind, item, local))

    def _absent(self, kind: Kind, item: dict, ours: dict[str, Vector]) -> None:
        deleted_here = ours.get(DELETED)
        if deleted_here is not None:
            if dominates(deleted_here, merged(*item["vectors"].values())):
                self.outcome.unchanged += 1
                return
            if not dominates(item["vectors"].get(DELETED, {}), deleted_here):
                self._conflict(kind, item["uuid"], DELETED, True, item["fields"], merged(*item["vectors"].values()),
                               _describe(kind, item, None))  # fmt: skip
                return
        held = why_held(kind, item, self.reader, self._usccs)
        if held:
            self._conflict(kind, item["uuid"], RECORD, held, item["fields"], merged(*item["vectors"].values()),
                           _describe(kind, item, None))  # fmt: skip
            return
        record = kind.model(uuid=item["uuid"])
        for name in kind.fields:
            if name in item["fields"]:
                kind.assign(record, name, item["fields"][name], self.reader)
        self._new.append((kind, record, item))
        if kind is ENTERPRISE and self._usccs is not None:
            self._usccs[record.uscc] = record.name

    def _insert_new(self) -> None:
        """Insert the records created since the last call (all of one kind) in one statement; should one clash
        with a record here (a case number, a year…), one at a time, holding those that clash."""
        if not self._new:
            return
        pending, self._new = self._new, []
        kind = pending[0][0]
        try:
            with database.atomic():
                insert_records(kind.model, [record for _, record, _ in pending])
            placed = pending
        except IntegrityError:
            placed = []
            for kind, record, item in pending:
                try:
                    with database.atomic():
                        record.id = None
                        record.save(force_insert=True)
                    placed.append((kind, record, item))
                except IntegrityError as exc:  # another record here has its natural key
                    held = f"与本机另一条记录重复（{exc}），需人工处理"
                    self._conflict(kind, item["uuid"], RECORD, held, item["fields"],
                                   merged(*item["vectors"].values()), _describe(kind, item, None))  # fmt: skip
        for kind, record, item in placed:
            self.held[(kind.entity, item["uuid"])] = record
            self.reader.add(kind, record)
            for name, vector in item["vectors"].items():
                self._set_vector(kind, item["uuid"], name, vector)
            self._audit_later("exchange.receive", record, None, audit.snapshot(record), kind)
            self.outcome.created += 1

    # --- fields ----------------------------------------------------------------------------------------------
    def _fields(self, kind: Kind, item: dict, local: Model, ours: dict[str, Vector]) -> None:
        mine_now, theirs_vectors = self.reader.wire(kind, local.__data__), item["vectors"]
        before, taken = audit.snapshot(local), []
        for name in kind.fields:
            if name not in item["fields"]:
                continue
            mine, theirs = ours.get(name, {}), theirs_vectors.get(name, {})
            if dominates(mine, theirs):
                continue
            if dominates(theirs, mine):
                if name == "archived" and self._archive_against_edits(kind, item, local, ours):
                    continue
                if mine_now[name] != item["fields"][name]:
                    kind.assign(local, name, item["fields"][name], self.reader)
                    taken.append(name)
                self._set_vector(kind, item["uuid"], name, theirs)
                if (kind.entity, item["uuid"], name) in (self._open or ()) or self._open is None:
                    _close_conflicts(kind, item["uuid"], name)
            elif mine_now[name] == item["fields"][name]:
                self._set_vector(kind, item["uuid"], name, merged(mine, theirs))
            elif self.from_city and self.reader.city_authored(kind, mine_now):
                kind.assign(local, name, item["fields"][name], self.reader)
                taken.append(name)
                self._set_vector(kind, item["uuid"], name, merged(mine, theirs))
            else:
                self._conflict(kind, item["uuid"], name, mine_now[name], item["fields"][name], theirs,
                               _describe(kind, item, local))  # fmt: skip
        if DELETED in theirs_vectors and not dominates(ours.get(DELETED, {}), theirs_vectors[DELETED]):
            self._set_vector(kind, item["uuid"], DELETED, merged(ours.get(DELETED, {}), theirs_vectors[DELETED]))
        if kind is ENTERPRISE and taken and local.archived and "archived" not in taken:
            self._edits_against_archive(kind, item, ours)
        if taken:
            local.save()
            self.reader.add(kind, local)  # its natural key may have changed
            self._audit_later("exchange.receive", local, before, audit.snapshot(local), kind)
            self.outcome.updated += 1
        else:
            self.outcome.unchanged += 1

    def _archive_against_edits(self, kind: Kind, item: dict, local: Model, ours: dict[str, Vector]) -> bool:
        """An archive that did not see edits made here: kept for review instead of hiding the edited record."""
        if not item["fields"]["archived"] or local.archived:
            return False
        unseen = [n for n in kind.fields if n != "archived" and not dominates(item["vectors"].get(n, {}), ours.get(n, {}))]
        if unseen:
            self._conflict(kind, item["uuid"], "archived", False, True, item["vectors"]["archived"],
                           _describe(kind, item, local))  # fmt: skip
        return bool(unseen)

    def _edits_against_archive(self, kind: Kind, item: dict, ours: dict[str, Vector]) -> None:
        """Edits made there to a record archived here, by an archive they had not seen: taken (nothing is lost),
        and the archive kept for review."""
        if not dominates(item["vectors"].get("archived", {}), ours.get("archived", {})):
            self._conflict(kind, item["uuid"], "archived", True, False, item["vectors"].get("archived", {}),
                           _describe(kind, item, None))  # fmt: skip

    def _conflict(self, kind: Kind, record_uuid: str, name: str, mine, theirs, vector: Vector, what: str) -> None:
        text = json.dumps(vector, sort_keys=True)
        exists = ExchangeConflict.select().where(
            (ExchangeConflict.peer_id == self.peer_id) & (ExchangeConflict.entity == kind.entity)
            & (ExchangeConflict.record_uuid == record_uuid) & (ExchangeConflict.field == name)
            & (ExchangeConflict.remote_vector == text)
        ).exists()  # fmt: skip
        if exists:
            return
        row = ExchangeConflict.create(
            peer_id=self.peer_id, entity=kind.entity, record_uuid=record_uuid, field=name,
            local_value=json.dumps(mine, ensure_ascii=False), remote_value=json.dumps(theirs, ensure_ascii=False),
            remote_vector=text, remote_by=self.peer_body[:100], remote_at=self.sent_at[:30],
        )  # fmt: skip
        audit.record(self.actor, "exchange.conflict", row, None, audit.snapshot(row))
        self.outcome.conflicts.append(f"{what}：{name}")


def create(kind: Kind, record_uuid: str, values: dict) -> Model:
    record = kind.model(uuid=record_uuid)
    for name in kind.fields:
        if name in values:
            kind.assign(record, name, values[name])
    record.save(force_insert=True)
    return record


def why_held(kind: Kind, item: dict, reader: Reader | None = None, usccs: dict[str, str] | None = None) -> str:
    """Why a received record cannot be created here ("" if it can): a record it refers to is missing, or
    (an enterprise) another record here has its USCC. `reader`, `usccs`: maps read once for many records."""
    values = item["fields"]
    if kind is ENTERPRISE:
        if usccs is not None:
            other = usccs.get(values.get("uscc"))
        else:
            found = Enterprise.get_or_none(Enterprise.uscc == values.get("uscc"))
            other = found.name if found else None
        if other is not None:
            return f"本机已有统一社会信用代码相同的企业“{other}”（另一条记录），需人工合并"
    if kind.scope_by == OWNED and KINDS.get(values.get("entity")) is None:
        return f"附件所属的记录类型“{values.get('entity')}”不在交换范围内"
    if kind.scope_by == OWNED and not _held(KINDS[values["entity"]], values.get("entity_uuid"), reader):
        return "附件所属的记录在本机不存在"
    for name, target in kind.refs.items():
        value = values.get(name)
        if value is None or target == DISTRICT:
            continue
        if not _held(KINDS[target], value, reader):
            label = "所属企业" if target == "enterprise" else f"所引用的{KINDS[target].label}"
            return f"{label}在本机不存在"
    return ""


def _held(kind: Kind, key, reader: Reader | None) -> bool:
    if reader is not None:
        return reader.id_of(kind.entity, key) is not None
    return kind.find_by_key(key) is not None


def _referred_to(kind: Kind, record: Model) -> bool:
    """Whether an exchanged record here refers to `record`: deleting it would delete (cascade) or orphan
    records the deletion there never saw, since their own deletions would have come first in the package."""
    for other in KINDS.values():
        for name, target in other.refs.items():
            if target == kind.entity:
                column = getattr(other.model, name)
                if other.model.select().where(column == record.id).exists():
                    return True
    return False


def _close_conflicts(kind: Kind, record_uuid: str, name: str) -> None:
    """A later change that saw both sides settles the field's open conflicts."""
    ExchangeConflict.update(status="superseded").where(
        (ExchangeConflict.entity == kind.entity) & (ExchangeConflict.record_uuid == record_uuid)
        & (ExchangeConflict.field == name) & (ExchangeConflict.status == "open")
    ).execute()  # fmt: skip


def _subject(kind: Kind, record: Model) -> Model:
    return kind.subject(record)


def _describe(kind: Kind, item: dict, local: Model | None) -> str:
    if local is not None:
        return kind.describe(local)
    values = item.get("fields") or {}
    try:
        return kind.describe(values)
    except KeyError:
        return f"{kind.label}（{item['uuid']}）"
