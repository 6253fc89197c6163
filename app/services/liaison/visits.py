"""走访调研 and 清单式管理: visits, the problems raised at them, and the follow-up checklist.

Each problem raised at a visit can become a follow-up item with an owner and a due date; the checklist lists
open items by due date, and overdue items are counted on the dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from peewee import JOIN, fn

from app.models import Attachment, District, Enterprise, FollowUp, User, Visit
from app.models.db import count_if, database
from app.models.liaison import FOLLOWUP_STATUSES, OPEN_FOLLOWUP_STATUSES, VISIT_KINDS
from app.services.core import attachments, audit, dates, validation
from app.services.core.errors import ValidationError
from app.services.core.permissions import (
    can_work_in,
    require_active,
    require_write_enterprise,
    visible_or_not_found,
    within_districts,
)
from app.services.enterprises import register as enterprises
from app.text import clean_text

VISIT_LABELS = {"visited_on": "走访日期", "kind": "走访类型", "notes": "走访记录", "problems": "反映的问题",
                "officers": "走访人员", "people_met": "接待人员", "topics": "走访内容"}  # fmt: skip
FOLLOWUP_LABELS = {
    "description": "事项",
    "due_on": "完成期限",
    "owner": "责任人",
    "status": "状态",
    "resolution": "办理结果",
}


@dataclass
class NewFollowUp:
    description: str
    due_on: date | str | None = None
    owner: User | None = None


def record_visit(actor: User, enterprise_id: int, data: dict, followups: list[NewFollowUp] = ()) -> Visit:
    """A visit, and a follow-up item for each problem that needs one, in one transaction."""
    values, errors = {}, {}
    values["visited_on"] = dates.PLANNED.required(data.get("visited_on"), errors, "visited_on")
    kind = data.get("kind") or "routine"
    kind = next((k for k, label in VISIT_KINDS.items() if kind in (k, label)), None)
    if kind is None:
        errors["kind"] = f"应为{'、'.join(VISIT_KINDS.values())}之一"
    for key in ("officers", "people_met", "topics", "problems", "notes"):
        values[key] = (
            clean_text(data.get(key, ""))
            if key in ("officers", "people_met")
            else (data.get(key) or "").strip()
        )
    errors.update(validation.text_errors(values, multiline={"topics", "problems", "notes"}))
    if not (values["notes"] or values["problems"] or values["topics"]):
        errors["notes"] = "请至少填写走访内容、反映的问题或记录之一"
    if errors:
        raise ValidationError(errors, VISIT_LABELS)
    with database.atomic():
        enterprise = enterprises.get_for_write(actor, enterprise_id)
        visit = Visit.create(enterprise=enterprise, kind=kind, recorded_by=actor, **values)
        audit.record(actor, "visit.create", visit, None, audit.snapshot(visit), subject=enterprise)
        for item in followups:
            add_followup(actor, enterprise.id, item, visit=visit)
    return visit


def _clean_followup(item: NewFollowUp, enterprise: Enterprise) -> dict:
    errors = {}
    description = (item.description or "").strip()
    if not description:
        errors["description"] = "必填"
    errors.update(validation.text_errors({"description": description}, multiline={"description"}))
    due = None
    try:
        due = dates.DUE.parse(item.due_on)
    except ValueError as exc:
        errors["due_on"] = str(exc)
    if item.owner is not None and not can_work_in(item.owner, enterprise.district_id):
        errors["owner"] = f"{item.owner.display_name}不能负责{enterprise.district.name}的事项"
    if errors:
        raise ValidationError(errors, FOLLOWUP_LABELS)
    return {"description": description, "due_on": due, "owner": item.owner}


def add_followup(actor: User, enterprise_id: int, item: NewFollowUp, visit: Visit | None = None) -> FollowUp:
    with database.atomic():
        enterprise = enterprises.get_for_write(actor, enterprise_id)
        values = _clean_followup(item, enterprise)
        followup = FollowUp.create(enterprise=enterprise, visit=visit, **values)
        audit.record(actor, "followup.create", followup, None, audit.snapshot(followup), subject=enterprise)
    return followup


def followup_statuses(actor: User, followup: FollowUp) -> dict[str, str]:
    """The statuses the actor may move the item to now (status → label); empty when it may not be updated.
    The checklist's 更新状态… button and its dialog show exactly this; update_followup applies the same rule."""
    if not can_work_in(actor, followup.enterprise.district_id):
        return {}
    return dict(FOLLOWUP_STATUSES)


