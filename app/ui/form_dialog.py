"""A small form as a dialog: rows of (key, label, widget); 保存 hands what was typed to `submit` (one service call
through the session) and closes when it succeeds, or shows the service's message under the field it names.

Reads the usual widgets, a `CheckList` (the data of the ticked items), an enterprise picker (its id), and any
widget with a `form_value()` method. Closing it with something typed and unsaved asks first (`DirtyGuard`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.services.core.errors import DomainError
from app.ui.dirty_guard import DirtyGuard
from app.ui.enterprise_picker import EnterprisePicker
from app.ui.widgets import error_label, save_cancel_buttons, set_error, show_save_error


class CheckList(QListWidget):
    """Items to tick (several may be); `checked()` is the data of the ticked ones, in the list's order."""

    def __init__(self, items: Iterable[tuple[str, object]], checked: Iterable = (), parent=None):
        super().__init__(parent)
        ticked = set(checked)
        for label, data in items:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, data)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if data in ticked else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setMaximumHeight(min(24 * max(self.count(), 2) + 6, 170))

    def checked(self) -> list:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]  # fmt: skip

    def set_checked(self, data, on: bool = True) -> None:
        for i in range(self.count()):
            if self.item(i).data(Qt.ItemDataRole.UserRole) == data:
                self.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class FormDialog(DirtyGuard, QDialog):
    """Rows of (key, label, widget); 保存 calls `submit(values)` and closes when it succeeds."""

    def __init__(self, title: str, rows: list[tuple[str, str, QWidget]], submit: Callable[[dict], object],
                 parent: QWidget | None = None, width: int = 480):  # fmt: skip
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
        self.resize(width, self.sizeHint().height())
        self.guard(self.save)

    def extra_state(self) -> object:
        # What the guard's field reading misses: ticks in a CheckList, a compound widget's `form_value()`.
        return self.values()

    def values(self) -> dict:
        return {key: _value(widget) for key, widget in self.widgets.items()}

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


def _value(widget: QWidget):
    if hasattr(widget, "form_value"):  # a compound widget of a form says itself what it holds
        return widget.form_value()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, CheckList):
        return widget.checked()
    if isinstance(widget, EnterprisePicker):
        return widget.current_id()
    return widget.edit.text()  # a DateField: its text, checked by the service's rule
