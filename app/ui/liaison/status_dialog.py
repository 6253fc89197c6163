"""更新状态: move a follow-up item along; 已办结 and 无法解决 need the resolution text (shown in red when missing)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from app.models.liaison import FOLLOWUP_STATUSES
from app.services.core.errors import DomainError, ValidationError
from app.services.liaison import visits
from app.ui.dirty_guard import DirtyGuard
from app.ui.liaison.common import person, text_of
from app.ui.session import Session
from app.ui.widgets import error_label, fill_combo, save_cancel_buttons, select_data, set_error

CLOSING = ("done", "cannot_resolve")


class StatusDialog(DirtyGuard, QDialog):
    def __init__(self, session: Session, followup, parent: QWidget | None = None):
        super().__init__(parent)
        self.session, self.followup = session, followup
        self.setWindowTitle("更新跟进事项状态")
        what = QLabel(followup.description)
        what.setWordWrap(True)
        what.setStyleSheet("font-weight: bold;")
        facts = QLabel(
            f"{followup.enterprise.name} · 责任人：{person(followup.owner) or '未指定'}"
            f" · 完成期限：{text_of(followup.due_on) or '未定'}"
        )
        facts.setStyleSheet("color: #555;")
        facts.setWordWrap(True)
        self.status = QComboBox()
        fill_combo(self.status, visits.followup_statuses(session.user, followup) or FOLLOWUP_STATUSES)
        select_data(self.status, followup.status)
        self.status.currentIndexChanged.connect(self._hint)
        self.resolution = QPlainTextEdit(followup.resolution)
        self.resolution.setPlaceholderText("办理经过与结果；办结或无法解决时必须填写")
        self.resolution.setMinimumHeight(110)
        self.errors = {"status": error_label(), "resolution": error_label()}
        self.message = error_label()
        buttons = save_cancel_buttons(self.save, self.reject)
        form = QFormLayout(self)
        form.addRow(what)
        form.addRow(facts)
        form.addRow("状态：", self.status)
        form.addRow("", self.errors["status"])
        self.resolution_label = QLabel("办理结果：")
        form.addRow(self.resolution_label, self.resolution)
        form.addRow("", self.errors["resolution"])
        form.addRow(self.message)
        form.addRow(buttons)
        self.setMinimumWidth(480)
        self._hint()
        self.guard(self.save)

    def _hint(self) -> None:
        needed = self.status.currentData() in CLOSING
        self.resolution_label.setText("* 办理结果：" if needed else "办理结果：")

    def save(self) -> bool:
        try:
            self.session.perform(
                visits.update_followup,
                self.session.user,
                self.followup.id,
                self.status.currentData(),
                self.resolution.toPlainText(),
            )
        except ValidationError as exc:
            for name, label in self.errors.items():
                set_error(label, exc.errors.get(name, ""))
            return False
        except DomainError as exc:
            set_error(self.message, str(exc))
            return False
        self.accept()
        return True
