"""工作台: figures from the statistics service, the district scope of an officer, due items that open records."""

from datetime import date, timedelta

import pytest

from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.core import settings
from app.services.dashboard import figures as statistics
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.ui.applications.editor import ApplicationEditor
from app.ui.dashboard.page import DashboardPage
from tests.helpers.dates import years_before

YEAR = date.today().year + 1


@pytest.fixture
def round_state(demo_users, today):
    """东胜区 in the next round: one listed two years ago less 30 days (re-examination due), one recommended."""
    officer, reviewer = demo_users["dongsheng"], demo_users["shenhe"]
    ids = search_ids(officer, EnterpriseQuery(district_code="150602"))[:2]
    drafts = [applications.submit(officer, applications.new_draft(officer, i, YEAR).id) for i in ids]
    for draft in drafts:
        review.recommend(officer, draft.id, "同意推荐")
    listed_on = years_before(today, 2) + timedelta(days=30)
    review.decide(reviewer, drafts[0].id, "approve", "同意纳入", on=listed_on)
    return {"entry": review.active_entry(drafts[0].enterprise), "waiting": drafts[1]}


@pytest.fixture
def dashboard_for(qtbot, session_for):
    def make(login):
        page = DashboardPage(session_for(login))
        qtbot.addWidget(page)
        page.year.setValue(YEAR)
        page.show()
        return page

    return make


def test_city_dashboard_shows_every_district(dashboard_for, round_state, demo_users):
    page = dashboard_for("shenhe")
    figures = statistics.dashboard(demo_users["shenhe"], YEAR)
    assert page.figures == figures and page.listed_value.text() == "1"
    assert page.districts.rowCount() == len(figures["districts"]) + 1 == 11
    assert page.districts.item(0, 0).text() == "东胜区" and page.districts.item(0, 1).text() == "2 / 4–8"
    assert page.districts.item(10, 0).text() == "合计" and not page.progress.isHidden()
    assert page.basis_chart.counts == figures["by_basis"] and sum(page.industry_chart.counts.values()) == 1
    whats = [page.todo.item(r, 0).text() for r in range(page.todo.rowCount())]
    assert whats == ["名录复核", "待审核"]


def test_district_officer_sees_own_district_only(dashboard_for, round_state):
    page = dashboard_for("dongsheng")
    assert page.districts.rowCount() == 1 and page.districts.item(0, 0).text() == "东胜区"
    assert page.listed_caption.text() == "本旗区名录企业" and page.progress.isHidden()
    other = dashboard_for("dalate")
    assert other.listed_value.text() == "0" and other.districts.item(0, 0).text() == "达拉特旗"
    assert other.todo.rowCount() == 0


def test_warnings_in_the_amber_box(dashboard_for, round_state, demo_users):
    settings.set_value(demo_users["admin"], "round.deadline", "01-01")  # this year's round is past its deadline
    applications.round_for(date.today().year, actor=demo_users["admin"])  # … and has been opened
    page = dashboard_for("shenhe")
    page.year.setValue(date.today().year)  # the current round: every district is below its quota
    texts = [label.text() for label in page.warning_labels]
    assert not page.warning_box.isHidden() and any("少于 4 家" in t for t in texts)
    page.year.setValue(date.today().year - 5)  # a round long past: its shortfall is history, not a warning
    assert not any("少于" in label.text() for label in page.warning_labels)


def test_due_rows_open_their_records(main_window, round_state, qtbot):
    dashboard = main_window.pages["工作台"]
    dashboard.year.setValue(YEAR)
    rows = {dashboard.todo.item(r, 0).text(): r for r in range(dashboard.todo.rowCount())}
    dashboard.todo.open_row(rows["名录复核"])
    listing = main_window.pages["重点企业名录"]
    assert main_window.stack.currentWidget() is listing and listing.selected_id() == round_state["entry"].id
    dashboard.todo.open_row(rows["待审核"])
    editor = main_window.findChild(ApplicationEditor)
    assert editor is not None and editor.application_id == round_state["waiting"].id
    editor.close()


def test_todo_lists_every_overdue_followup_and_case_the_warnings_count(dashboard_for, demo_users, qtbot):
    """The amber box counts overdue follow-ups and cases; 到期与待办 lists each of them with its date and delay."""
    from app.services.cases import handling as cases
    from tests.helpers.liaison_ui import enterprise_in, visit_with_items

    officer, today = demo_users["dongsheng"], date.today()
    items = [(f"整改事项{i}", today - timedelta(days=i + 1)) for i in range(25)]  # more than a screenful
    visit = visit_with_items(officer, enterprise_in(officer), *items)
    case = cases.create_case(
        demo_users["admin"],
        {"type": "patent-dispute", "summary": "发明专利侵权纠纷", "received_on": today - timedelta(days=200)},
        [{"name": "某机械厂", "role": "respondent"}],
        [{"kind": "patent", "number": "ZL201910000002.X", "title": "一种输送装置"}],
    )
    page = dashboard_for("admin")
    texts = [label.text() for label in page.warning_labels]
    assert any("25 项跟进事项已逾期" in t for t in texts) and any("1 件案件" in t for t in texts)
    rows = [[page.todo.item(r, c).text() for c in range(5)] for r in range(page.todo.rowCount())]
    followups = [r for r in rows if r[0] == "跟进事项逾期"]
    assert len(followups) == 25
    assert sorted(r[3] for r in followups) == sorted(due.isoformat() for _, due in items)
    assert all(r[4].startswith("已逾期 ") for r in followups) and f"已逾期 {25} 天" in {r[4] for r in followups}
    [case_row] = [r for r in rows if r[0].startswith("案件")]
    assert case_row[1] == "某机械厂" and case_row[4].startswith("已逾期") and case_row[3]
    opened = []
    page.todo.open_case.connect(opened.append)
    page.todo.open_visit.connect(opened.append)
    page.todo.open_row(rows.index(case_row))
    page.todo.open_row(rows.index(followups[0]))
    assert opened == [case.id, visit.id]
