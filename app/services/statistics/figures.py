"""The yearly figures, per district and in total, gathered from each domain's own grouped counts.

Every domain answers with a handful of rows per district (its queries group in SQL), so the report costs the
same with 40 enterprises or 100,000. A district officer sees their own district only; a city user sees every
district plus the city bureau's own work (市局), or one district when they choose it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from statistics import mean, median

from app.models import District, User
from app.services.applications import forms as applications
from app.services.cases import stats as case_stats
from app.services.core import reference
from app.services.core.errors import PermissionDenied, ValidationError
from app.services.core.permissions import can_read_district, require_active, visible_district_ids
from app.services.enterprises import search as register
from app.services.liaison import events, experts, visits
from app.services.listing import entries as protection_list
from app.services.publicity import items as publicity
from app.services.questionnaires import catalogue as questionnaires
from app.services.statistics.sections import (
    AVERAGES,
    BREAKDOWNS,
    CITY_CODE,
    CITY_NAME,
    MONEY,
    NOTES,
    SECTIONS,
    TOTAL_NAME,
    Section,
)
from app.services.support import totals as support

FIRST_YEAR, LAST_YEAR = 2000, 2100

Counts = dict[int | None, dict[str, int]]


def district_label(district: District) -> str:
    """The district's name, or its short name when the full one would crowd a table (the High-Tech Zone)."""
    return district.name if len(district.name) <= 6 else district.short_name


def yearly(actor: User, year: int, district_code: str | None = None, today: date | None = None) -> dict:
    """Every figure of the report for `year`; `district_code` narrows a city user's view to one district."""
    require_active(actor)
    year = int(year)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError({"year": f"应在 {FIRST_YEAR}–{LAST_YEAR} 之间"}, {"year": "统计年度"})
    today = today or date.today()
    districts, city = _scope(actor, district_code)
    gathered = _Gathered(actor, year, today)
    keys = [d.id for d in districts] + ([None] if city else [])
    return {
        "year": year,
        "as_of": today.isoformat(),
        "scope": districts[0].name if district_code or not city else "全市",
        "district": district_code,
        "sections": [_section(s, gathered, districts, city and s.city_row) for s in SECTIONS],
        "breakdowns": [
            {"key": key, "title": title, "counts": _summed(gathered.breakdowns[key], keys)}
            for key, title in BREAKDOWNS
        ],
        "notes": list(NOTES),
    }


def section(figures: dict, key: str) -> dict:
    """One section of `yearly`'s answer by its key."""
    return next(s for s in figures["sections"] if s["key"] == key)


def _scope(actor: User, district_code: str | None) -> tuple[list[District], bool]:
    """The districts shown, and whether the city bureau's own row is shown too."""
    allowed = visible_district_ids(actor)
    if district_code:
        district = reference.district_by_code(district_code)
        if district is None:
            raise ValidationError({"district": f"未知旗区代码“{district_code}”"}, {"district": "旗区"})
        if not can_read_district(actor, district):
            raise PermissionDenied("只能查看本旗区的统计")
        return [district], False
    shown = [d for d in reference.districts() if allowed is None or d.id in allowed]
    if not shown:
        raise PermissionDenied("账号未归属任何旗区，无法查看统计")
    return shown, allowed is None


class _Gathered:
    """Each domain's grouped counts for the year: per section and per breakdown, {district id: figures}."""

    def __init__(self, actor: User, year: int, today: date):
        cases = case_stats.year_counts(actor, year)
        statuses = applications.status_counts(actor, applications.round_for(year, create=False))
        for figures in statuses.values():
            figures["total"] = sum(figures.values())
        answered = questionnaires.answered_counts(actor, year)
        self.sections: dict[str, Counts] = {
            "enterprises": _merged(
                register.register_counts(actor, year), protection_list.year_counts(actor, year)
            ),
            "applications": statuses,
            "liaison": _merged(
                visits.year_counts(actor, year, today),
                {d: {"responses": sum(titles.values())} for d, titles in answered.items()},
            ),
            "events": _merged(events.year_counts(actor, year), experts.consultation_counts(actor, year)),
            "cases": {d: {**f, "open": f["received"] - f["closed"]} for d, f in cases.received.items()},
            "support": support.year_counts(actor, year),
            "publicity": publicity.year_counts(actor, year),
        }
        self.breakdowns: dict[str, Counts] = {
            "case_types": cases.by_type,
            "case_channels": cases.by_channel,
            "case_outcomes": cases.by_outcome,
            "questionnaire_titles": answered,
        }
        self.days_to_close = cases.days_to_close


def _merged(*parts: Counts) -> Counts:
    merged: Counts = {}
    for part in parts:
        for district, figures in part.items():
            merged.setdefault(district, {}).update(figures)
    return merged


def _summed(counts: Counts, keys: list[int | None]) -> dict[str, int]:
    total: Counter = Counter()
    for key in keys:
        total.update(counts.get(key, {}))
    return dict(total.most_common())


def _section(spec: Section, gathered: _Gathered, districts: list[District], city_row: bool) -> dict:
    counts = gathered.sections[spec.key]
    rows = [(d.code, district_label(d), d.id) for d in districts]
    rows += [(CITY_CODE, CITY_NAME, None)] if city_row else []
    days_of = gathered.days_to_close
    out = [{"code": code, "name": name, **_values(spec, counts.get(key, {}), days_of.get(key, []))}
           for code, name, key in rows]  # fmt: skip
    days = [n for _code, _name, key in rows for n in days_of.get(key, [])]
    total = {"name": TOTAL_NAME, **_values(spec, _summed(counts, [key for *_, key in rows]), days)}
    return {
        "key": spec.key,
        "title": spec.title,
        "columns": [{"key": key, "label": label} for key, label in spec.columns],
        "rows": out,
        "total": total,
    }


def _values(spec: Section, figures: dict[str, int], days: list[int]) -> dict:
    values = {key: figures.get(key, Decimal("0.00") if key in MONEY else 0)
              for key, _label in spec.columns if key not in AVERAGES}  # fmt: skip
    if any(key in AVERAGES for key, _label in spec.columns):
        values["mean_days"] = round(float(mean(days)), 1) if days else None
        values["median_days"] = round(float(median(days)), 1) if days else None
    return values
