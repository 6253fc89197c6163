"""The review path through the window: a district officer recommends, the city reviews and approves, the
dashboard of the open window counts the new list entry without a restart; batch decisions are all or nothing."""

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.core.changes import Changes
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.ui.applications.batch_dialog import BatchDecisionDialog
from app.ui.applications.editor import ApplicationEditor
from app.ui.applications.review_dialogs import DecisionDialog, RecommendDialog
from app.ui.main_window import MainWindow

YEAR = date.today().year + 1  # a round whose deadline is still ahead: no override needed


@pytest.fixture
def submitted(demo_users):
    """Submitted applications of every enterprise of 东胜区 (all four demo ones are eligible)."""
    officer = demo_users["dongsheng"]
    found = []
    for enterprise_id in search_ids(officer, EnterpriseQuery(district_code="150602")):
        draft = applications.new_draft(officer, enterprise_id, YEAR)
        found.append(applications.submit(officer, draft.id))
    return found


@pytest.fixture
def window_for(qtbot, session_for):
    def make(login):
        window = MainWindow(session_for(login))
        qtbot.addWidget(window)
        window.show()
        return window

    return make


def round_page(window, application_id):
    page = window.pages["申报与审核"]
    page.year.setValue(YEAR)
    page.select_ids({application_id})
    assert [a.id for a in page.selected_applications()] == [application_id]
    return page


def status_of(user, application_id):
    return applications.get(user, application_id).status


