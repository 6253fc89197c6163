"""Case statistics: by type, handling unit, channel and outcome, time to close, listed enterprises served.

Three queries however many cases there are: the cases with their handling unit, the enterprises among their
parties, and which of those enterprises are on the protection list.
"""

from __future__ import annotations

from collections import Counter
from statistics import mean

from peewee import JOIN

from app.models import Case, CaseParty, District, ListEntry, User
from app.models.cases import CASE_CHANNELS, CASE_OUTCOMES, CASE_TYPES
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
