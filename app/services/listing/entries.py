"""The protection list itself: who is on it, re-examination every two years, suspension and removal."""

from __future__ import annotations

import json
from datetime import date, timedelta

from peewee import fn

from app.models import District, Enterprise, ListEntry, Review, User
from app.models.db import count_if, database
from app.models.listing import ACTIVE_ENTRY_STATUSES, ENTRY_STATUSES
from app.services.applications.decisions import require_opinion, review_date_after
from app.services.core import audit
from app.services.core.errors import DomainError, ValidationError
from app.services.core.permissions import require_active, require_city, visible_or_not_found, within_districts
from app.services.listing.entry_rows import criteria_labels

RE_EXAM_OUTCOMES = {"renewed": "复核通过，继续保留", "suspended": "暂停", "removed": "移出名录"}


def entries(
    actor: User, *, include_inactive: bool = False, district_code: str | None = None
) -> list[ListEntry]:
    require_active(actor)
    query = ListEntry.select(ListEntry, Enterprise, District).join(Enterprise).join(District)
    if not include_inactive:
        query = query.where(ListEntry.status.in_(ACTIVE_ENTRY_STATUSES))
    query = within_districts(query, actor, Enterprise.district)
    if district_code:
        query = query.where(District.code == district_code)
    return list(query.order_by(District.sort_order, Enterprise.name_key))


def count_active() -> int:
    """Enterprises on the list city-wide (the target counts all districts, whoever asks)."""
    return ListEntry.select().where(ListEntry.status.in_(ACTIVE_ENTRY_STATUSES)).count()


def reviews_of(entry: ListEntry) -> list[Review]:
    """The entry's re-examinations, oldest first."""
    return list(entry.reviews.order_by(Review.decided_on, Review.id))


def get_entry(actor: User, entry_id: int) -> ListEntry:
    entry = ListEntry.get_or_none(ListEntry.id == entry_id)
    district = entry.enterprise.district_id if entry else None
    return visible_or_not_found(actor, entry, district, f"没有编号为 {entry_id} 的名录记录")


def basis_labels(entry: ListEntry) -> list[str]:
    return list(criteria_labels(entry.basis))


def re_examine(actor: User, entry_id: int, outcome: str, opinion: str, on: date | None = None) -> ListEntry:
    """The two-yearly re-examination, recorded like a first review; renewal sets the next date."""
    require_city(actor)
    if outcome not in RE_EXAM_OUTCOMES:
        raise ValidationError({"outcome": "应为 renewed、suspended 或 removed"}, {"outcome": "复核结论"})
    opinion = require_opinion(opinion, "复核意见")
    on = on or date.today()
    with database.atomic():
        entry = get_entry(actor, entry_id)
        if entry.status == "removed":
            raise DomainError("已移出名录的企业不能复核，如需重新纳入请重新申报")
        before = audit.snapshot(entry)
        entry.status = outcome
        entry.status_reason = "" if outcome == "renewed" else opinion
        if outcome == "renewed":
            entry.next_review_on = review_date_after(on)
        entry.save()
        row = Review.create(kind="re_examination", entry=entry, outcome=outcome, opinion=opinion, decided_on=on,
                            decided_by=actor)  # fmt: skip
        audit.record(actor, f"list.{outcome}", entry, before, audit.snapshot(entry, [row]),
                     subject=entry.enterprise)  # fmt: skip
    return entry


def to_dict(entry: ListEntry) -> dict:
    return {
        "id": entry.id,
        "uuid": entry.uuid,
        "enterprise": {"uscc": entry.enterprise.uscc, "name": entry.enterprise.name},
        "district": entry.enterprise.district.name,
        "listed_on": entry.listed_on.isoformat(),
        "basis": json.loads(entry.basis),
        "basis_labels": basis_labels(entry),
        "status": entry.status,
        "status_label": ENTRY_STATUSES[entry.status],
        "next_review_on": entry.next_review_on.isoformat(),
        "status_reason": entry.status_reason,
    }


def due_for_review(actor: User, within_days: int, today: date | None = None) -> list[ListEntry]:
    today = today or date.today()
    limit = today + timedelta(days=within_days)
    return [e for e in entries(actor) if e.next_review_on <= limit]


def year_counts(actor: User, year: int) -> dict[int, dict[str, int]]:
    """Per district (id): entries on the list at the end of `year` (as they stand now), entries listed during
    the year, and the year's re-examinations by outcome (renewed, suspended, removed). Grouped in SQL."""
    require_active(actor)
    first, last = date(year, 1, 1), date(year, 12, 31)
    counts: dict[int, dict[str, int]] = {}
    listed = (
        ListEntry.select(
            Enterprise.district,
            count_if(ListEntry.status.in_(ACTIVE_ENTRY_STATUSES)),
            count_if(ListEntry.listed_on >= first),
        )
        .join(Enterprise)
        .where(ListEntry.listed_on <= last)
        .group_by(Enterprise.district)
    )
    for district, on_list, new in within_districts(listed, actor, Enterprise.district).tuples():
        counts[district] = {"on_list": on_list or 0, "new": new or 0}
    outcomes = (
        Review.select(Enterprise.district, Review.outcome, fn.COUNT(Review.id))
        .join(ListEntry, on=Review.entry == ListEntry.id)
        .join(Enterprise)
        .where((Review.kind == "re_examination") & Review.decided_on.between(first, last))
        .group_by(Enterprise.district, Review.outcome)
    )
    for district, outcome, n in within_districts(outcomes, actor, Enterprise.district).tuples():
        counts.setdefault(district, {})[outcome] = n
    return counts
