"""A round's rows: the same queries for 1 or 50 applications, and each verdict as the application's own."""

from datetime import date

from app.models import Application
from app.services.applications import forms as applications
from app.services.applications.round_rows import applications_by_id, round_rows
from app.services.enterprises.search import EnterpriseQuery, search_ids
from tests.helpers.many_cases import QueryCounter
from tests.helpers.many_records import add_applications, add_enterprises

YEAR = date.today().year


def test_a_round_takes_the_same_queries_for_one_application_or_fifty(empty_db, monkeypatch):
    _, admin = empty_db
    add_applications(add_enterprises(1), YEAR)
    counter = QueryCounter(monkeypatch)
    assert len(round_rows(admin, YEAR)) == 1
    few = counter.count
    add_applications(add_enterprises(49, first=1), YEAR)
    counter.reset()
    rows = round_rows(admin, YEAR)
    assert len(rows) == 50 and counter.count == few <= 5
    assert [r.enterprise for r in rows] == sorted(r.enterprise for r in rows)
    counter.reset()
    chosen = applications_by_id(admin, [rows[3].id, rows[1].id])
    assert [a.id for a in chosen] == [rows[3].id, rows[1].id] and counter.count == 1
    assert chosen[0].enterprise.district.name == rows[3].district and counter.count == 1


def test_rows_agree_with_each_application(demo_users, tmp_path):
    admin, officer = demo_users["admin"], demo_users["dongsheng"]
    ent = search_ids(officer, EnterpriseQuery(district_code=officer.district.code))[0]
    draft = applications.new_draft(officer, ent, YEAR)
    add_applications(add_enterprises(5, district=officer.district), YEAR)
    proof = tmp_path / "证书.pdf"
    proof.write_bytes(b"%PDF-1.4 proof")
    applications.attach(officer, draft.id, proof, applications.EVIDENCE, "invention_patents")
    assert applications.evidence_keys(draft) == {"invention_patents"}
    rows = round_rows(admin, YEAR)
    assert [r.id for r in rows] == [a.id for a in applications.list_round(admin, YEAR)]
    for row in rows:
        application = Application.get_by_id(row.id)
        assert row.verdict == applications.eligibility_of(application)
        assert (row.status_label, row.revision) == (applications.status_label(application), application.revision)
    assert round_rows(admin, YEAR, status="draft") == [r for r in rows if r.status == "draft"]
    assert {r.district for r in round_rows(officer, YEAR)} == {officer.district.name}
    assert applications_by_id(demo_users["dalate"], [r.id for r in rows]) == []
