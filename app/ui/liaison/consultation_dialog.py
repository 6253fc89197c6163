"""记录咨询: which expert was consulted on what, for which enterprise (and case), and the advice given."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QPlainTextEdit, QWidget

from app.models.liaison import EXPERT_FIELDS
from app.services.cases import handling as cases
from app.services.core import dates
from app.services.core.errors import DomainError
from app.services.liaison import experts
from app.ui.dirty_guard import DirtyGuard
from app.ui.enterprise_picker import EnterprisePicker
from app.ui.session import Session
from app.ui.widgets import date_edit, day_of, error_label, save_cancel_buttons, set_error, show_save_error
from app.ui.window_state import place

NO_ENTERPRISE = "none"


class ConsultationDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, expert=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("记录专家咨询")
        self.expert = QComboBox()
        for person in experts.experts(session.user):
            self.expert.addItem(
                f"{person.name}（{EXPERT_FIELDS.get(person.field, person.field)}）", person.id
            )
        if expert is not None:
            self.expert.setCurrentIndex(max(0, self.expert.findData(expert.id)))
        self.picker = EnterprisePicker(
            session, writable_only=False, extra=(("（不涉及具体企业）", NO_ENTERPRISE),)
        )
        self.case = QComboBox()
        self.case.addItem("（不涉及案件）", None)
        for case in cases.list_cases(session.user):
            self.case.addItem(f"{case.number} {case.summary[:30]}", case.uuid)
        self.consulted_on = date_edit(rule=dates.HAPPENED, label="咨询日期")
        self.question = QPlainTextEdit(placeholderText="咨询的问题")
        self.advice = QPlainTextEdit(placeholderText="专家意见摘要")
        for edit in (self.question, self.advice):
            edit.setMinimumHeight(90)
        self.errors = {key: error_label() for key in ("expert", "question", "consulted_on")}
        self.message = error_label()
        form = QFormLayout(self)
        form.addRow("* 专家：", self.expert)
        form.addRow("", self.errors["expert"])
        form.addRow("企业：", self.picker)
        form.addRow("案件：", self.case)
        form.addRow("* 咨询日期：", self.consulted_on)
        form.addRow("", self.errors["consulted_on"])
        form.addRow("* 咨询事项：", self.question)
        form.addRow("", self.errors["question"])
        form.addRow("专家意见：", self.advice)
        form.addRow(self.message)
        buttons = save_cancel_buttons(self.save, self.reject)
        form.addRow(buttons)
        place(self, (620, 560))
        self.guard(self.save)

    def save(self) -> bool:
        for label in (*self.errors.values(), self.message):
            set_error(label, "")
        if self.expert.currentData() is None:
            set_error(self.errors["expert"], "专家库中没有在库的专家")
            return False
        if not self.consulted_on.check():
            return False
        try:
            self.session.perform(
                experts.record_consultation, self.session.user, self.expert.currentData(), self.question.toPlainText(),
                enterprise_id=self.picker.current_id(), advice=self.advice.toPlainText(),
                consulted_on=day_of(self.consulted_on), case_uuid=self.case.currentData(),
            )  # fmt: skip
        except DomainError as exc:
            show_save_error(exc, self.errors, self.message)
            return False
        self.accept()
        return True