def update_followup(
    actor: User, followup_id: int, status: str, resolution: str = "", on: date | None = None
) -> FollowUp:
    """Move an item along; done and cannot-resolve need the resolution text."""
    if status not in FOLLOWUP_STATUSES:
        raise ValidationError({"status": f"应为{'、'.join(FOLLOWUP_STATUSES.values())}之一"}, FOLLOWUP_LABELS)
    resolution = validation.field_text(
        resolution, "resolution", FOLLOWUP_LABELS["resolution"], multiline=True
    )
    if status in ("done", "cannot_resolve") and not resolution:
        raise ValidationError({"resolution": "办结或无法解决时必须填写"}, FOLLOWUP_LABELS)
    with database.atomic():
        followup = get_followup(actor, followup_id)
        require_write_enterprise(actor, followup.enterprise.district_id)  # the rule of followup_statuses
        before = audit.snapshot(followup)
        followup.status = status
        followup.resolution = resolution or followup.resolution
        followup.closed_on = (on or date.today()) if status not in OPEN_FOLLOWUP_STATUSES else None
        followup.save()
        audit.record(
            actor, "followup.update", followup, before, audit.snapshot(followup), subject=followup.enterprise
        )
    return followup


def get_followup(actor: User, followup_id: int) -> FollowUp:
    followup = FollowUp.get_or_none(FollowUp.id == followup_id)
    district = followup.enterprise.district_id if followup else None
    return visible_or_not_found(actor, followup, district, f"没有编号为 {followup_id} 的事项")


def checklist(actor: User, **filters) -> list[FollowUp]:
    """Follow-up items the actor can see, by due date (items without a due date last); `filters` are
    checklist_of's (open_only, overdue_only, district_code, owner, today)."""
    query = FollowUp.select(FollowUp, Enterprise, District).join(Enterprise).join(District)
    return list(checklist_of(query, actor, **filters))


def checklist_of(
    query,
    actor: User,
    *,
    open_only: bool = True,
    overdue_only: bool = False,
    district_code: str | None = None,
    owner: User | None = None,
    today: date | None = None,
):
    """The checklist's filters and order applied to a query of follow-ups joined to Enterprise and District."""
    require_active(actor)
    today = today or date.today()
    query = within_districts(query, actor, Enterprise.district)
    if open_only or overdue_only:
        query = query.where(FollowUp.status.in_(OPEN_FOLLOWUP_STATUSES))
    if overdue_only:
        query = query.where(FollowUp.due_on < today)
    if district_code:
        query = query.where(District.code == district_code)
    if owner is not None:
        query = query.where(FollowUp.owner == owner)
    return query.order_by(FollowUp.due_on.is_null(), FollowUp.due_on, FollowUp.id)


def is_overdue(followup: FollowUp, today: date | None = None) -> bool:
    today = today or date.today()
    return (
        followup.status in OPEN_FOLLOWUP_STATUSES and followup.due_on is not None and followup.due_on < today
    )


def get_visit(actor: User, visit_id: int) -> Visit:
    visit = Visit.get_or_none(Visit.id == visit_id)
    district = visit.enterprise.district_id if visit else None
    return visible_or_not_found(actor, visit, district, f"没有编号为 {visit_id} 的走访记录")


def recent(
    actor: User, *, district_code: str | None = None, since: date | None = None, limit: int = 200
) -> list[Visit]:
    """The latest visits the actor can see, newest first, in one query."""
    require_active(actor)
    query = Visit.select(Visit, Enterprise, District).join(Enterprise).join(District)
    query = within_districts(query, actor, Enterprise.district)
    if district_code:
        query = query.where(District.code == district_code)
    if since:
        query = query.where(Visit.visited_on >= since)
    return list(query.order_by(Visit.visited_on.desc(), Visit.id.desc()).limit(limit))


def visits_of(actor: User, enterprise_id: int) -> list[Visit]:
    enterprise = enterprises.get(actor, enterprise_id)
    return list(enterprise.visits.order_by(Visit.visited_on.desc(), Visit.id.desc()))


