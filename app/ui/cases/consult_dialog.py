"""咨询专家…: record a consultation of a think-tank expert about this case (city roles), noted on the timeline.

The consultation is linked to the case by its uuid and to the first party taken from the register, so the
expert's declared conflicts with that enterprise are checked by the service.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.models.liaison import EXPERT_FIELDS
from app.services.core import dates
from app.services.core.errors import DomainError
from app.services.liaison import experts
from app.ui.dirty_guard import DirtyGuard
from app.ui.session import Session
from app.ui.widgets import date_edit, day_of, error_label, set_error

DEFAULT_FIELDS = {"patent-dispute": "patent", "counterfeit-patent": "patent", "patent-mediation": "patent",
                  "trademark": "trademark", "foreign": "foreign"}  # fmt: skip


class ConsultDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, case, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.case = session, case
        self.setWindowTitle(f"咨询专家 - {case.number}")
        self.setMinimumWidth(520)
        self.expert = QComboBox()
        preferred = DEFAULT_FIELDS.get(case.type)
        found = experts.experts(session.user)
        for expert in sorted(found, key=lambda e: e.field != preferred):
            detail = "，".join(x for x in (expert.organisation, expert.title) if x)
            label = f"{expert.name}（{EXPERT_FIELDS.get(expert.field, expert.field)}）"
            self.expert.addItem(f"{label} {detail}".strip(), expert.id)
        self.day = date_edit(rule=dates.HAPPENED, label="咨询日期")
        self.question = QPlainTextEdit()
        self.question.setPlaceholderText("咨询事项，例如：被控侵权产品是否落入专利权保护范围")
        self.advice = QPlainTextEdit()
        self.advice.setPlaceholderText("专家意见（可事后补充）")
        self.error = error_label()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("专家：", self.expert)
        form.addRow("咨询日期：", self.day)
        form.addRow("咨询事项：", self.question)
        form.addRow("专家意见：", self.advice)
        layout = QVBoxLayout(self)
        if not found:
            layout.addWidget(QLabel("专家智库中还没有在册专家，请先在“专家智库”中添加。"))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.guard(self.save)

    def _enterprise_id(self) -> int | None:
        return next((p.enterprise_id for p in self.case.parties if p.enterprise_id), None)

    def save(self) -> bool:
        if self.expert.currentData() is None:
            set_error(self.error, "请选择专家")
            return False
        if not self.day.check():
            return False
        day, question = day_of(self.day), self.question.toPlainText()
        try:
            self.session.perform(
                experts.record_consultation, self.session.user, self.expert.currentData(), question,
                enterprise_id=self._enterprise_id(), advice=self.advice.toPlainText(), consulted_on=day,
                case_uuid=self.case.uuid,
            )  # fmt: skip
        except DomainError as exc:
            set_error(self.error, str(exc))
            return False
        self.accept()
        return True
