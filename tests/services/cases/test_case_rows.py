"""The case list's rows: the same handful of queries for 50 or 5,000 cases, and the same clocks as a case file."""

from datetime import date

from app.models import Case
from app.services.cases import clock_store
from app.services.cases import handling as cases
from app.services.cases.case_dicts import case_dict
from app.services.cases.case_rows import case_rows
from tests.helpers.many_cases import QueryCounter, add_cases, listed_enterprise


def test_the_number_of_queries_does_not_grow_with_the_number_of_cases(empty_db, monkeypatch):
    _, admin = empty_db
    ent = listed_enterprise()
    add_cases(50, ent)  # written straight into the tables: a reader computes their clocks, writing nothing
    counter = QueryCounter(monkeypatch)
    assert len(case_rows(admin)) == 50 and counter.count <= 12
    clock_store.refresh()  # a write path (opening, a case service) stores them
    assert len(case_rows(admin, closed=True)) == 10 and len(case_rows(admin, closed=False)) == 40
    counter.reset()
    assert len(case_rows(admin)) == 50
    few = counter.count
    add_cases(4950, ent, first=50)
    clock_store.refresh()
    counter.reset()
    rows = case_rows(admin)
    assert len(rows) == 5000 and counter.count == few <= 12
    assert sum(any(p.key_enterprise for p in r.parties) for r in rows) == 1667  # every third case
    overdue = case_rows(admin, overdue_only=True, case_type="trademark")
    assert overdue and all(r.overdue and r.type == "trademark" for r in overdue)
    assert counter.count == 2 * few


def test_rows_agree_with_each_case_file(demo_users):
    admin, district = demo_users["admin"], demo_users["dongsheng"]
    add_cases(60, listed_enterprise())
    today = date.today()
    rows = case_rows(admin, today=today)
    assert [r.id for r in rows] == [c.id for c in cases.list_cases(admin)]
    for row in rows:
        full = case_dict(Case.get_by_id(row.id), today)
        assert [c.to_dict() for c in row.clocks] == full["clocks"]
        assert [(p.name, p.role_label, p.key_enterprise) for p in row.parties] == [
            (p["name"], p["role_label"], p["key_enterprise"]) for p in full["parties"]
        ]
        assert (row.handling, row.status_label, row.important, row.received_on.isoformat()) == (
            full["handling"], full["status_label"], full["important"], full["received_on"]
        )  # fmt: skip
    assert any(r.overdue for r in rows) and any(r.nearest and r.nearest.state == "running" for r in rows)
    own = case_rows(district)
    assert own and {r.handling for r in own} == {district.district.name}
    assert [r.id for r in case_rows(admin, overdue_only=True)] == [r.id for r in rows if r.overdue]