def followup_dicts(actor: User, today: date | None = None, **filters) -> list[dict]:
    """The checklist (checklist_of's filters) as `followup_dict` gives each item, read as plain tuples: a
    dashboard of thousands of overdue items would spend its time building model instances."""
    today = today or date.today()
    owner = User.alias()
    query = (
        FollowUp.select(FollowUp.id, FollowUp.uuid, Enterprise.uscc, Enterprise.name, District.name,
                        FollowUp.description, owner.login, FollowUp.due_on, FollowUp.status, FollowUp.visit,
                        FollowUp.resolution)
        .join(Enterprise)
        .join(District)
        .switch(FollowUp)
        .join(owner, JOIN.LEFT_OUTER, on=(FollowUp.owner == owner.id))
    )  # fmt: skip
    return [
        {"id": id_, "uuid": uuid, "enterprise": {"uscc": uscc, "name": name}, "district": district,
         "description": description, "owner": login, "due_on": due.isoformat() if due else None,
         "status": status, "status_label": FOLLOWUP_STATUSES[status],
         "overdue": status in OPEN_FOLLOWUP_STATUSES and due is not None and due < today,
         "visit_id": visit_id, "resolution": resolution}
        for id_, uuid, uscc, name, district, description, login, due, status, visit_id, resolution
        in checklist_of(query, actor, today=today, **filters).tuples()
    ]  # fmt: skip


def followup_dict(followup: FollowUp, today: date | None = None) -> dict:
    return {
        "id": followup.id,
        "uuid": followup.uuid,
        "enterprise": {"uscc": followup.enterprise.uscc, "name": followup.enterprise.name},
        "district": followup.enterprise.district.name,
        "description": followup.description,
        "owner": followup.owner.login if followup.owner else None,
        "due_on": followup.due_on.isoformat() if followup.due_on else None,
        "status": followup.status,
        "status_label": FOLLOWUP_STATUSES[followup.status],
        "overdue": is_overdue(followup, today),
        "visit_id": followup.visit_id,
        "resolution": followup.resolution,
    }


IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".tif", ".tiff"}


def attach_file(actor: User, visit_id: int, path) -> Attachment:
    """A photo or a scanned sign-in sheet of a visit, by whoever may write the enterprise's records."""
    visit = get_visit(actor, visit_id)
    enterprise = enterprises.get_for_write(actor, visit.enterprise_id)
    purpose = "visit_photo" if Path(path).suffix.lower() in IMAGE_SUFFIXES else "visit_scan"
    return attachments.attach(actor, path, visit, purpose, subject=enterprise)


def files(actor: User, visit_id: int) -> list[Attachment]:
    return attachments.attachments_of(get_visit(actor, visit_id))


def year_counts(actor: User, year: int, today: date | None = None) -> dict[int, dict[str, int]]:
    """Per district (id), in grouped queries: visits made during `year` and the enterprises they reached;
    follow-up items opened and closed that year, and those overdue at the year's end (at `today` for the
    current year): due before that day and not closed by it."""
    require_active(actor)
    first, last = date(year, 1, 1), date(year, 12, 31)
    cutoff = min(today or date.today(), last)
    counts: dict[int, dict[str, int]] = {}

    def add(query, keys: tuple[str, ...]) -> None:
        for district, *values in within_districts(query, actor, Enterprise.district).tuples():
            counts.setdefault(district, {}).update({k: v or 0 for k, v in zip(keys, values, strict=True)})

    add(
        Visit.select(Enterprise.district, fn.COUNT(Visit.id), fn.COUNT(Visit.enterprise.distinct()))
        .join(Enterprise)
        .where(Visit.visited_on.between(first, last))
        .group_by(Enterprise.district),
        ("visits", "enterprises_visited"),
    )
    opened = (FollowUp.created_at >= datetime(year, 1, 1)) & (FollowUp.created_at < datetime(year + 1, 1, 1))
    overdue = (FollowUp.due_on < cutoff) & (FollowUp.closed_on.is_null() | (FollowUp.closed_on > cutoff))
    add(
        FollowUp.select(
            Enterprise.district,
            count_if(opened),
            count_if(FollowUp.closed_on.between(first, last)),
            count_if(overdue & (FollowUp.created_at < datetime(year + 1, 1, 1))),
        )
        .join(Enterprise)
        .group_by(Enterprise.district),
        ("followups_opened", "followups_closed", "followups_overdue"),
    )
    return counts
