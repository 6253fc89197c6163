"""Visits and follow-up items as plain frozen rows for the liaison pages, each list read in one query.

The follow-up count of a visit, the visit date and owner of a follow-up and the enterprise's district come
with the rows (a join or a subquery), so a list of any length costs the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from peewee import JOIN, fn

from app.models import District, Enterprise, FollowUp, LiaisonAssignment, User, Visit
from app.models.liaison import FOLLOWUP_STATUSES, OPEN_FOLLOWUP_STATUSES, VISIT_KINDS
from app.services.core.permissions import can_work_in, require_active, within_districts
from app.services.enterprises import register as enterprises
from app.services.liaison import visits


@dataclass(frozen=True)
class VisitRow:
    id: int
    enterprise_id: int
    visited_on: date
    enterprise: str
    district: str
    kind_label: str
    officers: str
    people_met: str
    followups: int  # items raised at the visit
    topics: str


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    enterprise_id: int
    enterprise: str
    district: str
    visit_id: int | None
    visited_on: date | None  # None: registered on its own, not at a visit
    description: str
    owner: str  # display name, "" when nobody owns it
    due_on: date | None
    status: str
    status_label: str
    resolution: str
    days_overdue: int  # > 0 only for an open item past its due date
    may_update: bool  # the actor may move it along (visits.followup_statuses is not empty)

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def visit_rows(
    actor: User, *, enterprise_id: int | None = None, mine: bool = False, work: bool = False,
    limit: int | None = None,
) -> list[VisitRow]:
    """Visits the actor sees, newest first: of one enterprise, of the enterprises the actor is liaison for
    (`mine`), the actor's own work (`work`: visits they recorded, those of their district and of the
    enterprises they are liaison for), or all; at most `limit`."""
    require_active(actor)
    raised = FollowUp.select(fn.COUNT(FollowUp.id)).where(FollowUp.visit == Visit.id)
    query = (
        Visit.select(Visit.id, Visit.enterprise, Visit.visited_on, Enterprise.name.alias("enterprise_name"),
                     District.name.alias("district"), Visit.kind, Visit.officers, Visit.people_met,
                     raised.alias("followups"), Visit.topics)
        .join(Enterprise)
        .join(District)
    )  # fmt: skip
    if enterprise_id is not None:
        enterprises.get(actor, enterprise_id)  # NotFound for an enterprise the actor may not see
        query = query.where(Visit.enterprise == enterprise_id)
    else:
        query = within_districts(query, actor, Enterprise.district)
    current = LiaisonAssignment.select(LiaisonAssignment.enterprise).where(
        (LiaisonAssignment.officer == actor) & LiaisonAssignment.end_on.is_null()
    )
    if mine:
        query = query.where(Visit.enterprise.in_(current))
    if work:
        own = (Visit.recorded_by == actor) | Visit.enterprise.in_(current)
        if actor.district_id is not None:
            own |= Enterprise.district == actor.district_id
        query = query.where(own)
    query = query.order_by(Visit.visited_on.desc(), Visit.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [
        VisitRow(v.id, v.enterprise, v.visited_on, v.enterprise_name, v.district, VISIT_KINDS.get(v.kind, v.kind),
                 v.officers, v.people_met, v.followups, v.topics)
        for v in query.namedtuples()
    ]  # fmt: skip


def followup_rows(actor: User, **filters) -> list[FollowUpRow]:
    """The checklist: follow-up items the actor sees, by due date (items without one last); `filters` are
    visits.checklist_of's (open_only, overdue_only, district_code, owner, today)."""
    today = filters.get("today") or date.today()
    query = (
        FollowUp.select(FollowUp.id, FollowUp.enterprise, Enterprise.name.alias("enterprise_name"),
                        Enterprise.district.alias("district_id"), District.name.alias("district"), FollowUp.visit,
                        Visit.visited_on, FollowUp.description, User.display_name.alias("owner_name"),
                        FollowUp.due_on, FollowUp.status, FollowUp.resolution)
        .join(Enterprise)
        .join(District)
        .switch(FollowUp)
        .join(Visit, JOIN.LEFT_OUTER)
        .switch(FollowUp)
        .join(User, JOIN.LEFT_OUTER, on=FollowUp.owner == User.id)
    )  # fmt: skip
    query = visits.checklist_of(query, actor, **{**filters, "today": today})
    return [_followup(f, actor, today) for f in query.namedtuples()]


def _followup(f, actor: User, today: date) -> FollowUpRow:
    late = f.status in OPEN_FOLLOWUP_STATUSES and f.due_on is not None and f.due_on < today
    return FollowUpRow(
        id=f.id, enterprise_id=f.enterprise, enterprise=f.enterprise_name, district=f.district, visit_id=f.visit,
        visited_on=f.visited_on, description=f.description, owner=f.owner_name or "", due_on=f.due_on,
        status=f.status, status_label=FOLLOWUP_STATUSES[f.status], resolution=f.resolution,
        days_overdue=(today - f.due_on).days if late else 0, may_update=can_work_in(actor, f.district_id),
    )  # fmt: skip
