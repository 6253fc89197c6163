"""The case list as plain frozen rows, read in a fixed number of queries however many cases there are.

One query each for the cases (with their handling unit), their parties, the listed enterprises among those
parties and their stored clocks (app.services.cases.clock_store), whose state on the day is derived from
stored dates; only cases with an open suspension have their clocks computed from their timelines. The cases page, the export and the dashboard all list cases this way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from peewee import JOIN

from app.models import Case, CaseParty, District, ListEntry, User
from app.models.cases import CASE_OUTCOMES, CASE_SOURCES, CASE_TYPES, PARTY_ROLES
from app.models.db import database
from app.models.listing import ACTIVE_ENTRY_STATUSES
from app.services.cases import clock_store
from app.services.cases import rules as case_rules
from app.services.cases.rules import Clock
from app.services.cases.workdays import Calendar
from app.services.core.permissions import require_active, within_districts


class PartyRow(NamedTuple):  # a tuple: ten thousand of them are made per list
    name: str
    role: str
    role_label: str
    key_enterprise: bool  # on the protection list now


@dataclass(frozen=True)
class CaseRow:
    id: int
    number: str
    type: str
    type_label: str
    source_label: str
    handling: str  # the district's name, or 市局
    parties: tuple[PartyRow, ...]
    important: bool
    important_note: str
    status: str
    status_label: str
    received_on: date
    closed_on: date | None
    outcome_label: str
    clocks: tuple[Clock, ...]

    @property
    def nearest(self) -> Clock | None:
        """The open clock the list shows: the overdue one first, else the one due first."""
        return case_rules.nearest_open(self.clocks)

    @property
    def overdue(self) -> bool:
        return any(c.state == "overdue" for c in self.clocks)


def _visible(actor: User, query, case_type: str | None, closed: bool | None):
    query = within_districts(query, actor, Case.handling_district)
    if case_type:
        query = query.where(Case.type == case_type)
    if closed is not None:
        query = query.where(Case.closed_on.is_null(not closed))
    return query


def case_rows(
    actor: User,
    *,
    case_type: str | None = None,
    closed: bool | None = None,
    overdue_only: bool = False,
    today: date | None = None,
) -> list[CaseRow]:
    """The cases the actor sees (a district: the ones it handles), newest first.

    `closed` True/False keeps only closed/open cases; `overdue_only` those with an overdue clock.
    """
    require_active(actor)
    today = today or date.today()
    ids = _visible(actor, Case.select(Case.id), case_type, closed)
    calendar = Calendar()
    clocks = clock_store.stored_clocks(ids, today, calendar)
    parties = _parties(ids)
    rows = []
    query = _visible(actor, _columns(), case_type, closed).order_by(Case.received_on.desc(), Case.id.desc())
    days: dict = {None: None}
    for case_id, number, type_, source, handling, important, note, status, received, closed_on, outcome in _raw(
        query
    ):
        found = clocks.get(case_id, ())
        if overdue_only and not any(c.state == "overdue" for c in found):
            continue
        received = days[received] if received in days else days.setdefault(received, date.fromisoformat(received[:10]))
        if closed_on not in days:
            days[closed_on] = date.fromisoformat(closed_on[:10])
        rows.append(CaseRow(
            case_id, number, type_, CASE_TYPES[type_], CASE_SOURCES.get(source, source), handling or "市局",
            tuple(parties.get(case_id, ())), bool(important), note, status, case_rules.STATUS_LABELS[status],
            received, days[closed_on], CASE_OUTCOMES.get(outcome, ""), found,
        ))  # fmt: skip
    return rows


def _columns():
    return Case.select(
        Case.id, Case.number, Case.type, Case.source, District.name.alias("handling"), Case.important,
        Case.important_note, Case.status, Case.received_on, Case.closed_on, Case.outcome,
    ).join(District, JOIN.LEFT_OUTER)  # fmt: skip


def _parties(ids) -> dict[int, list[PartyRow]]:
    """Every listed case's parties in the order they were entered, with whether each is on the list now."""
    party_enterprises = CaseParty.select(CaseParty.enterprise).where(
        CaseParty.case.in_(ids) & CaseParty.enterprise.is_null(False)
    )
    listed = {
        enterprise_id
        for (enterprise_id,) in ListEntry.select(ListEntry.enterprise)
        .where(ListEntry.status.in_(ACTIVE_ENTRY_STATUSES) & ListEntry.enterprise.in_(party_enterprises))
        .tuples()
    }
    found: dict[int, list[PartyRow]] = defaultdict(list)
    query = (
        CaseParty.select(CaseParty.case, CaseParty.name, CaseParty.role, CaseParty.enterprise)
        .where(CaseParty.case.in_(ids))
        .order_by(CaseParty.id)
    )
    for case_id, name, role, enterprise_id in _raw(query):
        found[case_id].append(PartyRow(name, role, PARTY_ROLES[role], enterprise_id in listed))
    return found


def _raw(query) -> list[tuple]:
    """Straight from the cursor: peewee's per-value conversion costs more than the query at 10,000 rows."""
    return database.execute(query).fetchall()
