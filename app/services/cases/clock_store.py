"""Stored case clocks: computed when a case's timeline changes, read by the case list and the dashboard.

A clock's due date depends only on the timeline, the deadline rules and the work calendar; its state on a
given day follows from two more stored days (when it turns due-soon, when overdue), so a list reads clocks
instead of computing them. Triggers mark a case stale whenever its timeline, type or source changes (by any
writer); `refresh` recomputes the stale ones. A change of the rules or the calendar (a new fingerprint)
marks every open case stale. A case whose suspension is still open has clocks that move every day: those
are computed when read (few cases are suspended at once).

Reading never writes: `refresh` runs in the write paths (a case service's own write, a calendar or rules
change, opening the register), and a reader computes in memory the clocks of the cases still stale (a
timeline written around the services, a change another process has not brought up to date yet).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from datetime import date, timedelta

import chinese_calendar
from peewee import DatabaseError as PeeweeDatabaseError

from app.models import Case, CaseClock, CaseClockBasis, CaseClockState, CaseEvent
from app.models.db import database, is_postgres
from app.services.cases import rules as case_rules
from app.services.cases.rules import Clock
from app.services.cases.workdays import Calendar
from app.services.core import settings

BATCH = 500  # cases per read of timelines while recomputing (SQLite's variable limit, and memory)


def fingerprint(deadline_rules: list[dict], overrides: dict[date, bool]) -> str:
    """What every stored due date depends on besides the timeline: the rules, the calendar and its package."""
    basis = {
        "rules": deadline_rules,
        "calendar": sorted((d.isoformat(), w) for d, w in overrides.items()),
        "package": getattr(chinese_calendar, "__version__", ""),
    }
    return hashlib.sha256(json.dumps(basis, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def refresh(calendar: Calendar | None = None, deadline_rules: list[dict] | None = None) -> int:
    """Bring the stored clocks up to date: open cases after a rules or calendar change, then stale cases.

    Returns how many cases were recomputed. Costs two small queries when nothing changed.
    """
    calendar = calendar or Calendar()
    deadline_rules = case_rules.rules() if deadline_rules is None else deadline_rules
    current = fingerprint(deadline_rules, calendar.overrides)
    stored = _stored_fingerprint()
    stale = _stale_ids()
    if stored == current and not stale:
        return 0  # the usual case: plain SQL, two look-ups (peewee's query building costs more here)
    with database.atomic():
        if stored != current:
            if stored is None:  # never computed (a new or upgraded database): every case
                CaseClockState.update(stale=True).execute()
            else:  # closed cases keep the clocks they closed with
                open_cases = Case.select(Case.id).where(Case.closed_on.is_null())
                CaseClockState.update(stale=True).where(CaseClockState.case.in_(open_cases)).execute()
            CaseClockBasis.delete().execute()
            CaseClockBasis.create(fingerprint=current)
            stale = _stale_ids()
        for start in range(0, len(stale), BATCH):
            _recompute(stale[start:start + BATCH], calendar, deadline_rules)
    return len(stale)


def _stored_fingerprint() -> str | None:
    row = database.execute_sql('SELECT "fingerprint" FROM "case_clock_basis"').fetchone()
    return row[0] if row else None


def _stale_ids() -> list[int]:
    return [c for (c,) in database.execute_sql('SELECT "case_id" FROM "case_clock_state" WHERE "stale"')]


def refresh_case(case_id: int) -> None:
    """Recompute one case now (after a service changed its timeline), so the next read finds it current."""
    calendar = Calendar()
    deadline_rules = case_rules.rules()
    if _stored_fingerprint() != fingerprint(deadline_rules, calendar.overrides):
        refresh(calendar, deadline_rules)  # the rules or calendar changed meanwhile: bring every case up to date
        return
    with database.atomic():
        _recompute([case_id], calendar, deadline_rules)


def refresh_quietly() -> None:
    """`refresh` after a change of the rules or the calendar; a busy register leaves it to the next writer (a
    reader computes what is stale meanwhile)."""
    try:
        refresh()
    except PeeweeDatabaseError:
        return


settings.after_change("cases.deadline_rules", refresh_quietly)


def _computed_on_read(calendar: Calendar, deadline_rules: list[dict]):
    """A query of the ids of the cases whose clocks a reader computes: an open suspension, stale, or (after a
    change of the rules or calendar not yet brought up to date) every open case; and which of these three."""
    moving = CaseClockState.select(CaseClockState.case).where(CaseClockState.stale | CaseClockState.live)
    stored = _stored_fingerprint()
    if stored == fingerprint(deadline_rules, calendar.overrides):
        return moving, "moving"
    if stored is None:
        return Case.select(Case.id), "all"
    return Case.select(Case.id).where(Case.closed_on.is_null() | Case.id.in_(moving)), "open"


_statements: dict[tuple, tuple[str, list]] = {}


def fetch(build, shape: tuple | None = None) -> list[tuple]:
    """The rows of the query `build()` makes, straight from the cursor (peewee's per-value conversion costs more
    than the query at 10,000 rows). With a `shape` (whatever decides the query's SQL and parameters, e.g. the
    user's districts and the filters), the query is built and written once and its SQL reused: peewee takes
    about as long to write a list's statements as SQLite takes to run them."""
    if shape is None:
        return database.execute(build()).fetchall()
    key = (is_postgres(), *shape)
    statement = _statements.get(key)
    if statement is None:
        if len(_statements) > 256:
            _statements.clear()
        statement = _statements[key] = build().sql()
    return database.execute_sql(*statement).fetchall()


def _recompute(case_ids: list[int], calendar: Calendar, deadline_rules: list[dict]) -> None:
    events = timelines(case_ids)
    kinds = dict(Case.select(Case.id, Case.type).where(Case.id.in_(case_ids)).tuples())
    sources = dict(Case.select(Case.id, Case.source).where(Case.id.in_(case_ids)).tuples())
    positions = {rule["key"]: n for n, rule in enumerate(deadline_rules)}
    windows = {rule["key"]: bool(rule.get("window")) for rule in deadline_rules}
    lengths = {rule["key"]: rule["length"] for rule in deadline_rules}
    rows, live = [], []
    for case_id in case_ids:
        if case_id not in kinds:
            continue
        timeline = events.get(case_id, [])
        if _suspended_now(timeline):
            live.append(case_id)
            continue
        # Any day serves as "today": due dates and met days do not depend on it when no suspension is open.
        for clock in case_rules.compute_clocks(
            kinds[case_id], sources[case_id], timeline, date.today(), calendar, deadline_rules
        ):
            soon_on, overdue_on = _turning_days(clock, lengths[clock.key], calendar)
            rows.append((case_id, positions[clock.key], clock.key, clock.label, clock.start, clock.due,
                         clock.unit, clock.met_on, soon_on, overdue_on, windows[clock.key]))  # fmt: skip
    CaseClock.delete().where(CaseClock.case.in_(case_ids)).execute()
    fields = [CaseClock.case, CaseClock.position, CaseClock.key, CaseClock.label, CaseClock.start,
              CaseClock.due, CaseClock.unit, CaseClock.met_on, CaseClock.soon_on, CaseClock.overdue_on,
              CaseClock.window]  # fmt: skip
    for start in range(0, len(rows), 80):  # 11 columns: under SQLite's 999 variables per statement
        CaseClock.insert_many(rows[start:start + 80], fields=fields).execute()
    CaseClockState.insert_many(
        [(c, False, c in live) for c in case_ids if c in kinds],
        fields=[CaseClockState.case, CaseClockState.stale, CaseClockState.live],
    ).on_conflict(  # an upsert, where SQLite's REPLACE is unknown to PostgreSQL
        conflict_target=[CaseClockState.case], preserve=[CaseClockState.stale, CaseClockState.live]
    ).execute()


def _suspended_now(timeline: list[tuple[date, str]]) -> bool:
    return any(end == date.max for _start, end in case_rules.suspensions(timeline, date.max))


def _turning_days(clock: Clock, length: int, calendar: Calendar) -> tuple[date, date]:
    """The first day the clock is due soon, and the first day it is overdue, as compute_clocks decides them."""
    threshold = max(2, length // 5)
    if clock.unit != "workdays":
        return clock.due - timedelta(days=threshold), clock.due + timedelta(days=1)
    overdue_on = clock.due + timedelta(days=1)
    while not calendar.is_workday(overdue_on):
        overdue_on += timedelta(days=1)
    # Working days after `day` up to the due date, walking back while they stay within the threshold.
    day, left = clock.due, 0
    while left + calendar.is_workday(day) <= threshold:
        left += calendar.is_workday(day)
        day -= timedelta(days=1)
    return day, overdue_on


def timelines(case_ids) -> dict[int, list[tuple[date, str]]]:
    """Timelines as (date, kind) of the cases `case_ids` (ids, or a query selecting them)."""
    found: dict[int, list[tuple[date, str]]] = defaultdict(list)
    days: dict[str, date] = {}
    query = CaseEvent.select(CaseEvent.case, CaseEvent.happened_on, CaseEvent.kind).where(
        CaseEvent.case.in_(case_ids)
    )
    for case_id, day, kind in database.execute(query).fetchall():
        if not isinstance(day, date):  # SQLite keeps dates as ISO text
            day = days.get(day) or days.setdefault(day, date.fromisoformat(day[:10]))
        found[case_id].append((day, kind))
    return found


class Days(dict):
    """Stored days as dates, each distinct text converted once (SQLite keeps dates as ISO text, PostgreSQL as
    dates); None stays None."""

    def __missing__(self, value):
        day = self[value] = value if value is None or isinstance(value, date) else date.fromisoformat(value[:10])
        return day


def stored_clocks(case_ids, today: date, calendar: Calendar | None = None) -> dict[int, tuple[Clock, ...]]:
    """The clocks of the cases `case_ids` (a query selecting ids; None: every case) as of `today`. Reads only.

    Stored clocks are read in one query; cases with an open suspension, and any case not yet brought up to
    date, are computed from their timelines.
    """
    calendar = calendar or Calendar()
    deadline_rules = case_rules.rules()
    on_read, which = _computed_on_read(calendar, deadline_rules)
    shape = ("stored clocks", which) if case_ids is None else None  # every case: always the same statements
    found: dict[int, list[Clock]] = defaultdict(list)

    def stored():
        chosen = CaseClock.case.not_in(on_read)
        return (
            CaseClock.select(CaseClock.case, CaseClock.key, CaseClock.label, CaseClock.start, CaseClock.due,
                             CaseClock.unit, CaseClock.met_on, CaseClock.soon_on, CaseClock.overdue_on,
                             CaseClock.window)
            .where(chosen if case_ids is None else CaseClock.case.in_(case_ids) & chosen)
            .order_by(CaseClock.case, CaseClock.position)
        )  # fmt: skip

    def computed():
        chosen = Case.id.in_(on_read)
        return Case.select(Case.id).where(chosen if case_ids is None else Case.id.in_(case_ids) & chosen)

    days = Days()
    for case_id, key, label, start, due, unit, met_on, soon_on, overdue_on, window in fetch(stored, shape):
        found[case_id].append(clock_as_of(key, label, days[start], days[due], unit, days[met_on], days[soon_on],
                                          days[overdue_on], bool(window), today, calendar))  # fmt: skip
    computed_shape = shape and ("computed clocks", which)
    found.update(_live_clocks([c for (c,) in fetch(computed, computed_shape)], today, calendar, deadline_rules))
    return {case_id: tuple(clocks) for case_id, clocks in found.items()}


def _live_clocks(case_ids: list[int], today: date, calendar: Calendar, deadline_rules: list[dict]
                 ) -> dict[int, list[Clock]]:  # fmt: skip
    """Clocks of cases computed from their timelines as of `today` (an open suspension, or not stored yet)."""
    if not case_ids:
        return {}
    found: dict[int, list[Clock]] = {}
    for start in range(0, len(case_ids), BATCH):
        batch = case_ids[start:start + BATCH]
        types = {c: (t, s) for c, t, s in Case.select(Case.id, Case.type, Case.source)
                 .where(Case.id.in_(batch)).tuples()}  # fmt: skip
        found.update({
            case_id: case_rules.compute_clocks(*types[case_id], timeline, today, calendar, deadline_rules)
            for case_id, timeline in timelines(batch).items()
        })  # fmt: skip
    return found


def clock_as_of(key: str, label: str, start: date, due: date, unit: str, met_on: date | None, soon_on: date,
                overdue_on: date, window: bool, today: date, calendar: Calendar) -> Clock:  # fmt: skip
    """A stored clock's state and days left on `today`, exactly as compute_clocks would give them."""
    left = calendar.workdays_between(today, due) if unit == "workdays" else (due - today).days
    if met_on is not None:
        state = "met" if met_on <= due else "late"
    elif today >= overdue_on:
        state = "elapsed" if window else "overdue"
    elif today >= soon_on:
        state = "due_soon"
    else:
        state = "running"
    return Clock(key, label, start, due, unit, state, left, met_on)


def nearest_open(case_ids, today: date, limit: int, calendar: Calendar | None = None) -> list[tuple[int, str, Clock]]:
    """(case id, case number, clock) of the `limit` open clocks due first among the cases `case_ids` (a query
    selecting ids), in the case list's order for equal due dates. Reads only: `limit` stored rows however many
    cases there are, plus the cases computed on read (`_computed_on_read`)."""
    calendar = calendar or Calendar()
    deadline_rules = case_rules.rules()
    on_read, _which = _computed_on_read(calendar, deadline_rules)
    not_ended = CaseClock.met_on.is_null() & ~(CaseClock.window & (CaseClock.overdue_on <= today))
    query = (
        CaseClock.select(CaseClock.case, Case.number, Case.received_on, CaseClock.position, CaseClock.key,
                         CaseClock.label, CaseClock.start, CaseClock.due, CaseClock.unit, CaseClock.met_on,
                         CaseClock.soon_on, CaseClock.overdue_on, CaseClock.window)
        .join(Case)
        .where(not_ended & CaseClock.case.in_(case_ids) & CaseClock.case.not_in(on_read))
        .order_by(CaseClock.due, Case.received_on.desc(), Case.id.desc(), CaseClock.position)
        .limit(limit)
    )  # fmt: skip
    found = []
    for case_id, number, received, position, key, label, *dates, window in query.tuples():
        clock = clock_as_of(key, label, *dates, bool(window), today, calendar)  # start … overdue_on
        found.append(((clock.due, -received.toordinal(), -case_id, position), case_id, number, clock))
    computed = Case.select(Case.id, Case.number, Case.received_on).where(
        Case.id.in_(case_ids) & Case.id.in_(on_read)
    )
    numbers = {case_id: (number, received) for case_id, number, received in computed.tuples()}
    if numbers:
        for case_id, clocks in _live_clocks(list(numbers), today, calendar, deadline_rules).items():
            number, received = numbers[case_id]
            found += [((c.due, -received.toordinal(), -case_id, n), case_id, number, c)
                      for n, c in enumerate(clocks) if c.state in case_rules.OPEN_STATES]  # fmt: skip
    found.sort(key=lambda item: item[0])
    return [(case_id, number, clock) for _key, case_id, number, clock in found[:limit]]
