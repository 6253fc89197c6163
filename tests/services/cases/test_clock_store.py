"""Stored case clocks equal freshly computed ones: after every kind of event, a calendar change, a rules change,
and a timeline written straight into the tables; the event's own write keeps them current."""

import copy
import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from app.models import Case, CaseClockState, CaseEvent, Setting
from app.models.db import database
from app.services.cases import clock_store, workdays
from app.services.cases import handling as cases
from app.services.cases import rules as case_rules
from app.services.cases.case_rows import case_rows
from app.services.cases.workdays import Calendar
from app.services.core import settings
from app.services.core.errors import DomainError
from app.services.dashboard.figures import dashboard
from tests.helpers.many_cases import add_cases, listed_enterprise

KINDS = sorted(set(case_rules.STATUS_LABELS) | set(case_rules.EVENT_LABELS))
START = date(2025, 9, 1)


def _fresh(case_id: int, today: date) -> list[dict]:
    case = Case.get_by_id(case_id)
    events = [(e.happened_on, e.kind) for e in case.events]
    return [c.to_dict() for c in case_rules.compute_clocks(case.type, case.source, events, today, Calendar())]


def _stored(case_id: int, today: date) -> list[dict]:
    ids = Case.select(Case.id).where(Case.id == case_id)
    return [c.to_dict() for c in clock_store.stored_clocks(ids, today).get(case_id, ())]


def _days_to_check(case_id: int) -> list[date]:
    """Days around every date that matters: starts, dues, the turning days, and a year on."""
    found = {START, START + timedelta(days=400)}
    for c in _fresh(case_id, START):
        for key in ("start", "due"):
            day = date.fromisoformat(c[key])
            found |= {day + timedelta(days=n) for n in (-20, -3, -2, -1, 0, 1, 2, 3)}
    return sorted(found)


def _assert_current(case_id: int) -> None:
    for day in _days_to_check(case_id):
        assert _stored(case_id, day) == _fresh(case_id, day), day


def _new_case(admin, case_type: str, source: str) -> int:
    case = cases.create_case(admin, {"type": case_type, "summary": "期限测试", "source": source,
                                     "received_on": START.isoformat()},
                             [{"name": "请求人", "role": "complainant"}])  # fmt: skip
    return case.id


@hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    case_type=st.sampled_from(sorted(case_rules.FLOWS)),
    source=st.sampled_from(["complaint", "inspection"]),
    steps=st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 40)), min_size=1, max_size=10),
)
def test_stored_clocks_equal_fresh_ones_after_every_event(empty_db, case_type, source, steps):
    _, admin = empty_db
    clock_store.refresh()
    case_id = _new_case(admin, case_type, source)
    _assert_current(case_id)
    day = START
    for kind, gap in steps:
        day += timedelta(days=gap)
        try:
            cases.add_event(admin, case_id, kind, day)
        except DomainError:
            continue  # a step the flow refuses changes nothing
        # The event's own write brought the case up to date: nothing left for a reader to recompute.
        assert not CaseClockState.get_by_id(case_id).stale
        _assert_current(case_id)


def test_every_kind_of_event_keeps_the_clocks_current(empty_db):
    _, admin = empty_db
    clock_store.refresh()
    flows = {"patent-dispute": ["filed", "served", "suspended", "resumed", "defence", "hearing", "closed",
                                "ruling_served", "appeal_filed", "archived"],
             "trademark": ["verification", "filed", "reporter_notified", "investigation", "suspended", "resumed",
                           "notice", "decision", "enforcement", "publication", "closed"],
             "patent-mediation": ["accepted", "filed", "mediation", "consultation", "note", "closed", "archived"]}
    for case_type, kinds in flows.items():
        case_id = _new_case(admin, case_type, "complaint")
        for n, kind in enumerate(kinds, start=1):
            cases.add_event(admin, case_id, kind, START + timedelta(days=3 * n))
            _assert_current(case_id)


def test_an_open_suspension_moves_the_due_date_every_day(empty_db):
    _, admin = empty_db
    clock_store.refresh()
    case_id = _new_case(admin, "patent-dispute", "complaint")
    cases.add_event(admin, case_id, "filed", START + timedelta(days=2))
    cases.add_event(admin, case_id, "suspended", START + timedelta(days=10))
    assert CaseClockState.get_by_id(case_id).live
    later, much_later = START + timedelta(days=30), START + timedelta(days=60)
    assert _stored(case_id, later) != _stored(case_id, much_later)  # the due date moved on
    _assert_current(case_id)


