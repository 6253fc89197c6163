"""送政策进企业 and training: events, which enterprises attended, and yearly counts per district."""

from __future__ import annotations

from collections import Counter
from datetime import date

from peewee import fn

from app.models import Attachment, District, Enterprise, Event, EventAttendance, User
from app.models.db import database
from app.models.liaison import EVENT_KINDS
from app.services.core import attachments, audit, dates, reference, validation
from app.services.core.errors import NotFound, ValidationError
from app.services.core.permissions import (
    require_active,
    require_district_work,
    visible_district_ids,
)
from app.services.enterprises import register as enterprises

LABELS = {
    "kind": "活动类型",
    "held_on": "日期",
    "topic": "主题",
    "district": "组织旗区",
    "head_count": "参加人数",
    "place": "地点",
    "organiser": "组织单位",
    "feedback": "反馈",
}


def _check_organiser(actor: User, district: District | None) -> None:
    require_district_work(actor, district, "只能登记本旗区组织的活动")


def record_event(actor: User, data: dict, attendees: dict[int, int] | None = None) -> Event:
    """An event and its attendance (enterprise id → people), in one transaction."""
    errors = {}
    kind = data.get("kind")
    if kind not in EVENT_KINDS:
        errors["kind"] = f"应为{'、'.join(EVENT_KINDS.values())}之一"
    held_on = dates.PLANNED.required(data.get("held_on"), errors, "held_on")
    topic = (data.get("topic") or "").strip()
    if not topic:
        errors["topic"] = "必填"
    district = None
    if data.get("district"):
        district = reference.match_district(str(data["district"]))
        if district is None:
            errors["district"] = f"未知旗区“{data['district']}”"
    texts = {k: (data.get(k) or "").strip() for k in ("place", "organiser", "feedback")}
    errors.update(validation.text_errors({"topic": topic, **texts}, multiline={"feedback"}))
    try:
        head_count = validation.clean_count(data.get("head_count"))
    except ValueError as exc:
        errors["head_count"] = str(exc)
    if errors:
        raise ValidationError(errors, LABELS)
    _check_organiser(actor, district)
    with database.atomic():
        event = Event.create(kind=kind, held_on=held_on, topic=topic, district=district, head_count=head_count,
                             recorded_by=actor, **texts)  # fmt: skip
        audit.record(actor, "event.create", event, None, audit.snapshot(event))
        for enterprise_id, people in (attendees or {}).items():
            enterprise = enterprises.get(actor, enterprise_id)
            row = EventAttendance.create(event=event, enterprise=enterprise, people=max(1, int(people)))
            audit.record(actor, "event.attend", row, None, audit.snapshot(row), subject=enterprise)
    return event


def events(actor: User, year: int | None = None) -> list[Event]:
    require_active(actor)
    query = Event.select()
    allowed = visible_district_ids(actor)
    if allowed is not None:
        query = query.where(Event.district.is_null() | Event.district.in_(list(allowed)))
    if year:
        query = query.where((Event.held_on >= date(year, 1, 1)) & (Event.held_on <= date(year, 12, 31)))
    return list(query.order_by(Event.held_on.desc()))


def attended_by(actor: User, enterprise_id: int) -> list[Event]:
    enterprise = enterprises.get(actor, enterprise_id)
    return list(Event.select().join(EventAttendance).where(EventAttendance.enterprise == enterprise)
                .order_by(Event.held_on.desc()))  # fmt: skip


def counts_by_district(actor: User, year: int) -> dict[str, dict[str, int]]:
    """District (or 市局) → event kind label → number of events held that year."""
    counts: dict[str, Counter] = {}
    for event in events(actor, year):
        name = event.district.name if event.district_id else "市局"
        counts.setdefault(name, Counter())[EVENT_KINDS[event.kind]] += 1
    return {k: dict(v) for k, v in counts.items()}


def get_event(actor: User, event_id: int) -> Event:
    found = next((e for e in events(actor) if e.id == event_id), None)
    if found is None:
        raise NotFound(f"没有编号为 {event_id} 的活动")
    return found


def attendance(event: Event) -> list[tuple[Enterprise, int]]:
    return [(row.enterprise, row.people) for row in event.attendance]


def attach_material(actor: User, event_id: int, path) -> Attachment:
    """Materials of an event (slides, sign-in sheets, photos), by whoever may record the event."""
    event = get_event(actor, event_id)
    _check_organiser(actor, event.district)
    return attachments.attach(actor, path, event, "event_material")


def materials(actor: User, event_id: int) -> list[Attachment]:
    return attachments.attachments_of(get_event(actor, event_id))


def year_counts(actor: User, year: int) -> dict[int | None, dict[str, int]]:
    """Two groupings of the events held during `year`, in grouped queries: per organising district (None: the
    city) the events held and the head count; per district of the attending enterprises, how many enterprises
    attended and how many of their people. A district officer gets their own district only."""
    require_active(actor)
    held = Event.held_on.between(date(year, 1, 1), date(year, 12, 31))
    allowed = visible_district_ids(actor)
    counts: dict[int | None, dict[str, int]] = {}
    events_held = Event.select(Event.district, fn.COUNT(Event.id), fn.SUM(Event.head_count)).where(held)
    if allowed is not None:
        events_held = events_held.where(Event.district.in_(list(allowed)))
    for district, n, people in events_held.group_by(Event.district).tuples():
        counts[district] = {"events": n, "head_count": people or 0}
    attended = (
        EventAttendance.select(
            Enterprise.district, fn.COUNT(EventAttendance.enterprise.distinct()), fn.SUM(EventAttendance.people)
        )
        .join(Event)
        .switch(EventAttendance)
        .join(Enterprise)
        .where(held)
        .group_by(Enterprise.district)
    )
    if allowed is not None:
        attended = attended.where(Enterprise.district.in_(list(allowed)))
    for district, enterprises_n, people in attended.tuples():
        counts.setdefault(district, {}).update({"enterprises": enterprises_n, "attendees": people or 0})
    return counts
