"""The small forms of the plan editor: a new plan, project or task, and the evidence a finished task names.

Each dialog only gathers what was typed and hands it to `submit` (a service call through the session);
the service checks it and its message is shown under the field it names.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.models.plans import EVIDENCE_KINDS
from app.services.core import dates
from app.services.core.errors import DomainError
from app.ui.dirty_guard import DirtyGuard
from app.ui.widgets import date_edit, error_label, fill_combo, save_cancel_buttons, set_error, show_save_error


class FormDialog(DirtyGuard, QDialog):
    """Rows of (key, label, widget); 保存 calls `submit(values)` and closes when it succeeds."""

    def __init__(self, title: str, rows: list[tuple[str, str, QWidget]], submit: Callable[[dict], object],
                 parent: QWidget | None = None):  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(title)
        self.submit, self.widgets, self.result_value = submit, {k: w for k, _l, w in rows}, None
        self.errors = {key: error_label() for key, _l, _w in rows}
        self.message = error_label()
        form = QFormLayout()
        for key, label, widget in rows:
            column = QVBoxLayout()
            column.addWidget(widget)
            column.addWidget(self.errors[key])
            form.addRow(QLabel(label), column)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(save_cancel_buttons(self.save, self.reject))
        self.resize(460, self.sizeHint().height())
        self.guard(self.save)

    def values(self) -> dict:
        out = {}
        for key, widget in self.widgets.items():
            if isinstance(widget, QLineEdit):
                out[key] = widget.text()
            elif isinstance(widget, QPlainTextEdit):
                out[key] = widget.toPlainText()
            elif isinstance(widget, QSpinBox):
                out[key] = widget.value()
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentData()
            else:  # a DateField: its text, checked by the service's rule
                out[key] = widget.edit.text()
        return out

    def save(self) -> bool:
        for label in (*self.errors.values(), self.message):
            set_error(label, "")
        try:
            self.result_value = self.submit(self.values())
        except DomainError as exc:
            show_save_error(exc, self.errors, self.message)
            return False
        self.accept()
        return True


def _count() -> QSpinBox:
    return QSpinBox(minimum=0, maximum=100000)


def plan_dialog(submit, parent=None, title_hint: str = "") -> FormDialog:
    title = QLineEdit(title_hint)
    return FormDialog("新建工作实施方案", [
        ("title", "方案名称", title), ("goal_recommend", "推荐企业目标（家）", _count()),
        ("goal_visits", "走访目标（次）", _count()), ("goal_trainings", "培训目标（场）", _count()),
        ("notes", "工作要求", QPlainTextEdit())], submit, parent)  # fmt: skip


def project_dialog(submit, parent=None) -> FormDialog:
    return FormDialog("添加项目", [("title", "项目名称", QLineEdit()), ("description", "项目内容", QPlainTextEdit())],
                      submit, parent)  # fmt: skip


def task_dialog(submit, parent=None) -> FormDialog:
    due = date_edit(rule=dates.DUE, label="完成期限", optional=True)
    return FormDialog("添加清单任务", [("title", "任务", QLineEdit()), ("owner", "责任人", QLineEdit()),
                                     ("due_on", "完成期限", due), ("note", "备注", QLineEdit())], submit, parent)  # fmt: skip


def evidence_dialog(submit, parent=None) -> FormDialog:
    """完成依据: a visit, event or case of this register by its number (as shown in its list)."""
    kind = QComboBox()
    fill_combo(kind, EVIDENCE_KINDS)
    number = QSpinBox(minimum=1, maximum=10**9)
    return FormDialog("标记完成并注明依据", [("kind", "依据类型", kind), ("evidence", "记录编号", number)],
                      submit, parent)  # fmt: skip
