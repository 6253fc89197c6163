"""`case_dicts`: every case of a list as `case_dict` gives it, in the same few queries for 1 or 50 cases."""

from datetime import date

from app.models import Case
from app.services.cases import handling as cases
from app.services.cases.case_dicts import case_dict, case_dicts
from tests.helpers.many_cases import QueryCounter, add_cases, listed_enterprise


def test_a_list_of_case_dicts_takes_the_same_queries_for_one_case_or_fifty(empty_db, monkeypatch):
    _, admin = empty_db
    ent = listed_enterprise()
    add_cases(1, ent)
    counter = QueryCounter(monkeypatch)
    assert len(case_dicts(admin)) == 1
    few = counter.count
    add_cases(49, ent, first=1)
    counter.reset()
    assert len(case_dicts(admin)) == 50 and counter.count == few <= 10


def test_each_dict_of_the_list_is_the_case_file(demo_users):
    admin, district = demo_users["admin"], demo_users["dongsheng"]
    add_cases(40, listed_enterprise())
    today = date.today()
    found = case_dicts(admin, today=today)
    assert [d["id"] for d in found] == [c.id for c in cases.list_cases(admin)]
    assert found == [case_dict(Case.get_by_id(d["id"]), today) for d in found]
    assert any(p["key_enterprise"] for d in found for p in d["parties"])
    assert any(len(d["timeline"]) > 2 for d in found)
    overdue = case_dicts(admin, overdue_only=True, today=today)
    assert overdue and [d["id"] for d in overdue] == [c.id for c in cases.list_cases(admin, overdue_only=True)]
    own = case_dicts(district, today=today)
    assert own and {d["handling"] for d in own} == {district.district.name}
