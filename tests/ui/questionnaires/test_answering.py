"""Answering a questionnaire in the window: inline checks, draft then complete, the page and the results chart."""

import pytest
from PySide6.QtCharts import QChartView, QHorizontalBarSeries
from PySide6.QtWidgets import QMessageBox

from app.models import District, Enterprise
from app.services.core.changes import Changes
from app.services.questionnaires import catalogue as questionnaires
from app.services.questionnaires import responses as questionnaire_responses
from app.ui.questionnaires.answer_dialog import AnswerDialog
from app.ui.questionnaires.page import QuestionnairesPage
from app.ui.questionnaires.results_view import ResultsDialog


@pytest.fixture
def survey(demo_users):
    return questionnaires.install_builtin(demo_users["admin"])


def _dongsheng(n: int = 0) -> Enterprise:
    district = District.get(District.code == "150602")
    return Enterprise.select().where(Enterprise.district == district).order_by(Enterprise.name_key)[n]


def _click(widget, text: str) -> None:
    next(b for b in widget.buttons if b.text() == text).setChecked(True)


def _fill_required(dialog: AnswerDialog) -> None:
    w = [dialog.widgets[s.uuid] for s in dialog.specs]
    _click(w[0], "是")
    w[1].edit.setText("3")
    _click(w[3], "否")
    _click(w[5], "纠纷多元化解")
    _click(w[5], "专家智库咨询")
    _click(w[6], "纠纷多元化解")
    _click(w[10], "4")


def test_answer_with_inline_checks_then_complete(qtbot, session_for, survey, monkeypatch):
    session = session_for("dongsheng")
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    enterprise = _dongsheng()
    dialog = AnswerDialog(session, survey.id, enterprise.id)
    qtbot.addWidget(dialog)
    dialog.show()
    people = dialog.widgets[dialog.specs[1].uuid]
    message = dialog.errors[dialog.specs[1].uuid]
    people.edit.setText("900")
    assert message.isVisible() and "超出允许范围（0–500 人）" in message.text()
    people.edit.setText("12")
    assert not message.isVisible()
    # Completing with required questions blank is refused, each one marked.
    assert not dialog.save(complete=True)
    assert warnings and "第1题：必答题" in warnings[0]
    assert dialog.errors[dialog.specs[0].uuid].text() == "必答题，请填写"
    _fill_required(dialog)
    dialog.widgets[dialog.specs[11].uuid].edit.setText("2024年5月6日")
    with qtbot.waitSignal(session.changed) as signal:
        assert dialog.save(complete=True)
    assert signal.args == [Changes(responses=True)]
    response = questionnaire_responses.find_response(survey.id, enterprise.id)
    answers = questionnaire_responses.answers_of(response)
    assert response.status == "complete" and response.entered_by_id == session.user.id
    assert answers[dialog.specs[1].uuid] == 3 and answers[dialog.specs[11].uuid] == "2024-05-06"
    assert answers[dialog.specs[5].uuid] == ["纠纷多元化解", "专家智库咨询"]


def test_draft_is_saved_and_reopened(qtbot, session_for, survey, tmp_path):
    session = session_for("dongsheng")
    enterprise = _dongsheng(1)
    dialog = AnswerDialog(session, survey.id, enterprise.id)
    qtbot.addWidget(dialog)
    _click(dialog.widgets[dialog.specs[0].uuid], "否")
    dialog.widgets[dialog.specs[12].uuid].edit.setPlainText("希望多组织培训")
    assert dialog.save(complete=False)
    assert questionnaire_responses.find_response(survey.id, enterprise.id).status == "draft"
    again = AnswerDialog(session, survey.id, enterprise.id)
    qtbot.addWidget(again)
    assert again.widgets[again.specs[0].uuid].raw() == "否"
    assert again.widgets[again.specs[12].uuid].raw() == "希望多组织培训"
    _fill_required(again)
    again.resize(760, 900)
    again.show()
    qtbot.waitExposed(again)
    again.grab().save("screenshots/q_answer_dialog.png")
    assert again.save(complete=True)


def test_viewer_cannot_save(qtbot, session_for, survey):
    dialog = AnswerDialog(session_for("chakan"), survey.id, _dongsheng().id)
    qtbot.addWidget(dialog)
    assert not dialog.complete.isEnabled() and not dialog.save_draft.isEnabled()


def test_page_lists_and_results_chart(qtbot, session_for, survey, demo_users):
    admin = demo_users["admin"]
    specs = questionnaires.specs_of(survey)
    picks = [["是", 5, "纠纷多元化解", 4], ["否", 2, "专家智库咨询", 5], ["是", 8, "纠纷多元化解", 3],
             ["是", 1, "维权援助与法律援助", 4]]  # fmt: skip
    for n, (has_dept, people, need, rating) in enumerate(picks):
        raw = {specs[0].uuid: has_dept, specs[1].uuid: people, specs[3].uuid: "否", specs[5].uuid: [need],
               specs[6].uuid: need, specs[10].uuid: rating}  # fmt: skip
        questionnaire_responses.save_response(admin, survey.id, _dongsheng(n).id, raw, complete=True)
    page = QuestionnairesPage(session_for("dongsheng"))
    qtbot.addWidget(page)
    assert page.table.rowCount() == 1 and page.table.item(0, 4).text() == "4"
    assert not page.buttons["new"].isVisible()
    dialog = ResultsDialog(session_for("admin"), survey.id)
    qtbot.addWidget(dialog)
    dialog.questions.setCurrentRow(6)
    view = dialog.findChild(QChartView)
    [series] = view.chart().series()
    assert isinstance(series, QHorizontalBarSeries)
    bars = series.barSets()[0]
    values = [bars.at(i) for i in range(bars.count())][::-1]
    assert values[3] == 2.0 and values[4] == 1.0 and sum(values) == 4
    assert dialog.figures.item(3, 2).text() == "50.0%"
    dialog.resize(1100, 720)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.grab().save("screenshots/q_results_chart.png")
    dialog.questions.setCurrentRow(1)
    assert not view.isVisible() and dialog.figures.item(1, 1).text() == "4.0"


def test_designer_creates_then_versions(qtbot, session_for, survey, monkeypatch):
    from app.ui.questionnaires.designer import DesignerDialog

    session = session_for("admin")
    dialog = DesignerDialog(session)
    qtbot.addWidget(dialog)
    dialog.title.setText("培训满意度回访")
    dialog.add_question()
    dialog.text.setPlainText("培训内容是否有用？")
    dialog.kind.setCurrentIndex(dialog.kind.findData("yes_no"))
    dialog.required.setChecked(True)
    dialog.save()
    created = dialog.saved
    assert created is not None and questionnaires.specs_of(created)[0].kind == "yes_no"
    enterprise = _dongsheng()
    spec = questionnaires.specs_of(created)[0]
    questionnaire_responses.save_response(
        session.user, created.id, enterprise.id, {spec.uuid: "是"}, complete=True
    )
    asked = []
    monkeypatch.setattr("app.ui.questionnaires.designer.confirm", lambda *a: asked.append(a[2]) or True)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    editor = DesignerDialog(session, created.id)
    qtbot.addWidget(editor)
    editor.add_question()
    editor.text.setPlainText("还希望参加哪类培训？")
    editor.kind.setCurrentIndex(editor.kind.findData("text"))
    editor.save()
    assert "已有 1 份答卷" in asked[0] and editor.saved.version == 2
    assert questionnaire_responses.find_response(created.id, enterprise.id) is not None
