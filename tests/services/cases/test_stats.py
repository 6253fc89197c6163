"""Case statistics: the same few queries for 1 or 50 cases, and the same figures as counting case by case."""

from collections import Counter

from app.models import Case
from app.services.cases import handling as cases
from app.services.cases import stats as case_stats
from app.services.cases.case_dicts import case_dict
from tests.helpers.many_cases import QueryCounter, add_cases, listed_enterprise


def test_statistics_take_the_same_queries_for_one_case_or_fifty(empty_db, monkeypatch):
    _, admin = empty_db
    ent = listed_enterprise()
    add_cases(1, ent)
    counter = QueryCounter(monkeypatch)
    figures = case_stats.case_statistics(admin)
    few = counter.count
    assert figures["total"] == 1 and figures["listed_enterprises_served"] == 1
    add_cases(49, ent, first=1)
    counter.reset()
    figures = case_stats.case_statistics(admin)
    assert figures["total"] == 50 and counter.count == few <= 4


def test_statistics_agree_with_the_case_files(empty_db):
    _, admin = empty_db
    ent = listed_enterprise()
    add_cases(60, ent)
    figures = case_stats.case_statistics(admin)
    found = [case_dict(c) for c in cases.list_cases(admin)]
    closed = [c for c in Case.select() if c.closed_on is not None]
    assert (figures["total"], figures["closed"], figures["open"]) == (60, len(closed), 60 - len(closed))
    assert figures["important"] == sum(1 for c in found if c["important"]) == 9
    assert figures["by_handling"] == dict(Counter(c["handling"] for c in found))
    assert figures["by_type"] == {label: n for label, n in Counter(c["type_label"] for c in found).most_common()}
    assert figures["average_days_to_close"] == 20
    served = {ent.id for c in found for p in c["parties"] if p["key_enterprise"]}
    assert figures["listed_enterprises_served"] == len(served) == 1
    assert case_stats.case_statistics(admin, year=1999)["total"] == 0
