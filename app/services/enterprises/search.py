"""Searching the register: filters, sorting, and row fetching for a lazy table.

The register asks for matching ids first (cheap even at 100,000 rows) and fetches the visible rows by id.
Name search uses the folded `name_key`; a query that looks like a USCC matches code prefixes by index range.
Search text is capped at `MAX_SEARCH_LENGTH` characters: no name is longer, and SQLite refuses long patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from peewee import JOIN, fn

from app.models import District, Enterprise, IPHolding, User
from app.models.db import database
from app.models.enterprises import ENTERPRISE_KINDS
from app.services.core.errors import ValidationError
from app.services.core.permissions import require_active, within_districts
from app.services.core.validation import USCC_ALPHABET, normalise_uscc
from app.text import name_key

SORT_KEYS = {
    "name": Enterprise.name_key,
    "uscc": Enterprise.uscc,
    "district": District.sort_order,
    "kind": Enterprise.kind,
    "industry": Enterprise.industry_section,
    "updated_at": Enterprise.updated_at,
}
MAX_SEARCH_LENGTH = 200
_USCC_LIKE = re.compile(f"^[{USCC_ALPHABET}]{{2,18}}$")


@dataclass
class EnterpriseQuery:
    text: str = ""
    district_code: str | None = None
    kind: str | None = None
    industry_section: str | None = None
    include_archived: bool = False
    sort: str = "name"
    descending: bool = False


def _looks_like_uscc(text: str) -> bool:
    # Names rarely are all code characters with digits among them; codes always are.
    return bool(_USCC_LIKE.match(text)) and any(ch.isdigit() for ch in text)


def search_text(text: str) -> str:
    """The search text, trimmed; refused when longer than any name (SQLite fails on patterns of 50,000 bytes)."""
    text = (text or "").strip()
    if len(text) > MAX_SEARCH_LENGTH:
        raise ValidationError(
            {"text": f"不能超过 {MAX_SEARCH_LENGTH} 个字（实际 {len(text)} 个字）"}, {"text": "查找内容"}
        )
    return text


def _filtered(actor: User, query: EnterpriseQuery):
    require_active(actor)
    text = search_text(query.text)
    select = Enterprise.select(Enterprise.id)
    if query.district_code or query.sort == "district":
        select = select.join(District)  # only when needed: the join doubles the cost of a full listing
    select = within_districts(select, actor, Enterprise.district)
    if not query.include_archived:
        select = select.where(Enterprise.archived == False)  # noqa: E712 (peewee expression)
    if query.district_code:
        select = select.where(District.code == query.district_code)
    if query.kind:
        select = select.where(Enterprise.kind == query.kind)
    if query.industry_section:
        select = select.where(Enterprise.industry_section == query.industry_section)
    if text:
        code = normalise_uscc(text)
        if _looks_like_uscc(code):
            # A range, not LIKE: it uses the unique index on every backend.
            by_code = (Enterprise.uscc >= code) & (Enterprise.uscc < code + "~")
            select = select.where(by_code | Enterprise.name_key.contains(name_key(text)))
        else:
            select = select.where(Enterprise.name_key.contains(name_key(text)))
    return select


def search_ids(actor: User, query: EnterpriseQuery) -> list[int]:
    """Ids of the enterprises the actor may see that match, in display order."""
    key = SORT_KEYS.get(query.sort, Enterprise.name_key)
    order = [key.desc() if query.descending else key.asc(), Enterprise.id]
    # Straight from the cursor: model or tuple wrappers cost more than the query itself at 100,000 rows.
    cursor = database.execute(_filtered(actor, query).order_by(*order))
    return [row[0] for row in cursor.fetchall()]


def count(actor: User, query: EnterpriseQuery) -> int:
    return _filtered(actor, query).count()


@dataclass
class RegisterRow:
    id: int
    name: str
    uscc: str
    district: str
    kind: str
    industry: str
    legal_representative: str
    invention_patents: int | None
    trademarks: int | None
    archived: bool
    district_id: int


def fetch_rows(ids: list[int]) -> dict[int, RegisterRow]:
    """The register's columns for some ids (already filtered by `search_ids`), with the latest IP holdings."""
    if not ids:
        return {}
    latest = (
        IPHolding.select(IPHolding.enterprise, IPHolding.invention_patents, IPHolding.trademarks_domestic)
        .where(IPHolding.enterprise.in_(ids))
        .order_by(IPHolding.year)
        .tuples()
    )
    holdings = {ent_id: (inv, tm) for ent_id, inv, tm in latest}  # later years overwrite earlier
    rows = (
        Enterprise.select(
            Enterprise.id,
            Enterprise.name,
            Enterprise.uscc,
            District.name,
            Enterprise.kind,
            Enterprise.industry_section,
            Enterprise.industry_division,
            Enterprise.legal_representative,
            Enterprise.archived,
            Enterprise.district,
        )
        .join(District, JOIN.INNER)
        .where(Enterprise.id.in_(ids))
        .tuples()
    )
    result = {}
    for ent_id, name, uscc, district, kind, section, division, legal, archived, district_id in rows:
        inv, tm = holdings.get(ent_id, (None, None))
        result[ent_id] = RegisterRow(
            ent_id,
            name,
            uscc,
            district,
            ENTERPRISE_KINDS.get(kind, kind),
            f"{section}{division}" if section else "",
            legal,
            inv,
            tm,
            bool(archived),
            district_id,
        )
    return result


def register_counts(actor: User, year: int) -> dict[int, dict[str, int]]:
    """Per district (id): enterprises in the register at the end of `year` that are not archived, and how many
    of them were added that year. One grouped query: the same cost at 100,000 enterprises."""
    require_active(actor)
    start, end = datetime(year, 1, 1), datetime(year + 1, 1, 1)
    query = (
        Enterprise.select(Enterprise.district, fn.COUNT(Enterprise.id), fn.SUM(Enterprise.created_at >= start))
        .where(~Enterprise.archived & (Enterprise.created_at < end))
        .group_by(Enterprise.district)
    )
    query = within_districts(query, actor, Enterprise.district)
    return {district: {"register": n, "added": added or 0} for district, n, added in query.tuples()}
