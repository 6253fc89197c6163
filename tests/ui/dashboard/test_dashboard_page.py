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
