"""The case list as plain frozen rows, read in a fixed number of queries however many cases there are.

One query each for the cases (with their handling unit), their parties, the listed enterprises among those
parties and their stored clocks (app.services.cases.clock_store), whose state on the day is derived from
stored dates; only cases with an open suspension have their clocks computed from their timelines. The cases page, the export and the dashboard all list cases this way.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import NamedTuple

from peewee import JOIN

from app.models import Case, CaseParty, District, ListEntry, User
from app.models.cases import CASE_OUTCOMES, CASE_SOURCES, CASE_TYPES, PARTY_ROLES
from app.models.listing import ACTIVE_ENTRY_STATUSES
from app.services.cases import clock_store
from app.services.cases import rules as case_rules
from app.services.cases.rules import Clock
from app.services.cases.workdays import Calendar
from app.services.core.permissions import require_active, visible_district_ids, within_districts


class PartyRow(NamedTuple):  # a tuple: ten thousand of them are made per list
    name: str
    role: str
    role_label: str
    key_enterprise: bool  # on the protection list now


class CaseRow(NamedTuple):  # a tuple too: a frozen dataclass costs several times more to make, per row
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


def _unfiltered(actor: User, case_type: str | None, closed: bool | None) -> bool:
    """Whether the list holds every case: its reads then need no `IN (SELECT id FROM case)`."""
    return not case_type and closed is None and visible_district_ids(actor) is None


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
    ids = None if _unfiltered(actor, case_type, closed) else _visible(actor, Case.select(Case.id), case_type, closed)
    allowed = visible_district_ids(actor)
    shape = (None if allowed is None else tuple(sorted(allowed)), case_type, closed)  # decides every statement
    calendar = Calendar()
    clocks = clock_store.stored_clocks(ids, today, calendar)
    parties = _parties(ids, shape)
    rows = []
    cases = clock_store.fetch(
        lambda: _visible(actor, _columns(), case_type, closed).order_by(Case.received_on.desc(), Case.id.desc()),
        ("cases", *shape),
    )
    days = clock_store.Days()
    make = CaseRow._make  # tuple.__new__ itself: a tenth of the list's time goes into making its rows
    for case_id, number, type_, source, handling, important, note, status, received, closed_on, outcome in cases:
        found = clocks.get(case_id, ())
        if overdue_only and not any(c.state == "overdue" for c in found):
            continue
        rows.append(make((
            case_id, number, type_, CASE_TYPES[type_], CASE_SOURCES.get(source, source), handling or "市局",
            tuple(parties.get(case_id, ())), bool(important), note, status, case_rules.STATUS_LABELS[status],
            days[received], days[closed_on], CASE_OUTCOMES.get(outcome, ""), found,
        )))  # fmt: skip
    return rows


def _columns():
    return Case.select(
        Case.id, Case.number, Case.type, Case.source, District.name.alias("handling"), Case.important,
        Case.important_note, Case.status, Case.received_on, Case.closed_on, Case.outcome,
    ).join(District, JOIN.LEFT_OUTER)  # fmt: skip


def _parties(ids, shape: tuple) -> dict[int, list[PartyRow]]:
    """Every listed case's parties in the order they were entered, with whether each is on the list now
    (`ids`: a query selecting the cases, None: every case)."""

    def query():
        listed = ListEntry.select(ListEntry.enterprise).where(ListEntry.status.in_(ACTIVE_ENTRY_STATUSES))
        select = CaseParty.select(CaseParty.case, CaseParty.name, CaseParty.role, CaseParty.enterprise.in_(listed))
        return (select if ids is None else select.where(CaseParty.case.in_(ids))).order_by(CaseParty.id)

    found: dict[int, list[PartyRow]] = defaultdict(list)
    make = PartyRow._make
    for case_id, name, role, key_enterprise in clock_store.fetch(query, ("parties", *shape)):
        found[case_id].append(make((name, role, PARTY_ROLES[role], bool(key_enterprise))))
    return found
