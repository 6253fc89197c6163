"""The protection list as plain frozen rows for the 重点企业名录 page: one query however long the list is."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from app.models import District, Enterprise, ListEntry, User
from app.models.listing import ACTIVE_ENTRY_STATUSES, ENTRY_STATUSES
from app.services.applications.form_data import CRITERIA
from app.services.core.permissions import require_active, within_districts


@dataclass(frozen=True)
class EntryRow:
    id: int
    enterprise_id: int
    name: str
    uscc: str
    district: str
    basis: tuple[str, ...]  # the criteria met, as labels
    listed_on: date
    status: str
    status_label: str
    next_review_on: date

    @property
    def active(self) -> bool:
        """On the list now (listed or renewed), as opposed to suspended or removed."""
        return self.status in ACTIVE_ENTRY_STATUSES


def entry_rows(actor: User, *, district_code: str | None = None) -> list[EntryRow]:
    """Every entry the actor sees, suspended and removed ones included, by district and then name."""
    require_active(actor)
    query = (
        ListEntry.select(ListEntry.id, ListEntry.enterprise, Enterprise.name, Enterprise.uscc,
                         District.name.alias("district"), ListEntry.basis, ListEntry.listed_on, ListEntry.status,
                         ListEntry.next_review_on)
        .join(Enterprise)
        .join(District)
    )  # fmt: skip
    query = within_districts(query, actor, Enterprise.district)
    if district_code:
        query = query.where(District.code == district_code)
    return [_row(e) for e in query.order_by(District.sort_order, Enterprise.name_key).namedtuples()]


def criteria_labels(basis: str) -> tuple[str, ...]:
    """An entry's basis (the JSON list of criteria keys it was listed on) as labels."""
    return tuple(CRITERIA[k] for k in json.loads(basis) if k in CRITERIA)


def _row(entry) -> EntryRow:
    return EntryRow(
        id=entry.id,
        enterprise_id=entry.enterprise,
        name=entry.name,
        uscc=entry.uscc,
        district=entry.district,
        basis=criteria_labels(entry.basis),
        listed_on=entry.listed_on,
        status=entry.status,
        status_label=ENTRY_STATUSES.get(entry.status, entry.status),
        next_review_on=entry.next_review_on,
    )
