"""专人联络: each enterprise's current bureau liaison, with the history of who held it from when to when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from peewee import fn

from app.models import District, Enterprise, LiaisonAssignment, ListEntry, User, Visit
from app.models.db import database
from app.models.listing import ACTIVE_ENTRY_STATUSES
from app.services.accounts import users as accounts
from app.services.core import audit, settings, validation
from app.services.core.errors import DomainError, ValidationError
from app.services.core.permissions import (
    can_work_in,
    is_city,
    is_staff,
    require_active,
    visible_district_ids,
    within_districts,
)
from app.services.enterprises import register as enterprises


def staff_for(district_id: int | None) -> list[User]:
    """Who may be a liaison or follow-up owner for an enterprise of the district, its officers first
    (None, no enterprise chosen yet: all staff)."""
    people = [u for u in accounts.users() if (is_staff(u) if district_id is None else can_work_in(u, district_id))]
    return sorted(people, key=lambda u: (is_city(u), u.display_name))


def visible_staff(actor: User) -> list[User]:
    """Staff whose items the actor can see: everyone for the city, the own district's people otherwise."""
    allowed = visible_district_ids(actor)
    people = [u for u in accounts.users() if is_staff(u)]
    if allowed is not None:
        people = [u for u in people if u.district_id in allowed or is_city(u)]
    return sorted(people, key=lambda u: u.display_name)


def current_liaison(enterprise: Enterprise) -> LiaisonAssignment | None:
    return (
        LiaisonAssignment.select()
        .where((LiaisonAssignment.enterprise == enterprise) & LiaisonAssignment.end_on.is_null())
        .first()
    )


def assign(
    actor: User, enterprise_id: int, officer: User, on: date | None = None, note: str = ""
) -> LiaisonAssignment:
    """Make `officer` the enterprise's liaison from `on`; the previous assignment ends the day before."""
    on = on or date.today()
    with database.atomic():
        enterprise = enterprises.get_for_write(actor, enterprise_id)
        if not officer.active:
            raise ValidationError({"officer": "该账号已停用"}, {"officer": "联络人"})
        if not can_work_in(officer, enterprise.district_id):
            raise ValidationError(
                {"officer": f"应为{enterprise.district.name}的联络员或市局人员"}, {"officer": "联络人"}
            )
        previous = current_liaison(enterprise)
        if previous is not None:
            if previous.officer_id == officer.id:
                return previous
            if previous.start_on > on:
                raise DomainError(f"现任联络人自 {previous.start_on} 起负责，新的起始日期不能更早")
            before = audit.snapshot(previous)
            previous.end_on = on - timedelta(days=1) if on > previous.start_on else on
            previous.save()
            audit.record(actor, "liaison.end", previous, before, audit.snapshot(previous), subject=enterprise)
        assignment = LiaisonAssignment.create(
            enterprise=enterprise,
            officer=officer,
            start_on=on,
            note=validation.field_text(note, "note", "备注", multiline=True),
        )
        audit.record(
            actor, "liaison.assign", assignment, None, audit.snapshot(assignment), subject=enterprise
        )
    return assignment


def history(actor: User, enterprise_id: int) -> list[LiaisonAssignment]:
    enterprise = enterprises.get(actor, enterprise_id)
    return list(enterprise.liaisons.order_by(LiaisonAssignment.start_on.desc(), LiaisonAssignment.id.desc()))


def my_enterprise_ids(actor: User) -> list[int]:
    """The enterprises the actor is the current liaison of (the register's "my enterprises" filter)."""
    require_active(actor)
    return [
        row[0]
        for row in LiaisonAssignment.select(LiaisonAssignment.enterprise)
        .where((LiaisonAssignment.officer == actor) & LiaisonAssignment.end_on.is_null())
        .tuples()
    ]


@dataclass(frozen=True)
class AttentionRow:
    """A listed enterprise needing attention (需要关注) and why."""

    enterprise_id: int
    name: str
    district: str
    last_visit: date | None
    reasons: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"enterprise_id": self.enterprise_id, "name": self.name, "district": self.district,
                "last_visit": self.last_visit.isoformat() if self.last_visit else None,
                "reasons": list(self.reasons)}  # fmt: skip


def needing_attention(actor: User, today: date | None = None) -> list[dict]:
    """Listed enterprises without a liaison, or not visited within the interval (setting), as dicts."""
    return [row.to_dict() for row in attention_rows(actor, today)]


def attention_rows(actor: User, today: date | None = None) -> list[AttentionRow]:
    """Listed enterprises without a liaison, or not visited within the interval (setting); three queries:
    the listed enterprises, their latest visits and their current liaisons."""
    require_active(actor)
    today = today or date.today()
    interval = settings.get("liaison.visit_interval_days")
    query = (
        ListEntry.select(Enterprise.id, Enterprise.name, District.name)
        .join(Enterprise)
        .join(District)
        .where(ListEntry.status.in_(ACTIVE_ENTRY_STATUSES))
        .order_by(ListEntry.id)
    )
    query = within_districts(query, actor, Enterprise.district)
    listed = query.select(Enterprise.id)
    last_visits = {
        ent_id: day if isinstance(day, date) else date.fromisoformat(day)
        for ent_id, day in Visit.select(Visit.enterprise, fn.MAX(Visit.visited_on))
        .where(Visit.enterprise.in_(listed))
        .group_by(Visit.enterprise)
        .tuples()
    }
    with_liaison = {
        ent_id
        for (ent_id,) in LiaisonAssignment.select(LiaisonAssignment.enterprise)
        .where(LiaisonAssignment.end_on.is_null() & LiaisonAssignment.enterprise.in_(listed))
        .tuples()
    }
    rows = []
    for ent_id, name, district in query.tuples():
        last = last_visits.get(ent_id)
        reasons = []
        if ent_id not in with_liaison:
            reasons.append("未指定联络人")
        if last is None:
            reasons.append("从未走访")
        elif (today - last).days > interval:
            reasons.append(f"已 {(today - last).days} 天未走访")
        if reasons:
            rows.append(AttentionRow(ent_id, name, district, last, tuple(reasons)))
    return rows
