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

from peewee import IntegrityError, Model

from app.models import Enterprise, ExchangeConflict, ExchangeVersion, User
from app.models.db import database
from app.services.core import audit
from app.services.exchange.changelog import Vector, dominates, merged, set_vector, vectors
from app.services.exchange.errors import Refused
from app.services.exchange.kinds import DELETED, DISTRICT, ENTERPRISE, KINDS, OWNED, Kind

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

    def apply(self, item: dict) -> None:
        kind = KINDS[item["entity"]]
        local = kind.find(item["uuid"]) or self._adopt(kind, item)
        ours = vectors(kind.entity, item["uuid"])
        try:
            if item["deleted"]:
                self._deletion(kind, item, local, ours)
            elif local is None:
                self._absent(kind, item, ours)
            else:
                self._fields(kind, item, local, ours)
        except (ValueError, TypeError, KeyError, IntegrityError) as exc:
            raise Refused(f"{_describe(kind, item, local)}无法写入本机：{exc}；整包未导入") from exc

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
        ExchangeVersion.update(record_uuid=item["uuid"]).where(
            (ExchangeVersion.entity == kind.entity) & (ExchangeVersion.record_uuid == same.uuid)
        ).execute()  # fmt: skip
        adopted = kind.find(item["uuid"])
        audit.record(self.actor, "exchange.adopt", adopted, before, audit.snapshot(adopted))
        return adopted

    # --- existence -------------------------------------------------------------------------------------------
    def _deletion(self, kind: Kind, item: dict, local: Model | None, ours: dict[str, Vector]) -> None:
        theirs = item["vectors"][DELETED]
        if local is None:
            set_vector(kind.entity, item["uuid"], DELETED, merged(ours.get(DELETED, {}), theirs))
            self.outcome.unchanged += 1
        elif dominates(theirs, merged(*ours.values())):
            before = audit.snapshot(local)
            local.delete_instance()
            set_vector(kind.entity, item["uuid"], DELETED, theirs)
            audit.record(self.actor, "exchange.receive", local, before, None, subject=_subject(kind, local))
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
        held = why_held(kind, item)
        record = None
        if not held:
            try:
                with database.atomic():
                    record = create(kind, item["uuid"], item["fields"])
            except IntegrityError as exc:  # another record here has its natural key (a case number, a year…)
                held = f"与本机另一条记录重复（{exc}），需人工处理"
        if held:
            self._conflict(kind, item["uuid"], RECORD, held, item["fields"], merged(*item["vectors"].values()),
                           _describe(kind, item, None))  # fmt: skip
            return
        for name, vector in item["vectors"].items():
            set_vector(kind.entity, item["uuid"], name, vector)
        audit.record(self.actor, "exchange.receive", record, None, audit.snapshot(record), subject=_subject(kind, record))
        self.outcome.created += 1

    # --- fields ----------------------------------------------------------------------------------------------
    def _fields(self, kind: Kind, item: dict, local: Model, ours: dict[str, Vector]) -> None:
        mine_now, theirs_vectors = kind.wire(local), item["vectors"]
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
                    kind.assign(local, name, item["fields"][name])
                    taken.append(name)
                set_vector(kind.entity, item["uuid"], name, theirs)
                _close_conflicts(kind, item["uuid"], name)
            elif mine_now[name] == item["fields"][name]:
                set_vector(kind.entity, item["uuid"], name, merged(mine, theirs))
            elif self.from_city and kind.city_authored(mine_now):
                kind.assign(local, name, item["fields"][name])
                taken.append(name)
                set_vector(kind.entity, item["uuid"], name, merged(mine, theirs))
            else:
                self._conflict(kind, item["uuid"], name, mine_now[name], item["fields"][name], theirs,
                               _describe(kind, item, local))  # fmt: skip
        if DELETED in theirs_vectors and not dominates(ours.get(DELETED, {}), theirs_vectors[DELETED]):
            set_vector(kind.entity, item["uuid"], DELETED, merged(ours.get(DELETED, {}), theirs_vectors[DELETED]))
        if kind is ENTERPRISE and taken and local.archived and "archived" not in taken:
            self._edits_against_archive(kind, item, ours)
        if taken:
            local.save()
            audit.record(self.actor, "exchange.receive", local, before, audit.snapshot(local), subject=_subject(kind, local))
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


def why_held(kind: Kind, item: dict) -> str:
    """Why a received record cannot be created here ("" if it can): a record it refers to is missing, or
    (an enterprise) another record here has its USCC."""
    values = item["fields"]
    if kind is ENTERPRISE:
        other = Enterprise.get_or_none(Enterprise.uscc == values.get("uscc"))
        if other is not None:
            return f"本机已有统一社会信用代码相同的企业“{other.name}”（另一条记录），需人工合并"
    if kind.scope_by == OWNED and KINDS.get(values.get("entity")) is None:
        return f"附件所属的记录类型“{values.get('entity')}”不在交换范围内"
    if kind.scope_by == OWNED and KINDS[values["entity"]].find(values.get("entity_uuid")) is None:
        return "附件所属的记录在本机不存在"
    for name, target in kind.refs.items():
        value = values.get(name)
        if value is None or target == DISTRICT:
            continue
        if KINDS[target].find_by_key(value) is None:
            label = "所属企业" if target == "enterprise" else f"所引用的{KINDS[target].label}"
            return f"{label}在本机不存在"
    return ""


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