def test_a_calendar_change_recomputes_open_cases(empty_db):
    _, admin = empty_db
    clock_store.refresh()
    open_id = _new_case(admin, "trademark", "complaint")
    closed_id = _new_case(admin, "patent-mediation", "complaint")
    cases.add_event(admin, closed_id, "filed", START + timedelta(days=1))
    cases.add_event(admin, closed_id, "mediation", START + timedelta(days=2))
    before_closed = _stored(closed_id, START)
    # The acceptance clock of both runs over 2–9 September; make all of that week a holiday.
    workdays.set_days(admin, START + timedelta(days=1), START + timedelta(days=7), False, "测试假期")
    assert clock_store.refresh() == 0  # the calendar change's own write recomputed the open cases
    _assert_current(open_id)
    assert _stored(open_id, START)[0]["due"] != before_closed[0]["due"]
    # A closed case keeps the clocks it closed with.
    cases.add_event(admin, closed_id, "closed", START + timedelta(days=3))
    kept = _stored(closed_id, START)
    workdays.set_day(admin, START + timedelta(days=20), False)
    clock_store.refresh()
    assert _stored(closed_id, START) == kept
    _assert_current(open_id)


def test_a_rules_change_recomputes_open_cases(empty_db):
    _, admin = empty_db
    clock_store.refresh()
    case_id = _new_case(admin, "trademark", "complaint")
    cases.add_event(admin, case_id, "verification", START + timedelta(days=1))
    cases.add_event(admin, case_id, "filed", START + timedelta(days=2))
    rules = copy.deepcopy(settings.get("cases.deadline_rules"))  # get() may hand out the shared default
    for rule in rules:
        if rule["key"] == "penalty_decision":
            rule["length"] = 30
    settings.set_value(admin, "cases.deadline_rules", rules)
    # The change's own write brought the open cases up to date: nothing is left stale for a reader.
    assert clock_store.refresh() == 0
    rows = {r.id: r for r in case_rows(admin, today=START)}
    assert any(c.key == "penalty_decision" and c.due == START + timedelta(days=32) for c in rows[case_id].clocks)
    _assert_current(case_id)


def test_a_timeline_written_straight_into_the_tables_is_picked_up(empty_db):
    _, admin = empty_db
    add_cases(40, listed_enterprise())  # inserts cases and events without the services
    assert CaseClockState.select().where(CaseClockState.stale).count() == 40
    today = date.today()
    rows = case_rows(admin, today=today)  # computed in memory: a read writes nothing
    assert CaseClockState.select().where(CaseClockState.stale).count() == 40
    for row in rows:
        assert [c.to_dict() for c in row.clocks] == _fresh(row.id, today)
    assert clock_store.refresh() == 40  # a write path (opening, a case service, a calendar change) stores them
    assert CaseClockState.select().where(CaseClockState.stale).count() == 0
    assert [[c.to_dict() for c in r.clocks] for r in case_rows(admin, today=today)] == [
        [c.to_dict() for c in r.clocks] for r in rows
    ]
    target = rows[0].id
    CaseEvent.create(case=target, happened_on=today - timedelta(days=1), kind="filed")
    assert CaseClockState.get_by_id(target).stale
    CaseEvent.delete().where(CaseEvent.case == target).execute()
    assert {r.id: [c.to_dict() for c in r.clocks] for r in case_rows(admin, today=today)}[target] == []


def _no_writes(read):
    """`read()` on a connection that refuses writes (SQLite's query_only), and how many rows it changed."""
    connection = database.connection()
    before = connection.total_changes
    connection.execute("PRAGMA query_only = 1")
    try:
        result = read()
    finally:
        connection.execute("PRAGMA query_only = 0")
    return result, connection.total_changes - before


def test_reading_the_case_list_and_the_dashboard_writes_nothing_and_shows_current_clocks(empty_db):
    _, admin = empty_db
    clock_store.refresh()
    add_cases(30, listed_enterprise())  # stale: written around the services
    suspended = _new_case(admin, "patent-dispute", "complaint")
    cases.add_event(admin, suspended, "filed", START + timedelta(days=2))
    cases.add_event(admin, suspended, "suspended", START + timedelta(days=10))
    # A rules change written by another program: the stored fingerprint no longer matches, nothing recomputed.
    rules = copy.deepcopy(settings.get("cases.deadline_rules"))
    for rule in rules:
        rule["length"] += 3
    Setting.replace(key="cases.deadline_rules", value=json.dumps(rules, ensure_ascii=False)).execute()
    today = date.today()
    for read in (
        lambda: case_rows(admin, today=today),
        lambda: clock_store.nearest_open(Case.select(Case.id), today, 1000),
        lambda: dashboard(admin, today=today),
    ):
        _result, changed = _no_writes(read)
        assert changed == 0
    rows, _ = _no_writes(lambda: case_rows(admin, today=today))
    for row in rows:
        assert [c.to_dict() for c in row.clocks] == _fresh(row.id, today)
    nearest, _ = _no_writes(lambda: clock_store.nearest_open(Case.select(Case.id), today, 1000))
    expected = sorted(
        ((c.due, -r.received_on.toordinal(), -r.id, n), r.id, c.to_dict())
        for r in rows for n, c in enumerate(r.clocks) if c.state in case_rules.OPEN_STATES
    )
    assert [(case_id, clock.to_dict()) for case_id, _number, clock in nearest] == [
        (case_id, clock) for _key, case_id, clock in expected
    ]
    assert CaseClockState.select().where(CaseClockState.stale).count() == 30  # still stale: nobody wrote
