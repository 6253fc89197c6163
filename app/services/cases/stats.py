"""Case statistics: by type, handling unit, channel and outcome, time to close, listed enterprises served."""

from __future__ import annotations

from collections import Counter
from statistics import mean

from app.models import User
from app.models.cases import CASE_CHANNELS, CASE_OUTCOMES, CASE_TYPES
from app.services.cases import handling as cases


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
