"""Exporting the register to the same columns the importer reads, so export → import changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

from app.models import Contact, District, Enterprise, Honor, IPHolding, User
from app.models.enterprises import ENTERPRISE_KINDS, ENTERPRISE_SIZES, HOLDING_COUNTS
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.enterprises.sheet_columns import AMOUNT, COUNT, DATE, ENTERPRISE_COLUMNS
from app.services.io.xlsx_writer import TableColumn, write_table

SHEET_TITLE = "企业信息"
_FORMATS = {DATE: "yyyy-mm-dd", AMOUNT: "0.00", COUNT: "0"}


def table_columns() -> list[TableColumn]:
    return [TableColumn(c.header, c.width, c.required, _FORMATS.get(c.kind)) for c in ENTERPRISE_COLUMNS]


def export_enterprises(
    actor: User,
    path: Path | str,
    query: EnterpriseQuery | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the enterprises the actor sees (optionally filtered) with their latest IP counts; returns rows."""
    ids = search_ids(actor, query or EnterpriseQuery())
    return write_table(path, SHEET_TITLE, table_columns(), _rows(ids), total=len(ids), progress=progress,
                       cancelled=cancelled)  # fmt: skip


def _rows(ids: list[int]) -> Iterator[list]:
    this_year = date.today().year
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        enterprises = {
            e.id: e
            for e in Enterprise.select(Enterprise, District).join(District).where(Enterprise.id.in_(chunk))
        }
        latest: dict[int, IPHolding] = {}
        for h in IPHolding.select().where(IPHolding.enterprise.in_(chunk)).order_by(IPHolding.year):
            latest[h.enterprise_id] = h
        contacts: dict[int, Contact] = {}
        for c in (
            Contact.select()
            .where(Contact.enterprise.in_(chunk))
            .order_by(Contact.is_primary, Contact.id.desc())
        ):
            contacts[c.enterprise_id] = c  # primary last, so it wins
        levels: dict[int, set] = {}
        for eid, level in (
            Honor.select(Honor.enterprise, Honor.level).where(Honor.enterprise.in_(chunk)).tuples()
        ):
            levels.setdefault(eid, set()).add(level)
        for ent_id in chunk:
            e = enterprises[ent_id]
            yield _row(e, latest.get(ent_id), contacts.get(ent_id), levels.get(ent_id, set()), this_year)


def _row(
    e: Enterprise, holding: IPHolding | None, contact: Contact | None, levels: set, this_year: int
) -> list:
    values = {
        "uscc": e.uscc,
        "name": e.name,
        "kind": ENTERPRISE_KINDS.get(e.kind, e.kind),
        "district": e.district.name,
        "registered_address": e.registered_address,
        "operating_address": e.operating_address,
        "legal_representative": e.legal_representative,
        "founded_on": e.founded_on,
        "registered_capital": float(e.registered_capital) if e.registered_capital is not None else None,
        "industry_section": e.industry_section,
        "industry_division": e.industry_division,
        "size": ENTERPRISE_SIZES.get(e.size, ""),
        "main_products": e.main_products,
        "revenue": float(e.revenue) if e.revenue is not None else None,
        "rd_spend": float(e.rd_spend) if e.rd_spend is not None else None,
        "contact_name": contact.name if contact else "",
        "contact_phone": contact.phone if contact else "",
        "contact_mobile": contact.mobile if contact else "",
        "contact_email": contact.email if contact else "",
        "holding_year": holding.year if holding else None,
        "national_title": "是" if "national" in levels else "否",
        "regional_title": "是" if "regional" in levels else "否",
        "applied_regional": "是" if e.applied_regional_year == this_year else "否",
    }
    for key in HOLDING_COUNTS:
        values[key] = getattr(holding, key) if holding else None
    return [values.get(c.key) for c in ENTERPRISE_COLUMNS]
