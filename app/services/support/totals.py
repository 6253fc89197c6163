"""The ledger across enterprises: entries found by year, district and kind, and their totals as plain rows.

Sums are grouped in SQL over whole fen, so they are exact and cost the same for ten entries or ten thousand. A
district officer sees their own district's enterprises; city users see every district.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from peewee import fn

from app.models import District, Enterprise, SupportEntry, User
from app.models.support import SUPPORT_KINDS
from app.services.core import reference
from app.services.core.errors import ValidationError
from app.services.core.permissions import require_active, within_districts
from app.services.support.ledger import kind_of, yuan


@dataclass(frozen=True)
class SupportTotal:
    """Entries and their amount for one year, district and kind."""

    year: int
    district_code: str
    district: str
    kind: str
    entries: int
    enterprises: int
    amount: Decimal  # yuan; entries without an amount add nothing

    @property
    def kind_label(self) -> str:
        return SUPPORT_KINDS[self.kind]


def _year_range(year: int):
    return SupportEntry.granted_on.between(date(year, 1, 1), date(year, 12, 31))


def _filtered(query, actor: User, year: int | None, district: str | None, kind: str | None):
    query = within_districts(query, actor, Enterprise.district)
    if year:
        query = query.where(_year_range(int(year)))
    if district:
        found = reference.match_district(str(district))
        if found is None:
            raise ValidationError({"district": f"未知旗区“{district}”"}, {"district": "旗区"})
        query = query.where(Enterprise.district == found)
    if kind:
        key = kind_of(kind)
        if key is None:
            raise ValidationError({"kind": f"应为{'、'.join(SUPPORT_KINDS.values())}之一"}, {"kind": "扶持类别"})
        query = query.where(SupportEntry.kind == key)
    return query


def entries(actor: User, year: int | None = None, district: str | None = None, kind: str | None = None):
    """The entries the actor sees, newest first, with their enterprise and district loaded."""
    require_active(actor)
    query = SupportEntry.select(SupportEntry, Enterprise, District).join(Enterprise).join(District)
    query = _filtered(query, actor, year, district, kind)
    return list(query.order_by(SupportEntry.granted_on.desc(), SupportEntry.id.desc()))


def totals(actor: User, year: int | None = None, district: str | None = None) -> list[SupportTotal]:
    """One row per year, district and kind that has entries, in year, district and kind order."""
    require_active(actor)
    year_expr = SupportEntry.granted_on.year  # the database's own year extraction (SQLite or PostgreSQL)
    query = (
        SupportEntry.select(year_expr, District.code, District.name, District.sort_order, SupportEntry.kind,
                            fn.COUNT(SupportEntry.id), fn.COUNT(SupportEntry.enterprise.distinct()),
                            fn.SUM(SupportEntry.amount_fen))  # fmt: skip
        .join(Enterprise)
        .join(District)
    )
    query = _filtered(query, actor, year, district, None)
    query = query.group_by(year_expr, District.id, SupportEntry.kind)
    order = list(SUPPORT_KINDS)
    rows = [(int(y), sort, order.index(kind), SupportTotal(int(y), code, name, kind, n, firms, yuan(fen or 0)))
            for y, code, name, sort, kind, n, firms, fen in query.tuples()]  # fmt: skip
    return [row for *_key, row in sorted(rows, key=lambda r: r[:3])]


def year_counts(actor: User, year: int) -> dict[int, dict]:
    """For the yearly report: district id → entries per kind, enterprises supported and the amount (yuan)."""
    require_active(actor)
    query = (
        SupportEntry.select(Enterprise.district, SupportEntry.kind, fn.COUNT(SupportEntry.id),
                            fn.SUM(SupportEntry.amount_fen))  # fmt: skip
        .join(Enterprise)
        .where(_year_range(year))
    )
    query = within_districts(query, actor, Enterprise.district).group_by(Enterprise.district, SupportEntry.kind)
    counts: dict[int, dict] = {}
    for district, kind, n, fen in query.tuples():
        figures = counts.setdefault(district, {"amount": Decimal("0.00")})
        figures[kind] = n
        figures["amount"] += yuan(fen or 0)
    firms = (
        SupportEntry.select(Enterprise.district, fn.COUNT(SupportEntry.enterprise.distinct()))
        .join(Enterprise)
        .where(_year_range(year))
    )
    for district, n in within_districts(firms, actor, Enterprise.district).group_by(Enterprise.district).tuples():
        counts[district]["enterprises"] = n
    return counts


def total_dict(row: SupportTotal) -> dict:
    return {"year": row.year, "district_code": row.district_code, "district": row.district, "kind": row.kind,
            "kind_label": row.kind_label, "entries": row.entries, "enterprises": row.enterprises,
            "amount": str(row.amount), "amount_text": f"{row.amount:,.2f}"}  # fmt: skip
