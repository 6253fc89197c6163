"""The protection list's rows: one query for 1 or 50 entries, and the same facts as the entries themselves."""

from datetime import date

from app.services.listing import entries as protection_list
from app.services.listing.entry_rows import entry_rows
from tests.helpers.many_cases import QueryCounter
from tests.helpers.many_records import add_enterprises, add_entries


def test_the_list_takes_the_same_queries_for_one_entry_or_fifty(empty_db, monkeypatch):
    _, admin = empty_db
    today = date.today()
    add_entries(add_enterprises(1), today)
    counter = QueryCounter(monkeypatch)
    assert len(entry_rows(admin)) == 1
    few = counter.count
    add_entries(add_enterprises(49, first=1), today)
    counter.reset()
    rows = entry_rows(admin)
    assert len(rows) == 50 and counter.count == few == 1
    assert [r.name for r in rows] == sorted(r.name for r in rows)  # by district, then name


def test_rows_agree_with_the_entries(demo_users):
    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    ids = add_enterprises(6, district=officer.district)
    add_entries(ids, date.today())
    rows = entry_rows(admin)
    entries = protection_list.entries(admin, include_inactive=True)
    assert [r.id for r in rows] == [e.id for e in entries]
    for row, entry in zip(rows, entries, strict=True):
        assert (row.name, row.uscc, row.district, row.status, row.next_review_on) == (
            entry.enterprise.name, entry.enterprise.uscc, entry.enterprise.district.name, entry.status,
            entry.next_review_on,
        )  # fmt: skip
        assert list(row.basis) == protection_list.basis_labels(entry)
    assert sum(not r.active for r in rows) == 2 and {r.status_label for r in rows} == {"在册", "暂停"}
    own = entry_rows(officer)
    assert {r.district for r in own} == {officer.district.name} and len(own) >= 6
    assert entry_rows(demo_users["dalate"], district_code=officer.district.code) == []
