"""Every editor guards what was typed: Esc after typing asks 保存 / 不保存 / 取消 — 取消 keeps the dialog open
with the text, 不保存 closes it and stores nothing, 保存 stores it; an untouched editor closes without asking."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton

from app.models import Case, Contact, Enterprise, Expert, ListEntry, Visit
from app.models import Consultation as ConsultationRow
from app.services.applications import forms as applications
from app.services.cases import handling as cases
from app.services.enterprises import register as enterprises
from app.services.enterprises.search import EnterpriseQuery, search_ids
from app.services.liaison import events as outreach
from app.services.liaison import experts
from app.services.questionnaires import catalogue as questionnaires
from app.services.questionnaires import responses
from app.ui import dirty_guard

TYPED = "刚刚输入、尚未保存的文字"
REAL_ASK = dirty_guard.ask  # tests/ui/conftest.py answers 不保存 in every test; the last test asks for real


@dataclass
class Editor:
    dialog: QDialog
    type_something: Callable[[], None]
    typed: Callable[[], str]  # what the field shows now
    stored: Callable[[], bool]  # whether the typed value reached the database


def _own(users) -> int:
    return search_ids(users["dongsheng"], EnterpriseQuery(district_code="150602"))[0]


def _enterprise(session_for, users) -> Editor:
    from app.ui.enterprises.enterprise_form import EnterpriseForm

    ent_id = _own(users)
    form = EnterpriseForm(session_for("dongsheng"), ent_id)
    field = form.basic.inputs["operating_address"]
    return Editor(form, lambda: field.setText(TYPED), field.text,
                  lambda: enterprises.get(users["dongsheng"], ent_id).operating_address == TYPED)  # fmt: skip


def _contact(session_for, users) -> Editor:
    from app.ui.enterprises.contact_dialog import ContactDialog

    dialog = ContactDialog(session_for("dongsheng"), _own(users))
    name = dialog.inputs["name"]
    return Editor(dialog, lambda: name.setText("王晓"), name.text,
                  lambda: Contact.select().where(Contact.name == "王晓").exists())  # fmt: skip


def _application(session_for, users) -> Editor:
    from app.ui.applications.editor import ApplicationEditor

    draft = applications.new_draft(users["dongsheng"], _own(users), date.today().year)
    editor = ApplicationEditor(session_for("dongsheng"), draft.id)
    box = editor.sections["F"].boxes["risk_training"]

    def stored() -> bool:
        return "risk_training" in applications.form_of(applications.get(users["dongsheng"], draft.id)).needs

    return Editor(editor, lambda: box.setChecked(True), lambda: str(box.isChecked()), stored)


def _visit(session_for, users) -> Editor:
    from app.ui.liaison.visit_dialog import VisitDialog

    dialog = VisitDialog(session_for("dongsheng"), _own(users))
    notes = dialog.texts["notes"]
    return Editor(dialog, lambda: notes.setPlainText(TYPED), notes.toPlainText,
                  lambda: Visit.select().where(Visit.notes == TYPED).exists())  # fmt: skip


def _event(session_for, users) -> Editor:
    from app.ui.liaison.event_dialog import EventDialog

    dialog = EventDialog(session_for("dongsheng"))
    return Editor(dialog, lambda: dialog.topic.setText(TYPED), dialog.topic.text,
                  lambda: any(e.topic == TYPED for e in outreach.events(users["dongsheng"])))  # fmt: skip


def _expert(session_for, users) -> Editor:
    from app.ui.liaison.expert_dialog import ExpertDialog

    dialog = ExpertDialog(session_for("admin"))

    def type_something() -> None:
        dialog.inputs["name"].setText("王立新")
        dialog.field.setCurrentIndex(dialog.field.findData("patent"))

    return Editor(dialog, type_something, dialog.inputs["name"].text,
                  lambda: Expert.select().where(Expert.name == "王立新").exists())  # fmt: skip


def _consultation(session_for, users) -> Editor:
    from app.ui.liaison.consultation_dialog import ConsultationDialog

    experts.save_expert(users["admin"], {"name": "李专家", "field": "patent", "conflicts": ""})
    dialog = ConsultationDialog(session_for("admin"))
    return Editor(dialog, lambda: dialog.question.setPlainText(TYPED), dialog.question.toPlainText,
                  lambda: ConsultationRow.select().where(ConsultationRow.question == TYPED).exists())  # fmt: skip


def _answer(session_for, users) -> Editor:
    from app.ui.questionnaires.answer_dialog import AnswerDialog

    survey = questionnaires.install_builtin(users["admin"])
    ent_id = _own(users)
    dialog = AnswerDialog(session_for("dongsheng"), survey.id, ent_id)
    first = dialog.widgets[dialog.specs[0].uuid]
    yes = next(b for b in first.buttons if b.text() == "是")
    return Editor(dialog, lambda: yes.setChecked(True), lambda: str(yes.isChecked()),
                  lambda: responses.get_response(users["dongsheng"], survey.id, ent_id) is not None)  # fmt: skip


def _outcome_case(users) -> Case:
    ent = Enterprise.select().order_by(Enterprise.id).first()
    ListEntry.create(enterprise=ent, listed_on=date(2025, 1, 10), next_review_on=date(2027, 1, 10))
    case = cases.create_case(
        users["admin"],
        {
            "type": "patent-dispute",
            "summary": "发明专利侵权纠纷",
            "received_on": date.today() - timedelta(days=3),
        },
        [{"uscc": ent.uscc, "role": "complainant"}, {"name": "某机械厂", "role": "respondent"}],
        [{"kind": "patent", "number": "ZL201910000002.X", "title": "一种输送装置"}],
    )
    return case


def _case_outcome(session_for, users) -> Editor:
    from app.ui.cases.detail_dialog import CaseDetailDialog

    case = _outcome_case(users)
    dialog = CaseDetailDialog(session_for("admin"), case.id)
    box = dialog.outcome

    def type_something() -> None:
        box.outcome.setCurrentIndex(box.outcome.findData("withdrawn"))
        box.note.setText(TYPED)

    return Editor(dialog, type_something, box.note.text,
                  lambda: Case.get_by_id(case.id).outcome_note == TYPED)  # fmt: skip


def _holding(session_for, users) -> Editor:
    from app.models import IPHolding
    from app.ui.enterprises.holding_dialog import HoldingDialog

    ent_id = _own(users)
    dialog = HoldingDialog(session_for("dongsheng"), ent_id, {}, date.today().year)
    spin = dialog.counts["invention_patents"]
    return Editor(dialog, lambda: spin.setValue(4321), spin.text,
                  lambda: IPHolding.select().where(IPHolding.invention_patents == 4321).exists())  # fmt: skip


def _honor(session_for, users) -> Editor:
    from app.models import Honor
    from app.ui.enterprises.honors_tab import HonorDialog

    dialog = HonorDialog(session_for("dongsheng"), _own(users))
    return Editor(dialog, lambda: dialog.title.setText(TYPED), dialog.title.text,
                  lambda: Honor.select().where(Honor.title == TYPED).exists())  # fmt: skip


def _case_consultation(session_for, users) -> Editor:
    from app.ui.cases.consult_dialog import ConsultDialog

    experts.save_expert(users["admin"], {"name": "李专家", "field": "patent", "conflicts": ""})
    case = _outcome_case(users)
    dialog = ConsultDialog(session_for("admin"), case)
    return Editor(dialog, lambda: dialog.question.setPlainText(TYPED), dialog.question.toPlainText,
                  lambda: ConsultationRow.select().where(ConsultationRow.question == TYPED).exists())  # fmt: skip


def _timeline(session_for, users) -> Editor:
    from app.models import CaseEvent
    from app.ui.cases.detail_dialog import CaseDetailDialog

    case = _outcome_case(users)
    dialog = CaseDetailDialog(session_for("admin"), case.id)
    row = dialog.timeline

    def type_something() -> None:
        row.choose("note")
        row.day.set_date(date.today() - timedelta(days=1))
        row.note.setText(TYPED)

    return Editor(dialog, type_something, row.note.text,
                  lambda: CaseEvent.select().where(CaseEvent.note == TYPED).exists())  # fmt: skip


def _listed_entry(users) -> ListEntry:
    ent = Enterprise.get_by_id(_own(users))
    return ListEntry.create(enterprise=ent, listed_on=date(2024, 3, 1), next_review_on=date(2026, 3, 1))


def _re_exam(session_for, users) -> Editor:
    from app.models import Review
    from app.ui.listing.list_dialogs import ReExamDialog

    dialog = ReExamDialog(session_for("admin"), _listed_entry(users))
    return Editor(dialog, lambda: dialog.opinion.setPlainText(TYPED), dialog.opinion.toPlainText,
                  lambda: Review.select().where(Review.opinion == TYPED).exists())  # fmt: skip


def _submitted(users, count: int = 1, recommend: bool = True) -> list:
    from app.services.applications import decisions as review

    officer, year = users["dongsheng"], date.today().year + 1
    found = []
    for ent_id in search_ids(officer, EnterpriseQuery(district_code="150602"))[:count]:
        draft = applications.submit(officer, applications.new_draft(officer, ent_id, year).id)
        found.append(review.recommend(officer, draft.id, "同意推荐") if recommend else draft)
    return found


def _opinion_stored() -> bool:
    from app.models import Review

    return Review.select().where(Review.opinion == TYPED).exists()


def _recommend(session_for, users) -> Editor:
    from app.ui.applications.review_dialogs import RecommendDialog

    dialog = RecommendDialog(session_for("dongsheng"), _submitted(users, recommend=False)[0])
    return Editor(dialog, lambda: dialog.opinion.setPlainText(TYPED), dialog.opinion.toPlainText, _opinion_stored)


def _decide(session_for, users) -> Editor:
    from app.ui.applications.review_dialogs import DecisionDialog

    dialog = DecisionDialog(session_for("shenhe"), _submitted(users)[0])

    def type_something() -> None:
        dialog.set_decision("reject")
        dialog.opinion.setPlainText(TYPED)

    return Editor(dialog, type_something, dialog.opinion.toPlainText, _opinion_stored)


def _decide_batch(session_for, users) -> Editor:
    from app.ui.applications.batch_dialog import BatchDecisionDialog

    dialog = BatchDecisionDialog(session_for("shenhe"), _submitted(users, 2))

    def type_something() -> None:
        dialog.shared_decision.setCurrentIndex(dialog.shared_decision.findData("return"))
        dialog.shared_opinion.setPlainText(TYPED)

    return Editor(dialog, type_something, dialog.shared_opinion.toPlainText, _opinion_stored)


def _followup_status(session_for, users) -> Editor:
    from app.models import FollowUp
    from app.services.liaison import visits
    from app.ui.liaison.status_dialog import StatusDialog

    item = visits.NewFollowUp("协调商标侵权线索移交执法", date.today() + timedelta(days=10), users["dongsheng"])
    followup = visits.add_followup(users["dongsheng"], _own(users), item)
    dialog = StatusDialog(session_for("dongsheng"), followup)
    return Editor(dialog, lambda: dialog.resolution.setPlainText(TYPED), dialog.resolution.toPlainText,
                  lambda: FollowUp.get_by_id(followup.id).resolution == TYPED)  # fmt: skip


def _assign(session_for, users) -> Editor:
    from app.models import LiaisonAssignment
    from app.ui.liaison.assign_dialog import AssignDialog

    dialog = AssignDialog(session_for("admin"), _own(users))
    return Editor(dialog, lambda: dialog.note.setText(TYPED), dialog.note.text,
                  lambda: LiaisonAssignment.select().where(LiaisonAssignment.note == TYPED).exists())  # fmt: skip


def _account(session_for, users) -> Editor:
    from app.models import User
    from app.ui.accounts.user_dialog import UserDialog

    dialog = UserDialog(session_for("admin"))

    def type_something() -> None:
        dialog.login_edit.setText("wangxiao")
        dialog.name_edit.setText("王晓")
        dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("viewer"))

    return Editor(dialog, type_something, dialog.name_edit.text,
                  lambda: User.select().where(User.login == "wangxiao").exists())  # fmt: skip


def _design(session_for, users) -> Editor:
    from app.models import Questionnaire
    from app.ui.questionnaires.designer import DesignerDialog

    dialog = DesignerDialog(session_for("admin"))

    def type_something() -> None:  # a question's text: held in the list of questions, not only in a field
        dialog.title.setText("企业知识产权需求调查")
        dialog.add_question()
        dialog.text.setPlainText(TYPED)

    return Editor(dialog, type_something, dialog.text.toPlainText,
                  lambda: Questionnaire.select().where(Questionnaire.title == "企业知识产权需求调查").exists())


def _work_plan(session_for, users) -> Editor:
    from app.models import WorkPlan
    from app.services.plans import work_plans
    from app.ui.plans.dialogs import plan_dialog

    def submit(data: dict):
        return work_plans.create_plan(users["admin"], "150602", date.today().year, data)

    dialog = plan_dialog(submit, title_hint="东胜区知识产权重点企业保护工作实施方案")
    notes = dialog.widgets["notes"]
    return Editor(dialog, lambda: notes.setPlainText(TYPED), notes.toPlainText,
                  lambda: WorkPlan.select().where(WorkPlan.notes == TYPED).exists())  # fmt: skip


def _agency(session_for, users) -> Editor:
    from app.models import PartnerAgency
    from app.ui.enforcement.dialogs import agency_dialog

    dialog = agency_dialog(session_for("admin"))
    name = dialog.widgets["name"]
    return Editor(dialog, lambda: name.setText(TYPED), name.text,
                  lambda: PartnerAgency.select().where(PartnerAgency.name == TYPED).exists())  # fmt: skip


def _reason(session_for, users) -> Editor:
    from app.ui.text_dialog import TextDialog

    dialog = TextDialog(None, "取消重要案件标记", "请填写取消重要案件标记的理由：")
    return Editor(dialog, lambda: dialog.edit.setPlainText(TYPED), dialog.text,
                  lambda: dialog.result() == QDialog.DialogCode.Accepted)  # fmt: skip


EDITORS = {
    "企业": _enterprise,
    "联系人": _contact,
    "申报表": _application,
    "走访": _visit,
    "活动": _event,
    "专家": _expert,
    "专家咨询": _consultation,
    "问卷": _answer,
    "案件结果": _case_outcome,
    "知识产权年度数据": _holding,
    "荣誉称号": _honor,
    "案件咨询专家": _case_consultation,
    "案件登记": _timeline,
    "名录复核": _re_exam,
    "推荐意见": _recommend,
    "审核决定": _decide,
    "批量审核决定": _decide_batch,
    "更新状态": _followup_status,
    "指定联络人": _assign,
    "账号": _account,
    "问卷设计": _design,
    "工作方案": _work_plan,
    "协作单位": _agency,
    "理由或意见": _reason,
}


def _new_case(session_for, users) -> Editor:
    from app.ui.cases.new_case_dialog import NewCaseDialog

    dialog = NewCaseDialog(session_for("admin"))
    return Editor(dialog, lambda: dialog.summary.setPlainText(TYPED), dialog.summary.toPlainText,
                  lambda: Case.select().where(Case.summary == TYPED).exists())  # fmt: skip


# Editors whose 保存 needs more than one typed field (a case needs its parties): guarded all the same.
NOT_SAVED_HERE = {"新建案件": _new_case}
ALL = {**EDITORS, **NOT_SAVED_HERE}


@pytest.fixture(autouse=True)
def _results_read(monkeypatch):
    """The batch decision lists its results in a message box once saved: read, and closed."""
    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)


@pytest.fixture
def asked(monkeypatch):
    """Answers the unsaved-changes question with `asked.answer` and records that it was asked."""

    class Asked(list):
        answer = dirty_guard.CANCEL

    record = Asked()
    monkeypatch.setattr(dirty_guard, "ask", lambda parent, text: record.append(text) or record.answer)
    return record


def test_a_form_dialog_guards_the_ticks_of_its_check_list(qtbot, asked):
    """A CheckList is no field the guard reads by itself: the form reports its ticks."""
    from PySide6.QtWidgets import QLineEdit

    from app.ui.form_dialog import CheckList, FormDialog

    parties = CheckList([("市场监管局", 1), ("海关", 2)])
    dialog = FormDialog("登记协作协议", [("title", "协议名称", QLineEdit()), ("parties", "协作单位", parties)],
                        lambda data: True)  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    parties.set_checked(2)
    _escape(qtbot, dialog)
    assert len(asked) == 1 and dialog.isVisible()
    parties.set_checked(2, on=False)  # back as it was: nothing left to ask about
    _escape(qtbot, dialog)
    assert len(asked) == 1 and not dialog.isVisible()


def _open(qtbot, session_for, demo_users, name) -> Editor:
    editor = ALL[name](session_for, demo_users)
    qtbot.addWidget(editor.dialog)
    editor.dialog.show()
    return editor


def _escape(qtbot, dialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)


@pytest.mark.parametrize("name", list(ALL))
def test_an_untouched_editor_closes_without_asking(qtbot, session_for, demo_users, asked, name):
    editor = _open(qtbot, session_for, demo_users, name)
    _escape(qtbot, editor.dialog)
    assert asked == [] and not editor.dialog.isVisible()


@pytest.mark.parametrize("name", list(ALL))
def test_cancel_keeps_the_editor_open_with_the_text(qtbot, session_for, demo_users, asked, name):
    editor = _open(qtbot, session_for, demo_users, name)
    editor.type_something()
    before = editor.typed()
    _escape(qtbot, editor.dialog)
    assert len(asked) == 1 and editor.dialog.isVisible() and editor.typed() == before
    editor.dialog.close()  # the window's close button asks too
    assert len(asked) == 2 and editor.dialog.isVisible()
    assert not editor.stored()


@pytest.mark.parametrize("name", list(ALL))
def test_dont_save_closes_and_stores_nothing(qtbot, session_for, demo_users, asked, name):
    editor = _open(qtbot, session_for, demo_users, name)
    editor.type_something()
    asked.answer = dirty_guard.DISCARD
    _escape(qtbot, editor.dialog)
    assert len(asked) == 1 and not editor.dialog.isVisible() and not editor.stored()


@pytest.mark.parametrize("name", list(EDITORS))
def test_save_stores_and_closes(qtbot, session_for, demo_users, asked, name):
    editor = _open(qtbot, session_for, demo_users, name)
    editor.type_something()
    asked.answer = dirty_guard.SAVE
    _escape(qtbot, editor.dialog)
    assert len(asked) == 1 and editor.stored() and not editor.dialog.isVisible()


def test_a_failed_save_keeps_the_editor_open(qtbot, session_for, demo_users, asked):
    from app.ui.liaison.expert_dialog import ExpertDialog

    dialog = ExpertDialog(session_for("admin"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.inputs["name"].setText("王立新")  # 专业领域 is still missing
    asked.answer = dirty_guard.SAVE
    _escape(qtbot, dialog)
    assert dialog.isVisible() and not dialog.errors["field"].isHidden()
    assert not Expert.select().exists()


def test_the_question_offers_save_dont_save_and_cancel(qtbot, monkeypatch):
    """The real box: three Chinese choices, 取消 the default; clicking one answers."""
    seen = {}

    def click(box: QMessageBox, text: str):
        seen["buttons"] = [b.text() for b in box.findChildren(QPushButton)]
        seen["default"] = box.defaultButton().text()
        next(b for b in box.buttons() if b.text() == text).click()

    for text, expected in (
        ("不保存", dirty_guard.DISCARD),
        ("保存", dirty_guard.SAVE),
        ("取消", dirty_guard.CANCEL),
    ):
        monkeypatch.setattr(QMessageBox, "exec", lambda box, t=text: click(box, t))
        assert REAL_ASK(None, "有未保存的修改。") == expected
    assert sorted(seen["buttons"]) == sorted(["保存", "不保存", "取消"]) and seen["default"] == "取消"


def test_the_case_files_two_areas_are_guarded_apart(qtbot, session_for, demo_users, asked):
    """Saving the outcome keeps what is typed in the 登记 row (and its guard); 保存 then records the event."""
    from app.models import CaseEvent

    editor = _open(qtbot, session_for, demo_users, "案件登记")
    dialog, row = editor.dialog, editor.dialog.timeline
    editor.type_something()
    dialog.outcome.outcome.setCurrentIndex(dialog.outcome.outcome.findData("withdrawn"))
    assert dialog.outcome.save()  # the file reloads
    assert row.note.text() == TYPED and row.kind.currentData() == "note" and dialog.is_dirty()
    asked.answer = dirty_guard.SAVE
    _escape(qtbot, dialog)
    assert len(asked) == 1 and not dialog.isVisible()
    assert CaseEvent.select().where(CaseEvent.note == TYPED).exists()