def test_recommend_review_approve_through_the_window(window_for, submitted, demo_users, monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    target = submitted[0]
    # The district officer recommends, seeing the quota.
    officer_window = window_for("dongsheng")
    page = round_page(officer_window, target.id)
    assert page.review_bar.recommend_button.isEnabled() and page.review_bar.decide_button.isHidden()
    assert "已推荐 0/8 家" in page.quota_label.text()
    page.review_bar.recommend_button.click()
    dialog = page.review_bar.dialog
    assert isinstance(dialog, RecommendDialog) and dialog.isVisible()
    assert "已推荐 0/8 家" in dialog.quota.text() and dialog.override.isHidden()
    dialog.ok_button.click()  # no opinion yet: refused inside the dialog
    assert dialog.isVisible() and "必须填写" in dialog.error.text()
    dialog.opinion.setPlainText("经审核，该企业符合申报条件，同意推荐。")
    dialog.ok_button.click()
    assert not dialog.isVisible() and status_of(demo_users["dongsheng"], target.id) == "recommended"
    assert "已推荐 1/8 家" in page.quota_label.text()
    assert page.opinions.table.rowCount() == 1 and "同意推荐" in page.opinions.table.item(0, 3).text()

    # The city reviewer starts the review and approves, in a window whose dashboard is already open.
    reviewer_window = window_for("shenhe")
    dashboard = reviewer_window.pages["工作台"]
    assert dashboard.listed_value.text() == "0"
    announced = []
    reviewer_window.session.changed.connect(announced.append)
    page = round_page(reviewer_window, target.id)
    page.review_bar.start_button.click()
    assert status_of(demo_users["shenhe"], target.id) == "under_review"
    assert announced == [Changes(applications=True)]
    page.review_bar.decide_button.click()
    dialog = page.review_bar.dialog
    assert isinstance(dialog, DecisionDialog) and "同意推荐" in dialog.recommendation.text()
    dialog.set_decision("return")
    assert dialog.opinion_label.text() == "需要修改的内容："
    dialog.set_decision("approve")
    dialog.opinion.setPlainText("符合纳入条件，同意纳入重点企业保护名录。")
    announced.clear()
    dialog.ok_button.click()
    assert len(asked) == 1 and "待补充证明材料" in asked[0]  # no evidence file is attached in the demo
    assert announced == [Changes(applications=True, listing=True)]  # once; every view refreshed itself
    assert status_of(demo_users["shenhe"], target.id) == "approved"
    assert reviewer_window.pages["工作台"] is dashboard and dashboard.listed_value.text() == "1"
    listing = reviewer_window.pages["重点企业名录"]
    assert listing.model.rowCount() == 1 and listing.model.index(0, 0).data() == target.enterprise.name
    assert [page.opinions.table.item(r, 1).text() for r in range(2)] == ["旗区局推荐", "市局审核"]


def test_batch_decisions_are_all_or_nothing(window_for, submitted, demo_users, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    officer, reviewer = demo_users["dongsheng"], demo_users["shenhe"]
    for application in submitted[:2]:
        review.recommend(officer, application.id, "同意推荐")
    window = window_for("shenhe")
    page = window.pages["申报与审核"]
    page.year.setValue(YEAR)
    page.select_ids({a.id for a in submitted[:3]})  # the third is only submitted: it cannot be decided
    page.review_bar.batch_button.click()
    dialog = page.review_bar.dialog
    assert isinstance(dialog, BatchDecisionDialog) and dialog.table.rowCount() == 3
    dialog.shared_opinion.setPlainText("符合条件，同意纳入")
    dialog.shared_decision.setCurrentIndex(dialog.shared_decision.findData("approve"))
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.error.text().startswith("全部未执行")
    assert [status_of(reviewer, a.id) for a in submitted[:3]] == ["recommended", "recommended", "submitted"]
    dialog.reject()

    page.select_ids({a.id for a in submitted[:2]})
    announced = []
    window.session.changed.connect(announced.append)
    page.review_bar.batch_button.click()
    dialog = page.review_bar.dialog
    dialog.each.setChecked(True)
    assert not dialog.shared_opinion.isEnabled() and dialog.row_opinions[0].isEnabled()
    dialog.row_decisions[0].setCurrentIndex(dialog.row_decisions[0].findData("approve"))
    dialog.row_decisions[1].setCurrentIndex(dialog.row_decisions[1].findData("return"))
    dialog.row_opinions[0].setText("同意纳入")
    dialog.row_opinions[1].setText("请补充发明专利证书")
    dialog.ok_button.click()
    assert not dialog.isVisible() and announced == [Changes(applications=True, listing=True)]
    assert [status_of(reviewer, a.id) for a in submitted[:2]] == ["approved", "returned"]
    names = [a.enterprise.name for a in submitted[:2]]
    assert shown == ["\n".join([
        "共 2 份：批准纳入名录 1 份，退回修改 1 份", f"{names[0]}——批准纳入名录", f"{names[1]}——退回修改：请补充发明专利证书",
    ])]  # fmt: skip
    assert window.pages["工作台"].listed_value.text() == "1"


def test_late_recommendation_needs_the_administrator(qtbot, session_for, submitted):
    late = submitted[0].round.deadline + timedelta(days=1)
    for login, may in (("dongsheng", False), ("admin", True)):
        dialog = RecommendDialog(session_for(login), submitted[0])
        qtbot.addWidget(dialog)
        dialog.day.set_date(late)
        assert dialog.ok_button.isEnabled() is may and dialog.override.isVisibleTo(dialog) is may
    dialog.opinion.setPlainText("同意推荐")
    assert dialog.apply() is False and "截止日" in dialog.error.text()
    dialog.override.setPlainText("旗区局因系统故障延误，经分管领导同意补录")
    assert dialog.apply() is True


def test_the_editor_shows_opinions_and_decides(qtbot, session_for, submitted, demo_users):
    review.recommend(demo_users["dongsheng"], submitted[0].id, "同意推荐")
    editor = ApplicationEditor(session_for("shenhe"), submitted[0].id)
    qtbot.addWidget(editor)
    tab = editor.review_tab
    assert tab.opinions.table.rowCount() == 1 and tab.bar.decide_button.isEnabled()
    dialog = tab.bar.decide()
    dialog.set_decision("reject")
    assert dialog.opinion_label.text() == "不予纳入的理由："
    dialog.opinion.setPlainText("证明材料与申报数据不符")
    dialog.ok_button.click()
    assert tab.opinions.table.rowCount() == 2 and "未通过" in editor.windowTitle()
    assert not tab.bar.decide_button.isEnabled()
