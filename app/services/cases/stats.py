"""Case statistics: by type, handling unit, channel and outcome, time to close, listed enterprises served.

`year_counts` is the yearly report's part: grouped in SQL per handling district, so it stays cheap at any size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from statistics import mean

from peewee import fn

from app.models import Case, User
from app.models.cases import CASE_CHANNELS, CASE_OUTCOMES, CASE_TYPES
from app.services.cases import handling as cases
from app.services.core.permissions import require_active, within_districts


def case_statistics(actor: User, year: int | None = None) -> dict:
    """Figures over the cases the actor sees (a district: its own), optionally for the year received."""
    found = [c for c in cases.list_cases(actor) if year is None or c.year == year]
    closed = [c for c in found if c.closed_on is not None]
    served = {p.enterprise_id for c in found for p in c.parties if cases.is_listed(p.enterprise)}
    days = [(c.closed_on - c.received_on).days for c in closed]
    return {
        "total": len(found),
        "open": len(found) - len(closed),
        "closed": len(closed),
        "important": sum(1 for c in found if c.important),
        "by_type": _labelled(Counter(c.type for c in found), CASE_TYPES),
        "by_handling": dict(
            Counter(c.handling_district.name if c.handling_district_id else "市局" for c in found)
        ),
        "by_channel": _labelled(Counter(c.channel for c in found if c.channel), CASE_CHANNELS),
        "by_outcome": _labelled(Counter(c.outcome for c in found if c.outcome), CASE_OUTCOMES),
        "average_days_to_close": round(mean(days), 1) if days else None,
        "listed_enterprises_served": len(served),
    }


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

    totals = grouped(fn.COUNT(Case.id), fn.SUM(Case.closed_on.is_null(False)), fn.SUM(Case.important))
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
