"""Answering a questionnaire for one enterprise: a widget per question, checked as it is filled in, saved as a
draft or completed (every required question answered), optionally tied to one of the enterprise's visits."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.core.errors import DomainError, ValidationError
from app.services.core.permissions import can_write_enterprises
from app.services.enterprises import register as enterprises
from app.services.questionnaires import responses
from app.services.questionnaires.answer_checks import clean_answer
from app.services.questionnaires.catalogue import get, specs_of
from app.ui.dirty_guard import DirtyGuard
from app.ui.questionnaires.answer_widgets import AnswerWidget, make_widget
from app.ui.session import Session
from app.ui.widgets import error_label, set_error, show_error
from app.ui.window_state import place


class AnswerDialog(DirtyGuard, QDialog):
    def __init__(
        self, session: Session, questionnaire_id: int, enterprise_id: int, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.session = session
        self.questionnaire = get(session.user, questionnaire_id)
        self.enterprise = enterprises.get(session.user, enterprise_id)
        self.specs = specs_of(self.questionnaire)
        existing = responses.get_response(session.user, questionnaire_id, enterprise_id)
        self.setWindowTitle(f"填写问卷 - {self.enterprise.name}")
        place(self, (760, 820))
        self.widgets: dict[str, AnswerWidget] = {}
        self.errors: dict[str, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._header(existing))
        layout.addLayout(self._visit_row(existing))
        layout.addWidget(self._questions(), 1)
        layout.addLayout(self._buttons())
        answers = responses.answers_of(existing)
        for spec in self.specs:
            self.widgets[spec.uuid].set_value(answers.get(spec.uuid))
        writable = can_write_enterprises(session.user, self.enterprise.district_id)
        for button in (self.save_draft, self.complete):
            button.setEnabled(writable)
        # 保存 in the unsaved-changes question keeps a draft: completing needs every required answer.
        self.guard(lambda: self.save(complete=False))

    def _header(self, existing) -> QLabel:
        status = responses.STATUS_LABELS.get(existing.status, "") if existing else "未填写"
        label = QLabel(
            f"<b style='font-size:14pt'>{self.questionnaire.title}</b>（第{self.questionnaire.version}版）<br>"
            f"企业：{self.enterprise.name}　　状态：{status}　　<span style='color:#c0392b'>*</span> 为必答题"
        )
        label.setWordWrap(True)
        return label

    def _visit_row(self, existing) -> QHBoxLayout:
        self.visit = QComboBox()
        self.visit.addItem("（不关联走访）", None)
        for visit_id, text in responses.visits_for(self.session.user, self.enterprise.id):
            self.visit.addItem(text, visit_id)
        if existing is not None and existing.visit_id:
            self.visit.setCurrentIndex(max(self.visit.findData(existing.visit_id), 0))
        row = QHBoxLayout()
        row.addWidget(QLabel("走访记录："))
        row.addWidget(self.visit)
        row.addStretch(1)
        return row

    def _questions(self) -> QScrollArea:
        body = QWidget()
        column = QVBoxLayout(body)
        for number, spec in enumerate(self.specs, start=1):
            mark = " <span style='color:#c0392b'>*</span>" if spec.required else ""
            title = QLabel(
                f"<b>{number}. {spec.text}</b>{mark}　<span style='color:#7f7f7f'>{spec.kind_label}</span>"
            )
            title.setWordWrap(True)
            widget = make_widget(spec)
            widget.setObjectName(f"answer_{number}")
            message = error_label()
            widget.changed.connect(lambda s=spec, w=widget, m=message: self._check(s, w, m))
            self.widgets[spec.uuid], self.errors[spec.uuid] = widget, message
            for item in (title, widget, message):
                column.addWidget(item)
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setStyleSheet("color: #dddddd;")
            column.addWidget(line)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        return scroll

    def _buttons(self) -> QHBoxLayout:
        self.save_draft = QPushButton("保存草稿")
        self.complete = QPushButton("提交（完成）")
        self.complete.setDefault(True)
        cancel = QPushButton("取消")
        self.save_draft.clicked.connect(lambda: self.save(complete=False))
        self.complete.clicked.connect(lambda: self.save(complete=True))
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in (self.save_draft, self.complete, cancel):
            row.addWidget(button)
        return row

    def _check(self, spec, widget: AnswerWidget, message: QLabel) -> None:
        try:
            clean_answer(spec, widget.raw())
        except ValueError as exc:
            set_error(message, str(exc))
        else:
            set_error(message, "")

    def raw_answers(self) -> dict:
        return {uuid: widget.raw() for uuid, widget in self.widgets.items()}

    def save(self, *, complete: bool) -> bool:
        for message in self.errors.values():
            set_error(message, "")
        try:
            self.session.perform(responses.save_response, self.session.user, self.questionnaire.id, self.enterprise.id,
                                 self.raw_answers(), complete=complete, visit_id=self.visit.currentData())  # fmt: skip
        except ValidationError as exc:
            for uuid, text in exc.errors.items():
                if uuid in self.errors:
                    set_error(self.errors[uuid], text)
            QMessageBox.warning(self, "未保存", str(exc))
            return False
        except DomainError as exc:
            show_error(self, exc)
            return False
        self.accept()
        return True


def status_text(status: str) -> str:
    return responses.STATUS_LABELS.get(status, "未填写") if status else "未填写"
