"""The dashboard from SQL aggregates and stored clocks: the same statements for a small and a larger register,
and the same figures as counting the records one by one."""

from collections import Counter
from datetime import date

from app.services.cases import clock_store
from app.services.cases.case_rows import case_rows
from app.services.core import settings
from app.services.dashboard import figures
from app.services.liaison import visits
from app.services.listing import entries as protection_list
from tests.helpers.many_cases import QueryCounter, add_cases, listed_enterprise
from tests.helpers.many_records import add_applications, add_enterprises, add_entries, add_visits


def _grow(today: date, count: int, first: int) -> None:
    ids = add_enterprises(count, first=first)
    add_entries(ids, today)
    add_visits(ids, today)
    add_applications(ids, today.year)


def test_the_dashboard_sends_the_same_statements_however_many_records(empty_db, monkeypatch, today):
    _, admin = empty_db
    _grow(today, 20, 0)
    add_cases(30, listed_enterprise())
    clock_store.refresh()  # a write path stores the new cases' clocks (a read would compute them, writing nothing)
    counter = QueryCounter(monkeypatch)
    small = figures.dashboard(admin, today=today)
    few = counter.count
    _grow(today, 600, 20)
    add_cases(1500, first=30)
    clock_store.refresh()
    counter.reset()
    large = figures.dashboard(admin, today=today)
    assert counter.count == few <= 30
    assert large["listed"] > small["listed"] and len(large["followups_overdue"]) > len(small["followups_overdue"])
    # every overdue clock, and of the others the nearest 20
    assert sum(d["state"] != "overdue" for d in large["case_deadlines"]) <= 20


def test_the_figures_equal_counting_the_records_one_by_one(demo_users, today):
    admin, district = demo_users["admin"], demo_users["dongsheng"]
    _grow(today, 60, 0)
    add_cases(200, listed_enterprise())
    for actor in (admin, district):
        found = figures.dashboard(actor, today=today)
        listed = protection_list.entries(actor)
        assert found["listed"] == len(listed)
        by_district = Counter(e.enterprise.district.name for e in listed)
        assert {r["name"]: r["listed"] for r in found["districts"]} == {
            r["name"]: by_district.get(r["name"], 0) for r in found["districts"]
        }
        assert sum(found["by_industry"].values()) == len(listed)
        basis = Counter(k for e in listed for k in protection_list.basis_labels(e))
        assert {k: v for k, v in found["by_basis"].items() if v} == dict(basis)
        due = protection_list.due_for_review(actor, settings.get("dashboard.due_days"), today)
        assert sorted(r["entry_id"] for r in found["due_reviews"]) == sorted(e.id for e in due)
        overdue = visits.checklist(actor, overdue_only=True, today=today)
        assert found["followups_overdue"] == [{**visits.followup_dict(f, today), "days_left": (f.due_on - today).days}
                                              for f in overdue]  # fmt: skip
        deadlines = []
        for case in case_rows(actor, today=today):
            deadlines += [(case.id, c.label, c.due.isoformat(), c.days_left, c.state)
                          for c in case.clocks if c.state in ("running", "due_soon", "overdue")]  # fmt: skip
        deadlines.sort(key=lambda d: d[2])
        shown = [d for i, d in enumerate(deadlines) if d[4] == "overdue" or i < 20]
        assert [(d["case_id"], d["label"], d["due"], d["days_left"], d["state"])
                for d in found["case_deadlines"]] == shown  # fmt: skip
