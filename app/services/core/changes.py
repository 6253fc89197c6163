"""What an operation changed, as one typed change-set (the shape of Anki's OpChanges).

Every service write goes through the audit trail, so the audit trail is what tells: while a `collecting()` block
is open, app.services.core.audit hands each audited record to `note()`, and the block's collector turns the tables
written into a `Changes`. A screen tests the kinds it shows (`changes.listing`), so a misspelt kind is an
AttributeError instead of a screen that silently stays stale. `TABLE_KINDS` is the one mapping of tables to kinds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields

from peewee import Model


@dataclass(frozen=True, slots=True)
class Changes:
    """Which kinds of records one operation wrote; falsy when it wrote nothing."""

    enterprises: bool = False  # the enterprise and its own records (contacts, holdings, honours)
    attachments: bool = False
    rounds: bool = False
    applications: bool = False
    listing: bool = False  # list entries, their re-examinations, publications
    assignments: bool = False  # 专人联络
    visits: bool = False
    followups: bool = False
    events: bool = False
    experts: bool = False
    consultations: bool = False
    questionnaires: bool = False
    responses: bool = False
    cases: bool = False
    calendar: bool = False  # working days, which move the case clocks
    settings: bool = False
    accounts: bool = False
    reference: bool = False
    exchange: bool = False  # peers, packages sent and received, conflicts
    plans: bool = False  # responsibilities, work plans, their projects and tasks
    support: bool = False  # the support ledger (扶持台账)
    publicity: bool = False  # publicity items and the enterprises they feature
    enforcement: bool = False  # partner agencies, agreements, joint actions, information sharing
    fairs: bool = False  # trade fairs attended and customs recordals

    @classmethod
    def of(cls, *kinds: str) -> Changes:
        """Changes with the named kinds set; an unknown name is a TypeError."""
        return cls(**dict.fromkeys(kinds, True))

    @classmethod
    def everything(cls) -> Changes:
        return cls.of(*KINDS)

    @classmethod
    def of_tables(cls, tables: Iterable[str]) -> Changes:
        """Changes from the names of the tables written; an unmapped table is a KeyError."""
        return cls.of(*{TABLE_KINDS[table] for table in tables})

    def kinds(self) -> frozenset[str]:
        return frozenset(name for name in KINDS if getattr(self, name))

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name in KINDS)

    def __or__(self, other: Changes) -> Changes:
        return Changes.of(*(self.kinds() | other.kinds()))


KINDS: tuple[str, ...] = tuple(f.name for f in fields(Changes))

# Every table the services write, by the kind of change a screen sees. audit_log is the trail itself.
TABLE_KINDS: dict[str, str] = {
    "enterprise": "enterprises",
    "contact": "enterprises",
    "ip_holding": "enterprises",
    "honor": "enterprises",
    "attachment": "attachments",
    "round": "rounds",
    "application": "applications",
    "list_entry": "listing",
    "review": "listing",
    "publication": "listing",
    "liaison_assignment": "assignments",
    "visit": "visits",
    "follow_up": "followups",
    "event": "events",
    "event_attendance": "events",
    "expert": "experts",
    "consultation": "consultations",
    "questionnaire": "questionnaires",
    "question": "questionnaires",
    "response": "responses",
    "case": "cases",
    "case_party": "cases",
    "case_right": "cases",
    "case_event": "cases",
    "city_report": "cases",
    "case_clock_state": "cases",  # stored case clocks, derived from the timelines
    "case_clock": "cases",
    "case_clock_basis": "cases",
    "calendar_day": "calendar",
    "setting": "settings",
    "user": "accounts",
    "district": "reference",
    "exchange_key": "exchange",
    "exchange_peer": "exchange",
    "exchange_change": "exchange",
    "exchange_version": "exchange",
    "exchange_conflict": "exchange",
    "exchange_state": "exchange",
    "responsibility": "plans",
    "work_plan": "plans",
    "plan_project": "plans",
    "plan_task": "plans",
    "support_entry": "support",
    "publicity_item": "publicity",
    "publicity_feature": "publicity",
    "partner_agency": "enforcement",
    "cooperation_agreement": "enforcement",
    "agreement_party": "enforcement",
    "joint_action": "enforcement",
    "action_partner": "enforcement",
    "action_enterprise": "enforcement",
    "action_case": "enforcement",
    "share_record": "enforcement",
    "trade_fair": "fairs",
    "customs_recordal": "fairs",
}
assert set(TABLE_KINDS.values()) <= set(KINDS), "TABLE_KINDS names a kind Changes does not have"


class Collector:
    """The tables written while its `collecting()` block was open (in the thread that opened it)."""

    __slots__ = ("tables",)

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def changes(self) -> Changes:
        return Changes.of_tables(self.tables)


# A context variable, not a global: each worker thread starts with no collector, so a background job's writes
# are collected only by the block opened in that job's own thread.
_OPEN: ContextVar[tuple[Collector, ...]] = ContextVar("change_collectors", default=())


@contextmanager
def collecting(into: Collector | None = None) -> Iterator[Collector]:
    """Collect the tables audited inside the block (nested blocks all see them)."""
    collector = into if into is not None else Collector()
    token = _OPEN.set((*_OPEN.get(), collector))
    try:
        yield collector
    finally:
        _OPEN.reset(token)


def tables_of(records: Iterable[Model]) -> set[str]:
    """The tables behind audited records; a file counts for its owner too (a visit's photo changes the visit)."""
    tables = set()
    for record in records:
        table = record._meta.table_name
        tables.add(table)
        if table == "attachment":
            tables.add(record.entity)
    unmapped = tables - TABLE_KINDS.keys()
    if unmapped:
        raise KeyError(f"TABLE_KINDS has no kind for table(s) {sorted(unmapped)}")
    return tables


def note(*records: Model) -> None:
    """Called by the audit trail for each audited record; feeds every open collector."""
    tables = tables_of(records)
    for collector in _OPEN.get():
        collector.tables |= tables
