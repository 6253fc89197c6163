"""The decide dialog has no outcome chosen in advance, and approving a form still 待补充证明材料 asks first,
listing what is missing; answering 否 leaves the application as it was."""

from datetime import date

from PySide6.QtWidgets import QMessageBox

from app.services.applications import decisions as review
from app.services.applications import forms as applications
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.ui.applications.batch_dialog import BatchDecisionDialog
from app.ui.applications.review_dialogs import DecisionDialog

YEAR = date.today().year + 1


def _recommended(demo_users, count=1):
    officer = demo_users["dongsheng"]
    found = []
    for enterprise_id in search_ids(officer, EnterpriseQuery(district_code="150602"))[:count]:
        draft = applications.new_draft(officer, enterprise_id, YEAR)
        applications.submit(officer, draft.id)
        found.append(review.recommend(officer, draft.id, "同意推荐"))
    return found


def _answer(monkeypatch, answer):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or answer)
    return asked


def test_no_decision_is_preselected(qtbot, session_for, demo_users):
    [application] = _recommended(demo_users)
    dialog = DecisionDialog(session_for("shenhe"), application)
    qtbot.addWidget(dialog)
    assert dialog.decision() is None and not any(b.isChecked() for b in dialog.choices.buttons())
    assert not dialog.ok_button.isEnabled() and dialog.ok_button.text() == "请选择审核决定"
    dialog.opinion.setPlainText("同意纳入")
    assert dialog.apply() is False and dialog.error.text() == "请选择审核决定"
    assert applications.get(demo_users["shenhe"], application.id).status == "recommended"


def test_approving_without_evidence_lists_what_is_missing_and_no_keeps_it(qtbot, session_for, demo_users, monkeypatch):
    [application] = _recommended(demo_users)
    missing = review.evidence_missing(application)
    assert missing  # the demo attaches no evidence files
    dialog = DecisionDialog(session_for("shenhe"), application)
    qtbot.addWidget(dialog)
    dialog.set_decision("approve")
    dialog.opinion.setPlainText("同意纳入")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert dialog.apply() is False
    assert len(asked) == 1 and application.enterprise.name in asked[0]
    assert all(label in asked[0] for label in missing) and "待补充证明材料" in asked[0]
    assert applications.get(demo_users["shenhe"], application.id).status == "recommended"
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert dialog.apply() is True and applications.get(demo_users["shenhe"], application.id).status == "approved"


def test_a_refusal_is_not_asked_about(qtbot, session_for, demo_users, monkeypatch):
    [application] = _recommended(demo_users)
    dialog = DecisionDialog(session_for("shenhe"), application)
    qtbot.addWidget(dialog)
    dialog.set_decision("reject")
    dialog.opinion.setPlainText("证明材料与申报数据不符")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert dialog.apply() is True and asked == []
    assert applications.get(demo_users["shenhe"], application.id).status == "rejected"


def test_batch_asks_once_for_all_approvals_and_lists_the_results(qtbot, session_for, demo_users, monkeypatch):
    chosen = _recommended(demo_users, 3)
    dialog = BatchDecisionDialog(session_for("shenhe"), chosen)
    qtbot.addWidget(dialog)
    assert dialog.shared_decision.currentData() == "" and all(c.currentData() == "" for c in dialog.row_decisions)
    dialog.shared_opinion.setPlainText("同意纳入")
    assert dialog.apply() is False and dialog.error.text() == "请选择审核决定"
    dialog.each.setChecked(True)
    for combo, decision in zip(dialog.row_decisions, ("approve", "reject", ""), strict=True):
        combo.setCurrentIndex(combo.findData(decision))
    dialog.row_opinions[1].setText("证明材料与申报数据不符")
    assert dialog.apply() is False and dialog.error.text() == "请选择第 3 行的审核决定"
    dialog.row_decisions[2].setCurrentIndex(dialog.row_decisions[2].findData("approve"))
    dialog.row_opinions[0].setText("同意纳入")
    dialog.row_opinions[2].setText("同意纳入")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.No)
    assert dialog.apply() is False and len(asked) == 1
    names = [a.enterprise.name for a in chosen]
    assert names[0] in asked[0] and names[2] in asked[0] and names[1] not in asked[0]
    assert [applications.get(demo_users["shenhe"], a.id).status for a in chosen] == ["recommended"] * 3
    _answer(monkeypatch, QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    assert dialog.apply() is True
    assert [applications.get(demo_users["shenhe"], a.id).status for a in chosen] == ["approved", "rejected", "approved"]
    assert dialog.results == [
        "共 3 份：批准纳入名录 2 份，不予纳入 1 份",
        f"{names[0]}——批准纳入名录",
        f"{names[1]}——不予纳入：证明材料与申报数据不符",
        f"{names[2]}——批准纳入名录",
    ] and shown == ["\n".join(dialog.results)]
