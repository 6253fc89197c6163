"""Visits, follow-ups and 需要关注 as rows: the same queries for 1 or 50, and the same facts as the records."""

from datetime import date, timedelta

from app.models import LiaisonAssignment
from app.services.liaison import assignments as liaison
from app.services.liaison import visits
from app.services.liaison.visit_rows import followup_rows, visit_rows
from tests.helpers.liaison_ui import enterprise_in, visit_with_items
from tests.helpers.many_cases import QueryCounter
from tests.helpers.many_records import add_enterprises, add_entries, add_visits


def _counts(counter: QueryCounter, admin, today) -> dict[str, tuple[int, int]]:
    """(rows, queries) of each list."""
    found = {}
    for name, read in (("visits", lambda: visit_rows(admin, limit=500)),
                       ("mine", lambda: visit_rows(admin, mine=True)),
                       ("followups", lambda: followup_rows(admin, today=today)),
                       ("attention", lambda: liaison.attention_rows(admin, today))):  # fmt: skip
        counter.reset()
        found[name] = (len(read()), counter.count)
    return found


def test_each_list_takes_the_same_queries_for_one_record_or_fifty(empty_db, monkeypatch):
    _, admin = empty_db
    today = date.today()

    def add(count: int, first: int) -> None:
        ids = add_enterprises(count, first=first)
        add_entries(ids, today)
        add_visits(ids, today)
        assigned = [{"enterprise": e, "officer": admin, "start_on": today} for e in ids[::2]]
        LiaisonAssignment.insert_many(assigned).execute()  # the others need attention, unless suspended

    counter = QueryCounter(monkeypatch)
    add(1, first=0)
    one = _counts(counter, admin, today)
    add(49, first=1)
    fifty = _counts(counter, admin, today)
    assert {k: n for k, (n, _) in one.items()} == {"visits": 1, "mine": 1, "followups": 1, "attention": 0}
    assert {k: n for k, (n, _) in fifty.items()} == {"visits": 50, "mine": 26, "followups": 50, "attention": 16}
    assert {k: q for k, (_, q) in fifty.items()} == {k: q for k, (_, q) in one.items()}
    assert all(q <= 4 for _, q in fifty.values())


def test_rows_agree_with_the_records(demo_users):
    officer, admin = demo_users["dongsheng"], demo_users["admin"]
    today = date.today()
    ent = enterprise_in(officer)
    visit = visit_with_items(officer, ent, ("逾期事项", today - timedelta(days=4)), ("未到期事项", None))
    [row] = visit_rows(officer, enterprise_id=ent)
    assert (row.id, row.followups, row.enterprise, row.district) == (
        visit.id, 2, visit.enterprise.name, visit.enterprise.district.name
    )  # fmt: skip
    assert [v.id for v in visit_rows(admin, limit=500)] == [v.id for v in visits.recent(admin, limit=500)]
    items = followup_rows(officer, today=today)
    assert [i.id for i in items] == [f.id for f in visits.checklist(officer, today=today)]
    late = next(i for i in items if i.description == "逾期事项")
    assert late.overdue and late.days_overdue == 4 and late.visited_on == visit.visited_on
    assert late.owner == officer.display_name and late.may_update
    assert not any(i.may_update for i in followup_rows(demo_users["chakan"], today=today))
    assert all(i.district != officer.district.name for i in followup_rows(demo_users["dalate"], today=today))
    attention = liaison.attention_rows(officer, today)
    assert [r.to_dict() for r in attention] == liaison.needing_attention(officer, today)
