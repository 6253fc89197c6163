"""Case statistics: by type, handling unit, channel and outcome, time to close, listed enterprises served.

Three queries however many cases there are: the cases with their handling unit, the enterprises among their
parties, and which of those enterprises are on the protection list.
`year_counts` is the yearly report's part: grouped in SQL per handling district, so it stays cheap at any size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import mean

from peewee import JOIN, fn

from app.models import Case, CaseParty, District, ListEntry, User
from app.models.cases import CASE_CHANNELS, CASE_OUTCOMES, CASE_TYPES
from app.models.db import count_if
from app.models.listing import ACTIVE_ENTRY_STATUSES
from app.services.core.permissions import require_active, within_districts


def case_statistics(actor: User, year: int | None = None) -> dict:
    """Figures over the cases the actor sees (a district: its own), optionally for the year received."""
    require_active(actor)
    ids = within_districts(Case.select(Case.id), actor, Case.handling_district)
    if year is not None:
        ids = ids.where(Case.year == year)
    query = (
        Case.select(Case.type, Case.channel, Case.outcome, Case.important, Case.received_on, Case.closed_on,
                    District.name.alias("handling"))
        .join(District, JOIN.LEFT_OUTER)
        .where(Case.id.in_(ids))
        .order_by(Case.received_on.desc(), Case.id.desc())  # the order the list shows, for ties in the counts
    )  # fmt: skip
    found = list(query.namedtuples())
    closed = [c for c in found if c.closed_on is not None]
    days = [(c.closed_on - c.received_on).days for c in closed]
    return {
        "total": len(found),
        "open": len(found) - len(closed),
        "closed": len(closed),
        "important": sum(1 for c in found if c.important),
        "by_type": _labelled(Counter(c.type for c in found), CASE_TYPES),
        "by_handling": dict(Counter(c.handling or "市局" for c in found)),
        "by_channel": _labelled(Counter(c.channel for c in found if c.channel), CASE_CHANNELS),
        "by_outcome": _labelled(Counter(c.outcome for c in found if c.outcome), CASE_OUTCOMES),
        "average_days_to_close": round(mean(days), 1) if days else None,
        "listed_enterprises_served": _listed_served(ids),
    }


def _listed_served(ids) -> int:
    """Listed enterprises among the parties of the cases `ids` selects (one query)."""
    parties = CaseParty.select(CaseParty.enterprise).where(
        CaseParty.case.in_(ids) & CaseParty.enterprise.is_null(False)
    )
    return (
        ListEntry.select(ListEntry.enterprise)
        .where(ListEntry.status.in_(ACTIVE_ENTRY_STATUSES) & ListEntry.enterprise.in_(parties))
        .distinct()
        .count()
    )


def _labelled(counts: Counter, labels: dict[str, str]) -> dict[str, int]:
    return {labels.get(key, key): n for key, n in counts.most_common()}


@dataclass(frozen=True)
class YearCounts:
    """The cases received during a year, keyed by handling district id (None: the city bureau itself)."""

    received: dict[int | None, dict[str, int]] = field(default_factory=dict)  # received / closed / important
    by_type: dict[int | None, dict[str, int]] = field(default_factory=dict)  # district → label → cases
    by_channel: dict[int | None, dict[str, int]] = field(default_factory=dict)
    by_outcome: dict[int | None, dict[str, int]] = field(default_factory=dict)
    days_to_close: dict[int | None, list[int]] = field(default_factory=dict)  # calendar days, closed cases


def year_counts(actor: User, year: int) -> YearCounts:
    """The cases received during `year` that the actor sees (a district: the ones it handles)."""
    require_active(actor)
    counts = YearCounts()

    def grouped(*columns):
        query = Case.select(Case.handling_district, *columns).where(Case.year == year)
        return within_districts(query, actor, Case.handling_district)

    totals = grouped(fn.COUNT(Case.id), count_if(Case.closed_on.is_null(False)), count_if(Case.important == True))  # noqa: E712
    for district, n, closed, important in totals.group_by(Case.handling_district).tuples():
        counts.received[district] = {"received": n, "closed": closed or 0, "important": important or 0}
    for target, column, labels in ((counts.by_type, Case.type, CASE_TYPES),
                                   (counts.by_channel, Case.channel, CASE_CHANNELS),
                                   (counts.by_outcome, Case.outcome, CASE_OUTCOMES)):  # fmt: skip
        query = grouped(column, fn.COUNT(Case.id)).where(column != "").group_by(Case.handling_district, column)
        for district, key, n in query.tuples():
            target.setdefault(district, {})[labels.get(key, key)] = n
    closed = grouped(Case.received_on, Case.closed_on).where(Case.closed_on.is_null(False))
    for district, received_on, closed_on in closed.tuples():
        counts.days_to_close.setdefault(district, []).append((closed_on - received_on).days)
    return counts
