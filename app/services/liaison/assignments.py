"""专人联络: each enterprise's current bureau liaison, with the history of who held it from when to when."""

from __future__ import annotations

from datetime import date, timedelta

from app.models import Enterprise, LiaisonAssignment, ListEntry, User, Visit
from app.models.db import database
from app.models.listing import ACTIVE_ENTRY_STATUSES
from app.services.core import audit, settings, validation
from app.services.core.errors import DomainError, ValidationError
from app.services.core.permissions import (
    CITY_ROLES,
    Role,
    require_active,
    role_of,
    within_districts,
)
from app.services.enterprises import register as enterprises


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
        role = role_of(officer)
        if role is Role.VIEWER or (role not in CITY_ROLES and officer.district_id != enterprise.district_id):
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


def needing_attention(actor: User, today: date | None = None) -> list[dict]:
    """Listed enterprises without a liaison, or not visited within the interval (setting)."""
    require_active(actor)
    today = today or date.today()
    interval = settings.get("liaison.visit_interval_days")
    query = (
        ListEntry.select(ListEntry, Enterprise)
        .join(Enterprise)
        .where(ListEntry.status.in_(ACTIVE_ENTRY_STATUSES))
    )
    query = within_districts(query, actor, Enterprise.district)
    rows = []
    for entry in query:
        ent = entry.enterprise
        last = (
            Visit.select(Visit.visited_on)
            .where(Visit.enterprise == ent)
            .order_by(Visit.visited_on.desc())
            .first()
        )
        reasons = []
        if current_liaison(ent) is None:
            reasons.append("未指定联络人")
        if last is None:
            reasons.append("从未走访")
        elif (today - last.visited_on).days > interval:
            reasons.append(f"已 {(today - last.visited_on).days} 天未走访")
        if reasons:
            rows.append({"enterprise_id": ent.id, "name": ent.name, "district": ent.district.name,
                         "last_visit": last.visited_on.isoformat() if last else None, "reasons": reasons})  # fmt: skip
    return rows
